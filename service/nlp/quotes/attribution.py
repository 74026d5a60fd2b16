"""Which of two nested reporting clauses a quote belongs to.

"City Attorney Lena Brandt said in the letter that the advertisement “wrongly” suggests ...":
the nearest cue, *suggests*, has a thing for its subject; the words are the attorney's, reported
by the governing *said*. And "Secretary Ruth Adler condemned what she called a “brazen breach”":
the pronoun is the main clause's named subject, the mention a reader (and PolNeAR) points to.
"""
from __future__ import annotations

from spacy.tokens import Token

from .speakers import Resolver
from .vocabulary import MESSAGE_NOUNS, PERSON_NOUNS, PRONOUNS_PERSON

# Clause links through which a cue is reported by, or part of, another verb's clause.
_EMBEDDED = ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "pcomp", "pobj", "dobj")
_PERSONAL = frozenset(PRONOUNS_PERSON) | {"they"}


def governing(resolver: Resolver, cue: Token, subject: Token | None
              ) -> tuple[Token, Token | None]:
    """(cue, subject) after moving from a thing's cue to the reporting verb above it, or from a
    pronoun to the named subject of the clause that embeds it."""
    before = _participle_after_cue(resolver, cue)
    if before is not None:  # "Tester said, referring to ...": the same speaker
        before_subject = resolver.subject_of(before)
        if before_subject is not None and not _is_thing(resolver, before_subject):
            return before, before_subject
    if subject is None or _is_thing(resolver, subject):
        outer = _outer_cue(resolver, cue)
        if outer is not None:
            outer_subject = resolver.subject_of(outer)
            if outer_subject is not None and not _is_thing(resolver, outer_subject):
                return outer, outer_subject
        return cue, subject
    if subject.lower_ in ("he", "she") and cue.dep_ in _EMBEDDED:
        named = _named_subject_above(resolver, cue, subject)
        if named is not None:
            return cue, named
    return cue, subject


def _participle_after_cue(resolver: Resolver, cue: Token) -> Token | None:
    """The cue of "X said, adding ..." when `cue` is such a participle with no subject of its own."""
    if cue.tag_ != "VBG" or any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        return None
    doc = cue.doc
    i = cue.i - 1
    if i < 1 or doc[i].text != ",":
        return None
    for tok in reversed(list(doc[max(0, i - 3):i])):
        if tok.pos_ in ("VERB", "AUX") and resolver.is_cue(tok):
            return tok
        if tok.pos_ not in ("ADV", "PROPN", "NOUN", "PRON", "PART"):
            break
    return None


def _is_thing(resolver: Resolver, tok: Token) -> bool:
    """A subject that cannot speak: not an actor, not a person word, not a message."""
    if resolver.actor_at(tok.idx, tok.idx + len(tok.text)) is not None:
        return False
    lower, lemma = tok.lower_, tok.lemma_.lower()
    if lower in _PERSONAL or lower in ("i", "we", "who") or tok.pos_ == "PROPN":
        return False
    if lemma in PERSON_NOUNS or lower in PERSON_NOUNS or lemma in MESSAGE_NOUNS:
        return False
    if any(child.dep_ == "appos" for child in tok.children):
        return False
    return tok.pos_ in ("NOUN", "PRON")


def _outer_cue(resolver: Resolver, cue: Token) -> Token | None:
    tok = cue
    for _ in range(4):
        if tok.dep_ not in _EMBEDDED or tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and resolver.is_cue(tok):
            return tok
    return None


def _named_subject_above(resolver: Resolver, cue: Token, pronoun: Token) -> Token | None:
    """The named person subject of the verb whose clause holds the cue ("X condemned what he
    called ..."), when it stands before the pronoun in the same sentence."""
    tok = cue.head
    for _ in range(3):
        for child in tok.children:
            if child.dep_ == "nsubj" and child.i < pronoun.i and child.pos_ == "PROPN":
                actor = resolver.actor_at(child.idx, child.idx + len(child.text))
                if actor is not None and actor.kind == "person":
                    return child
        if tok.head is tok or tok.dep_ not in _EMBEDDED:
            return None
        tok = tok.head
    return None
