"""Mentions of persons, states, places and titles in one article, resolved to keys.

One linear pass over the tokens matches the background lexicon (longest match first,
German genitive "-s" tolerated); people missing from it are found after a title
("Verteidigungsminister Sergej Schoigu") or by a known given name; surnames, "Herr Kim",
typos ("Choos") and bare titles ("die Außenministerin", "der Kremlchef") are then resolved
to the people the article has already named, or to the post holder on the publication date.

>>> from kg.config import Settings
>>> from kg.extract.lexicon import load
>>> doc = Doc("Außenministerin Choe Son Hui reist ab. Choos Reise und die Außenministerin.")
>>> ms = find_mentions(doc, load(Settings().background), None)
>>> sorted({m.key for m in ms.mentions if m.kind == "Person"})
['person/choe-son-hui']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

from kg.extract.lexicon import Lexicon, person_key
from kg.extract.normal import TOKEN_RE, norm

DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einem", "einen", "eines", "einer", "the", "a", "an",
    "seinem", "seinen", "seiner", "seines", "ihrem", "ihren", "ihrer", "ihres", "its", "his", "her", "their", "sein", "ihr",
}
MODIFIERS = {
    "damaligen", "damalige", "damaliger", "ehemalige", "ehemaligen", "ehemaliger", "fruheren", "fruhere", "fruherer",
    "former", "then", "neue", "neuen", "neuer", "new", "erste", "ersten", "erster", "first", "stellvertretende",
    "stellvertretenden", "stellvertretender", "deputy", "amtierende", "amtierenden", "amtierender", "acting", "top",
    "designierte", "designierten", "scheidende", "scheidenden", "outgoing", "incoming", "current", "jetzige", "jetzigen",
    "verstorbenen", "verstorbene", "late", "oberste", "obersten", "oberster", "supreme", "vice", "vize", "chief",
    "kollege", "kollegen", "amtskollege", "amtskollegen", "amtskollegin", "kollegin", "counterpart", "counterparts",
}
# Capitalised words that never start a person's name (German nouns, sentence starters).
STOP = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "und", "oder", "aber", "mit", "von", "vom", "zu", "zum", "zur",
    "in", "im", "am", "an", "auf", "aus", "bei", "nach", "fur", "uber", "unter", "vor", "seit", "als", "wie", "auch",
    "the", "and", "of", "in", "on", "at", "to", "for", "with", "by", "from", "he", "she", "his", "her", "it", "they",
    "er", "sie", "es", "wir", "ihr", "man", "this", "that", "these", "those", "laut", "nachrichtenagentur", "agentur",
    "regierung", "ministerium", "kreml", "president", "prasident", "minister", "herr", "frau", "mr", "mrs", "ms",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "januar", "februar", "marz", "mai", "juni", "juli", "oktober", "dezember", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "news", "agency", "ministry", "government", "state", "staat", "medien", "zeitung", "tass",
    "kcna", "yonhap", "ria", "novosti", "sputnik", "reuters", "afp", "dpa", "apa", "ap", "xinhua", "nato", "uno", "un",
    "eu", "apec", "asean", "g7", "g20", "brics", "during", "while", "after", "before", "when", "während", "wahrend",
    "nachdem", "bevor", "dass", "ob", "wenn", "weil", "doch", "jedoch", "so", "da", "dort", "hier", "heute", "gestern",
    "foto", "bild", "photo", "image", "quelle", "source", "gipfel", "summit", "treffen", "besuch", "reise", "visit",
    "delegation", "partei", "party", "armee", "army", "truppen", "volksrepublik", "republik", "republic", "korea",
    "halbinsel", "mehr", "lesen", "sehr", "ganz", "insgesamt", "zuletzt", "letztes", "erstes", "sowie", "darunter",
}
# Styles and honorifics before a name, never part of it ("Cardinal Tarcisio Bertone", "Scheich Mohammed bin Raschid")
HONORIFICS = {"cardinal", "kardinal", "father", "pater", "bishop", "bischof", "archbishop", "erzbischof", "patriarch",
              "sheikh", "scheich", "prince", "prinz", "princess", "prinzessin", "kronprinz", "kronprinzen",
              "kronprinzessin", "sultan", "emir", "rabbi", "imam", "ayatollah", "ajatollah", "reverend", "sir", "dame",
              "lord", "king", "konig", "konigs", "queen", "konigin", "pope", "papst", "crown", "duke", "duchess", "herzog",
              "herzogin", "graf", "grafin", "baron", "baroness"}
STOP |= HONORIFICS
DEPUTY = {"deputy", "vice", "stellvertretende", "stellvertretender", "stellvertretenden", "vize", "junior", "assistant"}
NAMED_AFTER = {"square", "platz", "stadium", "stadion", "airport", "flughafen", "university", "universitat", "street",
               "strasse", "avenue", "allee", "bridge", "brucke", "mausoleum", "memorial", "palace", "palast", "hall",
               "halle", "foundation", "stiftung", "prize", "preis", "institute", "institut", "museum", "center", "centre",
               "zentrum", "boulevard", "park", "station", "bahnhof", "library", "bibliothek", "school", "schule",
               "hotel"}
NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "tion", "ismus", "itat", "nahme", "reise", "besuch", "treffen",
                 "gipfel", "ium", "ment", "isch", "ische", "ischen", "lich", "liche", "lichen", "tum", "nis", "zeug")
GENERIC_ORDINALS = {"last", "first", "previous", "next", "letzte", "letzten", "letzter", "erste", "ersten", "erster",
                    "vorige", "vorigen", "voriger", "nachste", "nachsten", "nachster", "only", "einzige", "einzigen"}
PAST_MODIFIERS = {"damaligen", "damalige", "damaliger", "ehemalige", "ehemaligen", "ehemaliger", "fruheren", "fruhere",
                  "former", "then", "verstorbenen", "verstorbene", "late"}
# words right before an unknown name that say it is a person ("Siemens-Chef Roland Busch", "Tesla chief Elon Musk")
PERSON_CUE_SUFFIXES = ("chef", "chefin", "ceo", "chief", "grunder", "founder", "journalist", "journalistin",
                       "korrespondent", "korrespondentin", "sprecher", "sprecherin", "berater", "beraterin", "direktor",
                       "direktorin", "leiter", "leiterin", "stabschef", "stabschefin", "abgeordnete", "abgeordneter",
                       "senator", "senatorin", "ehefrau", "ehemann", "wife", "husband", "tochter", "sohn", "schwester",
                       "bruder", "sister", "brother", "daughter", "son", "first lady", "lady", "prasidentin",
                       # relational nouns and offices without a post class: "seiner Frau Elke ...", "Stellvertreter A B"
                       "frau", "stellvertreter", "stellvertreterin", "deputy", "sekretar", "sekretarin", "secretary",
                       "adviser", "advisor", "envoy", "gesandter", "gesandte", "sondergesandter", "botschafter",
                       "botschafterin", "ambassador", "vorsitzende", "vorsitzender", "chairman", "chairwoman",
                       "spokesman", "spokeswoman", "spokesperson", "kommissar", "kommissarin", "commissioner",
                       "vertraute", "vertrauter", "confidant", "aide", "mitarbeiter", "mitarbeiterin", "member",
                       "mitglied", "general", "marshal", "marschall", "admiral")
OFFICE_WORDS = {"foreign", "ministry", "defence", "defense", "department", "state", "press", "aussenministeriums",
                "ministeriums", "regierungs", "government", "affairs", "external", "security", "council", "national",
                "nationalen", "sicherheitsrates", "kabinetts", "cabinet", "armed", "forces"}
APPOSITION_SMALL = {"des", "der", "im", "in", "am", "für", "fur", "von", "vom", "of", "the", "for", "at", "and", "und"}
ORG_WORDS = {"commission", "kommission", "eu", "european", "europaischen", "europaische", "un", "uno", "nato", "council",
             "parliament", "parlament", "parlaments", "bank", "imf", "iwf", "who", "ioc", "olympic", "party", "partei",
             "company", "konzern", "committee", "komitee", "ausschuss", "ausschusses", "court", "gericht", "gerichtshof",
             "national", "assembly", "volkskongress", "volkskongresses", "congress", "kongress"}
_ROMAN = re.compile(r"[ivx]+")  # regnal numbers: "Charles III", "Benedikt XVI."
# lower-case particles inside a name: "Mohammed bin Salman", "Lula da Silva", "Ursula von der Leyen"
ARABIC_PARTICLES = {"bin", "bint", "ibn", "al", "el", "ben", "abu", "ould"}
NAME_PARTICLES = ARABIC_PARTICLES | {"da", "de", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van",
                                     "von", "der", "den", "ter", "zu", "y"}
PERSON_PREFIXES = {"herr", "herrn", "frau", "mr", "mrs", "ms", "dr", "genosse", "comrade"}


@dataclass(slots=True)
class Token:
    text: str
    norm: str
    start: int
    end: int


class Doc:
    """Tokens of one text with offsets; ``skip`` marks boilerplate character ranges."""

    def __init__(self, text: str, skip: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.tokens = [Token(m.group(), norm(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        self.starts = [t.start for t in self.tokens]
        self.skip = skip or []

    def token_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.starts, char)


@dataclass(slots=True)
class Mention:
    kind: str  # Person, State, Place
    key: str
    i: int  # first token
    j: int  # one past the last token
    start: int
    end: int
    form: str  # name, short, adj, new, desc, fuzzy
    genitive: bool = False
    surface: str = ""


@dataclass
class TitleMention:
    post: str
    i: int
    j: int
    state: str | None  # implied or from the words before it
    word: str  # the title as written
    person: str | None = None  # attached person key
    person_i: int | None = None
    org: bool = False  # a post in an organisation (EU, UN, a party), not in a state


@dataclass
class Mentions:
    mentions: list[Mention]
    titles: list[TitleMention]
    new_persons: dict[str, str] = field(default_factory=dict)  # key -> label
    citizenship: dict[str, str] = field(default_factory=dict)  # person key -> state key (from the text)


def _namelike(tok: Token) -> bool:
    t = tok.text
    if not t[:1].isupper() or tok.norm in STOP or t.isdigit():
        return False
    if len(t) > 1 and t.isupper():
        return False
    if len(t) > 6 and tok.norm.endswith(NOUN_SUFFIXES):  # "Myoung", "Hyung" are names, "Zeitung" is not
        return False
    return True


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper()


def find_mentions(doc: Doc, lex: Lexicon, published: date | None) -> Mentions:
    toks = doc.tokens
    n = len(toks)
    norms = [t.norm for t in toks]
    taken = [False] * n
    mentions: list[Mention] = []
    titles: list[TitleMention] = []
    text = doc.text

    def genitive_after(k: int) -> bool:
        e = toks[k].end
        if text[e:e + 2] in ("'s", "’s"):
            return True
        # "Scholz' Vorgängerin", "Nicolas' ...": apostrophe after a sibilant
        return text[e:e + 1] in ("'", "’") and toks[k].text[-1:] in "sxzß" and text[e + 1:e + 2] in (" ", "\n")

    i = 0
    while i < n:
        w = norms[i]
        matched = False
        if w in lex.title_first:
            named = _person_name_at(norms, i, n, lex) if w in lex.first and _capitalised(toks[i]) else 0
            for L in range(min(lex.title_maxlen, n - i), 0, -1):
                post = lex.titles.get(tuple(norms[i:i + L])) if L >= named else None  # "King Abdullah of Jordan"
                if post and i and norms[i - 1] in DEPUTY and post.endswith("Minister"):
                    post = "Official"  # "Deputy Defense Minister", "stellvertretender Außenminister": not the minister
                if post:
                    word = text[toks[i].start:toks[i + L - 1].end]
                    titles.append(TitleMention(post, i, i + L, lex.implied.get(" ".join(norms[i:i + L])), word))
                    for k in range(i, i + L):
                        taken[k] = True
                    i += L
                    matched = True
                    break
            if matched:
                continue
        if w in lex.first or (w.endswith("s") and w[:-1] in lex.first):
            for L in range(min(lex.maxlen, n - i), 0, -1):
                key = tuple(norms[i:i + L])
                entries = lex.names.get(key)
                gen = False
                if not entries and key[-1].endswith("s") and len(key[-1]) >= 3:
                    entries = [e for e in lex.names.get(key[:-1] + (key[-1][:-1],), []) if e.form != "adj"]
                    gen = bool(entries)
                if not entries:
                    continue
                # names must be capitalised; adjectives may not be; gazetteer cities only where a place is expected
                entries = [e for e in entries if (e.form == "adj" or _capitalised(toks[i]))
                           and (e.form != "gazetteer" or _locative(toks, norms, i, text))]
                if not entries:
                    continue
                # one-word Person shorts must not be followed by another capitalised unknown word
                e = _prefer(entries)
                if e.kind == "Person" and e.form == "short" and L == 1 and not gen and i + 1 < n and toks[i + 1].start - toks[i].end == 1 \
                        and text[toks[i].end] in " -" and _namelike(toks[i + 1]) and norms[i + 1] not in lex.first \
                        and norms[i + 1] not in lex.title_first and not _compound_title(norms[i + 1], lex):
                    continue  # "Kim Yong Chol" unknown full name: handled below
                if e.kind == "Person" and e.form == "short" and L == 1 and i >= 2 and not taken[i - 1] and \
                        _namelike(toks[i - 1]) and toks[i].start - toks[i - 1].end == 1 and norms[i - 1] not in lex.first \
                        and norms[i - 2].endswith(PERSON_CUE_SUFFIXES):
                    continue  # "seine Frau Michelle Obama": a relative sharing the surname, handled below
                if e.kind == "Person" and not gen and i + L < n and toks[i + L].text.isupper() \
                        and _ROMAN.fullmatch(norms[i + L]) and toks[i + L].start - toks[i + L - 1].end == 1:
                    L += 1  # "König Charles III.", "Papst Leo XIV": the regnal number belongs to the name
                gen = gen or genitive_after(i + L - 1)
                if e.kind == "Person" and w in lex.title_first:
                    _title_in_name(toks, norms, i, L, e.key, lex, titles)
                mentions.append(Mention(e.kind, e.key, i, i + L, toks[i].start, toks[i + L - 1].end, e.form, gen,
                                        text[toks[i].start:toks[i + L - 1].end]))
                for k in range(i, i + L):
                    taken[k] = True
                i += L
                matched = True
                break
        if not matched and w in lex.first and i + 2 < n and len(toks[i + 1].text) == 1 and toks[i + 1].text.isupper() \
                and text[toks[i + 1].end:toks[i + 1].end + 1] == ".":
            b = _known_with_initial(norms, i, n, lex)
            if b:  # "Antony J. Blinken", "John F. Kerry": a known name with a middle initial
                key = lex.names[(norms[i],) + tuple(norms[i + 2:b])][0].key
                mentions.append(Mention("Person", key, i, b, toks[i].start, toks[b - 1].end, "name", genitive_after(b - 1),
                                        text[toks[i].start:toks[b - 1].end]))
                for k in range(i, b):
                    taken[k] = True
                i = b
                continue
        if not matched and toks[i].text[:1].isupper() and len(w) > 8:
            post = _compound_title(w, lex)
            if post:
                titles.append(TitleMention(post, i, i + 1, lex.implied.get(w), toks[i].text))
                taken[i] = True
                i += 1
                continue
        if not matched:
            i += 1

    # "die ukrainische Hauptstadt", "the Chinese capital": the capital of that state
    for m in list(mentions):
        if m.kind == "State" and m.form == "adj" and m.j < n and norms[m.j] in ("hauptstadt", "capital") and not taken[m.j]:
            cap = lex.info[m.key].capital
            if cap in lex.info:
                mentions.append(Mention("Place", cap, m.j, m.j + 1, toks[m.j].start, toks[m.j].end, "desc", False,
                                        toks[m.j].text))
                taken[m.j] = True
    mentions.sort(key=lambda m: m.i)
    new_persons: dict[str, str] = {}
    citizenship: dict[str, str] = {}

    def add_new(a: int, b: int) -> None:
        if norms[b - 1] in NAMED_AFTER:
            return  # "King David Hotel", "Kennedy Center": a building named after someone
        label = text[toks[a].start:toks[b - 1].end]
        key = _known_person(label, lex) or person_key(label)
        if key.startswith("person/") and key not in lex.info:
            new_persons.setdefault(key, label)
        mentions.append(Mention("Person", key, a, b, toks[a].start, toks[b - 1].end, "new", genitive_after(b - 1), label))
        for k in range(a, b):
            taken[k] = True

    # people after a title, by a given name, or after Herr/Mr
    for t in titles:
        k = t.j
        if k >= n or text[toks[k - 1].end:toks[k].start] not in (" ", "-", ", ", "\u00a0"):
            continue  # "... a sitting American president.\n\nAir Force One touched down": the title ends a sentence
        run = _name_run(toks, taken, k, n, text)
        if run >= 2:
            add_new(k, k + run)
    # "Jorge Ramos Silva, the country's defence minister": a name in apposition before a title
    by_end_now = {m.j: m for m in mentions}
    for t in titles:
        end = _apposition_end(doc, by_end_now, t)
        if end is None or taken[end - 1] or (t.j < n and _capitalised(toks[t.j]) and toks[t.j].start - toks[t.j - 1].end == 1):
            continue  # "aus dem Pariser Klimaabkommen, den Präsident Donald Trump ...": the title has its own name
        for a in range(max(0, end - 4), end - 1):
            if not taken[a] and (a == 0 or norms[a - 1] not in DETERMINERS) and _name_run(toks, taken, a, n, text) == end - a:
                add_new(a, end)
                break
    for k in range(n):
        if taken[k]:
            continue
        w = norms[k]
        if not _capitalised(toks[k]):
            continue
        cue = k and (norms[k - 1] in HONORIFICS or norms[k - 1].endswith(PERSON_CUE_SUFFIXES) and norms[k - 1] not in lex.first)
        if w in lex.given or w in lex.family or cue:
            run = _name_run(toks, taken, k, n, text)
            if run >= 2 and (cue or w not in lex.family or w in lex.given or _short_syllables(toks[k:k + run])):
                add_new(k, k + run)
    # surname references of new people and "Herr Kim"
    shorts: dict[str, list[str]] = {}
    for key, label in new_persons.items():
        parts = [norm(p) for p in TOKEN_RE.findall(label)]
        for p in {parts[-1], parts[0]} if parts[0] not in lex.given else {parts[-1]}:
            shorts.setdefault(p, []).append(key)
    for m in mentions:  # "Mauro Vieira ... Vieira": known people named in full, by their last name
        if m.kind == "Person" and m.form == "name" and m.j - m.i >= 2:
            last, first = norms[m.j - 1], norms[m.i]
            if len(last) >= 3 and last not in lex.given and first not in lex.family and not _ROMAN.fullmatch(last):
                keys = shorts.setdefault(last, [])
                if m.key not in keys:
                    keys.append(m.key)
    if shorts:
        for k in range(n):
            if taken[k] or not _capitalised(toks[k]):
                continue
            w = norms[k]
            cand = shorts.get(w) or (shorts.get(w[:-1]) if w.endswith("s") else None)
            if cand:
                mentions.append(Mention("Person", cand[0], k, k + 1, toks[k].start, toks[k].end, "short",
                                        w not in shorts, toks[k].text))
                taken[k] = True
    mentions.sort(key=lambda m: m.i)
    _resolve_shorts(mentions, lex, published)
    # "Kim Il Sung Square", "John F. Kennedy Airport": a person's name naming a place is no reference to the person
    mentions[:] = [m for m in mentions if not (m.kind == "Person" and m.j < n and norms[m.j] in NAMED_AFTER
                                               and _capitalised(toks[m.j]) and toks[m.j].start - toks[m.j - 1].end <= 1)]
    _fuzzy_surnames(doc, mentions, taken, lex)
    mentions.sort(key=lambda m: m.i)
    _attach_titles(doc, mentions, titles, lex, citizenship, published)
    _describe(doc, mentions, titles, lex, published)
    mentions.sort(key=lambda m: m.i)
    return Mentions(mentions, titles, new_persons, citizenship)


LOCATIVE = {"in", "nach", "aus", "bei", "via", "uber", "to", "from", "at", "near", "into", "of", "von", "nahe", "naher"}


def _locative(toks, norms, i: int, text: str) -> bool:
    """A gazetteer city is read as a place after a locative word ("in Halle", "to Mobile") or as a dateline
    ("OUAGADOUGOU (dpa) -"), never as a common word ("in der Halle", "zum Essen")."""
    if i and norms[i - 1] in LOCATIVE:
        return True
    line_start = text.rfind("\n", 0, toks[i].start) + 1
    return toks[i].text.isupper() and not text[line_start:toks[i].start].strip(" /")


def _title_in_name(toks, norms, i: int, L: int, key: str, lex: Lexicon, titles: list[TitleMention]) -> None:
    """A title that starts a known name ("King Charles", "Königin Elizabeth II.") gives its post where the background
    has that person hold it (never a queen consort's "Queen Camilla")."""
    for Lt in range(min(lex.title_maxlen, L - 1), 0, -1):
        post = lex.titles.get(tuple(norms[i:i + Lt]))
        if post:
            if any(p["post"] == post for p in lex.info[key].posts):
                titles.append(TitleMention(post, i, i + Lt, lex.implied.get(" ".join(norms[i:i + Lt])),
                                           " ".join(t.text for t in toks[i:i + Lt]), key, i))
            return


def _person_name_at(norms: list[str], i: int, n: int, lex: Lexicon) -> int:
    """Length of the longest known person's name starting at ``i`` (0 when none)."""
    for L in range(min(lex.maxlen, n - i), 1, -1):
        if any(e.kind == "Person" and e.form == "name" for e in lex.names.get(tuple(norms[i:i + L]), [])):
            return L
    return 0


def _known_with_initial(norms: list[str], i: int, n: int, lex: Lexicon) -> int | None:
    """End of a known person's name written with a middle initial at ``i + 1`` ("Antony J. Blinken"), if any."""
    for b in range(min(n, i + 5), i + 2, -1):
        entries = lex.names.get((norms[i],) + tuple(norms[i + 2:b]), [])
        if any(e.kind == "Person" and e.form == "name" for e in entries):
            return b
    return None


def _compound_title(w: str, lex: Lexicon) -> str | None:
    """Posts written as compounds: "Bundesaußenministerin", "Vizeaußenminister", "Industrieminister"."""
    for prefix in ("bundes", "vize", "ex", "erster", "stellvertretender", "stellvertretende"):
        if w.startswith(prefix) and (w[len(prefix):],) in lex.titles:
            post = lex.titles[(w[len(prefix):],)]
            return "Official" if prefix in ("vize", "stellvertretender", "stellvertretende") else post
    if w.endswith(("minister", "ministerin", "ministers", "ministern")) and not w.startswith(("ministerprasident",)):
        return "Official" if w.startswith("vize") else "Minister"
    return None


def _prefer(entries):
    order = {"Person": 0, "Place": 1, "State": 2}
    return sorted(entries, key=lambda e: (e.form == "adj", order[e.kind]))[0]


def _name_run(toks, taken, k, n, text) -> int:
    """How many name-like tokens start at ``k`` (at most 3 words, 4 with an initial; hyphen-joined parts and
    particles inside a name, "bin Raschid al-Maktum", "da Silva", "von der Leyen", are no words of their own)."""
    run = 0
    while k + run < n and run < 7 and not taken[k + run]:
        tok = toks[k + run]
        gap = tok.start - toks[k + run - 1].end if run else 0
        if run and gap == 1 and tok.text in NAME_PARTICLES and (tok.text in ARABIC_PARTICLES or run == 1
                                                                or toks[k + run - 1].text in NAME_PARTICLES):
            run += 1  # "von der Leyen" after a given name, never "Peter Müller von Siemens"
            continue
        hyphen_part = run and toks[k + run - 1].end == tok.start - 1 and tok.text[:1].islower() and tok.text.isalpha() \
            and len(tok.text) <= 6 and text[tok.start - 1] == "-"
        if not (_namelike(tok) or hyphen_part):
            break
        if run and gap > 1 and not (gap == 2 and len(toks[k + run - 1].text) == 1 and text[toks[k + run - 1].end] == "."):
            break
        run += 1
    while run and toks[k + run - 1].text in NAME_PARTICLES:
        run -= 1

    def words(r: int) -> int:
        count = 0
        for x in range(r):
            if toks[k + x].text in NAME_PARTICLES:
                continue
            joined = x and toks[k + x].start - toks[k + x - 1].end == 1 and text[toks[k + x - 1].end] in "-'’"
            count += not (joined and toks[k + x - 1].text not in NAME_PARTICLES)
        return count
    limit = 4 if any(len(toks[k + x].text) == 1 for x in range(run)) else 3
    while run > 1 and words(run) > limit:
        run -= 1  # four words only with an initial or "O'": "George W. Bush", "Jen O'Malley Dillon"
    while run and toks[k + run - 1].text in NAME_PARTICLES:
        run -= 1
    return run


_PINYIN = re.compile(r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un"
                     r"|ia|ie|iu|ua|uo|ue|ui|er|a|e|i|o|u)){1,3}")


def _short_syllables(run) -> bool:
    """Romanised East Asian given names are short syllables ("Qi", "Jung-sook", "Moo Hyun") or pinyin ("Zhanshu")."""
    return all(len(t.text) <= 6 or _PINYIN.fullmatch(t.text.lower()) for t in run[1:])


def _text_at(toks, k: int) -> str:
    """The one character between token k-1 and token k (for hyphenated names)."""
    return "-" if toks[k].start - toks[k - 1].end == 1 else ""


def _known_person(label: str, lex: Lexicon) -> str | None:
    """A known person whose spelling is close to ``label`` (transliteration variants)."""
    parts = [norm(p) for p in TOKEN_RE.findall(label)]
    keys, names, joined = _spellings(lex)
    for _, score, at in process.extract(" ".join(parts), joined, scorer=fuzz.ratio, score_cutoff=88, limit=None):
        toks = names[at]
        if len(toks) == len(parts) and any(_initial(a) != _initial(b) for a, b in zip(parts, toks)):
            continue  # "Lee Jae-yong" is not "Lee Jae-myung": spellings vary, initials hardly
        return keys[at]
    return None


_SPELLINGS: dict[int, tuple] = {}


def _spellings(lex: Lexicon) -> tuple[list[str], list[tuple], list[str]]:
    """Every known person's spellings as parallel lists (key, tokens, joined), built once per lexicon."""
    got = _SPELLINGS.get(id(lex))
    if got is None or got[0] is not lex:  # an id can be reused once a lexicon is gone
        pairs = [(key, toks) for key, names in lex.person_names.items() for toks in names]
        got = _SPELLINGS[id(lex)] = (lex, [k for k, _ in pairs], [t for _, t in pairs], [" ".join(t) for _, t in pairs])
    return got[1:]


def _initial(part: str) -> str:
    """First letter up to transliteration: Juri/Yuri, Wladimir/Vladimir, Cai/Kai, Sergej/Zergej."""
    c = part[:1]
    return {"j": "y", "w": "v", "c": "k", "z": "s", "q": "k"}.get(c, c)


def _resolve_shorts(mentions: list[Mention], lex: Lexicon, published: date | None = None) -> None:
    """Surname-only mentions go to the person named in full nearest before them; where the article names none of
    the surname's owners in full, to the one in office on the publication day ("Kim" in 2010 is Kim Jong Il)."""
    full_positions: dict[str, list[int]] = {}
    named: dict[str, list[str]] = {}  # a part of a name given in full in the article -> those people
    for m in mentions:
        if m.kind == "Person" and m.form in ("name", "new"):
            full_positions.setdefault(m.key, []).append(m.i)
            for part in TOKEN_RE.findall(m.surface):
                keys = named.setdefault(norm(part), [])
                if m.key not in keys:
                    keys.append(m.key)
    for m in mentions:
        if m.kind != "Person" or m.form != "short":
            continue
        w = norm(m.surface)
        owners = list(lex.short_owner.get(w) or lex.short_owner.get(w[:-1], []) if w.endswith("s") else lex.short_owner.get(w, []))
        if m.key not in owners:
            owners.append(m.key)
        # "Li" after "Li Zhanshu": people the article names in full share the surname too
        owners += [k for k in named.get(w) or named.get(w[:-1] if w.endswith("s") else w, []) if k not in owners]
        best = None
        for key in owners:
            pos = [p for p in full_positions.get(key, []) if p < m.i]
            near = bool(pos) and m.i - pos[-1] <= 15
            allpos = full_positions.get(key, [])
            cand = (0, -pos[-1], 0) if near else (1, -len(allpos), allpos[0] if allpos else 0)
            if key in full_positions and (best is None or cand < best[0]):
                best = (cand, key)
        m.key = best[1] if best else _in_office(owners, lex, published)


def _in_office(owners: list[str], lex: Lexicon, published: date | None) -> str:
    """The first of ``owners`` who held a post on ``published``; else the one whose last post before it ended last
    ("George Bush" in 1995 is the father, in 2010 the son); the first owner when no date or no post tells."""
    on = published.isoformat() if published else None
    best, best_end = owners[0], ""
    for key in owners if on else ():
        info = lex.info.get(key)
        for p in info.posts if info else ():
            start, end = str(p.get("start") or "0"), str(p["end"]) if p.get("end") else None
            if start <= on and (end is None or on < end):
                return key
            if end and end <= on and end > best_end:
                best, best_end = key, end
    return best


def _fuzzy_surnames(doc: Doc, mentions: list[Mention], taken: list[bool], lex: Lexicon) -> None:
    """Misspelt surnames ("Choos" for "Choes") of people the article names."""
    shorts: dict[str, str] = {}
    for m in mentions:
        if m.kind == "Person":
            for w in (norm(p) for p in TOKEN_RE.findall(m.surface)):
                if len(w) >= 3 and w not in lex.given:
                    shorts.setdefault(w, m.key)
    if not shorts:
        return
    for k, tok in enumerate(doc.tokens):
        if taken[k] or len(tok.text) < 4 or not _namelike(tok):
            continue
        w = tok.norm
        for s, key in shorts.items():
            for cand in (w, w[:-1] if w.endswith("s") else None):
                if cand and cand[0] == s[0] and abs(len(cand) - len(s)) <= 1 and cand != s and len(s) >= 4 \
                        and fuzz.ratio(cand, s) >= 75:
                    mentions.append(Mention("Person", key, k, k + 1, tok.start, tok.end, "fuzzy", cand != w, tok.text))
                    taken[k] = True
                    break
            if taken[k]:
                break


def state_before(doc: Doc, mentions_by_end: dict[int, Mention], i: int, lex: Lexicon) -> str | None:
    """State named by the adjective/genitive just before token ``i`` ("der russische Präsident")."""
    k = i
    for _ in range(3):
        m = mentions_by_end.get(k)
        if m and m.kind in ("State",) and (m.form == "adj" or m.genitive or doc.text[m.end:m.end + 1] == "-"):
            return m.key
        if m and m.kind == "Place" and m.genitive:
            return lex.info[m.key].state
        if k - 1 >= 0 and (doc.tokens[k - 1].norm in MODIFIERS or doc.tokens[k - 1].norm in DETERMINERS or
                           doc.tokens[k - 1].norm in OFFICE_WORDS or
                           (doc.tokens[k - 1].norm == "s" and doc.text[doc.tokens[k - 1].start - 1:doc.tokens[k - 1].start] in "'’")):
            k -= 1
            continue
        break
    return None


def _attach_titles(doc: Doc, mentions: list[Mention], titles: list[TitleMention], lex: Lexicon, citizenship, published) -> None:
    by_start = {m.i: m for m in mentions}
    by_end = {m.j: m for m in mentions}
    toks = doc.tokens
    in_name = {k for m in mentions if m.kind == "Person" for k in range(m.i, m.j)}
    for t in titles:
        before = {toks[k].norm for k in range(max(0, t.i - 2), t.i) if k not in in_name}
        if t.i and doc.text[toks[t.i - 1].end:toks[t.i].start] == "-" and not by_end.get(t.i) and t.post in ("Official", "HeadOfState"):
            t.post = None  # "SK-Chef", "LG-Vorsitzende": a company's, not a state's
            continue
        if before & ORG_WORDS:  # "Commission President", "EU-Kommissionspräsidentin": not a post of a state
            t.post, t.state, t.org = "Official", None, True
        elif t.post == "Official" and t.i >= 2 and toks[t.i].text[:1].islower() and toks[t.i - 1].text[:1].isupper() \
                and (t.i - 1) not in in_name and not by_end.get(t.i) and toks[t.i - 1].norm not in DETERMINERS:
            t.post = None  # "Samsung Electronics chairman Lee": a company's chairman holds no post of a state
            continue
        t.state = t.state or (state_before(doc, by_end, t.i, lex) if t.post != "Official" or not before & ORG_WORDS else None)
        p = by_start.get(t.j)
        if p is None and t.j < len(toks) and toks[t.j].norm in DETERMINERS and False:
            p = by_start.get(t.j + 1)
        if p is None:
            # appositive: "Der Sprecher des Nationalen Sicherheitsrates des Weißen Hauses, John Kirby"
            for k in range(t.j, min(t.j + 9, len(toks))):
                m = by_start.get(k)
                if m and m.kind == "Person":
                    between = doc.text[toks[t.j - 1].end:m.start]
                    words = re.findall(r"\w+", between)
                    if between.rstrip().endswith(",") and between.count(",") == 1 and not re.search(r"[.;:!?]", between) \
                            and all(x[:1].isupper() or x.lower() in APPOSITION_SMALL for x in words):
                        p = m
                        if not t.state:
                            for k2 in range(t.j, k):
                                m2 = by_start.get(k2)
                                if m2 and m2.kind == "State":
                                    t.state = m2.key
                    break
                if m and m.kind != "State":
                    break
        if p is None:
            end = _apposition_end(doc, by_end, t)
            p = by_end.get(end) if end is not None else None
            if p is not None and p.kind == "Person" and not t.state and not t.org:
                t.state = _country_meant(doc, by_end, t, p)
        elif p.kind == "Person" and p.j + 1 < len(toks) and toks[p.j].norm == "of" and not t.state \
                and getattr(by_start.get(p.j + 1), "kind", None) == "State" and by_start[p.j + 1].form != "adj":
            t.state = by_start[p.j + 1].key  # "Foreign Minister Ahmed Tekeddi of Mauritania"
        if p is not None and p.kind == "Person" and t.state and p.key in lex.info:
            known = lex.info[p.key].state
            holder = lex.holder(t.post, t.state, published.isoformat() if published else None)
            if known and known != t.state and holder and holder != p.key:
                p = None  # "der russische Präsident Kim Jong-un ..." : the title and the name are two people
        if p is not None and p.kind == "Person":
            t.person, t.person_i = p.key, p.i
            if t.state and p.key not in lex.info:
                citizenship.setdefault(p.key, t.state)


_COUNTRY = {"country", "countrys", "landes", "land", "nation", "nations"}


def _apposition_end(doc: Doc, by_end: dict[int, Mention], t: TitleMention) -> int | None:
    """One past the last token of a name set off by a comma before the title ``t`` ("X Y, the country's
    defence minister,", "X Y, der Außenminister des Landes"), or None when the title does not follow one
    or owns what follows ("Kim Yo Jong, the leader's sister")."""
    toks = doc.tokens
    i = k = t.i
    if doc.text[toks[t.j - 1].end:toks[t.j - 1].end + 2] in ("'s", "’s"):
        return None
    for _ in range(5):
        m = by_end.get(k)
        if m is not None and m.kind == "State" and (m.form == "adj" or m.genitive):
            k = m.i
        elif k and (toks[k - 1].norm in DETERMINERS or toks[k - 1].norm in MODIFIERS or toks[k - 1].norm in _COUNTRY
                    or toks[k - 1].norm == "s" and doc.text[toks[k - 1].start - 1] in "'’"):
            k -= 1
        else:
            break
    if k < 2 or k == i and not toks[i].text[:1].islower() or doc.text[toks[k - 1].end:toks[k].start].strip() != ",":
        return None  # a capitalised title right after a comma starts a list item, not an apposition
    return k if toks[k - 1].text[:1].isupper() else None


def _country_meant(doc: Doc, by_end: dict[int, Mention], t: TitleMention, person: Mention) -> str | None:
    """The state of "the country's defence minister" / "der Außenminister des Landes": the state named last before."""
    toks = doc.tokens
    said = any(toks[k].norm in _COUNTRY for k in range(person.j, min(t.j + 3, len(toks))))
    if not said:
        return None
    for k in range(person.i, max(0, person.i - 80), -1):
        m = by_end.get(k)
        if m is not None and m.kind == "State":
            return m.key
    return None


def _describe(doc: Doc, mentions: list[Mention], titles: list[TitleMention], lex: Lexicon, published) -> None:
    """Bare titles ("die Außenministerin", "der Kremlchef") become mentions of the person meant."""
    toks = doc.tokens
    on = published.isoformat() if published else None
    seen: list[TitleMention] = []
    covered = {k for m in mentions for k in range(m.i, m.j)}
    by_end_m = {m.j: m for m in mentions}
    by_start_m = {m.i: m for m in mentions}
    for t in titles:
        if t.person:
            if t.i == 0 or toks[t.i - 1].norm not in PAST_MODIFIERS:
                seen.append(t)
            continue
        if t.post not in ("HeadOfState", "HeadOfGovernment", "ForeignMinister", "DefenceMinister", "UnificationMinister"):
            continue
        k = t.i
        while k > 0 and (by_end_m.get(k) is not None and by_end_m[k].kind == "State" or toks[k - 1].norm in MODIFIERS):
            k = by_end_m[k].i if by_end_m.get(k) is not None and by_end_m[k].kind == "State" else k - 1
        prev = toks[k - 1].norm if k else ""
        if prev in ("ihrer", "ihre", "ihren", "seiner", "seine", "beiden", "mehrere", "andere", "anderen", "other",
                    "und", "staats", "their", "mehreren", "zwei", "drei", "vier", "several", "two", "aller", "alle", "ihres",
                    "seines", "a", "an", "ein", "eine", "einen", "einem", "eines", "einer", "kein", "keine", "jeder", "any",
                    "als", "as") or prev in GENERIC_ORDINALS or prev in PAST_MODIFIERS:
            continue  # "ein indischer Premier", "the last Australian prime minister to visit": nobody in particular
        if t.j < len(toks) and toks[t.j].text[:1].isupper() and toks[t.j].start - toks[t.i].end <= 1 and t.j in covered:
            continue
        if not t.state and t.j + 1 < len(toks) and toks[t.j].norm in ("in", "im") and t.j + 1 in by_start_m:
            seat = by_start_m[t.j + 1]  # "der Machthaber in Pjöngjang", "the ruler in Beijing": the state seated there
            capital_of = lex.info[seat.key].state if seat.kind == "Place" else None
            if seat.kind == "State" and seat.form != "adj":
                t.state = seat.key
            elif capital_of and lex.info[capital_of].capital == seat.key:
                t.state = capital_of
        word = norm(t.word)
        key = lex.holder(t.post, t.state, on) if t.state else None
        for s in reversed(seen[-50:]) if key is None else ():
            if s.post == t.post and (s.state == t.state or t.state is None) and (norm(s.word)[:6] == word[:6] or t.state):
                key = s.person
                break
        if key:
            mentions.append(Mention("Person", key, t.i, t.j, toks[t.i].start, toks[t.j - 1].end, "desc",
                                    toks[t.j - 1].norm.endswith("s"), t.word))
