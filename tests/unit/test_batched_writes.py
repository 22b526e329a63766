"""The build's bounded-memory ways of writing (kg.store.write_in_batches, drop_graph) and of
running its rules (kg.reason.derived: a one-triple CONSTRUCT as a SELECT) give what the plain
Oxigraph calls give, on a store on disk."""

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from kg import iris
from kg.build import _ontology_quads
from kg.reason import RULES, SHORTCUTS, _PREFIXES, derived, materialise
from kg.store import drop_graph, write_in_batches
from kg.vocab import DKG, RDF, RDFS

G, H = NamedNode(iris.article_graph("g")), NamedNode(iris.article_graph("h"))


def _quads(graph, n):
    return [Quad(NamedNode(iris.resource(f"person/p{i}")), RDFS.label, Literal(f"P {i}"), graph) for i in range(n)]


def test_write_in_batches_writes_every_quad_and_counts_them(tmp_path):
    st = Store(str(tmp_path / "s"))
    assert write_in_batches(st, iter(_quads(G, 25)), batch=7) == 25
    assert set(st.quads_for_pattern(None, None, None, G)) == set(_quads(G, 25))


def test_drop_graph_removes_one_graph_and_its_name_and_nothing_else(tmp_path):
    st = Store(str(tmp_path / "s"))
    st.extend(_quads(G, 25) + _quads(H, 3) + _quads(DefaultGraph(), 3))
    drop_graph(st, G, batch=4)
    assert not st.contains_named_graph(G)
    assert len(st) == 6 and set(st.quads_for_pattern(None, None, None, H)) == set(_quads(H, 3))
    drop_graph(st, NamedNode(iris.article_graph("absent")), batch=4)  # no such graph: nothing happens
    assert len(st) == 6


@pytest.fixture(scope="module")
def facts_store(tmp_path_factory):
    """The ontology and a few facts a rule of each kind applies to, inferences not yet made."""
    st = Store(str(tmp_path_factory.mktemp("rules") / "s"))
    choe, pos, visit = (NamedNode(iris.resource(k)) for k in ("person/choe", "position/choe/fm", "visit/choe-to-x"))
    art, mention = NamedNode(iris.resource("article/g")), NamedNode(iris.resource("mention/g/1-2-x"))
    facts = [(choe, DKG.holds, pos), (pos, RDF.type, DKG.ForeignMinister), (pos, DKG.ofState, NamedNode(iris.resource("state/x"))),
             (visit, RDF.type, DKG.Visit), (visit, DKG.traveller, choe), (visit, DKG.evidence, mention),
             (mention, DKG.article, art), (art, DKG.published, Literal("2024-01-02", datatype=NamedNode(
                 "http://www.w3.org/2001/XMLSchema#date")))]
    st.extend(_ontology_quads() + [Quad(s, p, o, G) for s, p, o in facts])
    return st


@pytest.mark.parametrize("name", sorted(RULES) + sorted(SHORTCUTS))
def test_a_rule_run_as_select_gives_the_triples_of_its_construct(facts_store, name):
    text = SHORTCUTS.get(name) or _PREFIXES + RULES[name].replace("<ONT>", f"<{iris.ONTOLOGY_GRAPH}>").replace("DATA{", "{")
    expected = set(facts_store.query(text, use_default_graph_as_union=True))
    assert set(derived(facts_store, text, use_default_graph_as_union=True)) == expected
    if name in ("subclass", "inverse", "domain", "range") or name in SHORTCUTS:
        assert expected, f"the facts give rule {name} nothing to derive: the comparison would prove nothing"


def test_materialise_leaves_no_round_graph_behind(facts_store, tmp_path):
    facts_store.backup(str(tmp_path / "copy"))
    st = Store(str(tmp_path / "copy"))
    assert materialise(st, batch=3) > 0
    graphs = {g.value for g in st.named_graphs()}
    assert graphs == {iris.ONTOLOGY_GRAPH, G.value, iris.INFERRED_GRAPH}
