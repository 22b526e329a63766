"""Plain facts that extraction produces and the RDF writer consumes.

No RDF here: an extractor is a pure function ``Article -> ArticleFacts`` and is tested
with plain asserts. Entities are named by *keys*, which are the path of their IRI under
``https://w3id.org/diplokg/id/`` (``person/kim-jong-un``, ``state/north-korea``,
``place/vladivostok``). Background entities use the key from ``data/background``;
people found only in the text get a key minted from their canonical name, so the same
person gets the same IRI in every article and every build.

Dates are ISO strings at the precision the text gives: ``"2023-09-13"`` (day),
``"2023-09"`` (month) or ``"2023"`` (year).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

EntityKind = Literal["Person", "State", "Place"]
VisitStatus = Literal["Announced", "Ongoing", "Completed", "Cancelled"]
# Values are local names of individuals / classes in the ontology (dkg:Train, dkg:StateVisit, ...).
Transport = Literal["Train", "Aircraft", "Car", "Ship"]
VisitKind = Literal["StateVisit", "OfficialVisit", "WorkingVisit"]


@dataclass(frozen=True)
class Article:
    """One source document as read from disk, boilerplate included."""

    id: str  # slug of the file stem: the article's IRI is id/article/<id>
    path: str  # path as given to the build, for messages
    text: str  # decoded text (NFC); offsets of Evidence index into this
    sha256: str  # of the raw bytes: the incremental build key
    published: date | None = None
    language: str | None = None  # "de", "en", or None when unknown
    url: str | None = None
    title: str | None = None
    publisher: str | None = None

    @classmethod
    def from_text(cls, text: str, *, id: str = "t", **fields) -> Article:
        """An article held in a string rather than a file: examples, tests, demo data.

        ``fields`` are the optional ones (``published``, ``language``, ...).
        """
        return cls(id=id, path=f"{id}.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), **fields)


@dataclass(frozen=True)
class Evidence:
    """The sentence of one article that states a fact: becomes a dkg:Mention."""

    start: int  # character offset of the sentence in Article.text
    end: int  # exclusive
    quote: str  # == Article.text[start:end], verbatim
    confidence: float = 0.8
    rules: tuple[str, ...] = ()  # ids of the rules that fired in the sentence (kg/extract/lang, "phrase.*" in code)


@dataclass
class Entity:
    """A person, state or place referred to in the article, resolved to one key."""

    key: str
    kind: EntityKind
    label: str  # canonical name (English where known)
    aliases: list[str] = field(default_factory=list)  # every other spelling met in the text
    wikidata: str | None = None  # "Q56226"
    state: str | None = None  # citizenOf (Person) / inState (Place): a state key
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Holding:
    """A person holds a post in a state, as the article states on its date."""

    person: str  # entity key
    post: str  # ontology class local name: ForeignMinister, HeadOfState, Minister, ...
    state: str | None  # state key the post belongs to
    title: str  # the words the article used ("Außenministerin")
    evidence: list[Evidence] = field(default_factory=list)
    start: str | None = None  # when known (rarely from text)
    end: str | None = None


@dataclass
class Claim:
    """Evidence for one property value of an event: ("accompaniedBy", "person/choe-son-hui")."""

    prop: str  # vocabulary property local name
    value: str  # entity key, ontology individual local name, or ISO date
    evidence: Evidence


@dataclass
class Visit:
    traveller: str  # person key
    host: str  # state key
    status: VisitStatus
    start: str | None = None
    end: str | None = None
    places: list[str] = field(default_factory=list)  # place keys
    transport: Transport | None = None
    kind: VisitKind | None = None
    invited_by: str | None = None  # person key
    accompanied_by: list[str] = field(default_factory=list)
    met: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)  # sentences stating the trip
    claims: list[Claim] = field(default_factory=list)  # evidence per property value


@dataclass
class Summit:
    participants: list[str]  # person keys, at least two
    status: VisitStatus
    start: str | None = None
    end: str | None = None
    places: list[str] = field(default_factory=list)
    during_visit: int | None = None  # index into ArticleFacts.visits
    evidence: list[Evidence] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


@dataclass
class ArticleFacts:
    """Everything extracted from one article."""

    article: Article
    extractor: str  # "name/version", recorded on every mention
    entities: list[Entity] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    summits: list[Summit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """JSON-ready form, used for the extraction cache and for debugging."""
        d = asdict(self)
        d["article"]["published"] = self.article.published.isoformat() if self.article.published else None
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ArticleFacts":
        a = dict(d["article"])
        a["published"] = date.fromisoformat(a["published"]) if a.get("published") else None
        one = lambda e: Evidence(**{**e, "rules": tuple(e.get("rules") or ())})  # noqa: E731
        ev = lambda xs: [one(e) for e in xs]  # noqa: E731
        claims = lambda xs: [Claim(c["prop"], c["value"], one(c["evidence"])) for c in xs]  # noqa: E731
        return cls(
            article=Article(**a),
            extractor=d["extractor"],
            entities=[Entity(**{**e, "evidence": ev(e["evidence"])}) for e in d["entities"]],
            holdings=[Holding(**{**h, "evidence": ev(h["evidence"])}) for h in d["holdings"]],
            visits=[Visit(**{**v, "evidence": ev(v["evidence"]), "claims": claims(v["claims"])}) for v in d["visits"]],
            summits=[Summit(**{**s, "evidence": ev(s["evidence"]), "claims": claims(s["claims"])}) for s in d["summits"]],
            warnings=list(d["warnings"]),
        )
