"""Generated news-like texts (varied names, places, numbers) in three size classes; no dataset."""
from __future__ import annotations

import random

TARGET_WORDS = {"short": 100, "typical": 1000, "long": 10000}


FIRST = ["Amina", "Carlos", "Mei", "Olusegun", "Priya", "Tomasz", "Fatima", "Kenji", "Ingrid",
         "Rashid", "Lucia", "Dmitri", "Nadia", "Samuel", "Aisha", "Jonas", "Elena", "Hamid",
         "Grace", "Mateo", "Yusuf", "Sofia", "Kwame", "Leila", "Pablo", "Hana", "Viktor", "Zainab"]
LAST = ["Okafor", "Haddad", "Novak", "Fernandes", "Tanaka", "Lindqvist", "Mensah", "Kowalski",
        "Rahimi", "Castillo", "Petrova", "Ndlovu", "Brennan", "Sato", "Ibrahim", "Moreau",
        "Quispe", "Varga", "Osei", "Hartmann", "Azizi", "Moreno", "Nakamura", "Abubakar"]
PLACES = [("Lagos", "Nigeria"), ("Aleppo", "Syria"), ("Mosul", "Iraq"), ("Kharkiv", "Ukraine"),
          ("Manila", "the Philippines"), ("Bogota", "Colombia"), ("Karachi", "Pakistan"),
          ("Nairobi", "Kenya"), ("Chicago", "the United States"), ("Marseille", "France"),
          ("Dhaka", "Bangladesh"), ("Mogadishu", "Somalia"), ("Kabul", "Afghanistan"),
          ("Caracas", "Venezuela"), ("Goma", "Congo"), ("Sanaa", "Yemen"), ("Juba", "South Sudan"),
          ("Bamako", "Mali"), ("Peshawar", "Pakistan"), ("Maiduguri", "Nigeria")]
ORGS = ["the Interior Ministry", "the Red Cross", "the United Nations", "the city police",
        "Doctors Without Borders", "the national army", "the World Health Organization",
        "the regional council", "Amnesty International", "the Health Ministry"]
ROLES = ["police spokesman", "provincial governor", "health minister", "local resident",
         "army commander", "hospital director", "aid worker", "mayor", "witness",
         "opposition leader"]
EVENTS = ["a car bomb exploded near a busy market", "gunmen opened fire on a passenger bus",
          "a fire swept through a garment factory", "floodwaters destroyed a riverside village",
          "an air strike hit a residential building", "a bridge collapsed during rush hour",
          "clashes broke out between rival groups", "a suicide bomber attacked a checkpoint"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "April", "June", "August", "October", "November"]
QUOTES = ["We have lost everything", "The situation is getting worse every day",
          "We need medicine and clean water urgently", "Nobody warned us",
          "Those responsible will be brought to justice", "The hospital is full",
          "We heard three explosions and then the shooting started"]
SENTENCES = [
    "At least {n} people were killed and {m} others wounded when {event} in {city} on {day}, "
    "{org} said.",
    "{person}, a {role}, said the attack began shortly after {hour} p.m.",
    '"{quote}," said {person}, the {role}.',
    "{person} told reporters that {org} had sent {m} trucks of supplies to {city}.",
    "The death toll rose to {n} on {day}, according to {org}.",
    "{org} said {big} civilians had fled their homes in {country} since {month}.",
    "Residents of {city} said the fighting had lasted for {m} hours.",
    '"{quote}," {person} said by telephone from {city}.',
    "Officials in {country} have not confirmed the figures.",
    "The government announced a curfew from {hour} p.m. in {city} and nearby districts.",
    "{person} was arrested on {day} in {city} and charged with murder.",
    "Talks between {org} and rebel leaders are expected to resume in {city} next week.",
    "Prices of bread in {city} rose by {m} percent in {month}, traders said.",
    "Among the dead were {m} children and a {role}, {person} said.",
]


class ArticleMaker:
    """News-like articles of about a target length, from templates with random fillers."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def fill(self, template: str, city: str, country: str) -> str:
        rng = self.rng
        return template.format(
            n=rng.randint(3, 400), m=rng.randint(2, 60), big=f"{rng.randint(1, 90)},"
            f"{rng.randint(0, 999):03d}", hour=rng.randint(1, 11), person=self.person(),
            role=rng.choice(ROLES), org=rng.choice(ORGS), event=rng.choice(EVENTS),
            day=rng.choice(DAYS), month=rng.choice(MONTHS), quote=rng.choice(QUOTES),
            city=city, country=country)

    def article(self, target_words: int) -> str:
        city, country = self.rng.choice(PLACES)
        headline = f"{self.rng.randint(3, 90)} killed as violence flares in {city}"
        lead = f"{city.upper()}, {country} — " + self.fill(SENTENCES[0], city, country)
        paragraphs, words = [headline, lead], len(headline.split()) + len(lead.split())
        while words < target_words:
            sentences = [self.fill(self.rng.choice(SENTENCES), *self.place(city, country))
                         for _ in range(self.rng.randint(2, 4))]
            paragraphs.append(" ".join(sentences))
            words += len(paragraphs[-1].split())
        return "\n\n".join(paragraphs) + "\n"

    def place(self, city: str, country: str) -> tuple[str, str]:
        """Mostly the article's own place, sometimes another one."""
        return (city, country) if self.rng.random() < 0.7 else self.rng.choice(PLACES)


def make_corpus(counts: dict, seed: int) -> list[tuple[str, str]]:
    """(class, text) pairs, classes mixed in a fixed random order."""
    maker = ArticleMaker(seed)
    corpus = [(cls, maker.article(TARGET_WORDS[cls]))
              for cls, count in counts.items() for _ in range(count)]
    random.Random(seed).shuffle(corpus)
    return corpus


def words(text: str) -> int:
    return len(text.split())
