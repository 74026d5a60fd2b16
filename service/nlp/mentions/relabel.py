"""Person and organization mentions corrected by context, after the place rules of entities.py.

The model's labels fail in the same few ways on news it has not seen, and each rule here reads
the text around a mention rather than any name list:

- spans that are not names at all: a demonym ("Ugandan" troops), a title or role word alone
  ("Spokesperson"), chrome words and time zones ("Flash", "GMT"), social handles, all-caps post
  text and section breadcrumbs;
- spans with a tail or a head that is not part of the name: "Allied Liberation Front (ALF" ends
  at the parenthesis, the rank acronym of "IGP Rajan Mehta" is dropped;
- wrong roles: an armed group taken for a place ("the Sundar Brigade" as GPE) is an
  organization; a person taken for a place ("Governor Lena Ostrova" as GPE, "Ostrova said") is a
  person; a name after "the village of" is a place;
- names the model missed: a capitalised run after a role word ("resident Omar Haddad",
  "spokeswoman Maria Delacroix") is a person, and a parenthesised acronym's later uses are
  mentions of the organization it abbreviates (the actors layer joins them).
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ..article import Article
from ..gazetteer.placenames import normalize, strip_article
from ..names import TITLES, fold

# Words that introduce a person by what they are ("resident Omar Haddad", "a witness, X").
ROLE_WORDS = TITLES | frozenset("""
spokesperson spokesman spokeswoman resident residents witness villager farmer teacher student
official officials analyst lawyer doctor nurse survivor activist engineer journalist reporter
photographer researcher professor economist director chairman chairwoman chair head leader
commander minister secretary governor mayor inspector superintendent constable councillor
councilor lawmaker legislator senator diplomat envoy ambassador coach manager founder owner
""".split())
# Single words that head pages or posts but name nobody ("Flash", "Rescue", "Update").
CHROME_WORDS = frozenset("""
flash rescue update updates breaking live watch photo photos video videos exclusive read share
follow subscribe advertisement sponsored opinion analysis editorial comment comments related
latest home news menu search login sign newsletter podcast gallery
""".split())
TIME_ZONES = frozenset("gmt utc est edt cst cdt mst mdt pst pdt cet cest bst ist eat wat cat "
                       "sast jst aest".split())
# Heads of organization names; a "place" ending in one of them is a group ("the Sundar Brigade").
GROUP_HEADS = frozenset("""
front movement army brigade brigades battalion militia militias forces force party council
committee group alliance union coalition league federation organization organisation
association authority agency ministry commission police guard guards rebels network company
corporation bank institute foundation society
""".split())
# Words after which a capitalised name is a place ("the village of Kelvani").
PLACE_OF = frozenset("village town city district province region county state "
                     "villages towns cities districts".split())
SPEECH_AFTER = frozenset("said says told added stated wrote argued noted explained".split())
_ACRONYM_DEFINITION = re.compile(r"\(([A-Z][A-Z&]{1,9})\)")
_BREADCRUMB = re.compile(r"\s[>»|/›]\s")
_MARKS = "'\"‘’“”«»"
CALENDAR_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april june july august september october november december""".split())
_RANK = re.compile(r"^[A-Z]{2,5}$")


def correct_mentions(article: Article, mentions: list, gaz, make) -> list:
    """The mentions with non-names dropped, spans trimmed, roles corrected and missed names added
    (`make(start, end, role, label)` builds a new mention: entities.py's EntityMention)."""
    text, doc = article.text, article.doc
    out = []
    for mention in mentions:
        mention = _trimmed(text, mention)
        if mention is None or (mention.role != "place" and _not_a_name(article, mention, gaz)):
            continue
        out.append(_relabelled(doc, text, mention, gaz))
    out += _role_word_names(article, out, make)
    out += _acronym_names(article, out, make)
    out += _acronym_uses(article, out, make)
    out = _names_seen_as_actors(article, out, gaz)
    out += _repeated_names(article, out, make)
    out.sort(key=lambda m: m.start)
    return out


# ---- spans ----------------------------------------------------------------------------------

def _trimmed(text: str, mention):
    """Cut "Front (ALF" at the parenthesis, quotation marks at either end, a rank acronym before
    a person's name, and a weekday, month or role word after a name ("Wikinews Saturday",
    "State Department Spokesperson")."""
    start, end = mention.start, mention.end
    cut = text.find("(", start, end)
    if cut > start:
        end = cut
    start, end = _strip_marks(text, start, end)
    words = text[start:end].split()
    while mention.role != "place" and len(words) >= 2 and (
            words[-1].lower() in CALENDAR_WORDS or words[-1].lower() in ROLE_WORDS):
        end = text.rindex(words[-1], start, end)
        start, end = _strip_marks(text, start, end)
        words = text[start:end].split()
    if mention.role == "person" and len(words) >= 3 and _RANK.match(words[0]) \
            and words[1][:1].isupper():
        start = text.index(words[1], start + len(words[0]))
    if end <= start:
        return None
    return replace(mention, start=start, end=end) if (start, end) != (mention.start, mention.end) \
        else mention


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS):
        end -= 1
    return start, end


def _not_a_name(article: Article, mention, gaz) -> bool:
    text = article.text
    raw = text[mention.start:mention.end]
    words = fold(raw).split()
    if not words or not any(word[:1].isupper() for word in raw.split()):
        return True  # "jargon-free", "disco club": no capitalised word, no name
    if gaz is not None and strip_article(normalize(raw)) in gaz.demonyms:
        return True
    if len(words) == 1 and (words[0] in TITLES or words[0] in ROLE_WORDS
                            or words[0] in CHROME_WORDS or words[0] in TIME_ZONES):
        return True
    if raw.startswith(("@", "#")) or text[max(0, mention.start - 1):mention.start] in ("@", "#"):
        return True
    line = _line(text, mention.start, mention.end)
    return _all_caps_post(line) or len(_BREADCRUMB.findall(line)) >= 2


def _line(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start: line_end if line_end >= 0 else len(text)]


def _all_caps_post(line: str) -> bool:
    """A line of four or more words in capitals (shouted post text, a banner)."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(line.split()) >= 4 and len(letters) >= 12 and all(ch.isupper() for ch in letters)


# ---- roles ----------------------------------------------------------------------------------

def _relabelled(doc: Doc, text: str, mention, gaz):
    raw = text[mention.start:mention.end]
    words = fold(raw).split()
    known_place = gaz is not None and bool(gaz.exact(strip_article(normalize(raw))))
    if mention.role == "place" and words and words[-1] in GROUP_HEADS and not known_place:
        return replace(mention, role="organization")
    if mention.role == "place" and not known_place and _person_context(doc, text, mention):
        return replace(mention, role="person")
    if mention.role == "person" and known_place and _word_before(text, mention.start) in PLACE_OF:
        return replace(mention, role="place")
    return mention


def _word_before(text: str, start: int) -> str:
    before = text[max(0, start - 30):start].split()
    word = before[-1].lower() if before else ""
    if word == "of" and len(before) >= 2:
        word = before[-2].lower()
    return word


def _person_context(doc: Doc, text: str, mention) -> bool:
    """A title or role word before the name, or a verb of speech right after it."""
    if _word_before(text, mention.start).strip(".,") in ROLE_WORDS:
        return True
    after = text[mention.end:mention.end + 20].split()
    return bool(after) and after[0].lower().strip(",.") in SPEECH_AFTER and \
        len(text[mention.start:mention.end].split()) >= 2


# ---- names the model missed -----------------------------------------------------------------

def _covered(mentions, start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _role_word_names(article: Article, mentions: list, make) -> list:
    """"resident Omar Haddad": a capitalised run of one to three words after a role word."""
    doc = article.doc
    found = []
    for token in doc:
        if token.lower_ not in ROLE_WORDS or token.i + 1 >= len(doc):
            continue
        first = token.i + 1
        while first < len(doc) and (doc[first].lower_ in ROLE_WORDS or doc[first].lower_ == "vice"):
            first += 1  # "Former Vice President X": the name follows the whole title
        run = []
        for nxt in doc[first: first + 3]:
            if nxt.pos_ != "PROPN" or not nxt.text[:1].isupper() or nxt.lower_ in ROLE_WORDS:
                break
            run.append(nxt)
        if not run or (len(run) == 1 and doc[first - 1].lower_ not in TITLES):
            continue
        after = doc[run[-1].i + 1] if run[-1].i + 1 < len(doc) else None
        if after is not None and after.pos_ == "NOUN" and after.text.islower():
            continue  # "the late Panjshiri leader": the capitalised word describes the noun
        start, end = run[0].idx, run[-1].idx + len(run[-1].text)
        if article.is_ignored(start, end) or _covered(mentions, start, end) \
                or _covered(found, start, end):
            continue
        found.append(make(start, end, "person", "PERSON"))
    return found


_WORD_BEFORE = re.compile(r"([\w’'&-]+)\s*$")
_CONNECTORS = frozenset("of for and the on in".split())


def _capitalised_run_before(text: str, end: int) -> tuple[int, int] | None:
    """The run of capitalised words (with "of", "for", "and" between them) ending at `end`."""
    start = None
    position = end
    pending = None  # a connector kept only when a capitalised word comes before it
    for _ in range(10):
        match = _WORD_BEFORE.search(text, max(0, position - 40), position)
        if not match or "\n" in text[match.end(1):position]:
            break
        word = match.group(1)
        if word[:1].isupper() and word not in ("The", "A", "An"):
            start, pending = match.start(1), None
        elif word.lower() in _CONNECTORS and start is not None and pending is None:
            pending = match.start(1)
        else:
            break
        position = match.start(1)
    if start is None or len(text[start:end].split()) < 2:
        return None
    return start, end


def _acronym_names(article: Article, mentions: list, make) -> list:
    """"the Coalition for River Rights (KORA)": a capitalised run the model missed before an
    acronym in parentheses is the organization's name."""
    text = article.text
    found = []
    for definition in _ACRONYM_DEFINITION.finditer(text):
        end = definition.start()
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if any(m.role != "place" and 0 <= definition.start() - m.end <= 2 for m in mentions):
            continue
        run = _capitalised_run_before(text, end)
        if run and not article.is_ignored(*run) and not _covered(mentions, *run):
            found.append(make(run[0], run[1], "organization", "ORG"))
    return found


def _acronym_uses(article: Article, mentions: list, make) -> list:
    """Later uses of an acronym defined in parentheses after an organization's name."""
    text = article.text
    found = []
    for definition in _ACRONYM_DEFINITION.finditer(text):
        acronym = definition.group(1)
        before = [m for m in mentions if m.role == "organization"
                  and 0 <= definition.start() - m.end <= 2]
        if not before:
            continue
        for use in re.finditer(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", text):
            a, b = use.span()
            if article.is_ignored(a, b) or _covered(mentions, a, b) or _covered(found, a, b):
                continue
            found.append(make(a, b, "organization", "ORG"))
    return found


# ---- the same name elsewhere ----------------------------------------------------------------

def _actor_keys(text: str, mentions: list) -> dict[str, str]:
    """Name strings of person and organization mentions -> their role: the whole name, and a
    person's surname. A string used by both roles is left out."""
    keys: dict[str, str] = {}
    clash = set()
    for mention in mentions:
        if mention.role == "place":
            continue
        words = _POSSESSIVE.sub("", text[mention.start:mention.end]).split()
        while words and (words[0].lower() == "the" or fold(words[0]) in TITLES):
            words = words[1:]
        candidates = [" ".join(words)] if words else []
        if mention.role == "person" and len(words) >= 2:
            candidates.append(words[-1])
        for key in candidates:
            if len(key) < 3 or not key[:1].isupper():
                continue
            if keys.setdefault(key, mention.role) != mention.role:
                clash.add(key)
    return {key: role for key, role in keys.items() if key not in clash}


_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


def _names_seen_as_actors(article: Article, mentions: list, gaz) -> list:
    """One name, one role: a bare "place" whose text is a person's name or surname elsewhere
    ("Obama" as GPE after "Barack Obama") is that person, unless it is a country or a first-level
    division; a "person" whose text stands as a place after a place word or preposition
    elsewhere ("near the town of Dadu" ... "a farmer from Dadu") is that place."""
    text = article.text
    places = {text[m.start:m.end] for m in mentions if m.role == "place"
              and _word_before(text, m.start) in PLACE_OF | _PLACE_PREPOSITIONS}
    keys = _actor_keys(text, mentions)
    out = []
    for mention in mentions:
        raw = text[mention.start:mention.end]
        if mention.role == "person" and raw in places and len(raw.split()) == 1:
            mention = replace(mention, role="place")
        elif mention.role == "place" and keys.get(raw) == "person" and raw not in places \
                and not mention.designator and not _major_place(gaz, raw):
            mention = replace(mention, role="person")
        out.append(mention)
    return out


_PLACE_PREPOSITIONS = frozenset("in into near from at outside".split())


def _major_place(gaz, raw: str) -> bool:
    if gaz is None:
        return False
    rows = gaz.exact(strip_article(normalize(raw)))
    return any(main and gaz.kind_of(row) in ("country", "admin1", "region") for row, main in rows)


def _repeated_names(article: Article, mentions: list, make) -> list:
    """Other uses of a person's or an organization's name the model missed ("Sunak" after
    "Rishi Sunak"), when the name is not also a lower-case word of the text."""
    text = article.text
    keys = _actor_keys(text, mentions)
    lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", text))
    keys = {key: role for key, role in keys.items() if key.lower() not in lower_words}
    if not keys:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(
        re.escape(key) for key in sorted(keys, key=len, reverse=True)) + r")(?![\w-])")
    found = []
    for match in pattern.finditer(text):
        a, b = match.span()
        if article.is_ignored(a, b) or _covered(mentions, a, b) or _covered(found, a, b) \
                or _in_longer_name(text, a, b):
            continue
        found.append(make(a, b, keys[match.group()], "PERSON" if keys[match.group()] == "person"
                          else "ORG"))
    return found


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """A capitalised word right before or after: part of a longer name the model missed."""
    before = text[max(0, start - 30):start].split()
    after = text[end:end + 30].split()
    joined_before = start > 0 and not text[start - 1].isspace()
    return joined_before or (bool(before) and before[-1][:1].isupper() and not before[-1].endswith(
        (".", ",", ":", ";", "”", '"'))) or (bool(after) and after[0][:1].isupper()
                                            and text[end:end + 1] == " ")
