"""Noun phrases and their grammar for the casualties layer: where a phrase starts and ends,
whether it denotes people, and which arguments a verb has (spaCy dependency labels)."""
from __future__ import annotations

import bisect

from spacy.tokens import Token

from .vocabulary import HARM_PARTICIPLES, NON_PERSON_NOUNS, PERSON_NOUNS, PERSON_SUFFIXES

PEOPLE_ENTS = ("NORP", "ORG", "PERSON")


def phrase(head: Token) -> tuple[int, int]:
    """The noun phrase of `head` as character offsets: from its left edge to the head plus name
    compounds and one short "from/of/in/with" tail, without trailing clauses, appositions or
    punctuation (which would swallow the rest of the sentence)."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    end = head.i
    for c in head.children:
        if c.i != end + 1:
            continue
        if c.dep_ == "prep" and c.lower_ in ("from", "of", "in", "with"):
            tail = c.right_edge.i
            if tail - head.i <= 6 and not any(doc[k].is_punct for k in range(c.i, tail + 1)):
                end = tail
        elif c.dep_ in ("compound", "flat"):
            end = c.i
    return doc[start].idx, doc[end].idx + len(doc[end].text)


def next_token_start(doc, char: int) -> int:
    """Start of the first non-space token at or after `char`."""
    # Binary search on token offsets: `doc.char_span(..., "expand")` walks every token.
    first = bisect.bisect_left(range(len(doc)), char, key=lambda i: doc[i].idx)
    for t in doc[first:]:
        if t.idx >= char and not t.is_space:
            return t.idx
    return char


def person_word(tok: Token) -> bool:
    """A noun for a person or people: listed, a person or nationality name, or an agent noun."""
    lower = tok.lower_
    if lower in NON_PERSON_NOUNS:
        return False
    if lower in PERSON_NOUNS or tok.lemma_.lower() in PERSON_NOUNS:
        return True
    if tok.ent_type_ in ("PERSON", "NORP"):
        return True
    return tok.pos_ == "NOUN" and lower.endswith(PERSON_SUFFIXES) and len(lower) > 4


def is_age_noun(head: Token) -> bool:
    """ "a 13-year-old", parsed with "old" (or "year-old") as the head."""
    return head.lower_ in ("old", "year-old") and head.i > 0 and \
        head.doc[head.i - 1].lower_ in ("-", "year", "years")


def coordinated_with(token: Token) -> list[Token]:
    """The words joined to `token` by a conjunction: its conjuncts and, for a conjunct, the word
    it is joined to ("shot and killed", "lives or dies")."""
    related = [c for c in token.children if c.dep_ == "conj"]
    if token.dep_ == "conj":
        related.append(token.head)
    return related


def conjuncts(head: Token) -> list[Token]:
    """`head` and the nouns coordinated with it ("an officer and a bystander")."""
    out = [head]
    node = head
    for _ in range(6):
        nxt = [c for c in node.children if c.dep_ == "conj"]
        if not nxt:
            break
        node = nxt[0]
        out.append(node)
    return out


def is_passive(token: Token) -> bool:
    """A passive verb, or a bare past participle with no object ("three men shot overnight")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    if token.tag_ == "VBN":
        has_have = any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
        has_obj = any(c.dep_ in ("dobj", "obj") for c in token.children)
        return not has_have and not has_obj
    return False


def subjects(verb: Token) -> list[Token]:
    """The subject of `verb` (or of its auxiliary, as a parser may attach it), shared from a
    coordinated verb or from the noun a relative clause modifies ("the man who died")."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "... and 45 are still missing" parsed with "45" as the subject of the auxiliary.
    subj = subj or [g for c in verb.children if c.dep_ in ("aux", "auxpass")
                    for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
    if subj:
        return subj
    if verb.dep_ == "conj":
        return inherited(verb, ("nsubj", "nsubjpass"))
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return [verb.head]
    return []


def inherited(token: Token, deps) -> list[Token]:
    """Children with one of `deps` of the first verb up a coordination chain that has any."""
    node = token
    for _ in range(4):
        if node.dep_ != "conj":
            break
        node = node.head
        found = [c for c in node.children if c.dep_ in deps]
        if found:
            return found
    return []


def word_at(token: Token, offset: int) -> str:
    i = token.i + offset
    return token.doc[i].lower_ if 0 <= i < len(token.doc) else ""


_NOT_VICTIM_POS = ("DET", "ADP", "VERB", "AUX", "PUNCT", "CCONJ", "SCONJ", "PART")


def headline_victim(death: Token) -> Token | None:
    """ "Boy shot at park dies": a headline's victim before a harm participle in the same clause
    as "dies", whatever the parser made of the words (it tags such headlines badly)."""
    doc = death.doc
    for i in range(death.i - 1, max(death.sent.start, death.i - 10) - 1, -1):
        tok = doc[i]
        if tok.is_punct:
            return None  # "..., man held; teen dies": another clause
        if tok.lower_ in HARM_PARTICIPLES and i > death.sent.start:
            victim = doc[i - 1]
            if victim.is_alpha and victim.pos_ not in _NOT_VICTIM_POS:
                return victim
            return None
    return None
