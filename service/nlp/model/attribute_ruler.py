"""A faster drop-in for the model's `attribute_ruler`, with the same output.

spaCy's AttributeRuler runs a Matcher over every token with all of its patterns (179 in
`en_core_web_sm`: a tag-to-POS map plus word exceptions) and then builds a Span per match; on a
1,000-word article that is about a tenth of the whole pipeline. Nearly all of those patterns are
one token long and test the tag, the lowercase form, the dependency label or `is_space`, so they
can be looked up by tag and by word instead of matched. This component compiles the model's own
patterns into such indexes and applies the same attributes in the same order (by pattern number,
later patterns winning), so every token gets exactly what the stock component gives it.

Patterns using anything else (operators, other attributes or predicates) are not compiled: then
the model keeps its stock component (`compile_rules` returns None).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

# What a rule can test, read once per token into a signature tuple at these positions.
_SIGNATURE = ("LOWER", "TAG", "DEP", "IS_SPACE")
_POSITION = {attr: i for i, attr in enumerate(_SIGNATURE)}
# Signatures whose one-token rules are remembered (a few MB at most); beyond this the memo
# starts again.
_MEMO_LIMIT = 20_000


def _signature(token: Token) -> tuple:
    return token.lower_, token.tag_, token.dep_, token.is_space


class _Unsupported(Exception):
    """A pattern this compiler does not handle; the stock component is kept."""


@dataclass(frozen=True)
class _Test:
    position: int  # in the signature
    kind: str  # "eq", "in", "not_in" or "regex"
    value: object

    def __call__(self, signature: tuple) -> bool:
        actual = signature[self.position]
        if self.kind == "eq":
            return actual == self.value
        if self.kind == "in":
            return actual in self.value
        if self.kind == "not_in":
            return actual not in self.value
        return self.value.search(actual) is not None


@dataclass(frozen=True)
class _Rule:
    number: int  # the pattern's position in the ruler: later rules override earlier ones
    tokens: tuple[tuple[_Test, ...], ...]  # one conjunction of tests per token, no operators
    index: int  # which token of the match receives the attributes (may be negative)
    attrs: dict

    def matches_at(self, signatures: list[tuple], start: int) -> bool:
        if start + len(self.tokens) > len(signatures):
            return False
        return all(all(test(signatures[start + k]) for test in tests)
                   for k, tests in enumerate(self.tokens))

    def target(self, start: int) -> int:
        return start + (self.index if self.index >= 0 else len(self.tokens) + self.index)


def _compile_test(attr: str, spec) -> _Test:
    if attr not in _POSITION:
        raise _Unsupported(attr)
    position = _POSITION[attr]
    if not isinstance(spec, dict):
        return _Test(position, "eq", spec)
    if len(spec) != 1:
        raise _Unsupported(spec)
    (operator, value), = spec.items()
    if operator == "IN":
        return _Test(position, "in", frozenset(value))
    if operator == "NOT_IN":
        return _Test(position, "not_in", frozenset(value))
    if operator == "REGEX":
        return _Test(position, "regex", re.compile(value))
    raise _Unsupported(operator)


def _compile_token(spec: dict) -> tuple[_Test, ...]:
    if "OP" in spec:
        raise _Unsupported("OP")
    return tuple(_compile_test(attr, value) for attr, value in spec.items())


def _index_keys(tests: tuple[_Test, ...]) -> tuple[int, list] | None:
    """The (signature position, values) a rule's first token is found under; None: test always."""
    for position in (_POSITION["LOWER"], _POSITION["TAG"], _POSITION["DEP"]):
        for test in tests:
            if test.position == position and test.kind == "eq":
                return position, [test.value]
            if test.position == position and test.kind == "in":
                return position, list(test.value)
    return None


class _RuleIndex:
    """Rules found by the lowercase form, tag or label of their first token, or always tried."""

    def __init__(self, rules: list[_Rule]):
        self._tables: dict[int, dict[str, list[_Rule]]] = {}
        self._always: list[_Rule] = []
        for rule in rules:
            keys = _index_keys(rule.tokens[0])
            if keys is None:
                self._always.append(rule)
                continue
            table = self._tables.setdefault(keys[0], {})
            for value in keys[1]:
                table.setdefault(value, []).append(rule)

    def candidates(self, signature: tuple) -> list[_Rule]:
        found = [rule for position, table in self._tables.items()
                 for rule in table.get(signature[position], ())]
        return found + self._always


class FastAttributeRuler:
    """Applies compiled attribute rules; see the module docstring.

    One-token rules depend only on a token's signature, so what they set is remembered per
    signature and applied in one call; the few longer rules are matched at each token.
    """

    def __init__(self):
        self._single = _RuleIndex([])
        self._multi = _RuleIndex([])
        self._memo: dict[tuple, tuple[tuple[_Rule, ...], dict]] = {}

    def load(self, rules: list[_Rule]) -> None:
        self._single = _RuleIndex([r for r in rules if len(r.tokens) == 1])
        self._multi = _RuleIndex([r for r in rules if len(r.tokens) > 1])
        self._memo.clear()

    def __call__(self, doc: Doc) -> Doc:
        signatures = [_signature(token) for token in doc]
        extra = self._multi_token_hits(signatures)
        for token, signature in zip(doc, signatures):
            rules, merged = self._one_token_rules(token, signature)
            if token.i in extra:
                for rule in sorted(rules + tuple(extra[token.i]), key=lambda r: r.number):
                    set_token_attrs(token, rule.attrs)
            elif merged:
                # Attributes are independent fields, so setting each one to its last value in
                # rule order equals applying the rules one after another.
                set_token_attrs(token, merged)
        return doc

    def _one_token_rules(self, token: Token, signature: tuple) -> tuple[tuple[_Rule, ...], dict]:
        # Keyed by the string hashes, which are plain ints: small, and stable across requests.
        key = (token.lower, token.tag, token.dep, token.is_space)
        known = self._memo.get(key)
        if known is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            rules = tuple(sorted((r for r in self._single.candidates(signature)
                                  if r.matches_at([signature], 0)), key=lambda r: r.number))
            merged = {}
            for rule in rules:
                merged.update(rule.attrs)
            known = self._memo[key] = (rules, merged)
        return known

    def _multi_token_hits(self, signatures: list[tuple]) -> dict[int, list[_Rule]]:
        hits: dict[int, list[_Rule]] = {}
        for start, signature in enumerate(signatures):
            for rule in self._multi.candidates(signature):
                if rule.matches_at(signatures, start):
                    target = rule.target(start)
                    if 0 <= target < len(signatures):
                        hits.setdefault(target, []).append(rule)
        return hits


@Language.factory("fast_attribute_ruler")
def _make_fast_attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler()


def compile_rules(ruler: AttributeRuler) -> list[_Rule] | None:
    """A loaded AttributeRuler's patterns as rules, or None when one of them is unsupported."""
    rules = []
    try:
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                rules.append(_Rule(number, tuple(_compile_token(t) for t in pattern),
                                   ruler.indices[number], ruler.attrs[number]))
    except _Unsupported:
        return None
    return rules


def replace_attribute_ruler(nlp: Language) -> bool:
    """Swap the pipeline's `attribute_ruler` for the compiled one when all its patterns compile.

    The component keeps its name, so code selecting pipes by name is unaffected.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    rules = compile_rules(nlp.get_pipe("attribute_ruler"))
    if rules is None:
        return False
    nlp.replace_pipe("attribute_ruler", "fast_attribute_ruler")
    nlp.get_pipe("attribute_ruler").load(rules)
    return True
