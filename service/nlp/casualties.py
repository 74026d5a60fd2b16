"""Casualty figures: who was killed, injured, captured, missing, arrested or displaced, how many,
by whom, and who says so.

One record per distinct claim (CONTRACT.md, "Casualties"):

    {"id": "C1", "category": "killed",
     "count": {"value": 30, "low": None, "high": 30, "qualifier": "at_most", "span": Span},
     "victims": Reference | None, "perpetrator": Reference | None, "source": Reference | None,
     "location_id": "L1" | None, "evidence": Span (the sentence),
     "derived_from": None | {"id": "C1", "factor": 0.5, "span": Span}}

`derived_from` (extra field, always present, null unless relative): a count stated relative to an
earlier figure of the same article ("put the death toll at half that number") has its value
computed as factor x the earlier record's value; `id` names that earlier record, `factor` the
multiplier and `span` the relative phrase. Its qualifier is the earlier record's when that was
exact, else `approximately`.

How a sentence is read (spaCy dependency parse of `article.doc`):
1. Trigger words (one vocabulary, `CATEGORIES` below): verbs (killed, executed, slain, injured,
   wounded, hurt, captured, abducted, kidnapped, arrested, detained, displaced, evacuated, fled,
   died, "lost their lives", "taken hostage/prisoner", "shot dead", "fatally shot"), adjectives
   (dead, missing, "unaccounted for") and nouns (death toll, deaths, fatalities).
2. The counted noun phrase: the passive subject ("15 fighters were killed"), the object of an
   active verb ("killed as many as 30 rebels"), the subject of an intransitive ("two died"), the
   noun a participle modifies ("the 15 people killed", "3 injured people"), the quantity before
   a nominal ("24 dead") or after a toll ("the death toll rose to 273"). Coordinated verbs share
   their subject ("were shot and killed"); "two dozen more" refers back to the victims of the
   previous record in the sentence.
3. The count: numbers.match_quantity on the phrase; with no number, a named person, a singular
   person noun ("a/one soldier", "the man") or he/she is 1, "both"/"the couple"/"twins" 2.
   Numbers inside DATE/TIME/MONEY/PERCENT/QUANTITY/ORDINAL entities and ages ("a 13-year-old")
   never count. Plural counted nouns must denote people ("three districts" is no record).
4. Policy on hard cases: negated ("were not killed") and modal/irrealis ("could be killed",
   "threatened to kill", "if ... killed") triggers give no record; increments ("two more were
   killed") give the increment; adjectival uses ("3 injured people") count.
5. Perpetrator: the "by" agent of a passive or the subject of an active trigger (inherited through
   "claimed to have killed", coordination and "..., killing 5"), when it is a person/group.
6. Source: the subject of a reporting verb governing the trigger ("officials said", "the fighters
   claimed", "X put the death toll at"), else "according to X"; he/she/they are resolved to the
   nearest fitting antecedent.
7. Deduplication: records with the same category, value (or vague low bound) and source are one
   claim (the first is kept); the same count from another source is another record.
Sentences inside boilerplate (`article.is_ignored`) are skipped.
"""
from __future__ import annotations

import bisect

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .actors import actor_at
from .article import Article
from .names import fold
from .numbers import Quantity, match_quantity, match_relative, parse_quantity
from .types import Actor, Location, Reference, Span

# ---------------------------------------------------------------------------------------------
# Vocabulary: every trigger of every category, in one place.
# ---------------------------------------------------------------------------------------------
CATEGORIES: dict[str, dict[str, frozenset[str]]] = {
    "killed": {
        "verbs": frozenset({"kill", "execute", "slay", "murder", "assassinate", "behead",
                            "massacre", "die"}),
        "adjectives": frozenset({"dead", "slain", "killed", "deceased"}),
        "nouns": frozenset({"toll", "deaths", "fatalities", "killings", "murders", "dead"}),
        "phrases": frozenset({"death toll", "lost their lives", "shot dead", "shot to death",
                              "fatally shot", "fatally stabbed", "fatally wounded",
                              "fatally injured", "stabbed to death", "beaten to death",
                              "burned to death"}),
    },
    "injured": {
        "verbs": frozenset({"injure", "wound", "hurt", "hospitalize", "hospitalise", "graze"}),
        "adjectives": frozenset({"injured", "wounded", "hurt", "hospitalized"}),
        "nouns": frozenset({"injured", "wounded", "injuries"}),
        "phrases": frozenset(),
    },
    "captured": {
        "verbs": frozenset({"capture", "abduct", "kidnap", "kidnapp"}),
        "adjectives": frozenset({"captured", "abducted", "kidnapped"}),
        "nouns": frozenset(),
        "phrases": frozenset({"taken hostage", "taken prisoner", "taken captive",
                              "held hostage", "took hostage", "took prisoner"}),
    },
    "missing": {
        "verbs": frozenset(),
        "adjectives": frozenset({"missing"}),
        "nouns": frozenset({"missing"}),
        "phrases": frozenset({"unaccounted for"}),
    },
    "arrested": {
        "verbs": frozenset({"arrest", "detain"}),
        "adjectives": frozenset({"arrested", "detained"}),
        "nouns": frozenset({"arrests"}),
        "phrases": frozenset(),
    },
    "displaced": {
        "verbs": frozenset({"displace", "evacuate", "flee"}),
        "adjectives": frozenset({"displaced", "evacuated"}),
        "nouns": frozenset({"displaced", "evacuees"}),
        "phrases": frozenset(),
    },
}
_VERB_CATEGORY = {lemma: cat for cat, voc in CATEGORIES.items() for lemma in voc["verbs"]}
_ADJ_CATEGORY = {w: cat for cat, voc in CATEGORIES.items() for w in voc["adjectives"]}
_NOUN_CATEGORY = {w: cat for cat, voc in CATEGORIES.items() for w in voc["nouns"]}
# Surface forms of verb triggers (the tagger sometimes leaves a past participle as ADJ/NOUN).
_FORM_CATEGORY = {
    "killed": "killed", "executed": "killed", "slain": "killed", "murdered": "killed",
    "assassinated": "killed", "beheaded": "killed", "massacred": "killed", "died": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "hospitalized": "injured",
    "grazed": "injured",
    "hospitalised": "injured",
    "captured": "captured", "abducted": "captured", "kidnapped": "captured",
    "arrested": "arrested", "detained": "arrested",
    "displaced": "displaced", "evacuated": "displaced", "fled": "displaced",
}
# Categories where an implicit single person ("the suspect fled") is not a record.
_EXPLICIT_ONLY = frozenset({"displaced"})

# Reporting verbs whose subject is the source of a figure under them.
SOURCE_VERBS = frozenset({
    "say", "tell", "claim", "report", "confirm", "announce", "state", "add", "estimate",
    "allege", "insist", "acknowledge", "admit", "put", "write", "tweet", "post", "cite",
    "indicate", "declare", "note", "explain", "quote", "reveal", "disclose", "publish",
    "record", "count", "list", "give", "believe", "assert", "warn", "update", "revise",
})
_TOLL_SOURCE_VERBS = frozenset({"put", "estimate", "give", "place", "set", "raise", "revise",
                                "update", "report", "say"})
# Verbs that make the casualty under them unreal.
IRREALIS = frozenset({
    "threaten", "try", "attempt", "plan", "plot", "vow", "want", "seek", "aim", "intend",
    "hope", "refuse", "wish", "order", "urge", "prepare", "prevent", "avoid", "fail", "pledge",
    "promise", "expect", "decline", "deny", "could", "might",
})
_MODALS = frozenset({"could", "might", "may", "would", "will", "should", "can", "must",
                     "shall", "'ll", "wo", "ca"})

PERSON_NOUNS = frozenset("""
people person persons man men woman women boy boys girl girls child children kid kids baby babies
infant infants toddler toddlers teen teens teenager teenagers youth youths adult adults
victim victims civilian civilians soldier soldiers troops troop police policeman policemen
policewoman officer officers cop cops deputy deputies trooper troopers agent agents guard guards
militant militants fighter fighters rebel rebels insurgent insurgents jihadist jihadists
terrorist terrorists gunman gunmen attacker attackers assailant assailants suspect suspects
resident residents villager villagers student students worker workers employee employees
journalist journalists reporter reporters official officials member members staff personnel
crew passenger passengers pilgrim pilgrims worshipper worshippers worshiper worshipers
protester protesters protestor protestors demonstrator demonstrators hostage hostages
prisoner prisoners inmate inmates detainee detainees migrant migrants refugee refugees
family families household households tourist tourists citizen citizens national nationals
settler settlers others other more individual individuals father mother son daughter brother
sister husband wife uncle aunt nephew niece cousin grandson granddaughter grandfather
grandmother grandmother parent parents friend friends neighbor neighbors neighbour neighbours
driver drivers pedestrian pedestrians customer customers shopper shoppers clerk clerks
bystander bystanders patron patrons owner owners shooter shooters sniper snipers
assassin assassins commander commanders leader leaders recruit recruits marine marines
sailor sailors airman airmen pilot pilots doctor doctors nurse nurses patient patients
teacher teachers pupil pupils fisherman fishermen miner miners farmer farmers firefighter
firefighters paramedic paramedics medic medics relative relatives couple twins spouse
boyfriend girlfriend roommate homeowner tenant tenants occupants occupant gang gangs
gangster gangsters robber robbers burglar burglars thief thieves security forces
militiaman militiamen militia militias partisan partisans volunteer volunteers
trainee trainees cadet cadets colonel general sergeant captain lieutenant major
taliban jihadi jihadis mujahedeen mujahideen resident residents student students agent agents
patient patients parent parents client clients opponent opponents adolescent adolescents
president dependent dependents
""".split())
NON_PERSON_NOUNS = frozenset("""
districts district villages village towns town cities city provinces province homes home houses
buildings building vehicles vehicle cars car tanks weapons rounds shots bullets bombs years year
days day hours hour minutes months weeks dollars percent votes seats miles kilometers km
bill bills deal deals plan plans proposal project measure idea story stories
shooter's matter matters order orders number numbers quarter quarters corner corners center
centers border borders water power winter summer member's
""".split())
_PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants",
                    "men", "man", "ee", "ees")
_PRONOUN_COUNTS = {"he": 1, "she": 1, "him": 1, "her": 1, "himself": 1, "herself": 1,
                   "another": 1, "both": 2}
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})
# Nouns of a non-fatal injury ("suffered gunshot wounds", "in critical condition").
_INJURY_NOUNS = frozenset({"wound", "wounds", "injury", "injuries"})
_CONDITION_WORDS = frozenset({"critical", "serious", "stable", "fair", "grave", "guarded",
                              "life-threatening"})
_INJURY_VERBS = frozenset({"suffer", "sustain", "treat", "receive", "have", "be", "list",
                           "remain", "hospitalize", "take", "transport", "rush", "airlift",
                           "leave"})
_BAD_NUMBER_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_AGE_FOLLOWERS = ("-year", " year", "-month", " month", "-week", " week", "-day-old", "yo",
                  "-years", " years", "-yr", " yr")


@dataclass
class Count:
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    span: Span


@dataclass
class Casualty:
    id: str
    category: str
    count: Count
    victims: Reference | None
    perpetrator: Reference | None
    source: Reference | None
    location_id: str | None
    evidence: Span
    derived_from: dict | None = None


@dataclass
class _Found:
    quantity: Quantity
    count_span: tuple[int, int]
    victims: tuple[int, int] | None
    more: bool = False  # "two dozen more": the victims of the previous record
    relative: float | None = None


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------
def find_casualties(article: Article, actors: list[Actor], locations: list[Location]) -> list:
    doc = article.doc
    text = article.text
    records: list[Casualty] = []
    seen: set[tuple] = set()
    weak: set[int] = set()  # injured records read from "shot" or a wound/condition noun
    for sent in doc.sents:
        if not any(ch.isalpha() for ch in sent.text):
            continue
        sent_records: list[Casualty] = []
        used_counts: set[tuple[int, int]] = set()
        triggers = [(t, _trigger_category(t)) for t in sent]
        triggers = [(t, c) for t, c in triggers if c]
        # Weak readings ("was shot" as injured) come after the strong ones, so that "was shot
        # and pronounced dead" gives the death.
        triggers.sort(key=lambda tc: (_is_weak(tc[0], tc[1]), tc[0].i))
        for token, category in triggers:
            if article.is_ignored(token.idx, token.idx + len(token.text)):
                continue
            if _irrealis(token):
                continue
            found = _find_count(token, category, text)
            if found is None:
                continue
            if found.count_span in used_counts:
                continue
            record = _build(article, actors, locations, sent, token, category, found,
                            records + [r for r, _ in sent_records])
            if record is None:
                continue
            used_counts.add(found.count_span)
            sent_records.append((record, _is_weak(token, category)))
        for record, is_weak in sent_records:
            key = (record.category, record.count.value, record.count.low,
                   _source_key(record.source, text))
            if key in seen:
                continue
            seen.add(key)
            records.append(record)
            if is_weak:
                weak.add(id(record))  # only kept records: a dropped one's id may be reused
    records = _drop_shot_and_killed(records, weak, text)
    records.sort(key=lambda r: (r.count.span.start, r.evidence.start))
    ids = {}
    for number, record in enumerate(records, start=1):
        ids[id(record)] = f"C{number}"
    for record in records:
        record.id = ids[id(record)]
        if record.derived_from and "_record" in record.derived_from:
            base = record.derived_from.pop("_record")
            record.derived_from["id"] = ids.get(id(base))
    return records


def _is_weak(token: Token, category: str) -> bool:
    return category == "injured" and (token.lemma_ == "shoot" or token.lower_ in (
        "gunned", "condition") or token.lower_ in _INJURY_NOUNS)


def _victim_key(record: Casualty, text: str) -> str | None:
    if record.victims is None:
        return None
    if record.victims.actor_id:
        return record.victims.actor_id
    words = fold(text[record.victims.start:record.victims.end]).split()
    return words[-1] if words else None


def _drop_shot_and_killed(records: list[Casualty], weak: set[int], text: str) -> list[Casualty]:
    """A person "shot" (or "in critical condition", "with a gunshot wound") is read as injured
    only when the article reports no death that could be the same person. Without coreference,
    a weak injured record is dropped when a killed record comes from the same sentence, when
    its victims match a killed record's (same actor or head word), or when its count is no
    larger than the largest killed count of the article, unless its victims are set apart from
    the dead (`_someone_else`)."""
    killed = [r for r in records if r.category == "killed" and r.count.value is not None]
    if not killed:
        return records
    most = max(r.count.value for r in killed)
    keys = {_victim_key(r, text) for r in killed}
    sentences = {r.evidence for r in killed}
    out = []
    for record in records:
        if id(record) in weak and record.count.value is not None:
            if record.evidence in sentences:
                continue
            if not _someone_else(record, text, most) and (
                    _victim_key(record, text) in keys or record.count.value <= most):
                continue
        out.append(record)
    return out


def _someone_else(record: Casualty, text: str, most_killed: int) -> bool:
    """ "another teen", "a second victim" introduce a new person; "the other man" is the
    remaining member of a set, outside the dead only when a single death was reported (it may
    be the other of two women killed)."""
    if record.victims is None:
        return False
    words = fold(text[record.victims.start:record.victims.end]).split()
    if "another" in words or "second" in words or "third" in words:
        return True
    return "other" in words and most_killed == 1


def _source_key(source: Reference | None, text: str):
    if source is None:
        return None
    if source.actor_id:
        return source.actor_id
    return fold(text[source.start:source.end])


# ---------------------------------------------------------------------------------------------
# Triggers
# ---------------------------------------------------------------------------------------------
def _trigger_category(token: Token) -> str | None:
    lower = token.lower_
    lemma = token.lemma_.lower()
    nxt = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    prev = token.nbor(-1).lower_ if token.i > 0 else ""
    if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBN", "VBD", "VBG", "VBZ", "VBP", "VB"):
        if lemma == "shoot" or lower in ("shot", "stabbed", "beaten", "burned", "gunned"):
            # "shot dead", "shot to death", "gunned down" -> killed; "fatally shot" -> killed.
            if nxt == "dead" or (nxt == "to" and _word_at(token, 2) == "death"):
                return "killed"
            if lower == "gunned" and nxt == "down":
                return "killed"
            if _coordinated_with_death(token):
                return None  # "shot and killed": the death is the record
            if any(c.dep_ == "dobj" and c.lower_ in ("himself", "herself", "themselves")
                   for c in token.children):
                return None  # "shot himself": no outcome stated
            if any(c.lower_ in ("fatally", "mortally") for c in token.children):
                return "killed"
            if lemma == "shoot" or lower == "gunned":
                return "injured"  # a weak reading, see _weak_shot
            return None
        if lemma in ("wound", "injure") and any(c.lower_ in ("fatally", "mortally")
                                                 for c in token.children):
            return "killed"
        if lemma == "lose" and any(c.lemma_ == "life" for c in token.children):
            return "killed"
        if lemma in ("take", "hold") and any(c.lower_ in ("hostage", "hostages", "prisoner",
                                                          "prisoners", "captive", "captives")
                                             for c in token.children):
            return "captured"
        if lemma in _VERB_CATEGORY:
            if lemma == "hurt" and token.dep_ == "ccomp":
                pass
            return _VERB_CATEGORY[lemma]
        if lower in _FORM_CATEGORY:
            return _FORM_CATEGORY[lower]
        if lower in _ADJ_CATEGORY and token.tag_ == "VBN":
            return _ADJ_CATEGORY[lower]
        if lower == "missing" and not any(c.dep_ in ("dobj", "obj") for c in token.children):
            return "missing"
        return None
    if token.pos_ == "ADJ" or token.tag_ in ("JJ",):
        if lower == "unaccounted" and nxt == "for":
            return "missing"
        if lower in _ADJ_CATEGORY:
            return _ADJ_CATEGORY[lower]
        if lower in _FORM_CATEGORY:
            return _FORM_CATEGORY[lower]
        return None
    if token.pos_ in ("NOUN", "PROPN"):
        if lower == "toll" or (lower == "tolls" and prev == "death"):
            return "killed"
        if lower in _INJURY_NOUNS and _injury_noun_ok(token):
            return "injured"
        if lower == "condition" and any(c.lower_ in _CONDITION_WORDS for c in token.children):
            return "injured"
        if lower in ("death", "killing", "murder", "slaying") and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            return "killed"
        if lower in ("body", "bodies") and _found_body(token):
            return "killed"
        if lower == "victim" and any(c.lower_ in ("homicide", "murder") and c.dep_ in (
                "compound", "amod", "nmod") for c in token.children):
            return "killed"
        if lower in _NOUN_CATEGORY:
            return _NOUN_CATEGORY[lower]
        if lower in _FORM_CATEGORY and token.tag_ != "NNP":
            return _FORM_CATEGORY[lower]
    return None


def _injury_noun_ok(token: Token) -> bool:
    """ "suffered gunshot wounds", "treated for injuries", "a man with a gunshot wound"; not
    "died of his wounds" or "fatal injuries"."""
    if any(c.lower_ in ("fatal", "mortal", "deadly", "self-inflicted") for c in token.children):
        return False
    holder = _governor(token)
    return holder is not None and holder.lemma_.lower() not in ("die", "succumb", "kill")


def _governor(token: Token) -> Token | None:
    """The verb (or "with"-modified noun) a nominal trigger hangs on."""
    node = token
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        # "a man with a gunshot wound": the person the phrase describes, not "a hospital
        # with ... injuries" (then the verb above is the governor).
        if head.dep_ == "prep" and head.lower_ == "with" and node.dep_ == "pobj" and (
                _person_word(head.head) or _is_age_noun(head.head)):
            return head.head
        node = head
    return None


def _coordinated_with_death(token: Token) -> bool:
    related = [c for c in token.children if c.dep_ == "conj"]
    if token.dep_ == "conj":
        related.append(token.head)
    for other in related:
        if other.lemma_.lower() in ("kill", "die", "murder", "execute") or other.lower_ in (
                "dead", "killed", "died"):
            return True
    return False


_BODY_VERBS = frozenset({"find", "discover", "recover", "pull", "locate", "identify", "unearth",
                         "exhume", "retrieve", "wash"})


def _found_body(token: Token) -> bool:
    """ "a man's body was found", "the bodies of 12 migrants were recovered"."""
    if token.dep_ not in ("nsubjpass", "dobj", "nsubj"):
        return False
    if token.head.lemma_.lower() not in _BODY_VERBS:
        return False
    return any(c.dep_ in ("poss", "nummod") for c in token.children) or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _word_at(token: Token, offset: int) -> str:
    i = token.i + offset
    return token.doc[i].lower_ if 0 <= i < len(token.doc) else ""


def _irrealis(token: Token) -> bool:
    """Negated, modal, conditional or intended casualties are not claims of casualties."""
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "aux" and child.lower_ in _MODALS:
            return True
        if child.dep_ == "mark" and child.lower_ in ("if", "unless", "lest", "until"):
            return True
        if child.dep_ == "advmod" and child.lower_ in ("nearly", "almost", "possibly",
                                                       "potentially", "narrowly", "never"):
            return True
    # "no one was killed", "nobody was hurt", "none were injured"
    for child in token.children:
        if child.dep_ in ("nsubjpass", "nsubj", "dobj") and child.lower_ in (
                "nobody", "none", "noone", "no-one"):
            return True
        if child.dep_ in ("nsubjpass", "nsubj", "dobj") and any(
                g.lower_ == "no" and g.dep_ == "det" for g in child.children):
            return True
    node = token
    for _ in range(4):
        if node.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl") and node.head.i != node.i:
            head = node.head
            if node.dep_ == "xcomp" and head.lemma_.lower() in IRREALIS:
                return True
            if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                            for c in node.children):
                return True
            if node.dep_ != "conj":
                if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in head.children) \
                        and node.dep_ == "xcomp":
                    return True
                break
            node = head
        else:
            break
    return False


# ---------------------------------------------------------------------------------------------
# The counted noun phrase
# ---------------------------------------------------------------------------------------------
def _is_passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    if token.tag_ == "VBN":
        has_have = any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children)
        has_obj = any(c.dep_ in ("dobj", "obj") for c in token.children)
        if not has_have and not has_obj:
            return True
    return False


def _find_count(token: Token, category: str, text: str) -> _Found | None:
    lower = token.lower_
    if category == "killed" and lower in ("toll", "tolls"):
        return _toll_count(token, text)
    if category == "injured" and (lower in _INJURY_NOUNS or lower == "condition"):
        holder = _governor(token)
        if holder is None:
            return None
        if holder.pos_ in ("NOUN", "PROPN"):
            cands = [holder]
        else:
            cands = _subjects(holder)
            # A wound or condition in a phrase on the verb describes the verb's object:
            # "found a man with a gunshot wound", "left him in critical condition".
            if token.head.dep_ == "prep" and token.head.head.i == holder.i:
                cands = [c for c in holder.children if c.dep_ == "dobj"] + cands
        for cand in cands:
            found = _count_np(cand, category, text, allow_implicit=True)
            if found:
                return found
        return None
    if category == "killed" and lower in ("death", "killing", "murder", "slaying"):
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        return _count_np(obj, category, text, allow_implicit=True)
        return None
    if category == "killed" and lower in ("body", "bodies"):
        own = _quantity_before(token, text)
        if own:
            return own
        for c in token.children:
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return _count_np(c, category, text, allow_implicit=True)
            if c.dep_ == "prep" and c.lower_ == "of":
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        return _count_np(obj, category, text, allow_implicit=True)
        return None
    if category == "killed" and lower == "victim":
        return _count_np(token, category, text, allow_implicit=True)
    # "shot dead": the quantity belongs to the verb's patient.
    candidates: list[Token] = []
    pos = token.pos_
    is_verb = pos in ("VERB", "AUX") or token.tag_.startswith("VB")
    if lower in ("unaccounted", "missing") or (token.lemma_ in ("die", "flee", "lose")
                                                 and is_verb):
        candidates += _subjects(token)
        if not candidates and token.dep_ in ("acomp", "oprd", "attr", "xcomp"):
            candidates += _subjects(token.head)
    elif is_verb and _is_passive(token):
        candidates += [c for c in token.children if c.dep_ == "nsubjpass"]
        if token.dep_ in ("acl", "amod") and token.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            candidates.append(token.head)
        if token.dep_ == "relcl":
            candidates.append(token.head)
        if not candidates:
            candidates += [c for c in token.children if c.dep_ == "nsubj"]
        if not candidates and token.dep_ == "conj":
            candidates += _inherited(token, ("nsubjpass", "nsubj"))
        if not candidates and token.dep_ in ("acomp", "oprd", "attr"):
            candidates += _subjects(token.head)
        if not candidates and token.dep_ in ("advcl", "xcomp", "ccomp") and token.tag_ == "VBN":
            candidates += [c for c in token.head.children if c.dep_ in ("nsubjpass",)]
        if not candidates and token.dep_ in ("pcomp", "advcl") and any(
                c.dep_ == "auxpass" for c in token.children):
            # "A man is recovering after being shot": the subject of the clause it modifies.
            node = token.head
            for _ in range(3):
                if node.pos_ in ("VERB", "AUX"):
                    candidates += [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
                    break
                node = node.head
    elif is_verb:
        objs = [c for c in token.children if c.dep_ in ("dobj", "obj")]
        if not objs:
            # "shot and killed two people": the object may hang on the coordinated verb.
            objs = [c for c in token.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "NUM")]
            for conj in (c for c in token.children if c.dep_ == "conj"):
                objs += [c for c in conj.children if c.dep_ in ("dobj",)]
        candidates += objs
        if token.lemma_ in ("take", "hold"):
            candidates = [c for c in candidates if c.lower_ not in (
                "hostage", "hostages", "prisoner", "prisoners", "captive", "captives")]
            if not candidates:
                candidates += [c for c in token.children if c.dep_ == "nsubjpass"]
    else:
        # Adjectives and nouns: "24 dead", "3 injured people", "two people are dead",
        # "50 deaths", "15 missing".
        if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN"):
            candidates.append(token.head)
        if token.dep_ in ("acomp", "oprd", "attr", "ccomp", "xcomp", "advcl") and \
                lower in _ADJ_CATEGORY:
            candidates += _subjects(token.head) or [c for c in token.head.children
                                                    if c.dep_ == "dobj"]
        if token.dep_ == "conj" and not candidates:
            pass
        own = _quantity_before(token, text)
        if own:
            return own
        if pos in ("NOUN", "PROPN") and category != "killed" or lower in (
                "deaths", "fatalities", "killings", "murders", "arrests", "injuries"):
            found = _count_np(token, category, text, allow_implicit=False)
            if found:
                return found
    for cand in candidates:
        found = _count_np(cand, category, text, allow_implicit=category not in _EXPLICIT_ONLY)
        if found:
            return found
    return None


def _subjects(verb: Token) -> list[Token]:
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj:
        return subj
    if verb.dep_ == "conj":
        return _inherited(verb, ("nsubj", "nsubjpass"))
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return [verb.head]
    return []


def _inherited(token: Token, deps) -> list[Token]:
    node = token
    for _ in range(4):
        if node.dep_ != "conj":
            break
        node = node.head
        found = [c for c in node.children if c.dep_ in deps]
        if found:
            return found
    return []


def _quantity_before(token: Token, text: str) -> _Found | None:
    """"24 dead", "at least 15 missing": a quantity immediately before a nominal trigger."""
    nums = [c for c in token.children if c.dep_ == "nummod" and c.i < token.i]
    if not nums:
        prev = token.doc[token.i - 1] if token.i > 0 else None
        if prev is None or not (prev.like_num or prev.lower_ in ("dozens", "hundreds",
                                                                 "thousands", "scores",
                                                                 "several", "dozen")):
            return None
        first = prev
    else:
        first = nums[0]
    start = first.left_edge.i
    for i in range(start, token.i):
        found = _quantity_at(token.doc[i], token.doc[token.i - 1].idx
                             + len(token.doc[token.i - 1].text), text)
        if found:
            q, s, e = found
            return _Found(q, (s, e), None)
    return None


def _quantity_at(tok: Token, limit: int, text: str) -> tuple[Quantity, int, int] | None:
    """A quantity starting at `tok` and ending at or before `limit` (a character offset)."""
    if _bad_entity(tok):
        return None
    if tok.is_punct or tok.is_space:
        return None
    if tok.like_num and tok.dep_ in ("appos", "amod", "npadvmod") and tok.i > 0 and \
            tok.doc[tok.i - 1].text == ",":
        return None  # "Smith, 41, was killed": an age
    q = match_quantity(text[tok.idx:limit])
    if q is None:
        return None
    end = tok.idx + q.length
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].text == "," and text[end:end + 1] == "," and \
            q.qualifier == "exact" and tok.like_num and tok.i > 1 and \
            doc[tok.i - 2].pos_ in ("PROPN", "NOUN"):
        return None
    after = text[end:end + 8].lower()
    if after.startswith(_AGE_FOLLOWERS):
        return None
    # The last word of the quantity must not be in a bad entity either (a year, "$5 million").
    for t in doc[tok.i:]:
        if t.idx >= end:
            break
        if _bad_entity(t):
            return None
        if t.text in ("$", "£", "€", "%"):
            return None
    if text[end:end + 1] in ("%", "$") or text[tok.idx - 1:tok.idx] in ("$", "£", "€", "#"):
        return None
    return q, tok.idx, end


def _bad_entity(tok: Token) -> bool:
    """Inside a date, time, money, percent, measure or ordinal: never a count of people. A
    "DATE" that is only a quantity ("Between 10 and 20", a tagger slip) is not a date."""
    if tok.ent_type_ not in _BAD_NUMBER_ENTS:
        return False
    if tok.ent_type_ == "DATE":
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            q = parse_quantity(ent.text)
            if q is not None and not any(t.shape_ == "dddd" for t in ent):
                return False
    return True


def _np_head_children(head: Token) -> list[Token]:
    return [c for c in head.children if c.i < head.i]


def _count_np(head: Token, category: str, text: str, allow_implicit: bool) -> _Found | None:
    """The count of the noun phrase headed by `head` (and its victims span)."""
    doc = head.doc
    # "two of the victims", "dozens of people": the quantity is the head, victims the object.
    of_obj = None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                of_obj = objs[0]
    # "the man who was killed", "a man whom police shot": the noun the clause modifies.
    if head.lower_ in _RELATIVE_PRONOUNS:
        clause = head.head
        for _ in range(4):
            if clause.dep_ != "conj":
                break
            clause = clause.head
        if clause.dep_ != "relcl" or clause.head.lower_ in _RELATIVE_PRONOUNS:
            return None
        head = clause.head
    # Pronouns: "he was shot" is 1, "both were hurt" 2, "another was injured" one more.
    if head.pos_ == "PRON" and head.lower_ not in ("others", "one"):
        n = _PRONOUN_COUNTS.get(head.lower_)
        if n is None or not allow_implicit:
            return None
        span = (head.idx, head.idx + len(head.text))
        return _Found(Quantity(n, n, n, "exact", len(head.text)), span, span)
    left = head.left_edge.i
    end_char = head.idx + len(head.text)
    # Scan for a quantity starting inside the phrase, before or at the head.
    for i in range(left, head.i + 1):
        tok = doc[i]
        if tok.dep_ == "poss" or tok.tag_ == "POS":
            continue
        rel = match_relative(text[tok.idx:end_char + 1]) if tok.lower_ in (
            "half", "twice", "double", "triple", "a", "one", "two", "three") else None
        if rel:
            return None
        found = _quantity_at(tok, end_char, text)
        if not found:
            continue
        q, s, e = found
        # The victims: what follows the quantity up to the head, or the "of" object.
        if e >= end_char:
            if of_obj is not None:
                victims = _phrase(of_obj)
            elif head.lower_ in ("more", "others"):
                victims = None
            else:
                victims = None
        else:
            victims = (_next_token_start(doc, e), end_char)
        if not _people(head, of_obj, victims is not None or of_obj is not None):
            return None
        more = head.lower_ == "more" or doc[min(head.i + 1, len(doc) - 1)].lower_ == "more"
        return _Found(q, (s, e), victims, more=more)
    if not allow_implicit:
        return None
    # Implicit counts: a named person, "a/one soldier", "the man", "the couple", "both".
    dets = [c for c in head.children if c.dep_ in ("det", "predet", "poss", "nummod")]
    span = _phrase(head)
    if any(d.lower_ == "both" for d in dets) and head.tag_ in ("NNS", "NNPS"):
        return _Found(Quantity(2, 2, 2, "exact", 0), span, span)
    if head.lower_ in ("couple", "twins") and head.tag_ != "NNP":
        return _Found(Quantity(2, 2, 2, "exact", 0), span, span)
    conjuncts = _conjuncts(head)
    if len(conjuncts) > 1:
        # "an officer and a bystander were injured": one per coordinated singular person.
        if all(c.tag_ in ("NN", "NNP") and (c.ent_type_ == "PERSON" or _person_word(c))
               for c in conjuncts):
            n = len(conjuncts)
            whole = (span[0], _phrase(conjuncts[-1])[1])
            return _Found(Quantity(n, n, n, "exact", 0), whole, whole)
        return None
    if head.lower_ in _ORDINALS and any(d.lower_ in ("a", "an") for d in dets):
        return _Found(Quantity(1, 1, 1, "exact", 0), span, span)  # "a second was injured"
    if head.ent_type_ == "PERSON" and head.tag_ in ("NNP", "NN") and not any(
            c.dep_ == "conj" for c in head.children):
        return _Found(Quantity(1, 1, 1, "exact", 0), span, span)
    if (head.tag_ in ("NN", "NNP") or _is_age_noun(head)) and not any(
            c.dep_ == "conj" for c in head.children):
        if _person_word(head) or _is_age_noun(head):
            if head.lower_ in ("family", "families", "couple", "crew", "staff", "gang",
                               "militia", "security", "police", "personnel", "taliban"):
                return None
            return _Found(Quantity(1, 1, 1, "exact", 0), span, span)
    return None


_ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth"})


def _conjuncts(head: Token) -> list[Token]:
    out = [head]
    node = head
    for _ in range(6):
        nxt = [c for c in node.children if c.dep_ == "conj"]
        if not nxt:
            break
        node = nxt[0]
        out.append(node)
    return out


def _is_age_noun(head: Token) -> bool:
    """ "a 13-year-old" parsed with "old" (or "year-old") as the head."""
    return head.lower_ in ("old", "year-old") and head.i > 0 and \
        head.doc[head.i - 1].lower_ in ("-", "year", "years")


def _person_word(tok: Token) -> bool:
    lower = tok.lower_
    if lower in NON_PERSON_NOUNS:
        return False
    if lower in PERSON_NOUNS or tok.lemma_.lower() in PERSON_NOUNS:
        return True
    if tok.ent_type_ in ("PERSON", "NORP"):
        return True
    if tok.pos_ == "NOUN" and lower.endswith(_PERSON_SUFFIXES) and len(lower) > 4:
        return True
    return False


def _people(head: Token, of_obj: Token | None, has_noun: bool) -> bool:
    """The counted thing is people (or the number stands alone: "15 were killed")."""
    if head.pos_ == "NUM" or head.like_num:
        return of_obj is None or _person_word(of_obj) or of_obj.pos_ == "PRON" or \
            of_obj.ent_type_ in ("NORP", "ORG", "PERSON")
    if head.lower_ in ("dozens", "hundreds", "thousands", "scores", "several", "dozen",
                       "millions", "tens", "handful", "few", "couple"):
        return of_obj is None or _person_word(of_obj) or of_obj.pos_ == "PRON" or \
            of_obj.ent_type_ in ("NORP", "ORG", "PERSON")
    if head.ent_type_ in ("NORP", "ORG", "PERSON"):
        return head.lower_ not in NON_PERSON_NOUNS
    if head.pos_ == "PROPN":
        return True
    return _person_word(head)


def _next_token_start(doc, char: int) -> int:
    """Start of the first non-space token at or after `char` (from the token there, not doc[0])."""
    # Binary search on token offsets: `doc.char_span(..., "expand")` walks every token.
    first = bisect.bisect_left(range(len(doc)), char, key=lambda i: doc[i].idx)
    for t in doc[first:]:
        if t.idx >= char and not t.is_space:
            return t.idx
    return char


def _phrase(head: Token) -> tuple[int, int]:
    """The noun phrase of `head`: from its left edge to the head plus name compounds, without
    trailing clauses, appositions or punctuation."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    end = head.i
    # Keep "from Al Qaeda"-style prepositional tails of one level.
    for c in head.children:
        if c.i > head.i and c.dep_ == "prep" and c.lower_ in ("from", "of", "in", "with") \
                and c.i == end + 1:
            tail = c.right_edge.i
            if tail - head.i <= 6 and not any(doc[k].is_punct for k in range(c.i, tail + 1)):
                end = tail
        elif c.i > head.i and c.dep_ in ("compound", "flat") and c.i == end + 1:
            end = c.i
    first, last = doc[start], doc[end]
    s = first.idx
    e = last.idx + len(last.text)
    return (s, e)


# ---------------------------------------------------------------------------------------------
# Death tolls
# ---------------------------------------------------------------------------------------------
def _toll_count(token: Token, text: str) -> _Found | None:
    """"the death toll rose to 273", "a toll of 15", "put the toll at half that number"."""
    doc = token.doc
    sent = token.sent
    victims = None
    for c in token.children:
        if c.dep_ == "poss":
            victims = _phrase(c)
    limit = min(sent.end, token.i + 12)
    for i in range(token.i + 1, limit):
        tok = doc[i]
        if tok.is_punct and tok.text in (".", ";", ":") :
            break
        rel = match_relative(text[tok.idx:sent.end_char])
        if rel:
            factor, length = rel
            q = Quantity(None, None, None, "exact", length)
            return _Found(q, (tok.idx, tok.idx + length), victims, relative=factor)
        if not (tok.like_num or tok.lower_ in ("at", "about", "around", "nearly", "almost",
                                               "over", "more", "some", "up", "as", "roughly",
                                               "approximately", "dozens", "hundreds",
                                               "thousands", "scores", "several", "a", "an",
                                               "between", "no", "fewer", "less", "an",
                                               "estimated", "just", "close", "half")):
            continue
        found = _quantity_at(tok, sent.end_char, text)
        if found:
            q, s, e = found
            return _Found(q, (s, e), victims)
    return None


# ---------------------------------------------------------------------------------------------
# Building a record: victims, perpetrator, source, location
# ---------------------------------------------------------------------------------------------
def _build(article: Article, actors, locations, sent: SpacySpan, trigger: Token,
           category: str, found: _Found, previous: list[Casualty]) -> Casualty | None:
    text = article.text
    q = found.quantity
    derived = None
    if found.relative is not None:
        base = next((r for r in reversed(previous) if r.category == category
                     and r.count.value is not None), None)
        if base is None:
            return None
        value = int(round(base.count.value * found.relative))
        qualifier = "exact" if base.count.qualifier == "exact" else "approximately"
        q = Quantity(value, value if qualifier == "exact" else None,
                     value if qualifier == "exact" else None, qualifier, q.length)
        derived = {"_record": base, "factor": found.relative,
                   "span": Span(*found.count_span)}
    victims = _reference(found.victims, actors)
    if found.more:
        same_sentence = [r for r in previous if r.evidence.start == _sentence_span(sent, text).start]
        if same_sentence and same_sentence[-1].victims is not None:
            victims = same_sentence[-1].victims
    perpetrator = _perpetrator(trigger, category, actors)
    source = _source(article, actors, trigger, sent)
    location_id = _location_in(locations, sent.start_char, sent.end_char, trigger.idx)
    count = Count(q.value, q.low, q.high, q.qualifier, Span(*found.count_span))
    return Casualty(id="", category=category, count=count, victims=victims,
                    perpetrator=perpetrator, source=source, location_id=location_id,
                    evidence=_sentence_span(sent, text), derived_from=derived)


def _sentence_span(sent: SpacySpan, text: str) -> Span:
    start, end = sent.start_char, sent.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _reference(span: tuple[int, int] | None, actors) -> Reference | None:
    if span is None:
        return None
    start, end = span
    if end <= start:
        return None
    actor = actor_at(actors, start, end)
    return Reference(start, end, actor.id if actor else None)


def _perpetrator(trigger: Token, category: str, actors) -> Reference | None:
    if category in ("missing", "displaced"):
        return None
    node = trigger
    agent = None
    for c in node.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                agent = objs[0]
    if agent is None and trigger.pos_ in ("VERB", "AUX") and not _is_passive(trigger) \
            and trigger.lemma_ not in ("die", "flee", "lose"):
        node = trigger
        for _ in range(4):
            subj = [c for c in node.children if c.dep_ == "nsubj"]
            if subj:
                agent = subj[0]
                break
            if node.dep_ in ("xcomp", "conj", "advcl") and node.head.i != node.i:
                node = node.head
                continue
            break
    if agent is None:
        return None
    if agent.pos_ == "PRON" and agent.lower_ in ("who", "that", "which"):
        if agent.head.dep_ == "relcl":
            agent = agent.head.head
        else:
            return None
    if not (_person_word(agent) or agent.ent_type_ in ("PERSON", "NORP", "ORG")
            or agent.pos_ in ("PROPN", "PRON")):
        return None
    if agent.pos_ == "PRON" and agent.lower_ in ("it", "this", "that", "what"):
        return None
    return _reference(_phrase(agent), actors)


def _source(article: Article, actors, trigger: Token, sent: SpacySpan) -> Reference | None:
    doc = article.doc
    node = trigger
    subject = None
    # The subject of a reporting verb above the trigger.
    for _ in range(8):
        if node.head.i == node.i:
            break
        head = node.head
        if head.lemma_.lower() in SOURCE_VERBS and head.pos_ in ("VERB", "AUX") and (
                head.lemma_.lower() not in ("put", "give", "record", "count", "list", "update",
                                            "revise") or trigger.lower_ in ("toll", "tolls")):
            subj = [c for c in head.children if c.dep_ == "nsubj"]
            if subj and not (head.lemma_.lower() in ("say", "report") and any(
                    c.dep_ == "auxpass" for c in head.children)):
                subject = subj[0]
                break
        node = head
    if subject is None:
        # Reporting verb elsewhere in the sentence ("..., police said.") as the root.
        root = sent.root
        if root.lemma_.lower() in ("say", "tell", "report", "confirm", "claim", "add") and \
                root.i != trigger.i:
            subj = [c for c in root.children if c.dep_ == "nsubj"]
            if subj and subj[0].i > trigger.i:
                subject = subj[0]
    if subject is None:
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                objs = [g for g in doc[tok.i + 1].children if g.dep_ == "pobj"]
                if objs:
                    subject = objs[0]
                    break
    if subject is None:
        return None
    if subject.pos_ == "PRON":
        return _resolve_pronoun(article, actors, subject)
    if subject.lower_ in ("it", "this"):
        return None
    return _reference(_phrase(subject), actors)


def _resolve_pronoun(article: Article, actors, pronoun: Token) -> Reference | None:
    lower = pronoun.lower_
    doc = article.doc
    if lower in ("he", "she", "him", "her"):
        best = None
        for actor in actors:
            if actor.kind != "person":
                continue
            for m in actor.mentions:
                if m.end <= pronoun.idx and (best is None or m.start > best[0].start):
                    best = (m, actor)
        if best:
            return Reference(best[0].start, best[0].end, best[1].id)
        return _reference((pronoun.idx, pronoun.idx + len(pronoun.text)), actors)
    if lower in ("they", "them"):
        sent = pronoun.sent
        # Plural subjects of the previous two sentences, the nearest first.
        prev_sents = []
        start = sent.start
        for _ in range(2):
            if start <= 0:
                break
            prev = doc[start - 1].sent
            prev_sents.append(prev)
            start = prev.start
        for prev in prev_sents:
            subjects = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass")
                        and t.pos_ in ("NOUN", "PROPN") and (
                            "Plur" in t.morph.get("Number") or t.ent_type_ in ("ORG", "NORP"))]
            if not subjects:
                subjects = [t for t in prev if t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN")]
            if subjects:
                return _reference(_phrase(subjects[0]), actors)
        return _reference((pronoun.idx, pronoun.idx + len(pronoun.text)), actors)
    return _reference((pronoun.idx, pronoun.idx + len(pronoun.text)), actors)


def _location_in(locations, start: int, end: int, near: int) -> str | None:
    best = None
    for loc in locations:
        for m in loc.mentions:
            if m.start >= start and m.end <= end:
                distance = abs(m.start - near)
                if best is None or distance < best[0]:
                    best = (distance, loc.id)
    return best[1] if best else None
