"""Cues and speakers of quotes: which verb reports a quote, who its subject is, and which actor that is.

A cue is a reporting verb from `CUE_LEMMAS` (one list, easy to extend), "according to", or a colon
after a named speaker. The speaker is the cue's subject (nsubj, passive subject, passive agent,
"according to X"), found by walking up through conjunctions, adverbial clauses and "was quoted as
saying", or next to the cue when the parse has none. The subject is then resolved to an actor:
a name through the actors layer (or its apposition: "the minister, Maria Okonkwo"),
a pronoun or a definite description ("he", "the former vice president") to the nearest fitting
named actor, "one of the leaders of X" forward to the person the next sentence names; an unnamed
source ("a military official") is kept as written with no actor.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..actors import ActorIndex, ActorList
from ..names import TITLES, fold
from ..types import Actor, Span
from .vocabulary import (
    CUE_LEMMAS,
    FEMALE,
    MALE,
    MESSAGE_NOUNS,
    NOT_SPEAKER_ENTS,
    PERSON_NOUNS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    RELATIVE,
    WEAK_CUES,
)


@dataclass(frozen=True)
class Speaker:
    actor_id: str | None
    name: str
    mention: Span


@dataclass(frozen=True)
class Cue:
    span: Span
    token: int  # index of the cue token in the doc


class Resolver:
    """Resolves speakers of one article; built once per article."""

    def __init__(self, doc: Doc, text: str, actors: list[Actor], in_quote):
        self.doc = doc
        self.text = text
        self.actors = actors
        self.in_quote = in_quote  # callable: char offset -> bool
        self._actors = actors.by_position if isinstance(actors, ActorList) else ActorIndex(actors)
        self._gender = {actor.id: _actor_gender(text, actor) for actor in actors}
        self._token_starts = [t.idx for t in doc]

    def actor_at(self, start: int, end: int) -> Actor | None:
        return self._actors.at(start, end)

    # ---- cues -------------------------------------------------------------------------------
    def is_cue(self, tok: Token) -> bool:
        if self.in_quote(tok.idx):
            return False
        lower = tok.lower_
        if lower == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
            return True
        lemma = tok.lemma_.lower()
        if lemma not in CUE_LEMMAS and lower not in ("said", "says", "told", "wrote"):
            return False
        if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB") \
                and lower not in ("said", "says", "told", "wrote"):
            return False
        if tok.i >= 2 and self.doc[tok.i - 1].text in "-‐–" and self.doc[tok.i - 2].lower_ == "so":
            return False  # so-called
        if lemma == "call" and tok.dep_ in ("acl", "amod"):
            return False  # "a group called ..."
        if lemma == "tell" and tok.i + 1 < len(self.doc) and \
                self.doc[tok.i + 1].lower_ in ("whether", "if", "how", "when"):
            return False  # "too early to tell whether ...": knowing, not saying
        if lemma == "put":  # "as The New Yorker put it"
            return any(c.lower_ == "it" for c in tok.children) and any(
                c.lower_ == "as" for c in tok.children)
        if lemma in WEAK_CUES and not any(c.dep_ in ("ccomp", "dobj", "xcomp", "prep")
                                           for c in tok.children) and not self._before_colon(tok):
            return False
        return True

    def _before_colon(self, tok: Token) -> bool:
        nxt = tok.i + 1
        return nxt < len(self.doc) and self.doc[nxt].text == ":"

    def cue_span(self, tok: Token) -> Span:
        if tok.lower_ == "according":
            nxt = self.doc[tok.i + 1]
            return Span(tok.idx, nxt.idx + len(nxt.text))
        return Span(tok.idx, tok.idx + len(tok.text))

    # ---- subjects ---------------------------------------------------------------------------
    def subject_of(self, cue: Token) -> Token | None:
        """The token the cue attaches its speaker to, or None."""
        if cue.lower_ == "according":
            to = self.doc[cue.i + 1]
            for child in to.children:
                if child.dep_ == "pobj":
                    return child
            nxt = cue.i + 2
            return self.doc[nxt] if nxt < len(self.doc) and self._nominal(self.doc[nxt]) else None
        if any(c.dep_ == "nsubjpass" for c in cue.children) and cue.lemma_ != "quote":
            return self._agent(cue)
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
            before = self._noun_phrase_before(cue)
            if before is not None:
                return before
        tok = cue
        for _ in range(5):
            for child in tok.children:
                if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and tok.lemma_ == "quote"):
                    if not self.in_quote(child.idx):
                        return self._through_relative(tok, child)
            for child in tok.children:
                if child.dep_ == "agent":
                    for grand in child.children:
                        if grand.dep_ == "pobj" and not self.in_quote(grand.idx):
                            return grand
            if tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep") and tok.head is not tok:
                tok = tok.head
                continue
            if tok.head is not tok and (
                    tok.dep_ == "pobj" or tok.dep_ == "acl" and self.in_quote(tok.head.idx)):
                # "... as a “strong leader,” comparing him to ...": a participle the parser
                # hung on a quoted noun speaks for the clause that noun sits in.
                tok = tok.head
                continue
            if tok.dep_ == "relcl" and tok.head is not tok:
                return tok.head
            break
        return self._adjacent_subject(cue)

    def _agent(self, verb: Token) -> Token | None:
        """The "by X" of a passive cue ("was described by X as ..."), or None."""
        for child in verb.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj" and not self.in_quote(grand.idx):
                        return grand
        return None

    def _noun_phrase_before(self, cue: Token) -> Token | None:
        """`a statement on the group's feed said`: the head of the noun phrase just before."""
        if cue.i == 0:
            return None
        tok = self.doc[cue.i - 1]
        if tok.pos_ not in ("NOUN", "PROPN", "PRON") or self.in_quote(tok.idx) \
                or tok.lower_ in RELATIVE or tok.dep_ in ("dobj", "attr") or self._not_speaker(tok):
            return None
        while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i and tok.head.i < cue.i:
            tok = tok.head
        for _ in range(3):
            prep = tok.head
            if tok.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in ("NOUN", "PROPN") \
                    and prep.head.i < tok.i:
                tok = prep.head
            else:
                break
        return tok

    def _through_relative(self, verb: Token, subject: Token) -> Token:
        if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return subject

    def _not_speaker(self, tok: Token) -> bool:
        """Times, amounts and places next to a cue ("said Thursday", "73 percent said")."""
        return tok.ent_type_ in NOT_SPEAKER_ENTS or tok.dep_ in ("npadvmod", "tmod")

    def _nominal(self, tok: Token) -> bool:
        return tok.pos_ in ("PROPN", "PRON", "NOUN") and not self.in_quote(tok.idx)

    def _adjacent_subject(self, cue: Token) -> Token | None:
        """A speaker next to the cue when the parse gives none ("he wrote", "said Smith")."""
        doc = self.doc
        if cue.i + 1 < len(doc):
            after = doc[cue.i + 1]
            determined = False
            if after.pos_ == "DET" and cue.i + 2 < len(doc):
                after = doc[cue.i + 2]
                determined = True
                while after.i + 1 < len(doc) and after.dep_ in ("compound", "amod") \
                        and after.head.i > after.i:
                    after = after.head
            if (determined and after.pos_ == "NOUN") or after.pos_ == "PROPN" or after.lower_ in PRONOUNS_PERSON or after.lower_ in ("they",):
                while after.dep_ == "compound" and after.head.i > after.i:
                    after = after.head
                if not self.in_quote(after.idx) and (after.pos_ != "PRON" or after.lower_ not in (
                        "her", "him", "them", "us", "me")) \
                        and not self._not_speaker(after):
                    return after
        if cue.i >= 1:
            before = doc[cue.i - 1]
            if before.pos_ in ("PROPN", "PRON") and not self.in_quote(before.idx) \
                    and before.lower_ not in RELATIVE and not self._not_speaker(before):
                return before
        return None

    def mention_span(self, head: Token) -> Span:
        """The noun phrase of `head` without its appositions, relative clauses, time phrases the
        parser hung on it ("the party on Monday") and the like."""
        left, right = head.i, head.i
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advcl",
                                  "parataxis", "ccomp"):
                    continue
                if self.in_quote(child.idx) or _temporal(child):
                    continue
                left, right = min(left, child.i), max(right, child.i)
                stack.append(child)
        # Keep the span contiguous and on one side of any comma.
        for i in range(head.i - 1, left - 1, -1):
            if self.doc[i].text in (",", ";", "(", "—") or self.in_quote(self.doc[i].idx):
                left = i + 1
                break
        for i in range(head.i + 1, right + 1):
            if self.doc[i].text in (",", ";", ")", "—") or self.in_quote(self.doc[i].idx):
                right = i - 1
                break
        while right > left and self.doc[right].pos_ == "PUNCT":
            right -= 1
        while left < right and self.doc[left].pos_ == "PUNCT":
            left += 1
        first, last = self.doc[left], self.doc[right]
        return Span(first.idx, last.idx + len(last.text))

    # ---- resolution -------------------------------------------------------------------------
    def speaker_for(self, head: Token) -> Speaker:
        mention = self.mention_span(head)
        actor_id, name = self.resolve(head, mention)
        if name is None:
            name = self.text[mention.start:mention.end]
        return Speaker(actor_id, name, mention)

    def resolve(self, head: Token, mention: Span) -> tuple[str | None, str | None]:
        actor = self.actor_at(head.idx, head.idx + len(head.text))
        if actor is not None:
            return actor.id, actor.name
        for other in self._appositions(head):
            actor = self.actor_at(other.idx, other.idx + len(other.text))
            if actor is not None and actor.kind == "person" or (
                    actor is not None and head.lower_ not in PERSON_NOUNS):
                return actor.id, actor.name
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PRONOUNS_PERSON or lower in PRONOUNS_GROUP:
            if lower in PRONOUNS_PERSON and lower not in ("i", "we"):
                actor = self.antecedent(head, "person", PRONOUNS_PERSON[lower])
            elif lower in PRONOUNS_GROUP:
                actor = self.antecedent(head, "organization", None)
            else:
                actor = None
            return (actor.id, actor.name) if actor else (None, None)
        if head.pos_ == "PROPN":
            actor = self.actor_at(mention.start, mention.end) or self._named(head)
            return (actor.id, actor.name) if actor else (None, None)
        lemma = head.lemma_.lower()
        if lemma in PERSON_NOUNS or lower in PERSON_NOUNS or head.lower_ in ("one", "another"):
            actor = self._description(head, mention)
            return (actor.id, actor.name) if actor else (None, None)
        if lemma in MESSAGE_NOUNS or head.pos_ == "NOUN":
            actor = self.actor_at(mention.start, mention.end) or self._organization_named(head)
            return (actor.id, actor.name) if actor else (None, None)
        return None, None

    def _named(self, head: Token) -> Actor | None:
        """A surname the actors layer did not take ("Delacroix added"): the nearest preceding
        actor whose name has that word, so the speaker's name is the actor's full name."""
        word = fold(head.text)
        if not word or word in TITLES:
            return None
        for _, _, actor in self._before(head.idx, 20000):
            if word in fold(actor.name).split():
                return actor
        return None

    def _organization_named(self, head: Token) -> Actor | None:
        """"the company said": the nearest preceding organization whose name has that noun."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return None
        lemma = head.lemma_.lower()
        for _, _, actor in self._before(head.idx, 5000):
            if actor.kind == "organization" and lemma in fold(actor.name).split():
                return actor
        return None

    def _appositions(self, head: Token):
        for child in head.children:
            if child.dep_ == "appos":
                yield child
                for grand in child.children:
                    if grand.dep_ == "compound":
                        yield grand
        if head.dep_ == "appos":
            yield head.head

    def _description(self, head: Token, mention: Span) -> Actor | None:
        """A description: definite ones look back, "one of the leaders" looks forward first."""
        det = None
        for child in head.children:
            if child.dep_ in ("det", "poss"):
                det = child.lower_
        partitive = head.lower_ in ("one", "another") or (
            any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children) and det is None)
        if partitive:
            actor = self._next_sentence_subject(head)
            if actor is not None:
                return actor
            return None
        if det in ("a", "an", "another", "some", "one") or head.tag_ in ("NNS", "NNPS"):
            return None  # an unnamed source, as written
        # "the former vice president": an actor named next to the same noun, else the nearest.
        lemma = head.lemma_.lower()
        for start, end, actor in self._before(mention.start, 5000):
            if actor.kind != "person":
                continue
            window = self.text[max(0, start - 80):min(len(self.text), end + 80)].lower()
            if lemma in window:
                return actor
        return self.antecedent(head, "person", None)

    def _next_sentence_subject(self, head: Token) -> Actor | None:
        sent = head.sent
        if sent.end >= len(self.doc):
            return None
        nxt = self.doc[sent.end].sent
        while not any(tok.is_alpha for tok in nxt) and nxt.end < len(self.doc):
            nxt = self.doc[nxt.end].sent  # a closing mark the parser left on its own
        for tok in nxt:
            if tok.dep_ in ("nsubj", "nsubjpass") and not self.in_quote(tok.idx):
                actor = self.actor_at(tok.idx, tok.idx + len(tok.text))
                if actor is not None and actor.kind == "person":
                    return actor
        return None

    def _before(self, position: int, window: int):
        """Actor mentions outside quotes ending before `position`, nearest first, within `window`
        characters."""
        for start, end, actor in self._actors.before(position, window):
            if not self.in_quote(start):
                yield start, end, actor

    def antecedent(self, head: Token, kind: str, gender: str | None) -> Actor | None:
        """Nearest preceding actor of `kind` (and gender) outside quotes, preferring subjects."""
        fallback = None
        sent_start = head.sent.start_char
        for number, (start, end, actor) in enumerate(self._before(head.idx, 3000)):
            if number > 40:
                break
            if kind == "person" and actor.kind != "person":
                continue
            if kind == "organization" and actor.kind == "person":
                continue
            actor_gender = self._gender.get(actor.id)
            if gender and actor_gender and actor_gender != gender:
                continue
            if self._is_subject_at(start):
                return actor
            if fallback is None:
                fallback = actor
            if start < sent_start and fallback is not None and number > 8:
                break
        return fallback

    def _is_subject_at(self, start: int) -> bool:
        index = bisect.bisect_right(self._token_starts, start) - 1
        if index < 0:
            return False
        tok = self.doc[index]
        for _ in range(3):
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return True
            if tok.dep_ in ("compound", "appos", "flat") and tok.head is not tok:
                tok = tok.head
                continue
            break
        return False


def _actor_gender(text: str, actor: Actor) -> str | None:
    if actor.kind != "person":
        return None
    for mention in actor.mentions[:20]:
        before = text[max(0, mention.start - 6):mention.start].lower()
        if "mr." in before or "mr " in before:
            return "m"
        if "mrs." in before or "ms." in before or "mrs " in before or "ms " in before:
            return "f"
    first = actor.name.split()[0].lower() if actor.name.split() else ""
    while first in TITLES:
        return None
    if first in FEMALE:
        return "f"
    if first in MALE:
        return "m"
    return None


def _temporal(child: Token) -> bool:
    """ "on Monday", "Tuesday", "last week": a date or time phrase (of the verb, really)."""
    if child.dep_ in ("npadvmod", "prep"):
        return any(t.ent_type_ in ("DATE", "TIME") for t in child.subtree)
    return False
