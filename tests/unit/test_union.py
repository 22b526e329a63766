"""The default graph stays the union of the named graphs, and the inferred graph what the
ontology entails, when graphs are written and removed one at a time (kg.store.UnionWriter,
kg.reason.materialise with entered/left)."""

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store, Triple

from kg import iris
from kg.reason import materialise
from kg.store import UnionWriter
from kg.vocab import DKG, RDF, RDFS

INFERRED = NamedNode(iris.INFERRED_GRAPH)
ONTOLOGY = NamedNode(iris.ONTOLOGY_GRAPH)
A, B = NamedNode(iris.article_graph("a")), NamedNode(iris.article_graph("b"))
KIM, CHOE = NamedNode(iris.resource("person/kim")), NamedNode(iris.resource("person/choe"))
POS = NamedNode(iris.resource("position/choe/foreign-minister"))
AXIOMS = [Quad(DKG.ForeignMinister, RDFS.subClassOf, DKG.Minister, ONTOLOGY),
          Quad(DKG.holds, NamedNode("http://www.w3.org/2002/07/owl#inverseOf"), DKG.heldBy, ONTOLOGY)]


def graph(g, *triples):
    return [Quad(s, p, o, g) for s, p, o in triples]


def union(st: Store) -> set:
    return {(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None, DefaultGraph())}


def named(st: Store) -> set:
    return {(q.subject, q.predicate, q.object) for q in st.quads_for_pattern(None, None, None, None)
            if q.graph_name != DefaultGraph()}


def cold(*quads_of_graphs) -> Store:
    """What a fresh build writes for these graphs."""
    st = Store()
    w = UnionWriter(st, inferred=INFERRED, track=False)
    w.add(AXIOMS)
    for quads in quads_of_graphs:
        w.add(quads)
    w.settle()
    materialise(st, default_is_union=True)
    return st


def test_a_triple_leaves_the_union_only_when_no_graph_holds_it():
    both = (CHOE, RDFS.label, Literal("Choe Son Hui"))
    st = cold(graph(A, both, (KIM, RDFS.label, Literal("Kim"))), graph(B, both))
    w = UnionWriter(st, inferred=INFERRED, batch=2)
    w.remove_graph(A)
    w.settle()
    assert both in union(st) and (KIM, RDFS.label, Literal("Kim")) not in union(st)
    assert w.left == {Triple(KIM, RDFS.label, Literal("Kim"))}
    w.remove_graph(B)
    w.settle()
    assert both not in union(st)


def test_incremental_inferences_equal_a_fresh_build():
    a = graph(A, (CHOE, DKG.holds, POS), (POS, RDF.type, DKG.ForeignMinister), (CHOE, RDFS.label, Literal("Choe")))
    b = graph(B, (CHOE, DKG.holds, POS), (KIM, RDFS.label, Literal("Kim")))
    b_changed = graph(B, (POS, DKG.heldBy, KIM), (KIM, RDFS.label, Literal("Kim Jong Un")))
    st = cold(a, b)
    for remove, add in ((A, []), (B, b_changed), (None, a)):  # drop a, change b, add a back
        w = UnionWriter(st, inferred=INFERRED)
        if remove is not None:
            w.remove_graph(remove)
        w.add(add)
        w.settle()
        materialise(st, default_is_union=True, entered=w.entered, left=w.left)
    fresh = cold(a, b_changed)
    assert named(st) == named(fresh) and union(st) == union(fresh) == named(fresh)
    assert (POS, RDF.type, DKG.Minister) in union(st) and (KIM, DKG.holds, POS) in union(st)
    assert (CHOE, DKG.holds, POS) in union(st)
