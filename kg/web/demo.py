"""A small hand-written dataset for the server's tests and for trying the server without a build.

Facts go through the real mapping (:func:`kg.rdf.article_quads`), so the demo store has
exactly the shape of a built one: one named graph per article, mentions with quotes,
inferred super-classes in their own graph, coordinates in the background graph.

    python -m kg.web.demo data/build/demo-store && KG_STORE=data/build/demo-store kg serve
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg import iris
from kg.model import Article, ArticleFacts, Claim, Entity, Evidence, Holding, Summit, Visit
from kg.rdf import article_quads, node, position_key
from kg.store import StoreRoot, refresh_default_graph
from kg.vocab import DKG, RDF, RDFS

GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"

PEOPLE = {
    "person/kim-jong-un": ("Kim Jong Un", ["Kim Jong-un", "Kim Dschong Un"], "Q56226", "state/north-korea"),
    "person/choe-son-hui": ("Choe Son-hui", ["Choe Son Hui", "Ch'oe Sŏn-hŭi"], "Q16928989", "state/north-korea"),
    "person/vladimir-putin": ("Vladimir Putin", ["Wladimir Putin"], "Q7747", "state/russia"),
    "person/sergey-lavrov": ("Sergey Lavrov", ["Sergej Lawrow", "Sergei Lavrov"], "Q76730", "state/russia"),
    "person/xi-jinping": ("Xi Jinping", ["Xi Dschinping"], "Q15031", "state/china"),
    "person/pak-jong-chon": ("Pak Jong-chon", [], None, "state/north-korea"),
}
STATES = {
    "state/north-korea": ("North Korea", ["Nordkorea", "DPRK"], "Q423"),
    "state/russia": ("Russia", ["Russland"], "Q159"),
    "state/china": ("China", [], "Q148"),
    "state/belarus": ("Belarus", ["Weißrussland"], "Q184"),
}
PLACES = {
    "place/vladivostok": ("Vladivostok", ["Wladiwostok"], "state/russia", 43.1155, 131.8855),
    "place/vostochny-cosmodrome": ("Vostochny Cosmodrome", ["Kosmodrom Wostotschny"], "state/russia", 51.884, 128.333),
    "place/beijing": ("Beijing", ["Peking"], "state/china", 39.9042, 116.4074),
    "place/moscow": ("Moscow", ["Moskau"], "state/russia", 55.7558, 37.6173),
    "place/minsk": ("Minsk", [], "state/belarus", 53.9006, 27.559),
}


def _article(aid: str, published: str, title: str, text: str) -> Article:
    return Article(id=aid, path=f"demo/{aid}.txt", text=text, sha256=iris.short_hash(text) * 8,
                   published=date.fromisoformat(published), language="de", title=title, publisher="Demo")


def _ev(article: Article, quote: str) -> Evidence:
    start = article.text.index(quote)
    return Evidence(start, start + len(quote), quote, 0.9)


def _entities(article: Article, keys: list[str]) -> list[Entity]:
    out = []
    for key in keys:
        if key in PEOPLE:
            label, aliases, qid, state = PEOPLE[key]
            out.append(Entity(key, "Person", label, aliases, qid, state))
        elif key in STATES:
            label, aliases, qid = STATES[key]
            out.append(Entity(key, "State", label, aliases, qid))
        else:
            label, aliases, state, _, _ = PLACES[key]
            out.append(Entity(key, "Place", label, aliases, None, state))
        for alias in [out[-1].label, *out[-1].aliases]:
            if alias in article.text:  # the sentence that names it
                at = article.text.index(alias)
                start = article.text.rfind(". ", 0, at) + 2 if article.text.rfind(". ", 0, at) >= 0 else 0
                end = article.text.find(".", at) + 1 or len(article.text)
                out[-1].evidence.append(_ev(article, article.text[start:end]))
                break
    return out


def demo_facts() -> list[tuple[ArticleFacts, list[str], list[str]]]:
    """Three articles: Kim in Russia (2023), Kim in China (2025), Choe Son-hui in Russia and Belarus."""
    a1 = _article("demo-2023-kim-russia", "2023-09-12", "Kim Jong Un besucht Russland",
                  "Kim Jong Un ist mit dem Zug nach Wladiwostok gereist. Begleitet wird er von Außenministerin "
                  "Choe Son Hui und Pak Jong-chon. Am Kosmodrom Wostotschny traf Kim Wladimir Putin. "
                  "Auch Sergej Lawrow nahm an dem Treffen teil.")
    v1 = Visit("person/kim-jong-un", "state/russia", "Completed", "2023-09-12", "2023-09-17",
               ["place/vladivostok", "place/vostochny-cosmodrome"], "Train", "OfficialVisit", None,
               ["person/choe-son-hui", "person/pak-jong-chon"], ["person/vladimir-putin", "person/sergey-lavrov"],
               [_ev(a1, "Kim Jong Un ist mit dem Zug nach Wladiwostok gereist.")])
    v1.claims.append(Claim("accompaniedBy", "person/choe-son-hui", _ev(a1, "Begleitet wird er von Außenministerin Choe Son Hui und Pak Jong-chon.")))
    s1 = Summit(["person/kim-jong-un", "person/vladimir-putin"], "Completed", "2023-09-13", None,
                ["place/vostochny-cosmodrome"], 0, [_ev(a1, "Am Kosmodrom Wostotschny traf Kim Wladimir Putin.")])
    f1 = ArticleFacts(a1, "demo/1", _entities(a1, ["person/kim-jong-un", "person/choe-son-hui", "person/pak-jong-chon",
                                                    "person/vladimir-putin", "person/sergey-lavrov", "state/russia",
                                                    "state/north-korea", "place/vladivostok", "place/vostochny-cosmodrome"]),
                      [Holding("person/choe-son-hui", "ForeignMinister", "state/north-korea", "Außenministerin",
                               [_ev(a1, "Begleitet wird er von Außenministerin Choe Son Hui und Pak Jong-chon.")]),
                       Holding("person/sergey-lavrov", "ForeignMinister", "state/russia", "Außenminister", [])],
                      [v1], [s1])
    a2 = _article("demo-2025-kim-china", "2025-09-02", "Kim fährt nach China",
                  "Kim Jong-un ist in Peking eingetroffen. Außenministerin Choe Son-hui begleitet ihn. "
                  "Kim trifft Xi Jinping.")
    v2 = Visit("person/kim-jong-un", "state/china", "Completed", "2025-09-02", "2025-09-04", ["place/beijing"],
               "Train", None, None, ["person/choe-son-hui"], ["person/xi-jinping"],
               [_ev(a2, "Kim Jong-un ist in Peking eingetroffen.")])
    f2 = ArticleFacts(a2, "demo/1", _entities(a2, ["person/kim-jong-un", "person/choe-son-hui", "person/xi-jinping",
                                                    "state/china", "place/beijing"]),
                      [Holding("person/choe-son-hui", "ForeignMinister", "state/north-korea", "Außenministerin",
                               [_ev(a2, "Außenministerin Choe Son-hui begleitet ihn.")])], [v2], [])
    a3 = _article("demo-2025-choe-russia", "2025-10-26", "Choe Son-hui reist nach Russland und Belarus",
                  "Choe Son-hui reist nach Moskau zu Sergej Lawrow und danach nach Minsk.")
    v3 = Visit("person/choe-son-hui", "state/russia", "Announced", "2025-10", None, ["place/moscow"], None, None,
               None, [], ["person/sergey-lavrov"], [_ev(a3, a3.text)])
    v4 = Visit("person/choe-son-hui", "state/belarus", "Announced", "2025-10", None, ["place/minsk"], None, None,
               None, [], [], [_ev(a3, a3.text)])
    f3 = ArticleFacts(a3, "demo/1", _entities(a3, ["person/choe-son-hui", "person/sergey-lavrov", "state/russia",
                                                    "state/belarus", "place/moscow", "place/minsk"]), [], [v3, v4], [])
    return [
        (f1, ["visit/kim-jong-un/russia/2023-09-12"], ["summit/kim-jong-un-vladimir-putin/2023-09-13"]),
        (f2, ["visit/kim-jong-un/china/2025-09-02"], []),
        (f3, ["visit/choe-son-hui/russia/2025-10", "visit/choe-son-hui/belarus/2025-10"], []),
    ]


def demo_quads() -> list[ox.Quad]:
    quads: list[ox.Quad] = []
    for facts, visits, summits in demo_facts():
        quads += article_quads(facts, visits, summits)
    inferred = ox.NamedNode(iris.INFERRED_GRAPH)
    for person, post, state in (("person/choe-son-hui", "ForeignMinister", "state/north-korea"),
                                ("person/sergey-lavrov", "ForeignMinister", "state/russia")):
        quads.append(ox.Quad(node(position_key(person, post, state)), RDF.type, DKG.Minister, inferred))
        quads.append(ox.Quad(node(position_key(person, post, state)), RDF.type, DKG.Position, inferred))
    background = ox.NamedNode(iris.BACKGROUND_GRAPH)
    for key, (label, _aliases, state, lat, lon) in PLACES.items():
        quads.append(ox.Quad(node(key), RDFS.label, ox.Literal(label, language="en"), background))
        quads.append(ox.Quad(node(key), ox.NamedNode(GEO + "lat"), ox.Literal(str(lat), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), background))
        quads.append(ox.Quad(node(key), ox.NamedNode(GEO + "long"), ox.Literal(str(lon), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), background))
    return quads


def build_demo(root: Path, extra: list[ox.Quad] | None = None) -> Path:
    """Write the demo dataset as a new published generation of the store root ``root``."""
    def write(store: ox.Store) -> None:
        store.extend(demo_quads() + list(extra or []))
        refresh_default_graph(store)

    StoreRoot(root).write_generation(write)
    return Path(root)


if __name__ == "__main__":
    print(build_demo(Path(sys.argv[1] if len(sys.argv) > 1 else "data/build/demo-store")))
