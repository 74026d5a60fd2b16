"""Quotes with their speakers.

1. `marks.pair_quotes` pairs quotation marks into outermost quoted spans (apostrophes,
   nesting, multi-paragraph quotes and unclosed marks are handled there).
2. Each quote is placed in its writer's sentence: spaCy sentences merged where they split inside
   a quote, after "He added," or before "he said".
3. Its cue is the nearest reporting verb of that sentence outside quotes (`vocabulary.CUE_LEMMAS`),
   unless another one of the sentence governs the quoted words in the parse and the nearest does
   not (a cue inside a relative clause or a subject's participle); without one, a short following "Smith said." sentence, a colon after a name, or a colon ending
   the previous paragraph. A quoted sentence with no cue continues the previous speaker when the
   previous quote is in the same or the previous paragraph.
4. The speaker is the cue's subject, resolved to an actor by `speakers.Resolver`.
A fragment with no speaker (a scare quote, a title) is not reported; neither is a quote in an
ignored (boilerplate) region or a quote that is itself the subject of the cue (a title).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..article import Article
from ..types import Actor, Span, strip_range
from .marks import MarkedQuote, pair_quotes
from .attribution import governing
from .speakers import Resolver, Speaker

# A quoted phrase right after one of these words names something; it reports nobody's words.
_NAMING_WORDS = frozenset("so-called titled entitled hashtag nicknamed headlined".split())
# Continuation of the previous speaker reaches this many paragraphs back at most.
_FLOAT_PARAGRAPHS = 1


@dataclass
class Quote:
    id: str
    text: str
    kind: str  # direct | partial
    span: Span
    speaker: Speaker | None
    cue: Span | None


@dataclass
class _Found:
    marked: MarkedQuote
    span: Span
    sentence: int  # index of its writer sentence
    paragraph: int
    kind: str = "partial"
    speaker: Speaker | None = None
    cue: Span | None = None


def find_quotes(article: Article, actors: list[Actor]) -> list[Quote]:
    text = article.text
    doc = article.doc
    marked = [q for q in pair_quotes(text) if not article.is_ignored(q.open_at, q.close_at)]
    if not marked or len(doc) == 0:
        return []
    opens = [q.open_at for q in marked]
    closes = [q.close_at for q in marked]

    def in_quote(offset: int) -> bool:
        index = bisect.bisect_right(opens, offset) - 1
        return index >= 0 and offset < closes[index]

    sentences = _writer_sentences(doc, text, marked)
    sent_starts = [s[0] for s in sentences]
    paragraph_starts = _paragraph_starts(text)
    resolver = Resolver(doc, text, actors, in_quote)
    cues = [tok for tok in doc if resolver.is_cue(tok)]
    cue_positions = [tok.idx for tok in cues]

    found: list[_Found] = []
    for q in marked:
        span = _trimmed(text, q.start, q.end)
        if span is None:
            continue
        sentence = max(0, bisect.bisect_right(sent_starts, q.open_at) - 1)
        paragraph = bisect.bisect_right(paragraph_starts, q.open_at) - 1
        found.append(_Found(q, span, sentence, paragraph))

    results: list[_Found] = []
    previous: _Found | None = None
    for item in found:
        q = item.marked
        s_start, s_end = sentences[item.sentence]
        item.kind = _kind(text, item, s_start, s_end, in_quote)
        if _is_naming(text, q.open_at) or _is_title(text, item, s_start):
            continue
        cue_tok = _nearest_cue(cues, cue_positions, q, s_start, s_end)
        if cue_tok is not None:
            cue_tok = _governing_cue(doc, cues, cue_positions, q, (s_start, s_end), cue_tok)
        if cue_tok is None:
            cue_tok = _cue_after(cues, cue_positions, sentences, item, text, in_quote)
        if cue_tok is None:
            cue_tok = _cue_before_paragraph(cues, cue_positions, sentences, item, text)
        if cue_tok is not None:
            cue_tok, subject = governing(resolver, cue_tok, resolver.subject_of(cue_tok))
            if subject is not None and q.open_at <= subject.idx < q.close_at:
                continue  # the quoted words are the cue's subject: a title ("The Journal" wrote)
            item.cue = resolver.cue_span(cue_tok)
            if subject is not None:
                item.speaker = resolver.speaker_for(subject)
        if item.speaker is None and item.cue is None:
            item.speaker, item.cue = _colon_speaker(resolver, doc, text, q, actors)
        if item.speaker is None and item.cue is None:
            item.speaker, item.cue = _dash_speaker(resolver, text, q)
        if item.speaker is None and item.cue is None:
            item.speaker, item.cue = _colon_sentence_speaker(resolver, doc, text, q)
        if item.speaker is None and item.cue is None and previous is not None \
                and item.kind == "direct" and _starts_sentence(text, s_start, q.open_at) \
                and item.paragraph - previous.paragraph <= _FLOAT_PARAGRAPHS:
            item.speaker = previous.speaker  # a quote paragraph continuing the previous speaker
        if item.speaker is None and item.cue is None and not (
                item.kind == "direct" and _starts_sentence(text, s_start, q.open_at)):
            continue  # a scare quote or a title: nobody's words
        results.append(item)
        if item.speaker is not None:
            previous = item

    return [
        Quote(id=f"Q{number}", text=text[item.span.start:item.span.end], kind=item.kind,
              span=item.span, speaker=item.speaker, cue=item.cue)
        for number, item in enumerate(results, start=1)
    ]


def _trimmed(text: str, start: int, end: int) -> Span | None:
    start, end = strip_range(text, start, end)
    return Span(start, end) if end > start else None


def _paragraph_starts(text: str) -> list[int]:
    """Start offsets of the non-blank lines, so blank lines do not count as paragraphs."""
    starts = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if text[start:end].strip() or not starts:
            starts.append(start)
        start = end + 1
    return starts


def _writer_sentences(doc, text: str, marked: list[MarkedQuote]) -> list[tuple[int, int]]:
    """Sentences as the writer made them: spaCy's, merged where they split inside a quote,
    after a lead-in ending with "," or ":", or before a lower-case "he said"."""
    opens = [q.open_at for q in marked]
    closes = [q.close_at for q in marked]
    merged: list[list[int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        if merged:
            index = bisect.bisect_right(opens, start - 1) - 1
            inside = index >= 0 and opens[index] < start < closes[index]
            gap = text[merged[-1][1]:start]
            before = text[merged[-1][0]:merged[-1][1]].rstrip()
            first = text[start:start + 1]
            same_paragraph = "\n" not in gap and "\n" not in before[-1:]
            if inside or (same_paragraph and (before.endswith((",", ":")) or first.islower()
                                              or first in ",;")):
                merged[-1][1] = end
                continue
        merged.append([start, end])
    return [(s, e) for s, e in merged]


def _nearest_cue(cues, positions, q: MarkedQuote, s_start: int, s_end: int):
    """The reporting verb of the sentence nearest to the quote, outside quotes."""
    best, best_distance = None, None
    index = bisect.bisect_left(positions, q.open_at) - 1
    if index >= 0 and positions[index] >= s_start:
        best, best_distance = cues[index], q.open_at - positions[index]
    index = bisect.bisect_left(positions, q.close_at)
    if index < len(positions) and positions[index] < s_end:
        distance = positions[index] - q.close_at
        if best is None or distance < best_distance:
            best = cues[index]
    return best


def _governing_cue(doc, cues, positions, q: MarkedQuote, sentence: tuple[int, int], nearest):
    """The cue the quote hangs from, when the nearest one does not govern it: in "saying anybody
    who complains about the noise “has never lived near a runway”" the words are reported by
    *saying*, not by the nearer *complains*, whose clause does not hold them."""
    quoted = doc.char_span(q.start, q.end, alignment_mode="expand")
    if quoted is None or len(quoted) == 0:
        return nearest
    above: set[int] = set()
    for tok in quoted:
        if tok.head.i < quoted.start or tok.head.i >= quoted.end:
            above.update(ancestor.i for ancestor in tok.ancestors)
    if not above or nearest.i in above:
        return nearest
    first = bisect.bisect_left(positions, sentence[0])
    last = bisect.bisect_left(positions, sentence[1])
    governing_cues = [cue for cue in cues[first:last] if cue.i in above]
    if not governing_cues:
        return nearest
    return min(governing_cues, key=lambda cue: min(abs(cue.idx - q.open_at), abs(cue.idx - q.close_at)))


def _cue_after(cues, positions, sentences, item: _Found, text: str, in_quote):
    """`“We won!” Smith said.`: a short sentence right after a quote that ended its sentence."""
    q = item.marked
    s_start, s_end = sentences[item.sentence]
    if text[q.close_at:s_end].strip() or item.sentence + 1 >= len(sentences):
        return None
    n_start, n_end = sentences[item.sentence + 1]
    if "\n" in text[q.close_at:n_start] or n_end - n_start > 80 or in_quote(n_start):
        return None
    index = bisect.bisect_left(positions, n_start)
    if index < len(positions) and positions[index] < n_end:
        if not any(in_quote(i) for i in range(n_start, n_end) if text[i] in "“\""):
            return cues[index]
    return None


def _cue_before_paragraph(cues, positions, sentences, item: _Found, text: str):
    """`He said:` ending the previous paragraph, then the quote opening its own paragraph."""
    q = item.marked
    line_start = text.rfind("\n", 0, q.open_at) + 1
    if text[line_start:q.open_at].strip():
        return None
    before = text[:line_start].rstrip()
    if not before.endswith(":"):
        return None
    index = bisect.bisect_left(positions, len(before)) - 1
    if index >= 0 and "\n" not in text[positions[index]:len(before)]:
        return cues[index]
    return None


def _colon_speaker(resolver: Resolver, doc, text: str, q: MarkedQuote, actors):
    """`Smith: “We will win.”`: a named speaker right before a colon."""
    j = q.open_at - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 1 or text[j] != ":":
        return None, None
    k = j - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    actor = resolver.actor_at(k, k + 1)
    if actor is None:
        return None, None
    for mention in actor.mentions:
        if mention.start <= k < mention.end:
            return Speaker(actor.id, actor.name, mention), Span(j, j + 1)
    return None, None


def _dash_speaker(resolver: Resolver, text: str, q: MarkedQuote):
    """`“We will win.” ― Jane Doe`: a name after a dash right after the closing mark."""
    j = q.close_at
    limit = min(len(text), j + 4)
    while j < limit and text[j] in " \t\u00a0":
        j += 1
    if j >= len(text) or text[j] not in "―—–":
        return None, None
    dash = j
    j += 1
    while j < len(text) and text[j] in " \t\u00a0":
        j += 1
    actor = resolver.actor_at(j, j + 1)
    if actor is not None:
        for mention in actor.mentions:
            if mention.start <= j < mention.end:
                return Speaker(actor.id, actor.name, mention), Span(dash, dash + 1)
    end = j
    words = 0
    while end < len(text) and words <= 5:
        k = end
        while k < len(text) and (text[k].isalpha() or text[k] in ".-'’"):
            k += 1
        if k == end or not text[end].isupper():
            break
        words += 1
        end = k
        if end < len(text) and text[end] == " " and end + 1 < len(text) and text[end + 1].isupper():
            end += 1
        else:
            break
    name_end = end
    while name_end > j and text[name_end - 1] in ". ":
        name_end -= 1
    if 1 <= words <= 5 and name_end > j:
        return Speaker(None, text[j:name_end], Span(j, name_end)), Span(dash, dash + 1)
    return None, None


def _colon_sentence_speaker(resolver: Resolver, doc, text: str, q: MarkedQuote):
    """`Sanders made the following comment: “...”`: the subject of the clause before a colon."""
    before = text[:q.open_at].rstrip()
    if not before.endswith(":") or "\n\n\n" in text[len(before):q.open_at]:
        return None, None
    colon = len(before) - 1
    index = bisect.bisect_right(resolver._token_starts, colon) - 1
    if index < 0 or doc[index].text != ":":
        return None, None
    root = doc[index]
    for _ in range(50):
        if root.head is root:
            break
        root = root.head
    if root.idx > colon:
        return None, None
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.idx < colon:
            return resolver.speaker_for(child), Span(colon, colon + 1)
    return None, None


def _starts_sentence(text: str, s_start: int, open_at: int) -> bool:
    return not text[s_start:open_at].strip()


_MINOR_WORDS = frozenset("of the and a an in on at to for with by or from".split())


def _is_title(text: str, item: _Found, s_start: int) -> bool:
    """A title of a work or a nickname inside the writer's sentence: `on "Face the Nation,"`,
    `Marcia "Cia" Price`. Every word is capitalized and the quote does not start the sentence."""
    q = item.marked
    lead = text[s_start:q.open_at].rstrip()
    if not lead or lead.endswith(":"):
        return False
    words = [w.strip(".,;:!?()’'\"“”") for w in text[item.span.start:item.span.end].split()]
    words = [w for w in words if any(ch.isalpha() for ch in w)]
    if not words or len(words) > 8:
        return False
    capitalized = all(w[0].isupper() or w.lower() in _MINOR_WORDS or not w[0].isalpha()
                      for w in words) and words[0][0].isupper()
    if not capitalized:
        return False
    if len(words) >= 2:
        return True
    # One capitalized word between two names is a nickname.
    before = lead.split()[-1] if lead.split() else ""
    after = text[q.close_at:q.close_at + 40].split()
    return bool(before[:1].isupper() and after and after[0][:1].isupper())


def _is_naming(text: str, open_at: int) -> bool:
    before = text[max(0, open_at - 30):open_at].split()
    return bool(before) and before[-1].lower().strip(",:") in _NAMING_WORDS


def _kind(text: str, item: _Found, s_start: int, s_end: int, in_quote) -> str:
    """`direct` for a sentence or more, `partial` for a fragment inside the writer's sentence."""
    inner = text[item.span.start:item.span.end]
    words = inner.split()
    lead = text[s_start:item.marked.open_at].rstrip()
    opens_sentence = not lead or lead.endswith((":", ","))
    first = inner.lstrip("—–-…. ")[:1]
    if opens_sentence and (first.isupper() or first.isdigit()) and len(words) >= 2:
        return "direct"
    if inner.rstrip("”\"’' ").endswith((".", "?", "!")) and len(words) >= 3:
        return "direct"
    if item.marked.paragraphs > 1:
        return "direct"
    return "partial"
