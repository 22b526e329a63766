"""Find people, states, places and visits by any spelling.

Every ``rdfs:label`` and ``skos:altLabel`` is folded to a key: ASCII (unidecode), lower
case, punctuation and hyphens as spaces, then German and romanisation spellings mapped
to one form (``sch``/``sh``, ``w``/``v``, ``j``/``y``, ``ks``/``x``, doubled letters).
The query is folded the same way, so "choe son hui" finds Choe Son-hui and "Lawrow"
finds Lavrov; rapidfuzz scores what is left (typos, ``Choi``/``Choe``).

>>> fold("Sergej Lawrow") == fold("Sergey Lavrov")
True
>>> fold("Ch'oe Sŏn-hŭi") == fold("choe son hui")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from unidecode import unidecode

KINDS = ("Person", "State", "Place", "Visit", "Summit")
_RULES = [
    (re.compile(r"tsch"), "ch"),
    (re.compile(r"dsch"), "j"),
    (re.compile(r"sch"), "sh"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"w"), "v"),
    (re.compile(r"j"), "y"),
    (re.compile(r"(?<=[aeiou])i\b"), "y"),  # Sergei / Sergey / Sergej
    (re.compile(r"iy\b"), "i"),
    (re.compile(r"([a-z])\1"), r"\1"),
]


def fold(text: str) -> str:
    """The search key of a name: spelling variants give the same key."""
    text = unidecode(text).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("'", "").replace("`", "")).strip()
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text


@dataclass
class Entry:
    iri: str
    label: str
    kind: str
    keys: set[str] = field(default_factory=set)
    spellings: set[str] = field(default_factory=set)


class LabelIndex:
    """All searchable names of one store generation."""

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self._keys: list[str] = []
        self._owner: list[int] = []
        for i, e in enumerate(entries):
            for k in e.keys:
                self._keys.append(k)
                self._owner.append(i)

    def search(self, query: str, limit: int = 20, kinds: tuple[str, ...] | None = None) -> list[dict]:
        key = fold(query)
        if not key:
            return []
        words = key.split()
        best: dict[int, float] = {}
        for k, i in zip(self._keys, self._owner):
            if k == key:
                score = 100.0
            elif k.startswith(key) or f" {key}" in f" {k}":
                score = 95.0 - min(10, (len(k) - len(key)) / 4)
            elif len(words) > 1 and all(any(t.startswith(w) for t in k.split()) for w in words):
                score = 90.0 - min(10, (len(k) - len(key)) / 4)
            else:
                continue
            best[i] = max(best.get(i, 0), score)
        for _, score, idx in process.extract(key, self._keys, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=82):
            i = self._owner[idx]
            best[i] = max(best.get(i, 0), min(score, 94.0) * 0.95)
        kind_rank = {k: n for n, k in enumerate(KINDS)}
        hits = sorted(best.items(), key=lambda kv: (-kv[1], kind_rank.get(self.entries[kv[0]].kind, 9), self.entries[kv[0]].label))
        out = []
        for i, score in hits:
            e = self.entries[i]
            if kinds and e.kind not in kinds:
                continue
            out.append({"iri": e.iri, "label": e.label, "type": e.kind, "score": round(score, 1),
                        "spellings": sorted(e.spellings - {e.label})[:8]})
            if len(out) >= limit:
                break
        return out


def _pick(labels: list[tuple[str, str]]) -> str:
    """English label first, then one without a language, then any."""
    for want in ("en", ""):
        for value, lang in labels:
            if lang.lower().startswith(want) if want else not lang:
                return value
    return labels[0][0]


def build_index(select) -> LabelIndex:
    """Read labels through ``select(query) -> SPARQL JSON bindings`` (the query pool)."""
    names = select(
        """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?s ?kind ?label ?alt WHERE {
          VALUES ?kind { dkg:Person dkg:State dkg:Place }
          ?s a ?kind .
          { ?s rdfs:label ?label BIND(false AS ?alt) } UNION { ?s skos:altLabel ?label BIND(true AS ?alt) }
        }"""
    )
    entries: dict[str, Entry] = {}
    labels: dict[str, list[tuple[str, str]]] = {}
    for r in names:
        iri = r["s"]["value"]
        kind = r["kind"]["value"].rsplit("#", 1)[-1]
        label = r["label"]["value"]
        e = entries.setdefault(iri, Entry(iri, label, kind))
        e.spellings.add(label)
        e.keys.add(fold(label))
        if r["alt"]["value"] == "false":
            labels.setdefault(iri, []).append((label, r["label"].get("xml:lang", "")))
    for iri, ls in labels.items():
        entries[iri].label = _pick(ls)
    events = select(
        """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
        SELECT DISTINCT ?e ?kind ?who ?host ?start WHERE {
          VALUES ?kind { dkg:Visit dkg:Summit }
          ?e a ?kind .
          OPTIONAL { ?e dkg:traveller|dkg:participant ?who }
          OPTIONAL { ?e dkg:hostState ?host }
          OPTIONAL { ?e dkg:startDate ?start }
        }"""
    )
    grouped: dict[str, dict] = {}
    for r in events:
        iri = r["e"]["value"]
        g = grouped.setdefault(iri, {"kind": r["kind"]["value"].rsplit("#", 1)[-1], "who": set(), "host": set(), "start": ""})
        if "who" in r:
            g["who"].add(r["who"]["value"])
        if "host" in r:
            g["host"].add(r["host"]["value"])
        if "start" in r:
            g["start"] = min(filter(None, [g["start"], r["start"]["value"]]))
    for iri, g in grouped.items():
        who = [entries[w] for w in sorted(g["who"]) if w in entries]
        hosts = [entries[h] for h in sorted(g["host"]) if h in entries]
        if g["kind"] == "Visit":
            label = f"{', '.join(w.label for w in who) or '?'} in {', '.join(h.label for h in hosts) or '?'}"
        else:
            label = f"Summit of {' and '.join(w.label for w in who) or '?'}"
        if g["start"]:
            label += f" ({g['start']})"
        e = Entry(iri, label, g["kind"])
        year = g["start"][:4]
        # an event is found by its people together with its state (or co-participants)
        # and year, never by a person's name alone, which belongs to the person
        others = hosts if g["kind"] == "Visit" else who[1:]
        for person in who[:1] if g["kind"] == "Summit" else who:
            for p in person.keys:
                for other in others:
                    for o in other.keys:
                        e.keys.add(f"{p} {o}")
                        if year:
                            e.keys.add(f"{p} {o} {year}")
        e.keys.discard("")
        e.spellings.add(label)
        entries[iri] = e
    return LabelIndex(list(entries.values()))
