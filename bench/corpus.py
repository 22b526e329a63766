"""Synthetic news articles about diplomatic visits, in German and English, with gold facts.

Each article is drawn from its own seeded random generator (``seed``, ``index``), so the
first 1,000 articles of a 10,000-article corpus are the 1,000-article corpus, and "1% new
articles" is simply the next indices. An article is first a :class:`Scenario` (who
travels where, when, with whom, as what), then rendered into prose with varied wording,
filler and distractors (denied trips that are not visits). The gold facts come from the
scenario, in the YAML layout of ``tests/gold/*.yaml``; :mod:`bench.graphgen` turns the
same scenarios into quads without any text extraction.

Most people are invented (names the background data cannot know), drawn from name pools
of several languages; states and capitals come from a fixed table whose keys follow
:func:`kg.iris.slug` of the English name, the same keys the background data uses.

>>> s = scenario(seed=1, index=0)
>>> a = render(s)
>>> a.text.count(s.traveller.name) >= 1, gold(s, names=False)["visits"][0]["traveller"] == s.traveller.key
(True, True)
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml

from kg.iris import slug

# key-stem, English, German, German genitive, German adjective stem, English adjective,
# capital (en, de), another city (en, de) or None; all of them known to data/background. Only states used without an article in German.
_STATES = [
    ("Russia", "Russland", "Russlands", "russisch", "Russian", ("Moscow", "Moskau"), ("Vladivostok", "Wladiwostok")),
    ("North Korea", "Nordkorea", "Nordkoreas", "nordkoreanisch", "North Korean", ("Pyongyang", "Pjöngjang"), None),
    ("China", "China", "Chinas", "chinesisch", "Chinese", ("Beijing", "Peking"), ("Shanghai", "Schanghai")),
    ("Belarus", "Belarus", "Belarus'", "belarussisch", "Belarusian", ("Minsk", "Minsk"), None),
    ("Germany", "Deutschland", "Deutschlands", "deutsch", "German", ("Berlin", "Berlin"), ("Munich", "München")),
    ("France", "Frankreich", "Frankreichs", "französisch", "French", ("Paris", "Paris"), None),
    ("Japan", "Japan", "Japans", "japanisch", "Japanese", ("Tokyo", "Tokio"), ("Osaka", "Osaka")),
    ("South Korea", "Südkorea", "Südkoreas", "südkoreanisch", "South Korean", ("Seoul", "Seoul"), ("Busan", "Busan")),
    ("Vietnam", "Vietnam", "Vietnams", "vietnamesisch", "Vietnamese", ("Hanoi", "Hanoi"), ("Da Nang", "Da Nang")),
    ("India", "Indien", "Indiens", "indisch", "Indian", ("New Delhi", "Neu-Delhi"), ("Mumbai", "Mumbai")),
    ("Brazil", "Brasilien", "Brasiliens", "brasilianisch", "Brazilian", ("Brasília", "Brasília"), ("Rio de Janeiro", "Rio de Janeiro")),
    ("Italy", "Italien", "Italiens", "italienisch", "Italian", ("Rome", "Rom"), None),
    ("Poland", "Polen", "Polens", "polnisch", "Polish", ("Warsaw", "Warschau"), None),
    ("Austria", "Österreich", "Österreichs", "österreichisch", "Austrian", ("Vienna", "Wien"), None),
    ("Egypt", "Ägypten", "Ägyptens", "ägyptisch", "Egyptian", ("Cairo", "Kairo"), ("Sharm el-Sheikh", "Scharm el-Scheich")),
    ("Indonesia", "Indonesien", "Indonesiens", "indonesisch", "Indonesian", ("Jakarta", "Jakarta"), ("Bali", "Bali")),
    ("Mongolia", "Mongolei", "der Mongolei", "mongolisch", "Mongolian", ("Ulaanbaatar", "Ulan Bator"), ("Darkhan", "Darchan")),
    ("Kazakhstan", "Kasachstan", "Kasachstans", "kasachisch", "Kazakh", ("Astana", "Astana"), ("Almaty", "Almaty")),
    ("Spain", "Spanien", "Spaniens", "spanisch", "Spanish", ("Madrid", "Madrid"), None),
    ("Serbia", "Serbien", "Serbiens", "serbisch", "Serbian", ("Belgrade", "Belgrad"), None),
    ("Laos", "Laos", "Laos'", "laotisch", "Laotian", ("Vientiane", "Vientiane"), None),
    ("Cuba", "Kuba", "Kubas", "kubanisch", "Cuban", ("Havana", "Havanna"), None),
    ("Nigeria", "Nigeria", "Nigerias", "nigerianisch", "Nigerian", ("Abuja", "Abuja"), None),
    ("Canada", "Kanada", "Kanadas", "kanadisch", "Canadian", ("Ottawa", "Ottawa"), None),
]
_STATES = [s for s in _STATES if not s[2].startswith("der ")]  # keep the German templates article-free


@dataclass(frozen=True)
class State:
    key: str
    en: str
    de: str
    de_gen: str
    de_adj: str
    en_adj: str
    capital: tuple[str, str, str]  # key, en, de
    city: tuple[str, str, str] | None


STATES = [
    State(f"state/{slug(en)}", en, de, gen, adj, en_adj, (f"place/{slug(c[0])}", *c), (f"place/{slug(o[0])}", *o) if o else None)
    for en, de, gen, adj, en_adj, c, o in _STATES
]

# post class -> English title, German masculine, feminine, masculine dative, masculine genitive
POSTS = {
    "HeadOfState": ("President", "Präsident", "Präsidentin", "Präsidenten", "Präsidenten"),
    "HeadOfGovernment": ("Prime Minister", "Ministerpräsident", "Ministerpräsidentin", "Ministerpräsidenten",
                         "Ministerpräsidenten"),
    "ForeignMinister": ("Foreign Minister", "Außenminister", "Außenministerin", "Außenminister", "Außenministers"),
    "DefenceMinister": ("Defence Minister", "Verteidigungsminister", "Verteidigungsministerin", "Verteidigungsminister",
                        "Verteidigungsministers"),
    "Minister": ("Trade Minister", "Handelsminister", "Handelsministerin", "Handelsminister", "Handelsministers"),
}
_LEADERS = ("HeadOfState", "HeadOfGovernment")

_FIRST_F = ("Anna Julia Elena Claudia Katharina Ursula Yulia Sarah Olena Ana Maria Lena Sofia Yuki Mei Olga Ingrid Amara Leila Nadia Priya Hana Elif Zofia Marta Aiko Chiara "
            "Ewa Fatima Greta Irina Jana Kateryna Lucia Noor Rosa Sigrid Thandiwe Valentina Ximena Yasmin").split()
_FIRST_M = ("Andreas Boris Felix Igor Jens Klaus Markus Oleg Roman Tobias Viktor Jonas Pavel Hiroshi Tomasz Ahmed Luca Mateo Arjun Kwame Dmitri Sven Jae-won Oleksandr Rafael Tariq "
            "Bogdan Chen Diego Emil Farid Goran Hamid Ivan Joao Kenji Lars Marek Nikolai Omar Pedro Ruslan Stefan").split()
_LAST = ("Berglund Novak Tanaka Kowalski Haddad Moretti Silva Sharma Mensah Volkov Lindqvist Park Bondarenko "
         "Okafor Duarte Nakamura Horvat Petrov Andersen Khalil Rossi Fernandes Ishikawa Jankowski Mbeki Castillo "
         "Dragunov Eriksen Farouk Grabowski Hoang Ibrahim Jovanovic Kaminski Larsen Marchetti Nguyen Orlov "
         "Popescu Quintero Rahimi Sato Tkachenko Uribe Vasquez Wojcik Yilmaz Zhang Abernathy Brandt Cortez").split()

_DE_MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
_EN_MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    female: bool
    post: str  # POSTS key
    state: State

    def title(self, lang: str, case: str = "nom") -> str:
        en, de_m, de_f, de_m_dat, de_m_gen = POSTS[self.post]
        if lang == "en":
            return en
        return de_f if self.female else {"dat": de_m_dat, "gen": de_m_gen}.get(case, de_m)

    def phrase(self, lang: str, case: str = "nom", style: int = 0) -> str:
        """'Russlands Außenministerin Ana Berglund', 'dem russischen Präsidenten X', 'Russian President X'."""
        if lang == "en":
            return (f"{self.state.en_adj} {self.title('en')} {self.name}" if style % 2 == 0
                    else f"{self.state.en}'s {self.title('en').lower()} {self.name}")
        if case == "nom":
            if style % 2 == 0:
                return f"{self.state.de_gen} {self.title('de')} {self.name}"
            return f"{'die' if self.female else 'der'} {self.state.de_adj}e {self.title('de')} {self.name}"
        article = "der" if self.female else {"dat": "dem", "gen": "des"}[case]
        return f"{article} {self.state.de_adj}en {self.title('de', case)} {self.name}"

    def pronoun(self, lang: str) -> str:
        return ("sie" if self.female else "er") if lang == "de" else ("she" if self.female else "he")


def person_pool(seed: int, size: int = 4000) -> list[Person]:
    """Invented office holders, several per state and post; deterministic for a seed.

    >>> len({p.key for p in person_pool(1, 500)}) == 500
    True
    """
    rng = random.Random(f"people-{seed}")
    people, seen = [], set()
    while len(people) < size:
        female = rng.random() < 0.4
        name = f"{rng.choice(_FIRST_F if female else _FIRST_M)} {rng.choice(_LAST)}"
        if rng.random() < 0.15:
            name = f"{name}-{rng.choice(_LAST)}"
        key = f"person/{slug(name)}"
        if key in seen:
            continue
        seen.add(key)
        post = rng.choices(list(POSTS), weights=(2, 2, 3, 2, 3))[0]
        people.append(Person(key, name, female, post, STATES[len(people) % len(STATES)]))
    return people


@dataclass
class Scenario:
    """The facts one article reports, before any wording."""

    index: int
    lang: str
    published: date
    traveller: Person
    host: State
    status: str
    start: date | None
    end: date | None
    month_only: bool
    places: list[tuple[str, str, str]]
    transport: str | None
    kind: str | None
    invited_by: Person | None
    accompanied_by: list[Person]
    met: list[Person]
    summit: bool
    past_visit: tuple[State, date] | None  # "last visited X in May 2019"
    distractor: tuple[Person, State] | None  # a denied trip: not a visit
    style: int = 0

    @property
    def article_id(self) -> str:
        return f"{self.index:07d}-{self.lang}"


_POOL_CACHE: dict[int, tuple[list[Person], list[Person], dict[str, list[Person]]]] = {}


def known_people() -> list[Person]:
    """Office holders from ``data/background/persons.yaml`` (current post, state in the table):
    the people the default parameters of the named questions ask about."""
    from kg.config import REPO

    path = REPO / "data" / "background" / "persons.yaml"
    if not path.exists():
        return []
    states = {s.key: s for s in STATES}
    female = set(_FIRST_F) | {"Choe", "Angela", "Annalena", "Ursula", "Giorgia", "Kamala", "Hillary", "Liz", "Jacinda"}
    out = []
    for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        current = [p for p in e.get("posts") or [] if p.get("end") is None and p.get("state") in states
                   and p.get("post") in POSTS]
        label = (e.get("label") or {}).get("en") if isinstance(e.get("label"), dict) else e.get("label")
        if current and label:
            post = current[-1]
            out.append(Person(e["key"], label, label.split()[0] in female, post["post"], states[post["state"]]))
    return out


def _pool(seed: int):
    if seed not in _POOL_CACHE:
        people = person_pool(seed)
        known = known_people()
        by_state: dict[str, list[Person]] = {}
        for p in known + people:
            by_state.setdefault(p.state.key, []).append(p)
        _POOL_CACHE[seed] = people, known, by_state
    return _POOL_CACHE[seed]


def scenario(seed: int, index: int) -> Scenario:
    """The scenario of article ``index`` of the corpus ``seed``."""
    people, known, by_state = _pool(seed)
    rng = random.Random(f"{seed}-{index}")
    traveller = rng.choice(people)
    if known and index % 10 == 0:  # every tenth trip is a known leader's, in a fixed rotation
        traveller = known[(index // 10) % len(known)]
    home = traveller.state
    host = rng.choice([s for s in STATES if s is not home])
    locals_ = by_state[host.key]
    homes = [p for p in by_state[home.key] if p is not traveller]
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(11 * 365))
    status = rng.choices(["Completed", "Ongoing", "Announced", "Cancelled"], weights=(4, 3, 3, 1))[0]
    offset = {"Completed": -rng.randint(2, 12), "Ongoing": -rng.randint(0, 1),
              "Announced": rng.randint(3, 40), "Cancelled": rng.randint(3, 30)}[status]
    start = published + timedelta(days=offset)
    length = rng.choice((0, 1, 2, 3))
    end = start + timedelta(days=length) if length and status != "Cancelled" else None
    if status == "Completed" and end and end > published:
        end = published
    month_only = status == "Announced" and rng.random() < 0.2
    if month_only:
        end = None
    places = [host.capital] + ([host.city] if host.city and rng.random() < 0.3 else [])
    counterpart = next((p for p in locals_ if p.post == traveller.post), rng.choice(locals_))
    if traveller.post in _LEADERS:
        counterpart = next((p for p in locals_ if p.post in _LEADERS), counterpart)
    met = [counterpart] + ([p for p in locals_ if p.post == "ForeignMinister" and counterpart.post != p.post][:1]
                           if rng.random() < 0.3 else [])
    delegation, posts_taken = [], {traveller.post}
    for p in rng.sample(homes, k=min(len(homes), 12)):
        if len(delegation) < rng.choice((0, 0, 1, 2, 3)) and (p.post not in posts_taken or p.post == "Minister"):
            delegation.append(p)
            posts_taken.add(p.post)
    summit = (traveller.post in _LEADERS and counterpart.post in _LEADERS and status != "Cancelled"
              and rng.random() < 0.6)
    past = (host, published - timedelta(days=rng.randint(200, 2500))) if rng.random() < 0.25 else None
    distractor = None
    if rng.random() < 0.3:
        other = rng.choice([s for s in STATES if s not in (home, host)])
        distractor = (rng.choice(by_state[other.key]), rng.choice([s for s in STATES if s is not other]))
    return Scenario(
        index=index, lang="de" if rng.random() < 0.5 else "en", published=published, traveller=traveller,
        host=host, status=status, start=start, end=end, month_only=month_only, places=places,
        transport=rng.choice((None, None, "Train", "Aircraft", "Car")),
        kind=rng.choice((None, "StateVisit", "OfficialVisit", "WorkingVisit")),
        invited_by=counterpart if rng.random() < 0.4 else None, accompanied_by=delegation,
        met=met if status in ("Completed", "Ongoing") else [], summit=summit,
        past_visit=past, distractor=distractor, style=rng.randrange(1000),
    )


# ---------------------------------------------------------------- rendering


@dataclass
class Rendered:
    """An article's text, its manifest row and the sentence spans that state each fact."""

    scenario: Scenario
    text: str
    title: str
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # fact name -> (start, end)

    @property
    def file_name(self) -> str:
        return f"{self.scenario.article_id}.txt"


def _d(d: date, lang: str, year: bool) -> str:
    if lang == "de":
        return f"{d.day}. {_DE_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")
    return f"{d.day} {_EN_MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def _when(s: Scenario) -> str:
    """The date phrase of the trip: 'am 3. Mai', 'vom 3. bis 5. Mai 2024', 'in May'."""
    lang, year = s.lang, s.style % 3 == 0
    if s.month_only:
        m = (_DE_MONTHS if lang == "de" else _EN_MONTHS)[s.start.month - 1]
        return f"im {m}" if lang == "de" else f"in {m}"
    if s.end and s.end != s.start and s.status != "Ongoing":
        if lang == "de":
            first = f"{s.start.day}." if s.start.month == s.end.month else _d(s.start, lang, False)
            return f"vom {first} bis {_d(s.end, lang, year)}"
        first = f"{s.start.day}" if s.start.month == s.end.month else _d(s.start, lang, False)
        return f"from {first} to {_d(s.end, lang, year)}"
    return ("am " if lang == "de" else "on ") + _d(s.start, lang, year)


_KIND = {"de": {"StateVisit": "Staatsbesuch", "OfficialVisit": "offiziellen Besuch", "WorkingVisit": "Arbeitsbesuch"},
         "en": {"StateVisit": "state visit", "OfficialVisit": "official visit", "WorkingVisit": "working visit"}}
_FILLER = {
    "de": [
        "Beobachter erwarten Gespräche über Handel, Energie und Sicherheit.",
        "Die Beziehungen zwischen beiden Ländern hatten sich zuletzt deutlich verbessert.",
        "Einzelheiten zum Programm wurden zunächst nicht bekannt.",
        "Die staatlichen Medien berichteten ausführlich über die Vorbereitungen.",
        "Analysten sehen darin ein Signal an die Nachbarstaaten.",
        "Bereits im vergangenen Jahr hatten beide Seiten mehrere Abkommen unterzeichnet.",
        "Kritiker bemängeln, dass Menschenrechtsfragen kaum eine Rolle spielen dürften.",
    ],
    "en": [
        "Observers expect talks on trade, energy and security.",
        "Relations between the two countries have improved markedly in recent months.",
        "Details of the programme were not immediately released.",
        "State media covered the preparations at length.",
        "Analysts read the trip as a signal to neighbouring states.",
        "The two sides signed several agreements last year.",
        "Critics say human rights are unlikely to feature prominently.",
    ],
}


_BACKGROUND = {
    "de": [
        "Der Handel zwischen {a} und {b} ist nach offiziellen Zahlen im Jahr {y} um {n} Prozent gewachsen.",
        "Seit {y} haben beide Regierungen insgesamt {n} Abkommen geschlossen, darunter zu Energie und Landwirtschaft.",
        "Die Opposition in {a} warf der Regierung vor, die Reise diene vor allem innenpolitischen Zwecken.",
        "Wirtschaftsvertreter hoffen auf neue Aufträge im Umfang von mehreren Milliarden.",
        "Ein Sprecher des Außenministeriums sprach von einem „wichtigen Schritt“ für die bilateralen Beziehungen.",
        "Die Sicherheitsvorkehrungen in der Hauptstadt wurden deutlich verschärft; mehrere Straßen blieben gesperrt.",
        "Nach Angaben von Diplomaten soll auch über Visaerleichterungen und den Austausch von Studierenden gesprochen werden.",
        "Die Beziehungen zu {c} gelten dagegen seit Jahren als angespannt.",
        "Im Mittelpunkt dürften Fragen der regionalen Sicherheit stehen, hieß es aus Regierungskreisen.",
        "Zuletzt hatten im Jahr {y} Delegationen beider Länder über ein Freihandelsabkommen verhandelt.",
        "Medien in {b} berichteten ausführlich und zeigten Bilder vom Empfang am Flughafen.",
        "Beobachter in {c} verfolgen die Annäherung mit Sorge.",
        "Die Zahl der Touristen aus {a} hat sich in den vergangenen Jahren nahezu verdoppelt.",
        "Ein gemeinsames Kommuniqué soll zum Abschluss veröffentlicht werden.",
        "Umweltverbände forderten, auch den Klimaschutz auf die Tagesordnung zu setzen.",
        "Die Währung von {b} legte nach der Ankündigung leicht zu.",
    ],
    "en": [
        "Trade between {a} and {b} grew by {n} percent in {y}, according to official figures.",
        "Since {y} the two governments have signed {n} agreements, covering energy and agriculture among others.",
        "The opposition in {a} accused the government of using the trip for domestic purposes.",
        "Business leaders hope for new contracts worth several billion.",
        "A foreign ministry spokesperson called it \"an important step\" for bilateral relations.",
        "Security in the capital was tightened considerably, and several roads were closed.",
        "Diplomats said visa facilitation and student exchanges would also be discussed.",
        "Relations with {c}, by contrast, have been strained for years.",
        "Regional security is expected to be the focus, government sources said.",
        "Delegations of both countries last negotiated a free trade agreement in {y}.",
        "Media in {b} covered the event at length and showed pictures of the welcome at the airport.",
        "Observers in {c} are watching the rapprochement with concern.",
        "The number of tourists from {a} has nearly doubled in recent years.",
        "A joint communiqué is to be published at the end.",
        "Environmental groups called for climate protection to be put on the agenda.",
        "The currency of {b} rose slightly after the announcement.",
    ],
}
_BOILERPLATE = {
    "de": "\n\nVerwandte Artikel\n\nMehr zum Thema Außenpolitik\n\nCookie-Einstellungen | Impressum | Datenschutz\n",
    "en": "\n\nRelated articles\n\nMore on foreign policy\n\nCookie settings | Imprint | Privacy\n",
}


def _background(s: Scenario, rng: random.Random) -> list[str]:
    """Ten to sixteen sentences of context without facts, so articles have news-like length."""
    other = rng.choice([st for st in STATES if st not in (s.host, s.traveller.state)])
    name = "de" if s.lang == "de" else "en"
    slots = {"a": getattr(s.traveller.state, name), "b": getattr(s.host, name), "c": getattr(other, name),
             "y": s.published.year - rng.randint(1, 6), "n": rng.randint(3, 40)}
    return [t.format(**slots) for t in rng.sample(_BACKGROUND[s.lang], k=rng.randint(10, 16))]


def _lead(s: Scenario, rng: random.Random) -> str:
    t, h, w, lang = s.traveller.phrase(s.lang, style=s.style), s.host, _when(s), s.lang
    kind = _KIND[lang].get(s.kind or "")
    if lang == "de":
        trip = f"zu einem {kind} " if kind else ""
        return rng.choice({
            "Completed": [f"{t} hat {w} {trip}{h.de} besucht.",
                          f"{t} ist nach einem {kind or 'Besuch'} in {h.de} {w} zurückgekehrt." if not s.end
                          else f"{t} hielt sich {w} {trip}in {h.de} auf."],
            "Ongoing": [f"{t} ist {w} {trip}in {h.de} eingetroffen.",
                        f"{t} ist {w} zu {'einem ' + kind if kind else 'einem Besuch'} in {h.de} angekommen."],
            "Announced": [f"{t} wird {w} {trip}nach {h.de} reisen.",
                          f"{t} will {w} {trip}{h.de} besuchen, wie das Außenministerium mitteilte."],
            "Cancelled": [f"{t} hat die {w} geplante Reise nach {h.de} abgesagt."],
        }[s.status])
    trip = f"on {'an' if kind and kind[0] in 'aeiou' else 'a'} {kind} " if kind else ""
    return rng.choice({
        "Completed": [f"{t} visited {h.en} {w} {trip}".rstrip() + ".",
                      f"{t} has returned from a {kind or 'visit'} to {h.en} {w}." if not s.end
                      else f"{t} was in {h.en} {trip}{w}."],
        "Ongoing": [f"{t} arrived in {h.en} {trip}{w}.",
                    f"{t} landed in {h.en} {w} for a {kind or 'visit'}."],
        "Announced": [f"{t} will travel to {h.en} {trip}{w}.",
                      f"{t} is to visit {h.en} {w}, the foreign ministry said."],
        "Cancelled": [f"{t} has called off the trip to {h.en} planned for {w.removeprefix('on ').removeprefix('from ')}."],
    }[s.status])


def _join(names: list[str], lang: str) -> str:
    conj = " und " if lang == "de" else " and "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + conj + names[-1]


def render(s: Scenario) -> Rendered:
    """The article text of a scenario, with the span of the sentence that states each fact."""
    rng = random.Random(f"text-{s.index}-{s.style}")
    lang, pro = s.lang, s.traveller.pronoun(s.lang)
    sentences: list[tuple[str, str | None]] = []  # (sentence, fact name)
    lead = _lead(s, rng)
    sentences.append((lead[0].upper() + lead[1:], "visit"))
    if s.places:
        where = _join([p[2 if lang == "de" else 1] for p in s.places], lang)
        verb = {"de": {"Announced": "Geplant sind Stationen in", "Cancelled": "Geplant waren Stationen in"},
                "en": {"Announced": "Stops are planned in", "Cancelled": "Stops had been planned in"}}[lang]
        default = "Stationen der Reise waren" if lang == "de" else "The trip took in"
        sentences.append((f"{verb.get(s.status, default)} {where}.", "place"))
    past = s.status in ("Completed", "Ongoing")
    if s.status == "Ongoing" and s.end and s.end != s.start:
        sentences.append(((f"Der Besuch dauert bis zum {_d(s.end, 'de', False)}." if lang == "de"
                           else f"The visit lasts until {_d(s.end, 'en', False)}."), "endDate"))
    if s.transport:
        sentences.append(({
            "de": {"Train": {"Announced": "Die Reise soll mit dem Sonderzug erfolgen.",
                             "Cancelled": "Die Reise sollte mit dem Sonderzug erfolgen."}.get(
                                 s.status, "Die Reise erfolgte mit dem Sonderzug."),
                   "Aircraft": f"{pro.capitalize()} {'reiste' if past else 'will'} mit einem Regierungsflugzeug"
                               f"{'' if past else ' reisen'}.",
                   "Car": f"{pro.capitalize()} {'reiste' if past else 'will'} mit einer Autokolonne über die Grenze"
                          f"{'' if past else ' reisen'}."},
            "en": {"Train": f"{pro.capitalize()} {'travelled' if past else 'is to travel'} by special train.",
                   "Aircraft": f"{pro.capitalize()} {'flew in' if past else 'is to fly in'} on a government plane.",
                   "Car": f"{pro.capitalize()} {'crossed' if past else 'is to cross'} the border in a motorcade."},
        }[lang][s.transport], "transport"))
    if s.accompanied_by:
        if lang == "de":
            names = _join([p.phrase("de", "dat", s.style + i) for i, p in enumerate(s.accompanied_by)], "de")
            aux = {"Announced": "wird", "Cancelled": "werden sollte"}.get(s.status, "wurde")
            sentences.append((f"Begleitet {aux} {pro} von {names}.",
                              "accompaniedBy"))
        else:
            names = _join([p.phrase("en", style=s.style + i) for i, p in enumerate(s.accompanied_by)], "en")
            aux = {"Announced": "will be", "Cancelled": "would have been"}.get(s.status, "was")
            sentences.append((f"{pro.capitalize()} {aux} accompanied by "
                              f"{names}.", "accompaniedBy"))
    sentences.append((rng.choice(_FILLER[lang]), None))
    if s.invited_by:
        p = s.invited_by
        sentences.append(((f"Die Reise erfolgt auf Einladung {p.phrase('de', 'gen')}." if lang == "de"
                           else f"The trip comes at the invitation of {p.phrase('en', style=s.style)}."), "invitedBy"))
    if s.met:
        where = s.places[0][2 if lang == "de" else 1]
        if lang == "de":
            names = _join([p.phrase("de", "dat", s.style + i + 1) for i, p in enumerate(s.met)], "de")
            sentences.append((f"In {where} traf {pro} mit {names} zusammen.", "met"))
        else:
            names = _join([p.phrase("en", style=s.style + i + 1) for i, p in enumerate(s.met)], "en")
            sentences.append((f"In {where}, {pro} met {names}.", "met"))
    if s.summit:
        a, b, where = s.traveller.name, s.met[0].name if s.met else s.invited_by.name if s.invited_by else None, s.places[0]
        if b is None:
            s.summit = False
        else:
            w = _when(s)
            sentences.append(((f"{a} und {b} kommen {w} in {where[2]} zu einem Gipfeltreffen zusammen." if s.status == "Announced"
                               else f"{a} und {b} hielten {w} in {where[2]} ein Gipfeltreffen ab.") if lang == "de" else
                              (f"{a} and {b} will hold a summit in {where[1]} {w}." if s.status == "Announced"
                               else f"{a} and {b} held a summit in {where[1]} {w}."), "summit"))
    if s.past_visit:
        st, when = s.past_visit
        m = (_DE_MONTHS if lang == "de" else _EN_MONTHS)[when.month - 1]
        sentences.append(((f"Zuletzt hatte {s.traveller.name} {st.de} im {m} {when.year} besucht." if lang == "de"
                           else f"{s.traveller.name} last visited {st.en} in {m} {when.year}."), "pastVisit"))
    sentences.append((rng.choice(_FILLER[lang]), None))
    sentences += [(b, None) for b in _background(s, rng)]
    if s.distractor:
        p, st = s.distractor
        sentences.append(((f"Berichte über eine Reise von {p.phrase('de', 'dat', s.style)} nach {st.de} wies das "
                           f"Ministerium als Spekulation zurück." if lang == "de" else
                           f"The ministry dismissed reports of a trip by {p.phrase('en', style=s.style)} to {st.en} "
                           f"as speculation."), "distractor"))
    title = (f"{s.traveller.name}: Reise nach {s.host.de}" if lang == "de"
             else f"{s.traveller.name} and the trip to {s.host.en}")
    text, spans, pos = [], {}, 0
    dateline = s.published.isoformat() + "\n\n"
    text.append(dateline)
    pos = len(dateline)
    for i, (sentence, fact) in enumerate(sentences):
        sep = "\n\n" if i in (1, 4) or (i > 4 and i % 4 == 0) else " " if i else ""
        text.append(sep)
        pos += len(sep)
        if fact:
            spans[fact] = (pos, pos + len(sentence))
        text.append(sentence)
        pos += len(sentence)
    text.append(_BOILERPLATE[lang] if s.style % 2 else "\n")
    return Rendered(s, "".join(text), title, spans)


# ---------------------------------------------------------------- gold


def _iso(d: date | None, month_only: bool = False) -> str | None:
    if d is None:
        return None
    return d.isoformat()[:7] if month_only else d.isoformat()


def gold(s: Scenario, *, names: bool = True) -> dict:
    """The facts of the article in the layout of ``tests/gold/*.yaml``.

    People, states and places are named as the text names them in English (``names``,
    what :func:`kg.eval.resolve` expects of a gold file), or by their keys.
    """
    t = s.traveller
    label = {p.key: p.name for p in [t, *s.accompanied_by, *s.met, *([s.invited_by] if s.invited_by else []),
                                     *([s.distractor[0]] if s.distractor else [])]}
    label.update({st.key: st.en for st in STATES})
    label.update({st.capital[0]: st.capital[1] for st in STATES})
    label.update({st.city[0]: st.city[1] for st in STATES if st.city})
    n = (lambda key: label[key]) if names else (lambda key: key)
    visits = [{
        "traveller": n(t.key), "host": n(s.host.key), "status": s.status,
        "start": _iso(s.start, s.month_only), "end": _iso(s.end),
        "places": [n(p[0]) for p in s.places], "transport": s.transport,
        "invited_by": n(s.invited_by.key) if s.invited_by else None,
        "kind": s.kind, "accompanied_by": [n(p.key) for p in s.accompanied_by], "met": [n(p.key) for p in s.met],
    }]
    if s.past_visit:
        st, when = s.past_visit
        visits.append({"traveller": n(t.key), "host": n(st.key), "status": "Completed", "start": when.isoformat()[:7],
                       "end": None, "places": [], "transport": None, "invited_by": None, "kind": None,
                       "accompanied_by": [], "met": []})
    summits = []
    if s.summit:
        other = s.met[0] if s.met else s.invited_by
        summits.append({"participants": sorted([n(t.key), n(other.key)]), "start": _iso(s.start, s.month_only),
                        "places": [n(s.places[0][0])], "status": s.status})
    people = [t, *s.accompanied_by, *s.met] + ([s.distractor[0]] if s.distractor else [])
    if s.invited_by and s.invited_by not in people:
        people.append(s.invited_by)
    posts, seen = [], set()
    for p in people:
        if p.key not in seen:
            seen.add(p.key)
            posts.append({"person": n(p.key), "post": p.post, "state": n(p.state.key)})
    return {"article": f"{s.article_id}.txt", "published": s.published.isoformat(), "visits": visits,
            "summits": summits, "posts": posts}


# ---------------------------------------------------------------- writing a corpus


def articles(seed: int, start: int, stop: int):
    """Rendered articles ``start`` .. ``stop - 1`` of the corpus ``seed``."""
    for i in range(start, stop):
        yield render(scenario(seed, i))


def write_corpus(folder: str | Path, n: int, *, seed: int = 1, start: int = 0, gold_dir: str | Path | None = None,
                 append: bool = False) -> list[Rendered]:
    """Write articles ``start .. start+n-1`` with ``manifest.csv`` (and gold YAML files when asked).

    ``append`` adds rows to an existing manifest instead of starting a new one.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if gold_dir:
        Path(gold_dir).mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.csv"
    fresh = not (append and manifest.exists())
    written = []
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    with manifest.open("w" if fresh else "a", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        if fresh:
            w.writerow(["file", "published", "language", "url", "title", "publisher"])
        for art in articles(seed, start, start + n):
            s = art.scenario
            (folder / art.file_name).write_text(art.text, encoding="utf-8")
            w.writerow([art.file_name, s.published.isoformat(), s.lang, f"https://news.example/{s.article_id}",
                        art.title, "Synthetic Wire"])
            if gold_dir:
                (Path(gold_dir) / f"{s.article_id}.yaml").write_text(
                    yaml.dump(gold(s), Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
            written.append(art)
    return written
