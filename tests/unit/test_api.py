"""The Python API on a small store built by the real build from hand-written facts.

The facts stand in for extraction (which has its own tests), so the rows asserted here
are exactly what the store holds: each named question and each conversion can fail.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions

import kg
from kg.bindings import BindingError
from kg.config import REPO
from kg.model import Article, ArticleFacts, Claim, Entity, Evidence, Holding, Summit, Visit
from kg.questions import UnknownQuestion
from kg.store import StoreNotBuilt
from tests.contract import VOCABULARY_QUERY

TEXTS = {
    "a-beijing": (
        "2025-09-02",
        "Kim Jong Un left Pyongyang by train for Beijing. "
        "Foreign Minister Choe Son-hui accompanies him. "
        "He is expected to meet Xi Jinping and Vladimir Putin there.",
    ),
    "b-pyongyang": (
        "2023-10-18",
        "Russian Foreign Minister Sergei Lavrov arrived in North Korea on Wednesday. "
        "In July, Defence Minister Sergei Shoigu had visited Pyongyang. "
        "In September Kim Jong-un met Vladimir Putin at the Vostochny cosmodrome.",
    ),
}


def _ev(text: str, sentence_start: str) -> Evidence:
    start = text.index(sentence_start)
    end = text.index(".", start) + 1
    return Evidence(start, end, text[start:end], 0.9)


def _person(key, label, state, text, cue, aliases=(), wikidata=None):
    return Entity(key, "Person", label, list(aliases), wikidata, state, [_ev(text, cue)])


def _facts(article: Article) -> ArticleFacts:
    t = article.text
    f = ArticleFacts(article, "hand-written/1")
    if article.id == "a-beijing":
        f.entities = [
            _person("person/kim-jong-un", "Kim Jong Un", "state/north-korea", t, "Kim", wikidata="Q56226"),
            _person("person/choe-son-hui", "Choe Son Hui", "state/north-korea", t, "Foreign", ["Choe Son-hui"]),
            _person("person/xi-jinping", "Xi Jinping", "state/china", t, "He is"),
            _person("person/vladimir-putin", "Vladimir Putin", "state/russia", t, "He is"),
        ]
        f.holdings = [Holding("person/choe-son-hui", "ForeignMinister", "state/north-korea", "Foreign Minister",
                              [_ev(t, "Foreign")])]
        f.visits = [Visit("person/kim-jong-un", "state/china", "Ongoing", start="2025-09-02", transport="Train",
                          accompanied_by=["person/choe-son-hui"], evidence=[_ev(t, "Kim")],
                          claims=[Claim("accompaniedBy", "person/choe-son-hui", _ev(t, "Foreign"))])]
        f.summits = [Summit(["person/kim-jong-un", "person/xi-jinping", "person/vladimir-putin"], "Announced",
                            start="2025-09", during_visit=0, evidence=[_ev(t, "He is")])]
    else:
        f.entities = [
            _person("person/sergei-lavrov", "Sergei Lavrov", "state/russia", t, "Russian"),
            _person("person/sergei-shoigu", "Sergei Shoigu", "state/russia", t, "In July"),
            _person("person/kim-jong-un", "Kim Jong Un", "state/north-korea", t, "In Sept", ["Kim Jong-un"]),
            _person("person/vladimir-putin", "Vladimir Putin", "state/russia", t, "In Sept"),
        ]
        f.holdings = [
            Holding("person/sergei-lavrov", "ForeignMinister", "state/russia", "Foreign Minister", [_ev(t, "Russian")]),
            Holding("person/sergei-shoigu", "DefenceMinister", "state/russia", "Defence Minister", [_ev(t, "In July")]),
        ]
        f.visits = [
            Visit("person/sergei-lavrov", "state/north-korea", "Completed", start="2023-10-18", transport="Aircraft",
                  evidence=[_ev(t, "Russian")]),
            Visit("person/sergei-shoigu", "state/north-korea", "Completed", start="2023-07", evidence=[_ev(t, "In July")]),
            Visit("person/kim-jong-un", "state/russia", "Completed", start="2023-09", met=["person/vladimir-putin"],
                  evidence=[_ev(t, "In Sept")]),
        ]
        f.summits = [Summit(["person/kim-jong-un", "person/vladimir-putin"], "Completed", start="2023-09",
                            during_visit=2, evidence=[_ev(t, "In Sept")])]
    return f


def _build_hand_store(base: Path) -> Path:
    """Articles, background (the real states) and the hand-written facts built by the real build."""
    articles = base / "articles"
    articles.mkdir(parents=True)
    with open(articles / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "published", "language", "url", "title", "publisher"])
        for name, (published, text) in TEXTS.items():
            (articles / f"{name}.txt").write_text(text, encoding="utf-8")
            w.writerow([f"{name}.txt", published, "en", "", f"Title of {name}", ""])
    background = base / "background"
    background.mkdir()
    shutil.copy(REPO / "data" / "background" / "states.yaml", background / "states.yaml")
    (base / "curated").mkdir()
    kg.open(base / "store").build(articles, curated=base / "curated", background=background, progress=False,
                                  extractor=(_facts, "hand-written/1"))
    return base / "store"


@pytest.fixture(scope="module")
def hand_root(tmp_path_factory) -> Path:
    return _build_hand_store(tmp_path_factory.mktemp("hand"))


@pytest.fixture
def g(hand_root):
    return kg.open(hand_root)


def test_open_before_build_says_how_to_build(tmp_path):
    g = kg.open(tmp_path / "nothing")
    with pytest.raises(StoreNotBuilt, match="kg build"):
        g.query("ASK { ?s ?p ?o }")


def test_query_returns_pyoxigraph_results_over_the_union_graph(g):
    rows = g.query("PREFIX dkg: <https://w3id.org/diplokg/ontology#> SELECT ?v WHERE { ?v a dkg:Visit }")
    assert isinstance(rows, QuerySolutions)
    assert len(list(rows)) == 4
    assert isinstance(g.query("ASK { ?s ?p ?o }"), QueryBoolean)


def test_vocabulary_query_works_as_written(g):
    df = g.query_df(VOCABULARY_QUERY)
    assert set(df["minister"]) == {"https://w3id.org/diplokg/id/person/choe-son-hui"}


def test_bindings_are_values_not_text(g):
    q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?name WHERE { ?s rdfs:label ?name }"
    assert [r["s"].value for r in g.query(q, name="Sergei Lavrov")] == [
        "https://w3id.org/diplokg/id/person/sergei-lavrov"]
    # an injection attempt is only a string that matches no label
    assert list(g.query(q, name='x" } UNION { ?s ?p ?name } #')) == []
    # a str is never an IRI: pass kg.iri for that
    q2 = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?name WHERE { ?s rdfs:label ?name }"
    rows = list(g.query(q2, s=kg.iri("id:person/sergei-lavrov")))
    assert [r["name"].value for r in rows] == ["Sergei Lavrov"]
    assert list(g.query(q2, s="https://w3id.org/diplokg/id/person/sergei-lavrov")) == []


def test_binding_errors_name_the_fix(g):
    with pytest.raises(BindingError, match=r"no variable \?nme.*\?name"):
        g.query("SELECT ?name WHERE { ?s ?p ?name }", nme="x")
    with pytest.raises(BindingError, match="SELECT clause"):
        g.query("SELECT ?s WHERE { ?s ?p ?name }", name="x")
    with pytest.raises(TypeError, match="cannot bind a list"):
        g.query("SELECT ?name WHERE { ?s ?p ?name }", name=["x"])


def test_typed_bindings(g):
    q = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
SELECT ?v ?d WHERE { ?v dkg:startDate ?d }"""
    assert [r["v"].value.rsplit("/", 1)[-1] for r in g.query(q, d=date(2023, 10, 18))][0].startswith("sergei-lavrov")
    assert list(g.query(q, d=pd.Period("2023-07", freq="M")))
    assert list(g.query(q, d="2023-07")) == []  # a plain string is not a gYearMonth


def test_query_df_converts_to_python_types(g):
    df = g.query_df("""PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?visit ?name ?start ?offset ?missing WHERE {
  ?visit dkg:traveller ?p ; dkg:startDate ?start ; dkg:evidence ?m .
  ?m dkg:startOffset ?offset .
  ?p rdfs:label ?name .
} ORDER BY ?name""")
    assert list(df.columns) == ["visit", "name", "start", "offset", "missing"]
    by_name = {r.name: r for r in df.itertuples()}
    assert by_name["Sergei Lavrov"].start == date(2023, 10, 18)
    assert by_name["Sergei Shoigu"].start == pd.Period("2023-07", freq="M")
    assert isinstance(by_name["Sergei Lavrov"].visit, str)
    assert df["offset"].dtype.kind == "i"
    assert df["missing"].isna().all()


def test_query_df_of_construct_and_ask(g):
    df = g.query_df("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3")
    assert list(df.columns) == ["subject", "predicate", "object"] and len(df) == 3
    with pytest.raises(TypeError, match="ASK"):
        g.query_df("ASK { ?s ?p ?o }")


def test_unknown_question_lists_the_valid_names(g):
    with pytest.raises(UnknownQuestion, match="known questions: .*ministers-accompanying"):
        g.question("ministers-accompaning")
    with pytest.raises(TypeError, match="parameters are: leader"):
        g.question("ministers-accompanying", leeder="Kim")


def _names(df, column):
    return sorted(df[column])


def test_question_ministers_accompanying(g):
    df = g.query_df("ministers-accompanying", leader="kim jong-un")  # any case, any spelling
    assert _names(df, "ministerName") == ["Choe Son Hui"]
    assert df.loc[0, "host"] == "China" and df.loc[0, "start"] == date(2025, 9, 2)
    assert g.query_df("ministers-accompanying", leader="Sergei Lavrov").empty
    by_iri = g.query_df("ministers-accompanying", leader=kg.iri("id:person/kim-jong-un"))
    assert list(by_iri["ministerName"]) == ["Choe Son Hui"]


def test_question_visits_of_person(g):
    df = g.query_df("visits-of-person", person="Choe Son-hui")
    assert [(r.role, r.host, r.travellerName) for r in df.itertuples()] == [("delegation", "China", "Kim Jong Un")]
    kim = g.query_df("visits-of-person", person="Kim Jong Un")
    assert [(r.host, str(r.start)) for r in kim.itertuples()] == [("Russia", "2023-09"), ("China", "2025-09-02")]


def test_question_visitors_to_state_in_a_period(g):
    df = g.query_df("visitors-to-state", state="nordkorea", since="2023-07-31", until="2023-12-31")
    assert _names(df, "visitorName") == ["Sergei Lavrov", "Sergei Shoigu"]  # July counts as a whole month
    df = g.query_df("visitors-to-state", state="North Korea", since=date(2023, 8, 1), until=date(2023, 12, 31))
    assert _names(df, "visitorName") == ["Sergei Lavrov"]
    assert set(df["from"]) == {"Russia"}
    with pytest.raises(ValueError, match="not a valid date"):
        g.query_df("visitors-to-state", since="July 2023")


def test_question_summits_between(g):
    df = g.query_df("summits-between", leader="Kim Jong Un", other="Vladimir Putin")
    assert [str(s) for s in df["start"]] == ["2023-09", "2025-09"]
    assert list(df["status"]) == ["Completed", "Announced"]
    assert g.query_df("summits-between", leader="Sergei Lavrov", other="Kim Jong Un").empty


def test_question_visit_delegation(g):
    df = g.query_df("visit-delegation")  # defaults: Kim Jong Un, China, 2025-09
    assert [(r.role, r.memberName) for r in df.itertuples()] == [
        ("traveller", "Kim Jong Un"), ("delegation", "Choe Son Hui")]
    assert "Foreign Minister" in df.loc[1, "posts"]
    assert g.query_df("visit-delegation", when="2024").empty
    assert len(g.query_df("visit-delegation", traveller="", host="", when="")) == 5


def test_question_visits_by_transport(g):
    assert list(g.query_df("visits-by-transport", mode="Zug")["travellerName"]) == ["Kim Jong Un"]
    assert list(g.query_df("visits-by-transport", mode="aircraft")["travellerName"]) == ["Sergei Lavrov"]
    assert list(g.query_df("visits-by-transport", mode="")["transportMode"]) == ["Aircraft", "Train"]


def test_question_bilateral_timeline(g):
    df = g.query_df("bilateral-timeline", state="Russia", other="North Korea")
    assert [(str(r.start), r.kind) for r in df.itertuples()] == [
        ("2023-07", "visit"), ("2023-09", "summit"), ("2023-09", "visit"), ("2023-10-18", "visit"),
        ("2025-09", "summit")]
    assert set(df.loc[1, "people"].split(", ")) == {"Kim Jong Un", "Vladimir Putin"}


def test_question_visit_evidence(g):
    df = g.query_df("visit-evidence", traveller="Kim Jong Un", host="China", when="")
    assert set(df["quote"]) == {TEXTS["a-beijing"][1].split(". ")[0] + ".",
                                "Foreign Minister Choe Son-hui accompanies him."}
    claim = df[df["about"] == "accompaniedBy"]
    assert list(claim["quote"]) == ["Foreign Minister Choe Son-hui accompanies him."]
    assert set(df["published"]) == {date(2025, 9, 2)}
    assert set(df["article"]) == {"https://w3id.org/diplokg/id/article/a-beijing"}
    text = TEXTS["a-beijing"][1]
    for r in df.itertuples():
        assert text[r.offset:r.offset + len(r.quote)] == r.quote


def test_every_question_runs_with_its_defaults(g):
    for q in g.questions():
        df = g.query_df(q.name)
        assert list(df.columns)[: len(q.params)] == [p.name for p in q.params], q.name


def test_graph_is_an_rdflib_view_of_the_same_store(g):
    ds = g.graph()
    assert isinstance(ds, rdflib.Dataset)
    DKG = rdflib.Namespace("https://w3id.org/diplokg/ontology#")
    travellers = {str(o) for o in ds.objects(None, DKG.traveller)}
    assert "https://w3id.org/diplokg/id/person/sergei-shoigu" in travellers
    rows = list(ds.query("SELECT (COUNT(*) AS ?n) WHERE { ?v a <https://w3id.org/diplokg/ontology#Visit> }"))
    assert int(rows[0][0]) == 4


def test_stats(g):
    s = g.stats()
    assert (s["visits"], s["summits"], s["articles"]) == (4, 2, 2)
    assert s["persons"] == 6
    assert s["graphs"] >= 4  # two articles, ontology, background (+ inferred)
    assert s["quads"] > 100


def test_dump_round_trips(g, tmp_path):
    data = g.dump("nquads")
    from pyoxigraph import RdfFormat, parse

    assert len(list(parse(data, format=RdfFormat.N_QUADS))) == len(g.store)
    g.dump("turtle", tmp_path / "kg.ttl")
    assert (tmp_path / "kg.ttl").read_text(encoding="utf-8").startswith("@prefix")
    with pytest.raises(ValueError, match="choose one of"):
        g.dump("yaml")


def test_build_is_seen_without_reopening(hand_root, tmp_path):
    # a second root built from the same articles: a handle opened before the build sees it
    g2 = kg.open(tmp_path / "store")
    with pytest.raises(StoreNotBuilt):
        g2.stats()
    articles = hand_root.parent / "articles"
    g2.build(articles, curated=hand_root.parent / "curated", background=hand_root.parent / "background",
             progress=False, extractor=(_facts, "hand-written/1"))
    assert g2.stats()["visits"] == 4


def test_import_kg_is_lazy():
    import subprocess
    import sys

    code = "import sys, kg; print('pyoxigraph' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_literal_and_iri_pass_through(g):
    q = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?name WHERE { ?s rdfs:label ?name }"
    assert list(g.query(q, name=Literal("Sergei Lavrov")))
    assert list(g.query(q, s=NamedNode("https://w3id.org/diplokg/id/person/sergei-lavrov")))
