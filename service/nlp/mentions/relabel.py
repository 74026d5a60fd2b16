"""Person and organization mentions corrected by context, after the place rules of entities.py.

The model's labels fail in the same few ways on news it has not seen, and each rule here reads
the text around a mention rather than any name list:

- spans that are not names at all: a demonym ("Ugandan" troops), a title or role word alone
  ("Spokesperson"), chrome words and time zones ("Flash", "GMT"), social handles, all-caps post
  text and section breadcrumbs, events ("the Harbor Magic Convention"), a portfolio before an
  office word ("Interior Minister X"), an adjective modifying the next noun ("Heavy rains");
- spans with a tail or a head that is not part of the name: "Allied Liberation Front (ALF" ends
  at the parenthesis, the rank acronym of "IGP Rajan Mehta" is dropped, and so are a caption's
  credit marker ("Image:") and lowercase words at either end ("cosplayer X", "X news agency");
- wrong roles: an armed group taken for a place ("the Sundar Brigade" as GPE) is an
  organization; a person taken for a place ("Governor Lena Ostrova" as GPE, "Ostrova said",
  "Amersham's spokesman" unless a large place) is a person, and so is an organization in
  apposition to a role word ("his spokesman, Tarek Olund"); a name after "the village of" or a
  known place before an event noun ("the 1999 X earthquake") is a place;
- names the model missed (missed.py): a capitalised run after a role word ("resident Omar Haddad",
  "spokeswoman Maria Delacroix") is a person, a parenthesised acronym's whole name is an
  organization (replacing the parts the model found in it) and its later uses are mentions of
  that organization (the actors layer joins them).
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ..article import Article
from ..gazetteer.placenames import DESIGNATOR_KINDS, normalize, strip_article
from ..names import TITLES, fold
from .missed import (
    acronym_names,
    acronym_uses,
    actor_keys,
    group_names,
    without_parts_of,
    repeated_names,
    role_word_names,
)
from .vocabulary import (
    CALENDAR_WORDS,
    CHROME_WORDS,
    CREDIT_WORDS,
    EVENT_HEADS,
    FACILITY_HEADS,
    GROUP_HEADS,
    MEMBER_WORDS,
    NAME_PARTICLES,
    OFFICE_WORDS,
    PLACE_EVENT_NOUNS,
    PLACE_OF,
    PORTFOLIO_WORDS,
    ROLE_WORDS,
    SPEECH_AFTER,
    TIME_ZONES,
)

# Words that introduce a person by what they are ("resident Omar Haddad", "a witness, X").
_BREADCRUMB = re.compile(r"\s[>»|/›]\s")
_MARKS = "'\"‘’“”«»"
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][\w'’-]*")
_LINE_WINDOW = 300
_RANK = re.compile(r"^[A-Z]{2,5}$")


def correct_mentions(article: Article, mentions: list, gaz, make) -> list:
    """The mentions with non-names dropped, spans trimmed, roles corrected and missed names added
    (`make(start, end, role, label)` builds a new mention: entities.py's EntityMention)."""
    text, doc = article.text, article.doc
    lower_words = set(_LOWER_WORD.findall(text))  # once per text: the checks stay linear
    groups = {e.text for e in doc.ents if e.label_ == "NORP"} if doc is not None else set()
    counts: dict[str, int] = {}
    out = []
    for mention in mentions:
        model_start = mention.start
        mention = _trimmed(text, mention)
        if mention is None or _headline_only(text, mention, counts) or _uncapitalised(
                text, mention) or _modifying_adjective(doc, mention) or (
                mention.role != "place" and _not_a_name(article, mention, gaz, lower_words)) \
                or _group_adjective(text, mention, groups, gaz):
            continue
        mention = _without_portfolio(text, _relabelled(doc, text, mention, gaz))
        # A given name the model left out, unless the start was trimmed on purpose ("IGP").
        out.append(_with_given_name(doc, text, mention) if mention.start == model_start
                   else mention)
    for find in (role_word_names, group_names):
        out += [_without_credit_marker(text, m) for m in find(article, out, make)]
    defined = acronym_names(article, out, make)  # whole names replace the parts found in them
    out = without_parts_of(out, defined) + defined
    out += acronym_uses(article, out, make)
    out = _names_seen_as_actors(article, out, gaz)
    out = _towns_in_addresses(text, out, gaz)
    out += repeated_names(article, out, make)
    out = [m for m in out if not _headline_only(text, m, counts)]
    out.sort(key=lambda m: m.start)
    return out


# ---- spans ----------------------------------------------------------------------------------

def _trimmed(text: str, mention):
    """Cut "Front (ALF" at the parenthesis, quotation marks at either end, a caption's credit
    marker ("Image:"), a rank acronym before a person's name, a weekday, month or role word after
    a name ("Wikinews Saturday", "State Department Spokesperson") and lowercase words at either
    end ("cosplayer Mira Tollan", "Calvora news agency")."""
    start, end = mention.start, mention.end
    # A name ends at a parenthesis and never crosses a line or a spaced dash ("Corvale - Ana
    # Velaro, 19 - was charged").
    for stop in ("(", "\n", " - ", " – ", " — "):
        cut = text.find(stop, start, end)
        if cut > start:
            end = cut
    start, end = _strip_marks(text, start, end)
    words = text[start:end].split()
    if _credit_marker_at_end(text, start, end):
        end = text.rindex(words[-1], start, end)  # "Mira Tollan Image: A. Photographer"
        start, end = _strip_marks(text, start, end)
        words = text[start:end].split()
    while mention.role != "place" and len(words) >= 2 and (
            words[-1].lower() in CALENDAR_WORDS or _role_word_tail(text, end, words[-1])
            or _common_word(words[-1])):
        end = text.rindex(words[-1], start, end)
        start, end = _strip_marks(text, start, end)
        words = text[start:end].split()
    while mention.role != "place" and len(words) >= 2 and _common_word(words[0]) \
            and words[0] != "the" and words[1][:1].isupper():
        start = text.index(words[1], start + len(words[0]))  # "cosplayer Mira Tollan"
        words = words[1:]
    while mention.role == "person" and len(words) >= 3 and words[1][:1].isupper() and (
            _RANK.match(words[0]) or words[0].lower() in ROLE_WORDS - TITLES):
        start = text.index(words[1], start + len(words[0]))  # "IGP", "Superintendent"
        words = words[1:]
    if end <= start:
        return None
    return replace(mention, start=start, end=end) if (start, end) != (mention.start, mention.end) \
        else mention


def _without_portfolio(text: str, mention):
    """A person's name without the portfolio of the office before it ("Minister of Education
    Ana Velaro")."""
    if mention.role != "person" or not _after_office_of(text, mention.start):
        return mention
    start, words = mention.start, text[mention.start:mention.end].split()
    while len(words) >= 3 and words[0].lower() in PORTFOLIO_WORDS:
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]
    return replace(mention, start=start) if start != mention.start else mention


def _after_office_of(text: str, start: int) -> bool:
    """The span follows "Minister of", "Head of the" or the like, perhaps with the first words of
    a portfolio ("Minister of Foreign"): a portfolio may open it."""
    before = text[max(0, start - 60):start].split()
    while before and before[-1].lower() != "of" and before[-1].lower() in PORTFOLIO_WORDS:
        before = before[:-1]
    return len(before) >= 2 and before[-1].lower() == "of" and \
        before[-2].lower().strip(",") in ROLE_WORDS


def _credit_marker_at_end(text: str, start: int, end: int) -> bool:
    """The name ends in a caption's credit marker: a word such as "Image" before a colon."""
    words = text[start:end].split()
    return len(words) >= 2 and words[-1].lower() in CREDIT_WORDS and text[end:end + 1] == ":"


def _without_credit_marker(text: str, mention):
    """A mention added by the rules of missed.py, cut before a caption's credit marker."""
    if not _credit_marker_at_end(text, mention.start, mention.end):
        return mention
    end = text.rindex(" ", mention.start, mention.end)
    while end > mention.start and text[end - 1].isspace():
        end -= 1
    return replace(mention, end=end)


def _role_word_tail(text: str, end: int, word: str) -> bool:
    """A role word ending a name ("State Office Spokesperson"), unless a possessive makes it part
    of an organization's name ("the County Sheriff's office")."""
    return word.lower() in ROLE_WORDS and text[end:end + 2] not in ("'s", "’s")


def _common_word(word: str) -> bool:
    """A lowercase word that is no name particle: "cosplayer" before a name, "news agency"
    after one are descriptions the model took into the span."""
    return word.isalpha() and word.islower() and word not in NAME_PARTICLES


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _MARKS):
        end -= 1
    return start, end


def _not_a_name(article: Article, mention, gaz, lower_words: set[str]) -> bool:
    text = article.text
    raw = text[mention.start:mention.end]
    words = fold(raw).split()
    if gaz is not None and strip_article(normalize(raw)) in gaz.demonyms:
        return True
    if len(words) >= 2 and words[-1] in EVENT_HEADS:
        return True  # "the Harbor Magic Convention", "the Northern Games": events
    if len(words) == 1 and mention.role == "organization" and _next_word(text, mention.end) \
            in OFFICE_WORDS:
        return True  # "Interior Minister Ana Velaro": a portfolio in a title
    if mention.role != "person" and _after_office_of(text, mention.start) and all(
            word in PORTFOLIO_WORDS for word in words):
        return True  # "Secretary of State", "Head of Communications": a title's portfolio
    if len(words) == 1 and (words[0] in TITLES or words[0] in ROLE_WORDS
                            or words[0] in CHROME_WORDS or words[0] in CREDIT_WORDS
                            or words[0] in TIME_ZONES):
        return True
    if len(words) == 1 and _sentence_initial(text, mention.start) and raw.lower() in lower_words:
        return True  # "Fire chief X", "Floodwaters rose": a capitalised common word of the text
    if len(words) == 1 and _sentence_initial(text, mention.start) \
            and _tagged_common_noun(article.doc, mention):
        return True  # "Floodwaters swept ...": capitalised by position, a common noun by tag
    if raw.startswith(("@", "#")) or text[max(0, mention.start - 1):mention.start] in ("@", "#"):
        return True
    line = _line(text, mention.start, mention.end)
    return _all_caps_post(line) or len(_BREADCRUMB.findall(line)) >= 2


def _uncapitalised(text: str, mention) -> bool:
    """ "jargon-free", "disco club", "the famed partisan commander": no capitalised word, no
    name of a person, a group or a place."""
    return not any(word[:1].isupper() for word in text[mention.start:mention.end].split())


def _group_adjective(text: str, mention, groups: set[str], gaz) -> bool:
    """ "the Vorani community" beside "Voranis" (a group, NORP): one unknown word whose plural
    names a people in the text is that people's adjective, no place."""
    raw = text[mention.start:mention.end]
    return mention.role == "place" and " " not in raw and raw + "s" in groups \
        and not _known_place(gaz, raw)


def _modifying_adjective(doc, mention) -> bool:
    """ "Heavy rains", "Provincial spokesman X": one word tagged as an adjective modifying the
    noun after it, capitalised by position or as part of a title, names nothing."""
    span = doc.char_span(mention.start, mention.end) if doc is not None else None
    # A name before a designator ("Kasese district") may be tagged as an adjective too.
    return span is not None and len(span) == 1 and span[0].tag_ == "JJ" \
        and span[0].dep_ == "amod" and span[0].head.i > span[0].i and not mention.designator \
        and span[0].head.lower_ not in DESIGNATOR_KINDS


def _headline_only(text: str, mention, counts: dict[str, int]) -> bool:
    """A name on a title-case line with no final stop ("Committee Rejects Water Tariff") that the
    body never repeats: a headline fragment, not a name."""
    line = _line(text, mention.start, mention.end).strip()
    words = line.split()
    if len(words) < 3 or line[-1:] in ".!?:”\"" or len(line) > 200:
        return False
    if not all(w[:1].isupper() or len(w) <= 3 for w in words):
        return False
    raw = text[mention.start:mention.end]
    if raw not in counts:  # counted once per name (headline lines are few and short)
        counts[raw] = text.count(raw)
    return counts[raw] <= line.count(raw)


def _tagged_common_noun(doc, mention) -> bool:
    span = doc.char_span(mention.start, mention.end) if doc is not None else None
    return span is not None and len(span) == 1 and span[0].tag_ in ("NN", "NNS")


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start]
    # A dateline's dash opens the body's first sentence ("HARBORVILLE — Floodwaters rose").
    return start == 0 or "\n" in before or before.rstrip().endswith(
        (".", "!", "?", "“", '"', "—", "–"))


def _line(text: str, start: int, end: int) -> str:
    """The line around [start, end), at most _LINE_WINDOW characters either side (a longer line
    is prose, never a headline, a breadcrumb or a post in capitals)."""
    floor, ceiling = max(0, start - _LINE_WINDOW), min(len(text), end + _LINE_WINDOW)
    line_start = text.rfind("\n", floor, start) + 1 or floor
    line_end = text.find("\n", end, ceiling)
    return text[line_start: line_end if line_end >= 0 else ceiling]


def _all_caps_post(line: str) -> bool:
    """A line of four or more words in capitals (shouted post text, a banner)."""
    letters = [ch for ch in line if ch.isalpha()]
    return len(line.split()) >= 4 and len(letters) >= 12 and all(ch.isupper() for ch in letters)


# ---- roles ----------------------------------------------------------------------------------

def _relabelled(doc: Doc, text: str, mention, gaz):
    raw = text[mention.start:mention.end]
    words = fold(raw).split()
    known_place = _known_place(gaz, raw)
    if mention.role != "place" and len(words) >= 2 and words[-1] in FACILITY_HEADS:
        return replace(mention, role="place")  # "the Weldon Art Museum": a building
    if mention.role == "place" and words and words[-1] in GROUP_HEADS and not known_place:
        return replace(mention, role="organization")
    if mention.role == "place" and not known_place and _next_word(text, mention.end) \
            in MEMBER_WORDS and not mention.designator:
        return replace(mention, role="organization")  # "M9 spokesman X": a group, no place
    if mention.role == "place" and not known_place and _person_context(doc, text, mention):
        return replace(mention, role="person")
    if mention.role == "place" and len(words) == 1 and not mention.designator \
            and _speaks_as_a_person(text, mention) and not _speaking_place(gaz, raw):
        return replace(mention, role="person")  # "Halvorsen said", "Halvorsen's spokesman"
    if mention.role == "person" and known_place and (
            _word_before(text, mention.start) in PLACE_OF
            or len(words) == 1 and _next_word(text, mention.end) in PLACE_EVENT_NOUNS):
        return replace(mention, role="place")  # "the town of Dadu", "the 1999 Varna earthquake"
    if mention.role == "organization" and _after_role_word(text, mention) and not known_place \
            and 2 <= len(words) <= 3 and not any(w in GROUP_HEADS for w in words):
        return replace(mention, role="person")  # "his spokesman, Tarek Olund"
    return mention


def _after_role_word(text: str, mention) -> bool:
    word = _word_before(text, mention.start)
    return word.strip(",") in ROLE_WORDS and all(
        w[:1].isupper() for w in text[mention.start:mention.end].split())


def _with_given_name(doc, text: str, mention):
    """"said Zoé Whitfield" tagged PERSON only on "Whitfield": the capitalised proper noun just
    before a person's name is part of it (not a title, a role word or a sentence opener)."""
    if mention.role != "person" or doc is None or mention.start < 2 \
            or text[mention.start - 1] != " ":
        return mention
    span = doc.char_span(mention.start, mention.end)
    if span is None or span.start == 0:
        return mention
    before = doc[span.start - 1]
    if before.pos_ != "PROPN" or not before.text[:1].isupper() or before.is_sent_start \
            or fold(before.text) in ROLE_WORDS or before.ent_type_ not in ("", "PERSON") \
            or before.text.isupper() or (fold(before.text) in PORTFOLIO_WORDS
                                         and _after_office_of(text, before.idx)):
        return mention  # "Minister of Education Ana Velaro": a portfolio, no given name
    return replace(mention, start=before.idx)


def _next_word(text: str, end: int) -> str:
    after = text[end:end + 30].split()
    return after[0].lower().strip(".,;:") if after else ""


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
    return _next_word(text, mention.end) in SPEECH_AFTER and \
        len(text[mention.start:mention.end].split()) >= 2


def _towns_in_addresses(text: str, mentions: list, gaz) -> list:
    """ "a man from Amersham, Buckinghamshire": a one-word person or organization right before a
    comma and a division or country of the gazetteer is a town of that name in that country;
    "born in Kesh Tamar, Amersham": a name of up to three words after a place preposition and
    before a comma and a place is a place, and so is a known town closing such an address."""
    if gaz is None:
        return mentions
    mentions = sorted(mentions, key=lambda m: m.start)
    out = list(mentions)
    for i, (mention, nxt) in enumerate(zip(mentions, mentions[1:])):
        raw = text[mention.start:mention.end]
        if mention.role == "place" or nxt.role != "place" or len(raw.split()) > 3 \
                or text[mention.end:nxt.start] not in (", ", ","):
            continue
        if _word_before(text, mention.start) in _PLACE_PREPOSITIONS:
            out[i] = replace(mention, role="place")
            continue
        countries = _countries_of_division(gaz, text[nxt.start:nxt.end])
        if len(raw.split()) == 1 and any(
                gaz.kind_of(row) == "city" and gaz.country_of(row) in countries
                for row, _ in _exact_rows(gaz, raw)):
            out[i] = replace(mention, role="place")
    for i in range(1, len(out)):
        previous, mention = out[i - 1], out[i]
        raw = text[mention.start:mention.end]
        if mention.role != "place" and previous.role == "place" and len(raw.split()) == 1 \
                and text[previous.end:mention.start] in (", ", ",") \
                and text[mention.end:mention.end + 1] in (".", ",", ";") \
                and _word_before(text, previous.start) in _PLACE_PREPOSITIONS \
                and _known_place(gaz, raw):
            out[i] = replace(mention, role="place")  # "in Kesh Tamar, Amersham."
    return out


def _countries_of_division(gaz, raw: str) -> set[str]:
    """The countries of the divisions (or the country) that `raw` names exactly."""
    return {gaz.country_of(row) for row, main in _exact_rows(gaz, raw)
            if main and gaz.kind_of(row) in ("country", "admin1", "admin2")}


def _speaks_as_a_person(text: str, mention) -> bool:
    """A verb of speech right after the name, or its possessive before a role word."""
    after = text[mention.end:mention.end + 30]
    if after[:2] in ("'s", "’s"):
        return _next_word(after, 2) in ROLE_WORDS
    return _next_word(text, mention.end) in SPEECH_AFTER


# A city this large may speak for its government ("Lusaka said"); a smaller namesake of a
# surname ("Amersham said") is a person.
_SPEAKING_CITY_POPULATION = 100_000


def _speaking_place(gaz, raw: str) -> bool:
    """A country, a first-level division, a region or a large city, whose name may stand for
    its government."""
    return any(main and (gaz.kind_of(row) in ("country", "admin1", "region") or (
        gaz.kind_of(row) == "city" and int(gaz.pop[row]) >= _SPEAKING_CITY_POPULATION))
        for row, main in _exact_rows(gaz, raw))


def _names_seen_as_actors(article: Article, mentions: list, gaz) -> list:
    """One name, one role: a bare "place" whose text is a person's name or surname elsewhere
    ("Obama" as GPE after "Barack Obama") is that person, unless it is a country or a first-level
    division, and one whose text is an organization's name and no gazetteer place is that
    organization; a "person" whose text stands as a place after a place word or preposition
    elsewhere ("near the town of Dadu" ... "a farmer from Dadu") is that place."""
    text = article.text
    places = {text[m.start:m.end] for m in mentions if m.role == "place"
              and _word_before(text, m.start) in PLACE_OF | _PLACE_PREPOSITIONS}
    surnames = {text[m.start:m.end].split()[-1] for m in mentions
                if m.role == "person" and len(text[m.start:m.end].split()) >= 2}
    mentions = [replace(m, role="person") if m.role == "organization"
                and text[m.start:m.end] in surnames else m for m in mentions]
    keys = actor_keys(text, mentions)
    out = []
    for mention in mentions:
        raw = text[mention.start:mention.end]
        if mention.role == "person" and raw in places and len(raw.split()) == 1:
            mention = replace(mention, role="place")
        elif mention.role == "place" and keys.get(raw) == "person" and raw not in places \
                and not mention.designator and not _major_place(gaz, raw):
            mention = replace(mention, role="person")
        elif mention.role == "place" and keys.get(raw) == "organization" and raw not in places \
                and not mention.designator and not _known_place(gaz, raw):
            mention = replace(mention, role="organization")  # "known as M9" after "M9 spokesman"
        out.append(mention)
    return out


_PLACE_PREPOSITIONS = frozenset("in into near from at outside".split())


def _exact_rows(gaz, raw: str) -> list[tuple[int, int]]:
    """(row, is_main) of the gazetteer places named exactly `raw` (none without a gazetteer)."""
    return gaz.exact(strip_article(normalize(raw))) if gaz is not None else []


def _known_place(gaz, raw: str) -> bool:
    return bool(_exact_rows(gaz, raw))


def _major_place(gaz, raw: str) -> bool:
    rows = _exact_rows(gaz, raw)
    return any(main and gaz.kind_of(row) in ("country", "admin1", "region") for row, main in rows)
