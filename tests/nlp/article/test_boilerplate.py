"""Boilerplate rules, one snippet per rule, plus offsets and worst-case timing."""
from __future__ import annotations

import pytest

from service.nlp.article.boilerplate import REASONS, classify_line, find_boilerplate

from tests.timing import assert_linear


def regions(text):
    return [(text[r.start:r.end], r.reason) for r in find_boilerplate(text)]


@pytest.mark.parametrize("line, reason", [
    # share / follow prompts
    ("Share this article on Facebook", "share_prompt"),
    ("Note to our readers: please use the buttons below to spread the word.", "share_prompt"),
    ("Follow us on Telegram for daily updates.", "share_prompt"),
    ("Please click the share buttons to tell your friends.", "share_prompt"),
    ("[Follow Example Daily on Twitter](#)", "share_prompt"),
    # donations
    ("SUPPORT OUR NEWSROOM:", "donation"),
    ("Donate", "donation"),
    ("Patreon: https://example.org/ourpage", "donation"),
    ("Bitcoin: 1A2b3C4d5E6f", "donation"),
    ("You can help at <https://example.org/donate/> today", "donation"),
    # disclaimers
    ("Disclaimer: The views of contributors are their own.", "disclaimer"),
    ("The views expressed in this column are the author's own.", "disclaimer"),
    ("This site contains copyrighted material whose use has not been authorized.", "disclaimer"),
    ("Opinions here do not necessarily reflect the views of the publisher.", "disclaimer"),
    # copyright
    ("Copyright © Example Media, 2020", "copyright"),
    ("© 2022 Example Media Group. All rights reserved.", "copyright"),
    # attribution and credits
    ("The original source of this article is [Example Wire](#)", "credit"),
    ("This article was originally published on Example Review.", "credit"),
    ("Jane Roe contributed reporting from Lagos.", "credit"),
    ("Reporting by Jane Roe; Editing by John Doe", "credit"),
    ("Photo: Jane Roe/Example Agency", "credit"),
    # comment / member prompts
    ("[Comment on this story on our forum](#)", "comment_prompt"),
    ("Become a Member of the Example Club", "comment_prompt"),
    ("12 comments", "comment_prompt"),
    ("Join the conversation", "comment_prompt"),
    # bylines
    ("By Jane Roe and John Doe", "byline"),
    ("By [Example Wire](#)", "byline"),
    ("Articles by: [Jane Roe](#)", "byline"),
    ("Author: Jane Roe", "byline"),
    # publication lines
    ("Published March 3, 2020 Updated March 4, 2020", "publication_date"),
    ("Example Review, March 3, 2020", "publication_date"),
    ("[Example Wire](#) 3 March 2020", "publication_date"),
    ("Posted on 2020-03-03", "publication_date"),
    # navigation and labels
    ("Read also: Floods hit the coast", "navigation"),
    ("READ MORE: Storm warnings", "navigation"),
    ("Related stories:", "navigation"),
    ("Region: [Europe](#)", "navigation"),
    ("Theme: [Economy](#)", "navigation"),
    ("In-depth Report: [ELECTIONS](#)", "navigation"),
    ("Tags: floods, weather", "navigation"),
    ("https://example.org/media/clip-01.mp4", "navigation"),
    ("[Get the app](#) | [Home](#)", "navigation"),
    ("All our articles can be read in 40 languages: use the Translate Website menu.",
     "share_prompt"),
    # newsletters
    ("Sign up for our morning newsletter.", "subscribe"),
    ("Storm updates Sign up for a weekly email with the latest forecasts. [Go](#)", "subscribe"),
    ("Subscribe to our YouTube channel", "subscribe"),
    # ads
    ("Advertisement", "advertisement"),
    ("Article continues after this advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    # contact
    ("For media inquiries: press@example.org", "contact"),
    # embedded posts
    ("@jane_roe", "social_embed"),
    ("Heart 12 Comment 3 Share this Tweet", "social_embed"),
    ("1.2K Likes 300 Retweets", "social_embed"),
    ("[Tweet your reply](#)", "social_embed"),
    ("View this post on Instagram", "social_embed"),
    ("A post shared by Jane Roe", "social_embed"),
])
def test_rule(line, reason):
    assert reason in REASONS
    assert classify_line(line) == reason


@pytest.mark.parametrize("line", [
    "The mayor said the floods had destroyed 40 homes on Tuesday.",
    "Support for the plan has grown among farmers, officials said.",
    "By the time rescuers arrived, the river had risen two meters.",
    "She shared the video on Facebook, where it was viewed thousands of times.",
    "Residents were told to follow the instructions of the fire service.",
    "The company said PayPal had frozen its account last year.",
    "Related charges were filed against two officers.",
    "Comments by the minister drew criticism.",
    "Heart disease killed 12 people in the town.",
    "March 3, 2020 was the day the dam failed, residents recall, and the town never recovered.",
    "Jane Roe",
])
def test_story_lines_are_kept(line):
    assert classify_line(line) is None


def test_offsets_relative_to_input_and_blank_lines_skipped():
    text = "Storm hits coast\n\n  Advertisement  \r\n\nThe storm hit on Monday.\n"
    found = find_boilerplate(text)
    assert len(found) == 1
    region = found[0]
    assert text[region.start:region.end] == "Advertisement"
    assert region.reason == "advertisement"


def test_disclaimer_extends_over_its_wrapped_paragraph():
    text = ("The storm hit on Monday.\n\nDisclaimer: the publisher is not liable for\n"
            "statements by Jane Roe or the Example Agency\nin this article.\n\nNext paragraph.")
    found = regions(text)
    assert [reason for _, reason in found] == ["disclaimer"] * 3
    assert found[1][0] == "statements by Jane Roe or the Example Agency"
    assert "Next paragraph." not in [t for t, _ in found]


def test_embedded_post_name_line_above_handle():
    text = ("The video spread quickly.\n\n Jane Roe\n@janeroe\n\nThe river is rising.\n\n"
            "Heart 40 Comment 2 Share this Tweet\n\nOfficials said the dam held.")
    found = regions(text)
    assert ("Jane Roe", "social_embed") in found
    assert ("@janeroe", "social_embed") in found
    assert ("Heart 40 Comment 2 Share this Tweet", "social_embed") in found
    # the post's own text is content
    assert all(t != "The river is rising." for t, _ in found)


def test_caption_and_credit_are_split():
    caption = "Rescuers search the rubble in the old town on Monday."
    credit = "Jane Roe/Example Agency — Example Images"
    text = f"The quake struck at dawn.\n\n{caption} {credit}\n\nMore text follows here."
    assert regions(text) == [(caption, "caption"), (credit, "credit")]


def test_caption_credit_with_for():
    text = "Children play near the port. Jane Roe for The Example Times\n"
    assert regions(text) == [("Children play near the port.", "caption"),
                             ("Jane Roe for The Example Times", "credit")]


def test_body_sentence_ending_with_slash_names_is_not_a_caption():
    text = "The poll was run by Example Research/Example Polls\n"
    assert regions(text) == []


def test_footer_block():
    text = ("Floods hit the coast\n\nBy Jane Roe\n\nThe river rose on Monday.\n\n*\n\n"
            "Note to readers: please share this article.\n\nSUPPORT US:\n\n"
            "PayPal: donations@example.org\n\nCopyright © Example Media, 2020\n\n"
            "Articles by: [Jane Roe](#)\n")
    reasons = [reason for _, reason in regions(text)]
    assert reasons == ["byline", "share_prompt", "donation", "donation", "copyright", "byline"]


@pytest.mark.parametrize("chunk", [
    "word ", "Ab ", "Ab/Cd ", "A. ", "[a](b)", "[", "@", " ", "\n", "— ", "By Ab Cd and ",
    "Heart 1 ", "Sign up for a a a a a a a newsletter. ", "Ab Cd Ef/Gh Ij — Kl Mn. ",
    "Aug 1 2020 ", "Share this ", "© ", "https://x.org/" + "a" * 50 + " ",
])
def test_linear_on_100k_worst_cases(chunk):
    def run(size):
        find_boilerplate((chunk * (size // len(chunk) + 1))[:size])
        find_boilerplate((("Ab Cd " * 30 + "\n") * (size // 181 + 1))[:size])

    assert_linear(run, size=25_000)
