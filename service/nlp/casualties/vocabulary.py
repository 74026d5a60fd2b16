"""The words the casualties layer reads: every category's triggers and every word list, in one
place. Lower-case forms; verbs as lemmas."""
from __future__ import annotations

# Trigger words of the six categories (CONTRACT.md, "Casualties"). Multi-word "phrases" are
# recognised from their head word in triggers.py; they are listed here for reference.
CATEGORIES: dict[str, dict[str, frozenset[str]]] = {
    "killed": {
        "verbs": frozenset({"kill", "execute", "slay", "murder", "assassinate", "behead",
                            "massacre", "die", "drown"}),
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
        "adjectives": frozenset({"displaced", "evacuated", "homeless"}),
        "nouns": frozenset({"displaced", "evacuees"}),
        "phrases": frozenset(),
    },
}
VERB_CATEGORY = {lemma: cat for cat, voc in CATEGORIES.items() for lemma in voc["verbs"]}
ADJ_CATEGORY = {w: cat for cat, voc in CATEGORIES.items() for w in voc["adjectives"]}
NOUN_CATEGORY = {w: cat for cat, voc in CATEGORIES.items() for w in voc["nouns"]}
# Surface forms of verb triggers (the tagger sometimes leaves a past participle as ADJ/NOUN).
FORM_CATEGORY = {
    "killed": "killed", "executed": "killed", "slain": "killed", "murdered": "killed",
    "assassinated": "killed", "beheaded": "killed", "massacred": "killed", "died": "killed",
    "drowned": "killed",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "hospitalized": "injured",
    "grazed": "injured", "hospitalised": "injured",
    "captured": "captured", "abducted": "captured", "kidnapped": "captured",
    "arrested": "arrested", "detained": "arrested",
    "displaced": "displaced", "evacuated": "displaced", "fled": "displaced",
}
# Adjective triggers that state a toll only as a predicate ("left homeless"); before a noun
# they name a condition ("the 40 homeless people a charity feeds").
PREDICATIVE_ONLY = frozenset({"homeless"})
# Categories where an implicit single person ("the suspect fled") is not a record.
EXPLICIT_ONLY = frozenset({"displaced"})
# Categories that have no perpetrator.
NO_PERPETRATOR = frozenset({"missing", "displaced"})

# Nouns of a non-fatal injury ("suffered gunshot wounds", "in critical condition").
INJURY_NOUNS = frozenset({"wound", "wounds", "injury", "injuries"})
CONDITION_WORDS = frozenset({"critical", "serious", "stable", "fair", "grave", "guarded",
                             "life-threatening"})
FATAL_MODIFIERS = frozenset({"fatal", "mortal", "deadly", "self-inflicted"})
FATALLY = frozenset({"fatally", "mortally"})
DEATH_NOUNS = frozenset({"death", "killing", "murder", "slaying"})
# "a double shooting", "a triple homicide": an event noun whose multiplier counts its victims
# (everyone shot, for a shooting: the dead among them too, see weak_injuries).
MULTIPLIERS = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
MULTIPLIED_EVENTS = {"shooting": "injured", "homicide": "killed", "murder": "killed",
                     "killing": "killed", "slaying": "killed"}
CAPTIVE_NOUNS = frozenset({"hostage", "hostages", "prisoner", "prisoners", "captive",
                           "captives"})
REFLEXIVES = frozenset({"himself", "herself", "themselves"})
# Verbs under which a body means a death ("the bodies of 12 migrants were recovered").
BODY_VERBS = frozenset({"find", "discover", "recover", "pull", "locate", "identify", "unearth",
                        "exhume", "retrieve", "wash"})

# Reporting verbs whose subject is the source of a figure under them.
SOURCE_VERBS = frozenset({
    "say", "tell", "claim", "report", "confirm", "announce", "state", "add", "estimate",
    "allege", "insist", "acknowledge", "admit", "put", "write", "tweet", "post", "cite",
    "indicate", "declare", "note", "explain", "quote", "reveal", "disclose", "publish",
    "record", "count", "list", "give", "believe", "assert", "warn", "update", "revise",
})
# Of those, the ones that state a figure only with a toll as object ("put the toll at 15").
TOLL_ONLY_SOURCE_VERBS = frozenset({"put", "give", "record", "count", "list", "update",
                                    "revise"})
# Reporting verbs at the root of a sentence whose subject follows the figure ("..., police said").
ROOT_SOURCE_VERBS = frozenset({"say", "tell", "report", "confirm", "claim", "add"})

# "captured on video", "captured by a camera": what records images captures no one.
RECORDING_NOUNS = frozenset({"camera", "cameras", "video", "videos", "footage", "film", "photo",
                             "photos", "photograph", "tape", "lens", "microphone", "recorder",
                             "cellphone", "phone", "smartphone", "dashcam", "bodycam"})
# "died of leukaemia", "died of heart failure": a natural death is no casualty. Causes by their
# head word, or (modifier, head) when the head alone may be violent ("an attack").
NATURAL_CAUSES = frozenset({"cancer", "illness", "disease", "stroke", "pneumonia", "leukemia",
                            "leukaemia", "tumor", "tumour", "dementia", "alzheimer", "sepsis",
                            "diabetes", "aneurysm"})
NATURAL_CAUSE_PHRASES = frozenset({("heart", "attack"), ("heart", "failure"),
                                   ("kidney", "failure"), ("liver", "failure"),
                                   ("natural", "causes"), ("old", "age")})
# "in the event she was injured", "in case anyone is hurt": a condition, not a claim.
CONDITION_NOUNS = frozenset({"event", "case"})
# Verbs that make the casualty under them unreal.
IRREALIS = frozenset({
    "threaten", "try", "attempt", "plan", "plot", "vow", "want", "seek", "aim", "intend",
    "hope", "refuse", "wish", "order", "urge", "prepare", "prevent", "avoid", "fail", "pledge",
    "promise", "expect", "decline", "deny", "could", "might",
})
MODALS = frozenset({"could", "might", "may", "would", "will", "should", "can", "must",
                    "shall", "'ll", "wo", "ca"})
HEDGES = frozenset({"nearly", "almost", "possibly", "potentially", "narrowly", "never"})
NOBODY = frozenset({"nobody", "none", "noone", "no-one"})

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
grandmother parent parents friend friends neighbor neighbors neighbour neighbours
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
jihadi jihadis mujahedeen mujahideen client clients opponent opponents adolescent adolescents
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
# Endings of agent nouns ("bystander", "cyclist", "trainee"): likely people.
PERSON_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants",
                   "men", "man", "ee", "ees")
# Singular nouns for a group of people: "the crew was hurt" states no count.
COLLECTIVE_NOUNS = frozenset({"family", "families", "couple", "crew", "staff", "gang",
                              "militia", "security", "police", "personnel"})
# Pronouns that carry a count: "he was shot" is 1, "both were hurt" 2.
PRONOUN_COUNTS = {"he": 1, "she": 1, "him": 1, "her": 1, "himself": 1, "herself": 1,
                  "another": 1, "both": 2}
RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})
# "a second was injured": one person.
ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth"})
# Heads that are themselves a vague quantity ("dozens of people", "a handful of soldiers").
VAGUE_HEADS = frozenset({"dozens", "hundreds", "thousands", "scores", "several", "dozen",
                         "millions", "tens", "handful", "few", "couple"})

# Entities whose numbers never count people, and what follows a number that makes it an age.
BAD_NUMBER_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
AGE_FOLLOWERS = ("-year", " year", "-month", " month", "-week", " week", "-day-old", "yo",
                 "-years", " years", "-yr", " yr")
# Participles of harm before a headline's "dies" ("Boy shot at park dies").
HARM_PARTICIPLES = frozenset({"shot", "stabbed", "hurt", "wounded", "injured", "beaten",
                              "burned", "struck", "hit"})
# Harm verbs that need an object: with a counted subject and none, they are a passive whose
# auxiliary was left out ("20 others wounded").
ELLIPTIC_PASSIVES = frozenset({"wound", "injure", "hurt", "kill", "abduct", "kidnap", "arrest"})
# Units after a number that make it a measure ("fell 30 feet", "shot three times", "a 12-gauge").
MEASURE_UNITS = ("feet", "foot", "ft", "miles", "mile", "meters", "metres", "meter", "metre",
                 "yards", "yard", "inches", "inch", "km", "kilometers", "kilometres", "kg",
                 "kilograms", "pounds", "lbs", "rounds", "shots", "times", "minutes", "hours",
                 "seconds", "mph", "caliber", "calibre", "gauge", "mm", "a.m", "p.m", "am", "pm",
                 "percent", "per cent", "degrees", "acres", "blocks")
# Entities a number can be part of without counting anyone ("KRDX 9 Valley News", "Route 66 Diner").
NAME_NUMBER_ENTS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"})
# Words that may open the figure after a toll noun ("the death toll rose to at least 40").
TOLL_FIGURE_STARTS = frozenset({"at", "about", "around", "nearly", "almost", "over", "more",
                                "some", "up", "as", "roughly", "approximately", "dozens",
                                "hundreds", "thousands", "scores", "several", "a", "an",
                                "between", "no", "fewer", "less", "estimated", "just", "close",
                                "half"})
