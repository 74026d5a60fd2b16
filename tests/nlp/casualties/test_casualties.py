"""The casualties layer: one sentence of our own per rule and per trap.

The pipeline is loaded once for the module's session fixture and the layer is run on an Article
built the way the annotator builds it (actors included, no gazetteer needed).
"""
from __future__ import annotations

import pytest

import spacy
from spacy.tokens import Doc

from service.nlp.casualties import CATEGORIES
from service.nlp.casualties.coordination import coordinated
from service.nlp.casualties.counts import count_np, find_count
from service.nlp.casualties.patients import patients
from service.nlp.casualties.sources import _reporting_subject, source
from service.nlp.casualties.triggers import trigger_category
from service.nlp.article import Article
from service.nlp.types import Ignored

from .helpers import one, summary, text_of


# ----------------------------------------------------------------------------- vocabulary
def test_six_categories_in_one_place():
    assert set(CATEGORIES) == {"killed", "injured", "captured", "missing", "arrested",
                               "displaced"}


@pytest.mark.parametrize("sentence, category, value", [
    ("Eight villagers were killed in the raid.", "killed", 8),
    ("Four guards were executed at dawn.", "killed", 4),
    ("Two hikers were slain near the ridge.", "killed", 2),
    ("Three climbers died on the mountain.", "killed", 3),
    ("Nine miners lost their lives in the collapse.", "killed", 9),
    ("The flood left 24 dead.", "killed", 24),
    ("Eleven pupils were wounded by shrapnel.", "injured", 11),
    ("Six passengers were injured in the crash.", "injured", 6),
    ("Five spectators were hurt when the stand fell.", "injured", 5),
    ("Rebels captured seven soldiers.", "captured", 7),
    ("Ten aid workers were abducted on the road.", "captured", 10),
    ("Two engineers were kidnapped last week.", "captured", 2),
    ("Four tourists were taken hostage.", "captured", 4),
    ("Twelve sailors are missing after the storm.", "missing", 12),
    ("Thirty fishermen remain unaccounted for.", "missing", 30),
    ("Police arrested 14 protesters.", "arrested", 14),
    ("Nine activists were detained overnight.", "arrested", 9),
    ("About 5,000 residents were displaced by the fighting.", "displaced", 5000),
    ("More than 2,000 villagers fled their homes.", "displaced", 2000),
    ("Some 800 families were evacuated.", "displaced", 800),
    ("The floods left 2,000 families homeless.", "displaced", 2000),
])
def test_vocabulary(cas, sentence, category, value):
    record = one(cas(sentence))
    assert record["category"] == category and record["count"]["value"] == value


# ----------------------------------------------------------------------------- counts
@pytest.mark.parametrize("sentence, value, qualifier, low, high", [
    ("Officials said 1,250 people were killed.", 1250, "exact", 1250, 1250),
    ("Twenty-three miners were killed.", 23, "exact", 23, 23),
    ("A dozen guards were wounded.", 12, "exact", 12, 12),
    ("Two dozen pilgrims were injured.", 24, "exact", 24, 24),
    ("Half a dozen hostages were abducted.", 6, "exact", 6, 6),
    ("The war has displaced 1.2 million people.", 1_200_000, "exact", 1_200_000, 1_200_000),
    ("At least 40 civilians were killed.", 40, "at_least", 40, None),
    ("As many as 30 rebels were killed.", 30, "at_most", None, 30),
    ("Nearly 90 soldiers were wounded.", 90, "approximately", None, 90),
    ("About 50 migrants are missing.", 50, "approximately", None, None),
    ("Between 10 and 20 protesters were arrested.", 10, "range", 10, 20),
])
def test_counts(cas, sentence, value, qualifier, low, high):
    c = one(cas(sentence))["count"]
    assert (c["value"], c["qualifier"], c["low"], c["high"]) == (value, qualifier, low, high)


@pytest.mark.parametrize("sentence, low", [
    ("Dozens of villagers were killed.", 24),
    ("Scores of people were injured.", 40),
    ("Hundreds of students were arrested.", 200),
    ("Thousands of residents fled the city.", 2000),
    ("Several guards were wounded.", 3),
    ("A handful of soldiers were captured.", 3),
])
def test_vague_counts(cas, sentence, low):
    c = one(cas(sentence))["count"]
    assert c["value"] is None and c["qualifier"] == "vague" and c["low"] == low


def test_named_person_is_one(cas):
    record = one(cas("Karim Haddad was killed by unknown gunmen."))
    assert record["count"]["value"] == 1 and text_of(record["victims"]) == "Karim Haddad"
    assert text_of(record["perpetrator"]) == "unknown gunmen"


@pytest.mark.parametrize("sentence", ["A soldier was killed in the ambush.",
                                      "One policeman was wounded."])
def test_a_soldier_is_one(cas, sentence):
    assert one(cas(sentence))["count"]["value"] == 1


def test_count_span_slices_the_text(cas):
    text = "Witnesses said at least 15 workers were injured."
    c = one(cas(text))["count"]
    assert c["span"]["text"] == "at least 15"
    assert text[c["span"]["start"]:c["span"]["end"]] == "at least 15"


# ----------------------------------------------------------------------------- structure
def test_passive(cas):
    record = one(cas("15 fighters were killed in the valley."))
    assert record["count"]["value"] == 15 and text_of(record["victims"]) == "fighters"


def test_active_with_perpetrator(cas):
    record = one(cas("The rebels killed as many as 30 soldiers."))
    assert summary([record]) == [("killed", 30, "at_most")]
    assert text_of(record["victims"]) == "soldiers"
    assert text_of(record["perpetrator"]) == "The rebels"


def test_nominal_death_toll(cas):
    record = one(cas("The death toll rose to 273 on Monday."))
    assert summary([record]) == [("killed", 273, "exact")]


@pytest.mark.parametrize("sentence, value", [
    # A long phrase of the toll's own, with a number that is no figure of it.
    ("The death toll from the magnitude 6.4 quake that struck the valley on Friday has risen "
     "to 118, the agency said.", 118),
    ("The death toll of 35 was revised on Tuesday.", 35),
    ("Officials put the death toll at 40.", 40),
])
def test_a_tolls_figure_is_read_past_its_own_phrase(cas, sentence, value):
    assert one(cas(sentence), "killed")["count"]["value"] == value


def test_nominal_dead(cas):
    assert summary(cas("The blast left 24 dead.")) == [("killed", 24, "exact")]


def test_coordination(cas):
    records = cas("Officials said 12 guards were killed and 15 others injured.")
    assert summary(records) == [("killed", 12, "exact"), ("injured", 15, "exact")]
    assert all(text_of(r["source"]) == "Officials" for r in records)


def test_more_refers_to_the_same_victims(cas):
    records = cas("The militia claimed to have killed 40 soldiers and captured nearly "
                  "two dozen more.")
    assert summary(records) == [("killed", 40, "exact"), ("captured", 24, "approximately")]
    assert text_of(records[1]["victims"]) == "soldiers"
    assert text_of(records[0]["source"]) == "The militia"
    assert text_of(records[1]["perpetrator"]) == "The militia"


@pytest.mark.parametrize("sentence, source", [
    ("Seven farmers were killed, officials said.", "officials"),
    ("The insurgents claimed to have killed 12 guards.", "The insurgents"),
    ("Nine miners were injured, according to police.", "police"),
])
def test_source(cas, sentence, source):
    assert text_of(one(cas(sentence))["source"]) == source


def test_article_voice_has_no_source(cas):
    assert one(cas("Five guards were killed in the attack."))["source"] is None


def test_pronoun_source_resolved(cas):
    records = cas("Local hospital staff confirmed the attack. They said 11 patients were hurt.")
    assert text_of(one(records)["source"]) == "Local hospital staff"


def test_repeated_claim_is_one_record(cas):
    records = cas("Police said eight people were killed. Eight people were killed, "
                  "police said again.")
    assert summary(records) == [("killed", 8, "exact")]


def test_same_count_other_source_is_another_record(cas):
    records = cas("Police said eight people were killed. The rebels said eight "
                  "people were killed.")
    assert summary(records) == [("killed", 8, "exact"), ("killed", 8, "exact")]


def test_ids_in_text_order(cas):
    records = cas("Four guards were wounded. Two guards were killed.")
    assert [r["id"] for r in records] == ["C1", "C2"]
    assert records[0]["category"] == "injured"


def test_evidence_is_the_sentence(cas):
    text = "Calm returned. Three guards were killed in the night."
    record = one(cas(text))
    assert record["evidence"]["text"] == "Three guards were killed in the night."


def test_record_shape(cas):
    record = one(cas("Three guards were killed."))
    assert set(record) == {"id", "category", "count", "victims", "perpetrator", "source",
                           "location_id", "evidence", "derived_from", "scope", "part_of",
                           "mentions"}
    assert set(record["count"]) == {"value", "low", "high", "qualifier", "span"}


def test_relative_count(cas):
    records = cas("The army said it killed 40 militants. The militants put the death toll "
                  "at half that number.")
    assert summary(records)[0] == ("killed", 40, "exact")
    derived = records[1]
    assert derived["count"]["value"] == 20
    assert derived["derived_from"]["id"] == "C1" and derived["derived_from"]["factor"] == 0.5


def test_ignored_regions_are_skipped(cas):
    text = "Nothing happened today. Share this: 30 people were killed in our poll."
    start = text.index("Share")
    assert cas(text, ignored=[Ignored(start, len(text), "boilerplate")]) == []


# ----------------------------------------------------------------------------- policy
@pytest.mark.parametrize("sentence", [
    "Three people were not killed.",
    "Ten people could be killed if the dam fails.",
    "The gang threatened to kill four hostages.",
    "Nobody was hurt in the fire.",
    "People were hurt in the stampede.",
    "The driver nearly killed two cyclists.",
])
def test_no_claim(cas, sentence):
    assert cas(sentence) == []


def test_increment_gives_the_increment(cas):
    assert summary(cas("Two more people were killed on Sunday.")) == [("killed", 2, "exact")]


def test_adjectival_use_counts(cas):
    assert summary(cas("3 injured people arrived at the clinic.")) == [("injured", 3, "exact")]


# ----------------------------------------------------------------------------- traps
@pytest.mark.parametrize("sentence", [
    "The bill was killed in committee by 52 votes.",
    "Lawmakers killed the bill on Tuesday.",
    "The rebels captured three districts last week.",
    "The government deployed 3,000 troops to the border.",
    "About 4,000 workers went on strike.",
    "The fire started at 4:30 and burned for 12 miles.",
    "The 2019 attack is still under investigation.",
    "The company lost $40 million, or 12 percent, in the quarter.",
])
def test_traps_give_nothing(cas, sentence):
    assert cas(sentence) == []


def test_age_is_not_a_count(cas):
    record = one(cas("A 13-year-old was killed in the crossfire."))
    assert record["count"]["value"] == 1


def test_date_is_not_a_count(cas):
    record = one(cas("On March 14, 2015, six soldiers were killed."))
    assert record["count"]["value"] == 6


def test_money_is_not_a_count(cas):
    assert cas("A $5 million ransom was demanded for the kidnapped engineers.") == [] or all(
        r["count"]["value"] != 5_000_000 for r in cas(
            "A $5 million ransom was demanded for the kidnapped engineers."))


# ----------------------------------------------------------------------------- no casualties
EARNINGS = """Northwind Traders reported third-quarter revenue of $4.2 billion, up 12 percent
from a year earlier. Net income rose to $310 million, or 98 cents a share. The company said it
expects to hire about 1,500 people next year and cut 200 positions in its logistics unit. Shares
rose 3 percent in after-hours trading. Analysts had expected earnings of 91 cents."""

ELECTION = """With 98 percent of precincts reporting, Maria Ortega won 54,312 votes to 41,907 for
her opponent. Turnout reached 61 percent, the highest in 20 years. Ortega carried 14 of the 17
wards, and the council measure on parking fees was killed by a margin of 3,000 votes. Two
recounts were requested in the 5th and 9th wards."""

STRIKE = """About 12,000 nurses walked off the job on Monday in the largest strike in the state's
history. The union said 40 hospitals were affected and that 3,500 more workers could join by
Friday. Talks broke down after 18 hours. Managers said the proposal would cost $220 million over
three years, and the hospitals hired 900 temporary staff."""


@pytest.mark.parametrize("text", [EARNINGS, ELECTION, STRIKE])
def test_no_casualty_articles(cas, text):
    assert cas(text) == []


def test_body_found_is_a_death(cas):
    assert summary(cas("The bodies of 12 migrants were recovered from the river.")) == [
        ("killed", 12, "exact")]
    assert summary(cas("A hiker's body was found near the trail.")) == [("killed", 1, "exact")]


def test_governing_body_is_no_death(cas):
    assert cas("The governing body found the proposal sound.") == []


def test_shot_and_pronounced_dead_is_one_death(cas):
    assert summary(cas("A clerk was shot and pronounced dead at the scene.")) == [
        ("killed", 1, "exact")]


def test_shot_alone_reads_as_injured(cas):
    assert summary(cas("A cashier was shot in the leg during the robbery.")) == [
        ("injured", 1, "exact")]


# ----------------------------------------------------------------------------- weak injuries
# "X was shot" with no stated outcome reads as injured, unless a death could be the same person.
def test_shot_with_a_death_in_the_same_sentence_is_no_injury(cas):
    assert summary(cas("Three guards were shot and one of them died.")) == [
        ("killed", 1, "exact")]


def test_shot_then_died_is_one_death(cas):
    assert summary(cas("The courier was shot in the chest. He died at the hospital.")) == [
        ("killed", 1, "exact")]


def test_another_victim_shot_is_a_second_person(cas):
    records = cas("A guard was killed in the raid. Another guard was shot in the arm.")
    assert summary(records) == [("killed", 1, "exact"), ("injured", 1, "exact")]


@pytest.mark.parametrize("deaths, expected", [
    ("One clerk was killed.", [("killed", 1, "exact"), ("injured", 1, "exact")]),
    # "the other" of two clerks killed may be one of the dead.
    ("Two clerks were killed.", [("killed", 2, "exact")]),
])
def test_the_other_victim(cas, deaths, expected):
    assert summary(cas(deaths + " The other clerk was shot in the leg.")) == expected


def test_wound_on_a_person_noun(cas):
    record = one(cas("A climber with a leg injury was airlifted to the valley."))
    assert summary([record]) == [("injured", 1, "exact")]


@pytest.mark.parametrize("sentence, victims", [
    ("Troopers stopped 3 cars and found a courier with a gunshot wound.", "a courier"),
    ("Police came on Friday and discovered a 16-year-old with a gunshot wound to his arm.",
     "a 16-year-old"),
])
def test_wound_describes_the_verbs_object(cas, sentence, victims):
    record = one(cas(sentence))
    assert record["count"]["value"] == 1 and text_of(record["victims"]) == victims


def test_another_alone_is_one(cas):
    assert summary(cas("One hiker died and another was injured.")) == [
        ("killed", 1, "exact"), ("injured", 1, "exact")]


# ----------------------------------------------------------------------------- group names
def test_invented_group_as_victims_and_perpetrator(cas):
    record = one(cas("As many as 30 Zorvani were killed by the Halvar Front."))
    assert summary([record]) == [("killed", 30, "at_most")]
    assert text_of(record["victims"]) == "Zorvani"
    assert text_of(record["perpetrator"]) == "the Halvar Front"


def test_a_group_name_with_the_is_no_count(cas):
    assert cas("The Zorvani were ambushed and killed.") == []


def test_one_member_of_a_group_is_one(cas):
    assert summary(cas("A Zorvani was killed at the checkpoint.")) == [("killed", 1, "exact")]


# ------------------------------------------------- parses of either model (hand-made, no model)
_BLANK = spacy.blank("en")  # a vocabulary with lexical attributes (lower_, like_num)


def _parsed(words, pos, tags, heads, deps, lemmas=None):
    return Doc(_BLANK.vocab, words=words, pos=pos, tags=tags, heads=heads, deps=deps,
               lemmas=lemmas or [w.lower() for w in words])


def test_unaccounted_for_read_as_a_verb_is_missing():
    doc = _parsed(["dozens", "are", "unaccounted", "for"], ["NOUN", "AUX", "VERB", "ADP"],
                  ["NNS", "VBP", "VBN", "IN"], [2, 2, 2, 2],
                  ["nsubjpass", "auxpass", "ROOT", "prep"])
    assert trigger_category(doc[2]) == "missing"


def test_a_counted_subject_of_a_harm_verb_without_object_is_its_patient():
    # "... and 20 others wounded" parsed as an active verb with "others" as its subject.
    doc = _parsed(["20", "others", "wounded"], ["NUM", "NOUN", "VERB"], ["CD", "NNS", "VBN"],
                  [1, 2, 2], ["nummod", "nsubj", "ROOT"], ["20", "other", "wound"])
    assert [t.text for t in patients(doc[2])] == ["others"]
    doc = _parsed(["the", "gunman", "wounded"], ["DET", "NOUN", "VERB"], ["DT", "NN", "VBD"],
                  [1, 2, 2], ["det", "nsubj", "ROOT"], ["the", "gunman", "wound"])
    assert patients(doc[2]) == []  # an uncounted subject is the one who did it


def test_of_two_subjects_of_said_the_source_is_the_nearest():
    # "CITY — 23 died, the agency said": the dateline's city parsed as a second subject.
    words = ["CITY", "—", "23", "died", ",", "the", "agency", "said"]
    doc = _parsed(words, ["PROPN", "PUNCT", "NUM", "VERB", "PUNCT", "DET", "NOUN", "VERB"],
                  ["NNP", ":", "CD", "VBD", ",", "DT", "NN", "VBD"], [7, 7, 3, 7, 7, 6, 7, 7],
                  ["nsubj", "punct", "nsubj", "ccomp", "punct", "det", "nsubj", "ROOT"],
                  ["city", "—", "23", "die", ",", "the", "agency", "say"])
    assert _reporting_subject(doc[3]).text == "agency"


def _table(rows: str) -> Doc:
    """A parse from one "word POS TAG head dep lemma" line per token."""
    cells = [line.split() for line in rows.strip().splitlines()]
    return _parsed([c[0] for c in cells], [c[1] for c in cells], [c[2] for c in cells],
                   [int(c[3]) for c in cells], [c[4] for c in cells], [c[5] for c in cells])


def test_a_subject_the_parser_hung_on_the_auxiliary_is_the_verbs():
    # "... and 4 are missing" with "4" attached to "are", "missing" a conjunct of "hurt".
    doc = _table("""
        9 NUM CD 1 nummod 9
        people NOUN NNS 3 nsubjpass people
        were AUX VBD 3 auxpass be
        hurt VERB VBN 3 ROOT hurt
        and CCONJ CC 3 cc and
        4 NUM CD 6 nsubj 4
        are AUX VBP 7 aux be
        missing VERB VBG 3 conj missing""")
    assert [t.text for t in patients(doc[7])] == ["4"]


def test_a_headline_harm_word_tagged_as_a_noun_leaves_its_compound_the_victim():
    # "Woman shot, killed in Dorvale": "shot" tagged as a noun, "killed" modifying it.
    doc = _table("""
        Woman NOUN NN 1 compound woman
        shot NOUN NN 1 ROOT shot
        , PUNCT , 1 punct ,
        killed VERB VBN 1 acl kill
        in ADP IN 3 prep in
        Dorvale PROPN NNP 4 pobj dorvale""")
    assert [t.text for t in patients(doc[3])] == ["Woman"]


_REPORTER_ATTACHED_ELSEWHERE = """
    Gunmen NOUN NNS 1 nsubj gunman
    killed VERB VBD 1 ROOT kill
    nine NUM CD 3 nummod nine
    people NOUN NNS 1 dobj people
    in ADP IN 1 prep in
    Dorvale PROPN NNP 6 compound dorvale
    state NOUN NN 4 pobj state
    , PUNCT , 6 punct ,
    police NOUN NNS 6 conj police
    and CCONJ CC 8 cc and
    residents NOUN NNS 8 conj resident
    said VERB VBD 1 conj say
    on ADP IN 11 prep on
    Sunday PROPN NNP 12 pobj sunday
    . PUNCT . 1 punct ."""


def test_a_reporting_clause_the_parser_attached_elsewhere_is_the_source():
    # "..., police and residents said on Sunday." parsed with "said" as a conjunct of the
    # trigger and "police" as a conjunct of the place.
    doc = _table(_REPORTER_ATTACHED_ELSEWHERE)
    found = source(Article(text=doc.text, doc=doc), [], doc[1], doc[:])
    assert doc.text[found.start:found.end] == "police and residents"
    # Without the comma the words before "said" are part of the place phrase: no source.
    doc = _table(_REPORTER_ATTACHED_ELSEWHERE.replace(", PUNCT , 6 punct ,",
                                                      "the DET DT 8 det the"))
    assert source(Article(text=doc.text, doc=doc), [], doc[1], doc[:]) is None


def test_a_reporting_clause_the_parser_cut_off_at_its_comma_is_the_source():
    # "Rains killed 9 people, officials said." parsed as two sentences, the second opening at
    # the comma.
    doc = _table("""
        Rains NOUN NNS 1 nsubj rain
        killed VERB VBD 1 ROOT kill
        9 NUM CD 3 nummod 9
        people NOUN NNS 1 dobj people
        , PUNCT , 6 punct ,
        officials NOUN NNS 6 nsubj official
        said VERB VBD 6 ROOT say
        . PUNCT . 6 punct .""")
    first = next(iter(doc.sents))
    assert first.end == 4
    found = source(Article(text=doc.text, doc=doc), [], doc[1], first)
    assert doc.text[found.start:found.end] == "officials"


def test_a_headline_death_after_a_harm_participle_is_a_death(cas):
    assert summary(cas("Teen shot at party dies; man held")) == [("killed", 1, "exact")]


def test_a_headline_dies_tagged_as_a_noun_is_a_death_only_after_a_harm_participle():
    tags = dict(pos=["NOUN", "VERB", "ADP", "NOUN", "NOUN"], tags=["NN", "VBN", "IN", "NN", "NNS"],
                heads=[1, 1, 1, 4, 2], deps=["nsubj", "ROOT", "prep", "compound", "pobj"])
    doc = _parsed(["Teen", "shot", "at", "party", "dies"], lemmas=["teen", "shoot", "at", "party",
                                                                  "die"], **tags)
    assert trigger_category(doc[4]) == "killed"
    assert [t.text for t in patients(doc[4])] == ["Teen"]
    doc = _parsed(["Teen", "plays", "at", "party", "dies"], lemmas=["teen", "play", "at", "party",
                                                                    "die"], **tags)
    assert trigger_category(doc[4]) is None  # board-game dice, not a death


@pytest.mark.parametrize("sentence, expected", [
    ("Police are investigating a double shooting in the city.", [("injured", 2, "exact")]),
    ("Detectives said the triple homicide was the town's first in years.",
     [("killed", 3, "exact")]),
    # everyone shot in a double shooting, the dead among them: the death is the record
    ("A double shooting left one man dead.", [("killed", 1, "exact")]),
])
def test_a_multiplied_event_counts_its_victims(cas, sentence, expected):
    records = cas(sentence)
    assert summary(records) == expected
    if "double shooting in" in sentence:
        assert records[0]["victims"] is None  # "double" names no one


def test_a_phrase_with_a_trigger_of_its_own_is_not_a_coordinated_count():
    # "with 9 people dead and 30 more wounded", as the medium model parses it
    doc = _parsed(["9", "people", "dead", "and", "30", "more", "wounded"],
                  ["NUM", "NOUN", "ADJ", "CCONJ", "NUM", "ADV", "ADJ"],
                  ["CD", "NNS", "JJ", "CC", "CD", "RBR", "JJ"], [1, 1, 1, 1, 1, 6, 4],
                  ["nummod", "ROOT", "amod", "cc", "conj", "advmod", "amod"])
    killed = find_count(doc[2], "killed", doc.text)
    assert killed.quantity.value == 9
    assert coordinated(killed, count_np, "killed", doc.text) == []
    assert find_count(doc[6], "injured", doc.text).quantity.value == 30


@pytest.mark.parametrize("label, value", [("ORG", 1), ("PERSON", 1), ("GPE", None)])
def test_a_bare_proper_noun_harmed_is_one_person_whatever_its_label(label, value):
    doc = _parsed(["Voss", "was", "shot", "and", "killed"],
                  ["PROPN", "AUX", "VERB", "CCONJ", "VERB"],
                  ["NNP", "VBD", "VBN", "CC", "VBN"], [2, 2, 2, 2, 2],
                  ["nsubjpass", "auxpass", "ROOT", "cc", "conj"],
                  ["voss", "be", "shoot", "and", "kill"])
    doc.ents = [doc.char_span(0, 4, label=label)]
    found = count_np(doc[0], "killed", doc.text, allow_implicit=True)
    assert (found.quantity.value if found else None) == value


def test_the_one_found_shot_is_the_patient_of_the_participle():
    # "found Brandt shot to death": the participle parsed as a verb with the man as its subject
    doc = _parsed(["They", "found", "Brandt", "shot", "to", "death"],
                  ["PRON", "VERB", "PROPN", "VERB", "ADP", "NOUN"],
                  ["PRP", "VBD", "NNP", "VBD", "IN", "NN"], [1, 1, 3, 1, 3, 4],
                  ["nsubj", "ROOT", "nsubj", "ccomp", "prep", "pobj"],
                  ["they", "find", "brandt", "shoot", "to", "death"])
    assert trigger_category(doc[3]) == "killed"
    assert [t.text for t in patients(doc[3])] == ["Brandt"]
    doc = _parsed(["They", "said", "Brandt", "shot", "at", "police"],
                  ["PRON", "VERB", "PROPN", "VERB", "ADP", "NOUN"],
                  ["PRP", "VBD", "NNP", "VBD", "IN", "NNS"], [1, 1, 3, 1, 3, 4],
                  ["nsubj", "ROOT", "nsubj", "ccomp", "prep", "pobj"],
                  ["they", "say", "brandt", "shoot", "at", "police"])
    assert patients(doc[3]) == []  # the one who said to have shot is the shooter


@pytest.mark.parametrize("sentence", [
    "In the event a climber is injured, the team turns back.",  # a condition
    "Three clips surfaced, one captured by a traffic camera and another by a phone.",
    "A woman was captured on a doorbell camera taking a parcel.",  # images, not people
    "The defeat hurt him badly.",  # active "hurt" without a number: figurative
    "The price rise hurt the mayor in the polls.",
    "The navy shot down a drone over the strait.",  # aircraft are shot down
    "Mr. Tallis, the studio's founder, died of heart failure in 1988.",  # natural deaths
    "Her uncle died of leukaemia last spring.",
    "He died from complications of pneumonia.",
    "Marla Quist lives or dies by her serve.",  # an idiom
    "The they-killed-Dale-Hensley chant grew louder.",  # a word inside a hyphenated compound
    "A we-shot-two-guards boast went viral.",
])
def test_figurative_conditional_and_natural_harm_is_no_casualty(cas, sentence):
    assert cas(sentence) == []


@pytest.mark.parametrize("sentence, expected", [
    ("Rebels captured two soldiers on video.", ("captured", 2, "exact")),
    ("The blast hurt 12 people.", ("injured", 12, "exact")),
    ("He died from complications of gunshot wounds.", ("killed", 1, "exact")),
    ("Two soldiers died from the attack.", ("killed", 2, "exact")),
    ("Three people died of cholera in the camp.", ("killed", 3, "exact")),
])
def test_the_traps_keep_their_casualties(cas, sentence, expected):
    assert summary(cas(sentence)) == [expected]


def test_a_date_with_a_slash_is_no_count(cas):
    record = one(cas("The drone strike killed 7/4 plotter Karim Osgood."))
    assert record["count"]["value"] == 1  # the person, not the 9 of the date


def test_a_death_long_ago_is_another_event(cas):
    assert one(cas("Her grandfather died 40 years ago in the war."))["scope"] == "other"
    assert one(cas("Two men died two days ago."))["scope"] == "event"


def test_a_relative_clause_on_an_organisation_describes_the_person_before_it(cas):
    record = one(cas("The founder of Orvel Holdings, who died in 2009, left the house to his "
                     "niece."))
    assert text_of(record["victims"]) == "The founder"


def test_a_live_pages_timestamp_is_no_count(cas):
    assert summary(cas("13:10 - Two killed in separate crashes")) == [("killed", 2, "exact")]


def test_homeless_as_a_condition_is_no_toll(cas):
    assert cas("The charity feeds 40 homeless people every night.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("The explosion left three soldiers wounded.", ("injured", 3, "exact")),
    ("The crash left two cyclists badly hurt.", ("injured", 2, "exact")),
    ("The gunfire left one guard critically injured.", ("injured", 1, "exact")),
])
def test_an_object_predicate_counts_the_object(cas, sentence, expected):
    assert summary(cas(sentence)) == [expected]


def test_found_dead_counts_a_coordinated_object(cas):
    record = one(cas("Rangers found a farmer and his son dead inside the barn."))
    assert (record["category"], record["count"]["value"]) == ("killed", 2)


def test_people_treated_for_wounds_are_alive_beside_the_dead(cas):
    records = cas("Officials said 12 villagers were killed and five people were being treated "
                  "for gunshot wounds.")
    assert summary(records) == [("killed", 12, "exact"), ("injured", 5, "exact")]
    assert summary(cas("A farmer was shot dead. He was treated for gunshot wounds but died.")) \
        == [("killed", 1, "exact")]
