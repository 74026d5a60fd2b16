"""Who did it and who says so: the perpetrator and the source (claimant) of a casualty figure, as
noun phrases linked to actors.

- Perpetrator: the "by" agent of a passive trigger or the subject of an active one, inherited
  through "claimed to have killed", coordination and "..., killing 5", when it is a person or
  a group.
- Source: the subject of a reporting verb governing the trigger ("officials said", "the
  fighters claimed", "X put the death toll at"), else of a reporting verb at the root after the
  figure ("..., police said"), else a short noun phrase between a comma and a reporting verb
  that ends the sentence (whatever the parse made of it, also when it cut the sentence at that
  comma), else "according to X". He/she/they are resolved to the nearest fitting antecedent.
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors import actor_at
from ..article import Article
from ..types import Reference
from .phrases import PEOPLE_ENTS, is_passive, person_word, phrase
from .vocabulary import (
    NO_PERPETRATOR,
    RELATIVE_PRONOUNS,
    ROOT_SOURCE_VERBS,
    SOURCE_VERBS,
    TOLL_ONLY_SOURCE_VERBS,
)


def reference(span: tuple[int, int] | None, actors) -> Reference | None:
    """The phrase at `span`, with the id of the actor it mentions."""
    if span is None:
        return None
    start, end = span
    if end <= start:
        return None
    actor = actor_at(actors, start, end)
    return Reference(start, end, actor.id if actor else None)


def _token_reference(token: Token, actors) -> Reference | None:
    return reference((token.idx, token.idx + len(token.text)), actors)


# ------------------------------------------------------------------------------- perpetrator
def perpetrator(trigger: Token, category: str, actors) -> Reference | None:
    if category in NO_PERPETRATOR:
        return None
    agent = _by_agent(trigger)
    if agent is None and trigger.pos_ in ("VERB", "AUX") and not is_passive(trigger) \
            and trigger.lemma_ not in ("die", "flee", "lose"):
        agent = _active_subject(trigger)
    if agent is not None and agent.pos_ == "PRON" and agent.lower_ in RELATIVE_PRONOUNS:
        # "the gunman who killed two": the noun the clause modifies.
        agent = agent.head.head if agent.head.dep_ == "relcl" else None
    if agent is None or not _agentive(agent):
        return None
    return reference(phrase(agent), actors)


def _by_agent(trigger: Token) -> Token | None:
    agent = None
    for c in trigger.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                agent = objs[0]
    return agent


def _active_subject(trigger: Token) -> Token | None:
    """The subject of the trigger, or of the verb it depends on through "claimed to have
    killed", coordination or "..., killing 5"."""
    node = trigger
    for _ in range(4):
        subj = [c for c in node.children if c.dep_ == "nsubj"]
        if subj:
            return subj[0]
        if node.dep_ not in ("xcomp", "conj", "advcl"):
            return None
        node = node.head
    return None


def _agentive(agent: Token) -> bool:
    """A person or group can be a perpetrator; "it" and "what" cannot."""
    if agent.pos_ == "PRON":
        return agent.lower_ not in ("it", "this", "that", "what")
    return person_word(agent) or agent.ent_type_ in PEOPLE_ENTS or agent.pos_ == "PROPN"


# ------------------------------------------------------------------------------- source
def source(article: Article, actors, trigger: Token, sent: SpacySpan) -> Reference | None:
    subject = _reporting_subject(trigger)
    if subject is None:
        subject = _root_reporter(trigger, sent)
    if subject is None:
        reporter = _trailing_reporter(trigger, sent)
        if reporter is not None and len(reporter) == 1 and reporter[0].pos_ == "PRON":
            subject = reporter[0]
        elif reporter is not None:
            return reference((reporter[0].idx, reporter[-1].idx + len(reporter[-1].text)), actors)
    if subject is None:
        subject = _reporter_split_off(sent)
    if subject is None:
        subject = _according_to(sent)
    if subject is None:
        return None
    if subject.pos_ == "PRON":
        return _resolve_pronoun(article, actors, subject)
    if subject.lower_ in ("it", "this"):
        return None
    return reference(phrase(subject), actors)


def _reporting_subject(trigger: Token) -> Token | None:
    """The subject of a reporting verb above the trigger ("officials said ... were killed")."""
    is_toll = trigger.lower_ in ("toll", "tolls")
    node = trigger
    for _ in range(8):
        if node.head.i == node.i:
            return None
        head = node.head
        lemma = head.lemma_.lower()
        if lemma in SOURCE_VERBS and head.pos_ in ("VERB", "AUX") and (
                lemma not in TOLL_ONLY_SOURCE_VERBS or is_toll):
            subj = [c for c in head.children if c.dep_ == "nsubj"]
            # "it was reported that ...": a passive report has no source.
            if subj and not (lemma in ("say", "report") and any(
                    c.dep_ == "auxpass" for c in head.children)):
                return _nearest(subj, head)
        node = head
    return None


def _root_reporter(trigger: Token, sent: SpacySpan) -> Token | None:
    """ "Seven farmers were killed, officials said.": the root's subject after the trigger."""
    root = sent.root
    if root.lemma_.lower() not in ROOT_SOURCE_VERBS or root.i == trigger.i:
        return None
    subj = [c for c in root.children if c.dep_ == "nsubj" and c.i > trigger.i]
    return _nearest(subj, root) if subj else None


_REPORTER_POS = frozenset({"NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM", "CCONJ", "PART"})
_REPORTER_MAX_TOKENS = 6


def _trailing_reporter(trigger: Token, sent: SpacySpan) -> SpacySpan | None:
    """ "..., police and residents said on Sunday.": a short noun phrase between a comma and a
    reporting verb that ends the sentence, when the parser attached the verb elsewhere (as a
    conjunct of the trigger, its subject as a conjunct of a place)."""
    doc = sent.doc
    for verb in sent:
        if verb.i <= trigger.i or verb.lemma_.lower() not in ROOT_SOURCE_VERBS \
                or verb.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1:sent.end]):
            continue
        start = verb.i
        while start > sent.start and verb.i - start < _REPORTER_MAX_TOKENS and \
                doc[start - 1].pos_ in _REPORTER_POS and doc[start - 1].text != ",":
            start -= 1
        if start == verb.i or start <= sent.start or doc[start - 1].text != "," \
                or start <= trigger.i:
            continue
        words = doc[start:verb.i]
        if words[0].pos_ in ("CCONJ", "PART") or \
                not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
            continue
        return words
    return None


def _reporter_split_off(sent: SpacySpan) -> Token | None:
    """ "... from their homes in the province, officials said on Thursday." cut by the parser
    into two sentences at the comma: the subject of the reporting verb the next one is."""
    doc = sent.doc
    if sent.end >= len(doc) or doc[sent.end].text != ",":
        return None
    root = doc[sent.end].sent.root
    if root.lemma_.lower() not in ROOT_SOURCE_VERBS:
        return None
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    return _nearest(subj, root) if subj else None


def _nearest(subjects: list[Token], verb: Token) -> Token:
    """Of two subjects the parser gave one verb (a dateline's "CITY, Country — ..." taken for
    one), the subject is the one next to the verb."""
    return min(subjects, key=lambda s: abs(s.i - verb.i))


def _according_to(sent: SpacySpan) -> Token | None:
    doc = sent.doc
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
            objs = [g for g in doc[tok.i + 1].children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _resolve_pronoun(article: Article, actors, pronoun: Token) -> Reference | None:
    lower = pronoun.lower_
    if lower in ("he", "she", "him", "her"):
        return _last_person(actors, pronoun.idx) or _token_reference(pronoun, actors)
    if lower in ("they", "them"):
        return _plural_antecedent(article, actors, pronoun) or _token_reference(pronoun, actors)
    return _token_reference(pronoun, actors)


def _last_person(actors, before: int) -> Reference | None:
    """The last mention of a person before offset `before`."""
    best = None
    for actor in actors:
        if actor.kind != "person":
            continue
        for m in actor.mentions:
            if m.end <= before and (best is None or m.start > best[0].start):
                best = (m, actor)
    return Reference(best[0].start, best[0].end, best[1].id) if best else None


def _plural_antecedent(article: Article, actors, pronoun: Token) -> Reference | None:
    """A plural (or group) subject of the previous two sentences, the nearest first."""
    doc = article.doc
    start = pronoun.sent.start
    for _ in range(2):
        if start <= 0:
            return None
        prev = doc[start - 1].sent
        subjects = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass")
                    and t.pos_ in ("NOUN", "PROPN") and (
                        "Plur" in t.morph.get("Number") or t.ent_type_ in ("ORG", "NORP"))]
        if not subjects:
            subjects = [t for t in prev if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN")]
        if subjects:
            return reference(phrase(subjects[0]), actors)
        start = prev.start
    return None
