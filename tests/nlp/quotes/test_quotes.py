"""The quotes layer: one short sentence per rule (all sentences written for these tests)."""
from __future__ import annotations

import random

import pytest

from service.nlp.quotes.marks import pair_quotes


@pytest.fixture(scope="session")
def quotes(annotator):  # the session annotator from conftest.py
    def run(text: str) -> list[dict]:
        return annotator.annotate(text, layers=("quotes",))["quotes"]
    return run


def texts(found):
    return [q["text"] for q in found]


def speaker(quote):
    return quote["speaker"] and quote["speaker"]["name"]


def spans(text):
    return [text[q.start:q.end] for q in pair_quotes(text)]


# ---- quotation marks ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ('Ann Lee said “we will stay” today.', ["we will stay"]),
    ("Ann Lee said ‘we will stay’ today.", ["we will stay"]),
    ('Ann Lee said "we will stay" today.', ["we will stay"]),
    ("Ann Lee said 'we will stay' today.", ["we will stay"]),
    ("Ann Lee said « we will stay » today.", ["we will stay"]),
    ("Ann Lee said „we will stay“ today.", ["we will stay"]),
    ("Ann Lee said ''we will stay'' today.", ["we will stay"]),
])
def test_every_mark_family_pairs(text, expected):
    assert [s.strip() for s in spans(text)] == expected


def test_apostrophes_never_open_or_close():
    text = ("The farmers’ union met. Her father’s rock 'n' roll band of the '90s played. "
            "“We won,” the chair said.")
    assert spans(text) == ["We won,"]


def test_possessive_inside_single_quotes():
    assert spans("‘The militants’ base fell,’ he said.") == ["The militants’ base fell,"]


def test_multi_paragraph_quote():
    text = "“We will rebuild,” she said. “The town has survived worse.\n\n“We will not leave.”"
    assert spans(text) == ["We will rebuild,", "The town has survived worse.\n\n“We will not leave."]


def test_nested_quote_stays_inside():
    assert spans("He said “the sign read ‘closed’ all day” at noon.") == [
        "the sign read ‘closed’ all day"]


def test_unclosed_mark_does_not_swallow_the_article():
    text = "Tom Reed said “we will\n\nThe storm passed. “Rain ended,” a farmer said."
    assert spans(text) == ["Rain ended,"]


def test_mixed_marks_are_two_quotes():
    assert spans('He said "we are done" and then added “it is over.”') == [
        "we are done", "it is over."]


# ---- speakers ------------------------------------------------------------------------------

def test_subject_then_cue(quotes):
    found = quotes('Maria Lopez said: "The bridge is closed."')
    assert speaker(found[0]) == "Maria Lopez" and found[0]["cue"]["text"] == "said"


def test_cue_then_subject_with_apposition(quotes):
    found = quotes('"The bridge is closed," said Maria Lopez, the mayor of the town.')
    assert speaker(found[0]) == "Maria Lopez"
    assert found[0]["kind"] == "direct"


def test_pronoun_after_quote_resolves(quotes):
    found = quotes('Police chief Maria Lopez arrived late. "Nobody was hurt," she told reporters.')
    assert speaker(found[0]) == "Maria Lopez"
    assert found[0]["speaker"]["mention"]["text"] == "she"


def test_split_quote_is_two_quotes_one_speaker(quotes):
    found = quotes("Jorge Ramos sent a letter.\n\n“The river” he wrote, “is rising.”")
    assert texts(found) == ["The river", "is rising."]
    assert {speaker(q) for q in found} == {"Jorge Ramos"}


def test_possessive_does_not_break_the_article(quotes):
    found = quotes('The rebels’ commander, Ali Khan, said: "We hold the city."')
    assert texts(found) == ["We hold the city."] and speaker(found[0]) == "Ali Khan"


def test_partial_quote_with_call(quotes):
    found = quotes('Minister Sara Nolan called the attack "a cowardly act" on Monday.')
    assert texts(found) == ["a cowardly act"]
    assert found[0]["kind"] == "partial" and speaker(found[0]) == "Sara Nolan"


def test_less_common_cue_verb(quotes):
    found = quotes("Senator Paul Wexler left early. “This is a disaster,” fumed the senator.")
    assert speaker(found[0]) == "Paul Wexler"


def test_passive_quoted_as_saying(quotes):
    found = quotes('Dan Ortiz was quoted as saying "we will win the vote."')
    assert speaker(found[0]) == "Dan Ortiz"


def test_according_to(quotes):
    found = quotes('The plan is "dead on arrival," according to Nina Brandt.')
    assert speaker(found[0]) == "Nina Brandt"


def test_description_resolves_to_named_actor(quotes):
    found = quotes("Amal Haddad, the former vice president, left the capital. "
                   "“We are still here,” the former vice president wrote.")
    assert speaker(found[0]) == "Amal Haddad"


def test_floating_quote_continues_previous_speaker(quotes):
    found = quotes("“We are ready,” said Ruth Kamau.\n\n“Nobody will stop us.”")
    assert [speaker(q) for q in found] == ["Ruth Kamau", "Ruth Kamau"]


def test_unnamed_source_as_written(quotes):
    found = quotes('"The road is mined," a military official said.')
    assert found[0]["speaker"]["actor_id"] is None
    assert found[0]["speaker"]["name"] == "a military official"


def test_scare_quote_is_not_a_quote(quotes):
    assert quotes('The so-called "peace plan" was rejected by both sides.') == []


def test_title_of_a_work_is_not_a_quote(quotes):
    assert quotes('Hana Sato appeared on "Meet the Voters" on Sunday.') == []


def test_ids_are_in_text_order_and_spans_slice_back(quotes):
    text = '"One," said Ana Diaz. "Two," said Ben Cole.'
    found = quotes(text)
    assert [q["id"] for q in found] == ["Q1", "Q2"]
    for q in found:
        assert text[q["span"]["start"]:q["span"]["end"]] == q["text"]


# ---- robustness -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", " ", "\n\n", '"', "“", "”", "'", "’", '""', "“”", "‘’", "''", "``", '" " "',
    "“\n\n“\n\n“", "He said “", "” he said", "'''", '"a"b"c"d"', "«»«", "„", "\u2028“x”",
    "“" * 60, "’s ’s ’s", "said said said", "According to", "according to “",
])
def test_odd_inputs_never_raise(quotes, text):
    found = quotes(text)
    for q in found:
        assert text[q["span"]["start"]:q["span"]["end"]] == q["text"]


def test_random_marks_never_raise(quotes):
    rng = random.Random(7)
    alphabet = "ab cd\n“”‘’\"'«»„ .,:"
    for _ in range(20):
        text = "".join(rng.choice(alphabet) for _ in range(400))
        found = quotes(text)
        for q in found:
            assert text[q["span"]["start"]:q["span"]["end"]] == q["text"]


# ---- issue 19: speakers on unseen news --------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # A surname speaker is named by its actor's full name.
    ("Spokeswoman Maria Delacroix spoke at noon. “It will take a week,” Delacroix added.",
     "Maria Delacroix"),
    # A rank acronym before the name is not the speaker.
    ("“The suspects are in custody,” IGP Rajan Mehta said.", "Rajan Mehta"),
    # An organization speaking in a statement.
    ("The Coordination Committee said in a statement: “We reject the plan.”",
     "Coordination Committee"),
    # Descriptions before and after the name give the name.
    ("“We heard gunfire all night,” a resident, Omar Haddad, said.", "Omar Haddad"),
    ("“The water rose fast,” said Omar Haddad, a resident of the town.", "Omar Haddad"),
    # A name the model missed after a role word.
    ("“Nobody came to help,” resident Idris Kamaru said.", "Idris Kamaru"),
])
def test_the_speaker_is_the_named_actor(quotes, text, expected):
    found = quotes(text)
    assert len(found) == 1 and speaker(found[0]) == expected


def test_a_thing_is_never_the_speaker_the_reporting_verb_above_it_is(quotes):
    found = quotes("City Attorney Lena Brandt said in the letter that the advertisement "
                   "“wrongly and plainly” suggests the city backs him.")
    assert len(found) == 1 and speaker(found[0]) == "Lena Brandt"


def test_a_pronoun_in_what_she_called_points_to_the_named_subject(quotes):
    found = quotes("Secretary Ruth Adler condemned what she called a “brazen breach” of the truce.")
    assert len(found) == 1 and speaker(found[0]) == "Ruth Adler"
    assert "Adler" in found[0]["speaker"]["mention"]["text"]


def test_one_of_the_leaders_looks_forward_to_the_next_named_subject(quotes):
    found = quotes("One of the leaders of the dockworkers claimed on Monday that “we are united.”"
                   "\n\nDaniel Okafor, who leads the union, wrote that the strike would go on.")
    assert len(found) == 1 and speaker(found[0]) == "Daniel Okafor"


def test_a_participle_after_a_cue_keeps_its_speaker(quotes):
    found = quotes("“We will appeal,” Dana Whitlock said, adding that the ruling was “a grave "
                   "error.”")
    assert [speaker(q) for q in found] == ["Dana Whitlock", "Dana Whitlock"]


def test_an_object_pronoun_after_the_cue_is_not_its_speaker(quotes):
    found = quotes("Ilse Marten admires the general as a “strong leader,” comparing him favorably "
                   "to the old king.")
    assert all(q["speaker"] is None or q["speaker"]["mention"]["text"] != "him" for q in found)


def test_a_time_phrase_is_no_part_of_a_described_speaker(quotes):
    found = quotes('The main opposition bloc on Friday dismissed the budget, calling it '
                   '"a disaster."')
    assert found[0]["speaker"]["name"] == "The main opposition bloc"


def test_to_tell_whether_is_no_cue_of_speech(quotes):
    found = quotes('The mayor also said it was too early to tell whether the blast was a bomb, '
                   'and there was "no evidence" yet of sabotage.')
    assert found[0]["speaker"]["name"] == "The mayor"


def test_a_participle_hung_on_a_quoted_noun_speaks_for_its_clause(quotes):
    found = quotes('Halvorsen openly admires the new chancellor as a “strong leader,” comparing '
                   'her favorably to her predecessor.')
    assert found[0]["speaker"] is not None and "Halvorsen" in found[0]["speaker"]["name"]


@pytest.mark.parametrize("text, expected", [
    ("Councillor Mira Oyelaran mocked the delay, saying anybody who complains about the noise "
     "“has never lived near a runway.”", "Mira Oyelaran"),
    ("Petra Lindqvist says the senator's late-night posts accusing her staff of fraud are "
     "“baseless and cruel.”", "Petra Lindqvist"),
])
def test_the_cue_is_the_verb_the_quote_hangs_from_not_the_nearest(quotes, text, expected):
    assert [speaker(q) for q in quotes(text)] == [expected]
