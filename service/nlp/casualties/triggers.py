"""Casualty triggers: which word of a sentence states a casualty, of which category, and whether
the statement is real (not negated, modal, conditional or merely intended)."""
from __future__ import annotations

from spacy.tokens import Token

from .phrases import coordinated_with, headline_victim, is_age_noun, person_word
from .vocabulary import (
    ADJ_CATEGORY,
    BODY_VERBS,
    CAPTIVE_NOUNS,
    CONDITION_NOUNS,
    CONDITION_WORDS,
    DEATH_NOUNS,
    FATALLY,
    FATAL_MODIFIERS,
    FORM_CATEGORY,
    HEDGES,
    INJURY_NOUNS,
    IRREALIS,
    MODALS,
    MULTIPLIED_EVENTS,
    MULTIPLIERS,
    NATURAL_CAUSES,
    NATURAL_CAUSE_PHRASES,
    NOBODY,
    NOUN_CATEGORY,
    PREDICATIVE_ONLY,
    RECORDING_NOUNS,
    REFLEXIVES,
    VERB_CATEGORY,
)
from .weak_injuries import shot_category

_VERB_TAGS = ("VBN", "VBD", "VBG", "VBZ", "VBP", "VB")


def trigger_category(token: Token) -> str | None:
    """The category `token` states a casualty of, or None."""
    if _inside_hyphenated(token):
        return None
    if token.pos_ in ("VERB", "AUX") or token.tag_ in _VERB_TAGS:
        return _verb_category(token)
    if token.pos_ == "ADJ" or token.tag_ == "JJ":
        return _adjective_category(token)
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_category(token)
    return None


def _verb_category(token: Token) -> str | None:
    lower = token.lower_
    lemma = token.lemma_.lower()
    if lemma == "shoot" or lower in ("shot", "stabbed", "beaten", "burned", "gunned"):
        return shot_category(token)
    if lemma in ("wound", "injure") and _has_child(token, FATALLY):
        return "killed"
    if lemma == "lose" and any(c.lemma_ == "life" for c in token.children):
        return "killed"
    if lemma in ("take", "hold") and _has_child(token, CAPTIVE_NOUNS):
        return "captured"
    if lemma == "capture" and _recorded(token):
        return None
    if lemma == "die" and (_natural_death(token) or _lives_or_dies(token)):
        return None
    if lemma in ("injure", "hurt", "wound") and any(
            c.dep_ in ("dobj", "obj") and c.lower_ in REFLEXIVES for c in token.children):
        return None  # "injured himself": the one who did it, no victim (as "shot himself")
    if lemma in ("sweep", "wash") and _has_child(token, ("away",)):
        carried_off = _people_carried_off(token) and not any(
            other.lemma_.lower() in VERB_CATEGORY for other in coordinated_with(token))
        return "missing" if carried_off else None  # ("swept away and drowned": the death)
    if lemma in VERB_CATEGORY:
        return VERB_CATEGORY[lemma]
    if lower in FORM_CATEGORY:
        return FORM_CATEGORY[lower]
    if lower in ADJ_CATEGORY and token.tag_ == "VBN":
        return ADJ_CATEGORY[lower]
    if lower == "missing" and not any(c.dep_ in ("dobj", "obj") for c in token.children):
        return "missing"  # "three are missing", not "missing the point"
    if _unaccounted_for(token):
        return "missing"  # a tagger may read "are unaccounted for" as a passive verb
    return None


def _inside_hyphenated(token: Token) -> bool:
    """ "an all-but-dead-on-arrival bill": a word glued by hyphens on both sides is part of a
    compound modifier, not a statement."""
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc) or token.whitespace_:
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    return before.text == "-" and not before.whitespace_ and after.text == "-"


def _natural_death(token: Token) -> bool:
    """ "died of leukaemia", "died from complications of a stroke", "died of heart failure"."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "from"):
            continue
        for cause in prep.children:
            if cause.lemma_.lower() == "complication":
                cause = next((g for p in cause.children if p.lower_ == "of"
                              for g in p.children if g.dep_ == "pobj"), cause)
            if _natural_cause(cause):
                return True
    return False


def _natural_cause(cause: Token) -> bool:
    if cause.lemma_.lower() in NATURAL_CAUSES:
        return True
    return any((c.lower_, cause.lower_) in NATURAL_CAUSE_PHRASES for c in cause.children
               if c.dep_ in ("compound", "amod"))


def _lives_or_dies(token: Token) -> bool:
    """ "a team that lives or dies by its defence": an idiom."""
    return any(r.lemma_.lower() == "live" for r in coordinated_with(token))


def _recorded(token: Token) -> bool:
    """ "a woman was captured on video", "one captured by a traffic camera": images, not
    people (an object, "rebels captured two soldiers on video", is a capture)."""
    if any(c.dep_ in ("dobj", "obj") for c in token.children):
        return False
    return any(c.dep_ in ("agent", "prep") and any(
        g.dep_ == "pobj" and g.lower_ in RECORDING_NOUNS for g in c.children)
        for c in token.children)


def _unaccounted_for(token: Token) -> bool:
    nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return token.lower_ == "unaccounted" and nxt == "for"


def _adjective_category(token: Token) -> str | None:
    if _unaccounted_for(token):
        return "missing"
    lower = token.lower_
    if lower in PREDICATIVE_ONLY and token.dep_ == "amod":
        return None
    return ADJ_CATEGORY.get(lower) or FORM_CATEGORY.get(lower)


def _noun_category(token: Token) -> str | None:
    lower = token.lower_
    if lower in ("dies", "died"):
        # A headline's "dies" tagged as the noun (the plural of "die"): a death when a victim
        # and a harm participle stand before it ("Teen shot at party dies").
        return "killed" if headline_victim(token) is not None else None
    prev = token.nbor(-1).lower_ if token.i > 0 else ""
    if lower == "toll" or (lower == "tolls" and prev == "death"):
        return "killed"
    if lower in MULTIPLIED_EVENTS and multiplier(token) is not None:
        return MULTIPLIED_EVENTS[lower]
    if lower in INJURY_NOUNS and _injury_noun_ok(token):
        return "injured"
    if lower == "condition" and _has_child(token, CONDITION_WORDS):
        return "injured"
    if lower in DEATH_NOUNS and _has_prep(token, "of"):
        return "killed"  # "the death of two guards"
    if lower in ("body", "bodies") and _found_body(token):
        return "killed"
    if lower == "victim" and any(c.lower_ in ("homicide", "murder") and c.dep_ in (
            "compound", "amod", "nmod") for c in token.children):
        return "killed"
    if lower in NOUN_CATEGORY:
        return NOUN_CATEGORY[lower]
    if lower in FORM_CATEGORY and token.tag_ != "NNP":
        return FORM_CATEGORY[lower]  # a participle mis-tagged as a noun, not a name
    return None


def multiplier(token: Token) -> Token | None:
    """The "double" of "a double shooting" (also "double-homicide")."""
    return next((c for c in token.children if c.i < token.i and c.lower_ in MULTIPLIERS
                 and c.dep_ in ("amod", "compound", "nmod", "advmod")), None)


def _people_carried_off(token: Token) -> bool:
    """ "27 people were swept away", "searching for 27 others swept away": people, not the
    houses and roads a flood also washes away, are missing."""
    nouns = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj", "obj")]
    if token.dep_ in ("acl", "relcl"):
        nouns.append(token.head)
    return any(person_word(n) or n.lower_ in ("others", "people") for n in nouns)


def _has_child(token: Token, words) -> bool:
    return any(c.lower_ in words for c in token.children)


def _has_prep(token: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word for c in token.children)


def _injury_noun_ok(token: Token) -> bool:
    """ "suffered gunshot wounds", "treated for injuries", "a man with a gunshot wound"; not
    "died of his wounds" or "fatal injuries"."""
    if _has_child(token, FATAL_MODIFIERS):
        return False
    holder = governor(token)
    return holder is not None and holder.lemma_.lower() not in ("die", "succumb", "kill")


def governor(token: Token) -> Token | None:
    """The verb (or the person noun of "a man with a gunshot wound") a nominal trigger hangs
    on."""
    node = token
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        # The person the phrase describes; "a hospital with ... injuries" goes on to the verb.
        if head.dep_ == "prep" and head.lower_ == "with" and node.dep_ == "pobj" and (
                person_word(head.head) or is_age_noun(head.head)):
            return head.head
        node = head
    return None


def _found_body(token: Token) -> bool:
    """ "a man's body was found", "the bodies of 12 migrants were recovered"; not "the governing
    body found"."""
    if token.dep_ not in ("nsubjpass", "dobj", "nsubj"):
        return False
    if token.head.lemma_.lower() not in BODY_VERBS:
        return False
    return any(c.dep_ in ("poss", "nummod") for c in token.children) or _has_prep(token, "of")


def irrealis(token: Token) -> bool:
    """Negated, modal, conditional or intended casualties are not claims of casualties."""
    return _unreal_marker(token) or _nobody(token) or _unreal_governor(token)


def _unreal_marker(token: Token) -> bool:
    """ "were not killed", "could be killed", "if ... killed", "nearly killed", "in the event
    ... injured"."""
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "aux" and child.lower_ in MODALS:
            return True
        if child.dep_ == "mark" and child.lower_ in ("if", "unless", "lest", "until"):
            return True
        if child.dep_ == "advmod" and child.lower_ in HEDGES:
            return True
        if child.dep_ == "prep" and child.lower_ == "in" and any(
                g.dep_ == "pobj" and g.lower_ in CONDITION_NOUNS for g in child.children):
            return True  # "in the event she was injured"
    return False


def _nobody(token: Token) -> bool:
    """ "no one was killed", "nobody was hurt", "none were injured", "no soldiers died"."""
    for child in token.children:
        if child.dep_ not in ("nsubjpass", "nsubj", "dobj"):
            continue
        if child.lower_ in NOBODY:
            return True
        if any(g.lower_ == "no" and g.dep_ == "det" for g in child.children):
            return True
    return False


def _unreal_governor(token: Token) -> bool:
    """ "threatened to kill", "would try to kill", "if they are killed": the clause above the
    trigger (through coordination) makes it unreal."""
    node = token
    for _ in range(4):
        if node.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "relcl"):
            return False
        head = node.head
        if node.dep_ == "xcomp" and head.lemma_.lower() in IRREALIS:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                        for c in node.children):
            return True
        if node.dep_ != "conj":
            return node.dep_ == "xcomp" and any(
                c.dep_ == "aux" and c.lower_ in MODALS for c in head.children)
        node = head
    return False
