"""Pairing quotation marks into quoted spans, by type and direction, in one linear scan.

Marks are paired by family (double “ ” " „ '' ``, single ‘ ’ ' ‚, guillemets « » ‹ ›) and by
direction read from the neighbouring characters, never by counting. A ’ or ' between two letters,
or after a letter when no single quote is open (militants’, Jones'), is an apostrophe; so are the
elisions '90s, 'em, rock 'n' roll. Pairing is done paragraph by paragraph: a quote left open at the
end of a paragraph continues only when the next paragraph opens with a mark of the same family
(the multi-paragraph convention), and otherwise ends with its paragraph, or is dropped when it did
not start its paragraph, so a truncated text never swallows the rest of the article.

`pair_quotes` returns the outermost quotes only; nested quotes stay part of their outer quote.
"""
from __future__ import annotations

from dataclasses import dataclass

DOUBLE, SINGLE, GUILLEMET = "double", "single", "guillemet"
OPEN, CLOSE, EITHER = 1, 2, 3

_ELISIONS = ("em", "til", "tis", "twas", "cause", "bout", "n ", "n’", "n'", "round", "nuff")


@dataclass(frozen=True)
class MarkedQuote:
    """One outermost quote: `start`/`end` bound the inner text, `open_at`/`close_at` its marks."""
    start: int
    end: int
    open_at: int  # index of the first opening mark
    close_at: int  # index just after the closing mark (== end when the quote ends unclosed)
    family: str
    paragraphs: int = 1  # paragraphs the quote runs over
    closed: bool = True


@dataclass
class _Mark:
    pos: int
    length: int
    family: str
    role: int
    char: str
    weak: bool = False  # a closing single mark that may still be a possessive (militants’ )


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int, para_end: int) -> _Mark | None:
    """The quotation mark starting at `i`, or None when the character is not one (or an apostrophe)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    if ch in "“”„\"«»‹›‘’‚'`":
        pass
    else:
        return None
    nxt2 = text[i + 1] if i + 1 < para_end else ""
    # Doubled single marks stand for a double mark: '' `` ‘‘ ’’.
    if ch in "'`‘’" and nxt2 == ch:
        nxt = text[i + 2] if i + 2 < para_end else ""
        if ch == "`" or ch == "‘":
            return _Mark(i, 2, DOUBLE, OPEN, '"')
        if ch == "’":
            return _Mark(i, 2, DOUBLE, CLOSE, '"')
        return _Mark(i, 2, DOUBLE, _direction(prev, nxt), '"')
    nxt = nxt2
    if ch == "`":
        return None
    if ch == "„":
        return _Mark(i, 1, DOUBLE, OPEN, ch)
    if ch == "“":
        # German style „...“ closes with “; a “ after a word and before a space closes too.
        role = CLOSE if (_is_word(prev) or prev in ".,!?") and not _is_word(nxt) else OPEN
        return _Mark(i, 1, DOUBLE, role, ch)
    if ch == "”":
        # Some texts open with ” too: at a paragraph start, or after a space before a word.
        if (prev == "" or prev.isspace()) and _is_word(nxt):
            return _Mark(i, 1, DOUBLE, EITHER, ch)
        return _Mark(i, 1, DOUBLE, CLOSE, ch)
    if ch == '"':
        return _Mark(i, 1, DOUBLE, _direction(prev, nxt), ch)
    if ch in "«‹":
        return _Mark(i, 1, GUILLEMET, OPEN, ch)
    if ch in "»›":
        return _Mark(i, 1, GUILLEMET, CLOSE, ch)
    # Single marks: apostrophe unless the context says otherwise.
    if _is_word(prev) and _is_word(nxt):
        return None  # hasn't, shouldn‘t, O'Brien
    if ch == "‚":
        return _Mark(i, 1, SINGLE, OPEN, ch) if not _is_word(prev) else None
    if _is_elision(text, i + 1, para_end):
        if not (ch == "‘" and _closes_soon(text, i + 1, para_end)):
            return None
    if ch == "‘" or (ch == "'" and (prev == "" or prev.isspace() or prev in "([{—–/\"“")):
        if nxt and not nxt.isspace():
            return _Mark(i, 1, SINGLE, OPEN, ch)
        return None
    # ’ or ' after something: a closing mark if a single quote is open (decided by the caller).
    if prev and not prev.isspace() and (not nxt or not _is_word(nxt)):
        weak = prev in "sSzZ" and nxt in (" ", "\u00a0") and i + 2 < para_end and _is_word(text[i + 2])
        return _Mark(i, 1, SINGLE, CLOSE, ch, weak=weak)
    return None


def _direction(prev: str, nxt: str) -> int:
    """Direction of a straight double mark from its neighbours."""
    opens = prev == "" or prev.isspace() or prev in "([{—–-/“‘'"
    closes = nxt == "" or nxt.isspace() or nxt in ".,;:!?)]}—–-”’'"
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return EITHER


def _is_elision(text: str, j: int, end: int) -> bool:
    """'90s, 'em, 'til, 'n' : a leading apostrophe, not an opening quote."""
    head = text[j:min(end, j + 6)].lower()
    if len(head) >= 2 and head[0].isdigit() and head[1].isdigit():
        rest = head[2:3]
        return rest in ("s", "") or not _is_word(rest)
    for elision in _ELISIONS:
        if head.startswith(elision) and (len(head) == len(elision)
                                         or not _is_word(head[len(elision)])
                                         or elision.endswith((" ", "’", "'"))):
            return True
    return False


def _closes_soon(text: str, j: int, end: int) -> bool:
    stop = min(end, j + 40)
    return "’" in text[j:stop] and not text[j:j + 2].lower().startswith("n’")


def _paragraphs(text: str):
    """(start, end) of each line, in order; blank lines are yielded too."""
    start = 0
    n = len(text)
    while start <= n:
        end = text.find("\n", start)
        if end < 0:
            end = n
        yield start, end
        start = end + 1


def _scan_paragraph(text: str, start: int, end: int) -> list[_Mark]:
    marks = []
    i = start
    while i < end:
        ch = text[i]
        if ch in "“”„\"«»‹›‘’‚'`":
            mark = _classify(text, i, end)
            if mark is not None:
                marks.append(mark)
                i += mark.length
                continue
        i += 1
    return marks


@dataclass
class _Carry:
    """An outer quote left open at the end of a paragraph."""
    mark: _Mark
    open_at: int
    inner_start: int
    last_end: int
    paragraphs: int
    emit_unclosed: bool  # it reads as whole sentences: end it with its paragraph if never closed


def pair_quotes(text: str) -> list[MarkedQuote]:
    """Outermost quoted spans of `text`, in text order."""
    results: list[MarkedQuote] = []
    carry: _Carry | None = None
    for p_start, p_end in _paragraphs(text):
        body_start = p_start
        while body_start < p_end and text[body_start].isspace():
            body_start += 1
        if body_start >= p_end:
            continue  # blank line: a carried quote waits for the next paragraph
        marks = _scan_paragraph(text, body_start, p_end)
        stack: list[_Mark] = []
        if carry is not None:
            first = marks[0] if marks else None
            if first is not None and first.pos == body_start and first.family == carry.mark.family \
                    and first.role != CLOSE:
                marks = marks[1:]  # the repeated opening mark of a continued quote
                carry.paragraphs += 1
                stack.append(carry.mark)
            else:
                _finish(text, carry, results)
                carry = None
        closers_left = _single_closers_after(marks)
        for index, mark in enumerate(marks):
            depth = _open_of(stack, mark) if mark.role != OPEN else None
            if depth is None:
                if mark.role == CLOSE:
                    continue  # a stray closing mark (5'10", a possessive)
                mark.role = OPEN
                stack.append(mark)
                continue
            if mark.weak and closers_left[index]:
                continue  # militants’ inside a single quote that closes later
            opener = stack[depth]
            del stack[depth:]
            if stack:
                continue  # a nested quote: part of the outer one
            if carry is not None and opener is carry.mark:
                results.append(MarkedQuote(carry.inner_start, mark.pos, carry.open_at,
                                           mark.pos + mark.length, opener.family,
                                           carry.paragraphs))
                carry = None
            else:
                results.append(MarkedQuote(opener.pos + opener.length, mark.pos, opener.pos,
                                           mark.pos + mark.length, opener.family))
        outer = stack[0] if stack else None
        if outer is None:
            carry = None
            continue
        if carry is not None and outer is carry.mark:
            carry.last_end = p_end
            continue
        if outer.family == SINGLE and outer.pos != body_start:
            carry = None  # an unclosed single mark inside a paragraph is an apostrophe
            continue
        before = text[body_start:outer.pos].rstrip()
        carry = _Carry(outer, outer.pos, outer.pos + outer.length, p_end, 1,
                       emit_unclosed=not before or before[-1] in ".:!?")
    if carry is not None:
        _finish(text, carry, results)
    return [q for q in results if q.end > q.start and text[q.start:q.end].strip()]


def _finish(text: str, carry: _Carry, results: list[MarkedQuote]) -> None:
    """A quote never closed: it ends with its last paragraph when it reads as whole sentences."""
    if not carry.emit_unclosed:
        return
    end = carry.last_end
    while end > carry.inner_start and text[end - 1].isspace():
        end -= 1
    if end > carry.inner_start:
        results.append(MarkedQuote(carry.inner_start, end, carry.open_at, end, carry.mark.family,
                                   carry.paragraphs, closed=False))


def _open_of(stack: list[_Mark], mark: _Mark) -> int | None:
    """Index in `stack` of the innermost open mark that `mark` can close."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].family == mark.family:
            return depth
    return None


def _single_closers_after(marks: list[_Mark]) -> list[bool]:
    """For each mark: is there a later single closing mark in the paragraph?"""
    after = [False] * len(marks)
    seen = False
    for index in range(len(marks) - 1, -1, -1):
        after[index] = seen
        if marks[index].family == SINGLE and marks[index].role == CLOSE:
            seen = True
    return after
