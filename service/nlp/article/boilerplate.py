"""Boilerplate regions excluded from every layer: CMS and scraper noise around the story.

One linear pass classifies each line (a paragraph in most exports) by general rules that CMS
exports and scraped pages share: share/follow/subscribe/donate prompts, notes to readers,
disclaimers, copyright lines, comment and membership prompts, "Read also" and label lines, ad
markers, photo captions with their credits, the chrome of embedded social posts, bylines and
publication-date lines. Each hit becomes an `Ignored(start, end, reason)` over the line's
non-blank extent (a caption's credit gets its own region), with offsets into the input as given.

Reasons (a fixed vocabulary, see `REASONS`):
navigation, share_prompt, subscribe, donation, disclaimer, copyright, comment_prompt, contact,
advertisement, caption, credit, social_embed, byline, publication_date.

Every pattern is bounded (no nested or unbounded repetition inside a repetition) and the
"contains" rules only look at lines of bounded length, so the scan is linear in the input.
"""
from __future__ import annotations

import re

from ..types import Ignored, strip_range
from .dates import EXPLICIT_DATE

REASONS = frozenset("""
navigation share_prompt subscribe donation disclaimer copyright comment_prompt contact
advertisement caption credit social_embed byline publication_date
""".split())

# Lines longer than this are body paragraphs: only rules anchored at the line start apply.
SHORT_LINE = 400
# Paragraph-length cap for rules that look inside a line (disclaimers run long).
LONG_LINE = 2500

_I = re.IGNORECASE
# Leading markup a CMS export puts before a line's words: "[", "**", "#", ">", bullets.
_LEAD = re.compile(r"^[\s\[\]*#>•·|_\-–—]{0,10}")
_MD_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\([^()\s]{0,500}\)")
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]{1,500}>?", _I)

# (reason, pattern, extend to the end of the paragraph) tried on the stripped line start.
_ANCHORED: list[tuple[str, re.Pattern, bool]] = [
    ("share_prompt", re.compile(
        r"^(?:note\sto\s(?:our\s)?readers?\b|share\s(?:this|on|via|the)\b|share\s?:|"
        r"click\s(?:the\s)?share\b|follow\sus\b|like\sus\son\b|cross-?post\b|"
        r"forward\sthis\s(?:article|story|email)\b|tweet\sthis\b|email\sthis\b|print\sthis\b|"
        r"(?:visit\sand\s)?follow\s(?:\w{1,20}\s){0,3}on\s(?:twitter|instagram|facebook|telegram|"
        r"youtube|tiktok|linkedin|x)\b)", _I), True),
    ("donation", re.compile(
        r"^(?:(?:please\s)?(?:support|donate\sto|donate|help\ssupport|contribute\sto|"
        r"become\sa\s(?:patron|supporter|sustaining\smember))\b(?=[^\n]{0,40}:|\s(?:us|our|"
        r"independent|this|the\swork|journalism)\b|\s?$)|"
        r"(?:paypal|patreon|venmo|ko-?fi|cash\s?app|zelle|bitcoin|btc|eth|ethereum|monero|"
        r"liberapay|buy\sme\sa\scoffee|iban|swift|bank\stransfer)\s?:)", _I), False),
    ("disclaimer", re.compile(
        r"^(?:disclaimer\b|(?:the\s)?(?:views|opinions)\s(?:and\sopinions\s)?expressed\s"
        r"(?:in|by|here)\b|editor[’']?s\snote\s?:|this\s(?:article|story|post)\sis\sfor\s"
        r"(?:informational|educational)\b)", _I), True),
    ("copyright", re.compile(
        r"^(?:copyright\b|©|\(c\)\s|all\srights\sreserved\b)", _I), False),
    ("credit", re.compile(
        r"^(?:the\soriginal\ssource\sof\sthis\sarticle\sis\b|(?:this\s(?:article|story)\s)?"
        r"(?:was\s)?(?:originally\s)?(?:first\s)?(?:published|appeared)\s(?:originally\s)?"
        r"(?:on|in|at|by)\s(?!\w{3,9}\.?\s\d)|source\s?:|republished\s(?:with|from)\b|"
        r"reporting\sby\b|(?:additional\s)?reporting\sand\swriting\sby\b|editing\sby\b|"
        r"(?:photos?|images?|photograph|picture|illustration)s?\s?(?:credit)?\s?(?::|by\b))",
        _I), False),
    ("comment_prompt", re.compile(
        r"^(?:comment\son\b|leave\sa\s(?:comment|reply)\b|join\sthe\s(?:conversation|discussion)\b|"
        r"comments?\s?\(\d{1,6}\)|\d{1,6}\scomments?\s*$|show\scomments\b|view\scomments\b|"
        r"become\sa\smember\b|log\sin\sto\s(?:comment|reply)\b|sign\sin\sto\s(?:comment|reply)\b|"
        r"you\smust\sbe\slogged\sin\b|comments\sare\s(?:closed|moderated)\b)", _I), False),
    ("byline", re.compile(
        r"^(?:(?:articles?|posts?|more|stories)\sby\s?:|(?:written|reported|compiled|posted)\sby\b|"
        r"(?:authors?|writers?|reporters?|contributors?)\s?:)", _I), False),
    ("navigation", re.compile(
        r"^(?:read\s(?:also|more|next|the\sfull|the\soriginal)\b|also\sread\b|see\salso\b|"
        r"related\s?(?:articles|stories|coverage|content|posts|reading|news)?\s?:|"
        r"recommended(?:\sfor\syou)?\s?:|more\s(?:from|on|stories|news)\b.{0,80}:|"
        r"(?:most\s(?:read|popular|viewed)|trending(?:\snow)?|you\smay\salso\slike|"
        r"further\sreading|continue\sreading|click\shere|back\sto\stop|skip\sto\b|"
        r"jump\sto\b|watch\s(?:now|live|the\svideo)|listen\sto\sthis\s(?:article|story))\b|"
        r"(?:region|regions|theme|themes|in-depth\sreport|tags?|topics?|categor(?:y|ies)|"
        r"filed\sunder|section|keywords)\s?:)", _I), False),
    ("contact", re.compile(
        r"^(?:for\s)?(?:media|press)\s(?:inquiries|enquiries|contact)\b|^(?:contact\sus|"
        r"got\sa\s(?:tip|story)|send\sus\s(?:a\stip|your))\b", _I), False),
    ("subscribe", re.compile(
        r"^(?:subscribe\b|sign\sup\b|get\s(?:our|the)\s(?:\w{1,20}\s){0,3}newsletter\b|"
        r"newsletter\s?:)", _I), False),
    ("advertisement", re.compile(
        r"^(?:advertisements?|sponsored(?:\scontent)?|promoted|paid\scontent|ad|"
        r"story\scontinues\sbelow(?:\sadvertisement)?|scroll\s(?:down\s)?to\scontinue(?:\sreading)?)"
        r"\s?$", _I), False),
    ("social_embed", re.compile(
        r"^(?:@\w{1,30}\s?$|tweet\syour\sreply\b|view\sthis\spost\son\b|a\spost\sshared\sby\b|"
        r"see\s(?:the\s)?(?:latest|more)\b.{0,40}\son\s(?:twitter|instagram|facebook|x)\b|"
        r"copy\slink(?:\sto\s(?:tweet|post))?\s?$|read\s\d{1,7}\s(?:replies|comments)\b|"
        r"pic\.twitter\.com/|(?:view|watch)\son\s(?:twitter|instagram|youtube|tiktok)\b|"
        r"—\s[^\n]{1,80}\(@\w{1,30}\)\s)", _I), False),
]

# Rules that look anywhere inside a line of at most `limit` characters.
_CONTAINS: list[tuple[str, re.Pattern, int]] = [
    ("advertisement", re.compile(
        r"\b(?:article|story)\scontinues\s(?:after|below)\s(?:this\s)?(?:advertisement|ad)\b|"
        r"\bcontinues\sbelow\sadvertisement\b", _I), SHORT_LINE),
    ("disclaimer", re.compile(
        r"\bcontains\scopyrighted\smaterial\b|\bsole\sresponsibility\sof\sthe\sauthor|"
        r"\bnot\sbe\sresponsible\sfor\sany\s(?:inaccurate|incorrect)\b|"
        r"\bunder\sthe\sprovisions\sof\s[\"“]?fair\suse|"
        r"\bdo\snot\snecessarily\s(?:reflect|represent)\sthe\s(?:views|opinions|position)",
        _I), LONG_LINE),
    ("copyright", re.compile(r"©|\ball\srights\sreserved\b|\bcopyright\s(?:\d{4}|©)", _I),
     SHORT_LINE),
    ("subscribe", re.compile(
        r"\bsign\sup\sfor\s(?:\w{1,20}\s){0,6}(?:newsletter|e-?mail|updates|alerts|briefing)|"
        r"\bsent\sto\syour\sinbox\b|\bsubscribe\sto\sour\s(?:\w{1,20}\s){0,3}"
        r"(?:newsletter|channel|feed)\b|\bdelivered\sto\syour\sinbox\b", _I), SHORT_LINE),
    ("share_prompt", re.compile(
        r"\bshare\sbuttons?\b|\bfollow\sus\s(?:on|at)\b|\bshare\sthis\s(?:article|story|post)\b|"
        r"\btranslate\s(?:this\s)?(?:website|page|article)\b", _I), SHORT_LINE),
    ("donation", re.compile(
        r"\b(?:paypal\.me|patreon\.com|ko-fi\.com|buymeacoffee\.com)\b|/donate\b|"
        r"\bplease\s(?:consider\s)?(?:donating|making\sa\sdonation|supporting\sus)\b|"
        r"\bmake\sa\s(?:tax-deductible\s)?donation\b", _I), SHORT_LINE),
]

# Embedded-post counters: "Heart 105 Comment 14 Share this Tweet", "1.2K Likes 300 Retweets".
_COUNTER_WORDS = frozenset("""
heart hearts like likes comment comments share shares retweet retweets reply replies view views
repost reposts quote quotes bookmark bookmarks this tweet post reel follow following followers
""".split())
_COUNTER_TOKEN = re.compile(r"[\w.,]{1,20}")
_NUMBER = re.compile(r"^\d[\d.,]{0,12}[kKmM]?$")

# A photo credit closing a caption: "… Jane Doe/Agence France-Presse — Getty Images",
# "… (Jane Doe/Reuters)", "… Photo: Jane Doe/AP", "… Credit: Jane Doe for The Times".
_NAME = r"[A-Z](?:\.|[\w'’-]{1,30})(?:\s[A-Z](?:\.|[\w'’-]{1,30})){0,5}"
_CREDIT_TAIL = re.compile(
    rf"(?:(?<=[.!?”\"])\s{{1,3}}|\s(?:[—–-]\s)?\(?)(?P<credit>"
    rf"(?:(?:photo|photograph|image|picture|credit|illustration)s?\s?(?:credit)?\s?(?::|by)\s?)?"
    rf"(?:{_NAME}/{_NAME}(?:\s[—–-]\s{_NAME})?|{_NAME}\s(?:for|via)\s(?:the\s)?{_NAME}|"
    rf"{_NAME}\s[—–-]\s(?:Getty\sImages|Reuters|AFP|AP|EPA|Shutterstock|Alamy))"
    rf")\)?\s?$")
_CREDIT_LEAD = re.compile(r"^(?:photo|photograph|image|picture|credit|illustration)s?\s?"
                          r"(?:credit)?\s?(?::|by\b)", _I)

# "By Jane Doe and John Roe", "By [Jane Doe](#)" (byline); "Jane Doe contributed reporting."
_BYLINE = re.compile(r"^(?i:by)\s{1,3}(?P<names>[\[A-Z][^\n]{0,200})$")
_CONTRIBUTED = re.compile(
    r"(?:contributed\s(?:reporting|to\sthis\s(?:report|article|story))|"
    r"contributed\sadditional\sreporting)[^\n]{0,80}$", _I)
# A publication line: "Published Aug. 21, 2021 Updated Sept. 29, 2021", "Outlet, August 25, 2021",
# "[Outlet](#) 24 August 2021", "Posted on 24 August 2021 at 10:00".
_PUBLISHED_WORDS = re.compile(
    r"^(?:(?:first\s|originally\s|last\s)?(?:published|posted|updated|modified)(?:\son)?\b|"
    r"date\s?:)", _I)


def _lines(text: str):
    """(start, end) of each line's non-blank extent, skipping blank lines."""
    position, length = 0, len(text)
    while position < length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline
        start, end = strip_range(text, position, line_end)
        if start < end:
            yield start, end
        position = line_end + 1


def _plain(line: str) -> str:
    """The line with markdown links reduced to their labels and leading markup dropped."""
    return _LEAD.sub("", _MD_LINK.sub(r"\1", line), count=1)


def _is_link_only(line: str) -> bool:
    rest = _URL.sub(" ", _MD_LINK.sub(" ", line))
    return len(rest) < len(line) and not any(ch.isalnum() for ch in rest)


def _is_counter_line(line: str) -> bool:
    tokens = _COUNTER_TOKEN.findall(line)
    if not 2 <= len(tokens) <= 16:
        return False
    words = [t for t in tokens if not _NUMBER.match(t)]
    numbers = len(tokens) - len(words)
    return numbers >= 1 and bool(words) and all(w.lower() in _COUNTER_WORDS for w in words)


def _is_name_line(line: str) -> bool:
    """A short display-name line ("Jane Doe"), as embedded posts show above the handle."""
    words = line.split()
    return (1 <= len(words) <= 5 and len(line) <= 60 and line[-1:].isalnum()
            and all(w[:1].isupper() for w in words))


def byline_names(plain: str) -> str | None:
    """The names part of a "By ..." line (markdown links already reduced), or None."""
    match = _BYLINE.match(plain)
    if not match or plain.rstrip().endswith((".", "?", "!", ":")):
        return None
    names = match.group("names")
    words = re.findall(r"[^\W\d_][\w.'’-]{0,40}", names)
    connectors = {"and", "with", "de", "van", "von", "der", "al", "bin", "el", "la", "le", "da"}
    if not words or len(words) > 14:
        return None
    if not all(w[:1].isupper() or w.lower() in connectors for w in words):
        return None
    return names


def is_byline(plain: str) -> bool:
    return byline_names(plain) is not None


def _is_publication_line(line: str) -> bool:
    if len(line) > 160:
        return False
    dates = list(EXPLICIT_DATE.finditer(line))
    if not dates or not any(m.group("year") or m.group("year2") or m.group("iy") for m in dates):
        return False
    if _PUBLISHED_WORDS.match(line):
        return True
    # Outlet name and a date, nothing else: at most six words besides the dates, no sentence.
    rest = line
    for match in reversed(dates):
        rest = rest[:match.start()] + " " + rest[match.end():]
    rest = _MD_LINK.sub(r"\1", rest)
    words = re.findall(r"[^\W\d_][\w.'’&-]{0,40}", rest)
    return (len(words) <= 6 and not rest.rstrip().endswith((".", "?", "!"))
            and all(w[:1].isupper() or w.lower() in {"of", "the", "and", "on", "at", "by",
                                                       "updated", "published"} for w in words))


def classify_line(line: str) -> str | None:
    """The boilerplate reason for one stripped line, or None for story text."""
    plain = _plain(line)
    if not plain:
        return None
    if _is_publication_line(line):
        return "publication_date"
    for reason, pattern, _extend in _ANCHORED:
        if pattern.match(plain):
            return reason
    if is_byline(plain):
        return "byline"
    if len(line) <= SHORT_LINE and _CONTRIBUTED.search(line):
        return "credit"
    if len(line) <= SHORT_LINE and _is_counter_line(plain):
        return "social_embed"
    if len(line) <= LONG_LINE:
        for reason, pattern, limit in _CONTAINS:
            if len(line) <= limit and pattern.search(line):
                return reason
    if _is_link_only(line):
        return "navigation"
    return None


_EXTENDING = frozenset(reason for reason, _pattern, extend in _ANCHORED if extend)


def _extends(line: str) -> bool:
    plain = _plain(line)
    return any(extend and pattern.match(plain) for _, pattern, extend in _ANCHORED)


def _caption_credit(text: str, start: int, end: int) -> list[Ignored]:
    """A caption line closed by a photo credit: the caption and its credit, as two regions."""
    line = text[start:end]
    if len(line) > SHORT_LINE:
        return []
    if _CREDIT_LEAD.match(line):
        return [Ignored(start, end, "credit")]
    match = _CREDIT_TAIL.search(line)
    if not match:
        return []
    credit_start = start + match.start("credit")
    caption = line[:match.start("credit")].rstrip(" (—–-")
    if not caption:
        return [Ignored(start, end, "credit")]
    # The caption must read as a sentence, not a dateline or a name list.
    if not caption.rstrip().endswith((".", "!", "?", "”", '"')):
        return []
    return [Ignored(start, start + len(caption), "caption"), Ignored(credit_start, end, "credit")]


def find_boilerplate(text: str) -> list[Ignored]:
    """Every boilerplate region of `text`, sorted by start, offsets into `text` as given."""
    regions: list[Ignored] = []
    lines = list(_lines(text))
    extend_until = -1
    previous_content: tuple[int, int] | None = None
    for index, (start, end) in enumerate(lines):
        line = text[start:end]
        if start < extend_until:
            regions.append(Ignored(start, end, regions[-1].reason))
            continue
        reason = classify_line(line)
        if reason is None:
            captioned = _caption_credit(text, start, end)
            if captioned:
                regions.extend(captioned)
                continue
        if reason is None:
            previous_content = (start, end)
            continue
        if reason == "social_embed" and re.match(r"^@\w{1,30}\s?$", _plain(line)):
            # The author's display name just above the handle belongs to the embed.
            if previous_content and _is_name_line(text[previous_content[0]:previous_content[1]]) \
                    and text.count("\n", previous_content[1], start) <= 2:
                regions.append(Ignored(previous_content[0], previous_content[1], "social_embed"))
        regions.append(Ignored(start, end, reason))
        if reason in _EXTENDING and _extends(line):
            paragraph_end = text.find("\n\n", end)
            extend_until = len(text) if paragraph_end < 0 else paragraph_end
        previous_content = None
    regions.sort(key=lambda r: (r.start, r.end))
    return regions
