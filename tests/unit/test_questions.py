"""Named questions (headers, parameters), binding values into queries, terms, and the CLI.

The store-backed checks use the hand-built store of ``test_api`` (the real build over
hand-written facts), so rows are known exactly.
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Store, Variable

from kg import bindings
from kg.api import to_dataframe
from kg.questions import QUERIES, UnknownQuestion, list_questions, load_question, parse_question
from kg.research_cli import ask, query, questions
from kg.terms import iri, parse_term, to_python, to_term

from test_api import hand_root  # noqa: F401  (module-scoped fixture: the hand-built store)

REQUIRED = {
    "ministers-accompanying", "visits-of-person", "visitors-to-state", "summits-between",
    "visit-delegation", "visits-by-transport", "bilateral-timeline", "visit-evidence",
}


# --- question files -------------------------------------------------------------------

def test_the_required_questions_exist_with_complete_headers():
    qs = {q.name: q for q in list_questions()}
    assert REQUIRED <= set(qs)
    for q in qs.values():
        assert q.title and q.description and q.example.startswith(f"kg ask {q.name}"), q.name
        for p in q.params:
            assert p.doc and p.default is not None, (q.name, p.name)
            assert f"?{p.name}" in q.sparql
            # the example names only real parameters
        words = [w[2:] for w in q.example.split() if w.startswith("--")]
        assert set(words) <= {p.name for p in q.params}, q.name


def test_parameters_are_never_written_into_the_file():
    for path in QUERIES.glob("*.rq"):
        body = "\n".join(line for line in path.read_text().splitlines() if not line.startswith("#"))
        assert "Kim Jong Un" not in body and "North Korea" not in body, path.name


def test_header_parsing_and_errors():
    text = """# title: Things
# description: First line
#   continued here.
# param: who = "Ann" — the person
# param: since = "2020-01-01"^^xsd:date -- a day
# example: kg ask things --who Ann
SELECT ?who ?since ?x WHERE { ?x ?p ?who FILTER(?since < NOW()) }
"""
    q = parse_question("things", text)
    assert q.description == "First line continued here."
    assert [(p.name, p.doc) for p in q.params] == [("who", "the person"), ("since", "a day")]
    assert q.params[1].default == Literal("2020-01-01", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    with pytest.raises(ValueError, match="add a '# title: ...' line"):
        parse_question("bad", text.replace("# title: Things\n", ""))
    with pytest.raises(ValueError, match="name = default — what it is"):
        parse_question("bad", text.replace('who = "Ann" — the person', "who Ann"))
    with pytest.raises(bindings.BindingError, match="SELECT clause"):
        parse_question("bad", text.replace("SELECT ?who ?since ?x", "SELECT ?x"))


def test_unknown_question_lists_valid_names():
    with pytest.raises(UnknownQuestion) as info:
        load_question("ministers")
    assert "ministers-accompanying" in str(info.value) and "visit-evidence" in str(info.value)
    with pytest.raises(UnknownQuestion):
        load_question("../api")


def test_params_coerce_like_their_defaults():
    q = load_question("visitors-to-state")
    b = q.bindings(since="2023-07-01", state="Nordkorea")
    assert b["since"].datatype.value.endswith("#date") and b["state"] == Literal("Nordkorea")
    assert b["until"] == q.params[2].default
    assert q.bindings(since=date(2020, 1, 2))["since"].value == "2020-01-02"
    with pytest.raises(ValueError, match="not a valid date"):
        q.bindings(since="last July")
    with pytest.raises(TypeError, match="parameters are: state, since, until"):
        q.bindings(from_="2020")


# --- binding values into query text ---------------------------------------------------

def test_values_block_goes_into_the_where_group():
    out = bindings.with_values("SELECT ?a WHERE { ?s ?p ?a }", {"a": Literal("x")})
    assert out == 'SELECT ?a WHERE { VALUES (?a) { ("x") } ?s ?p ?a }'
    # braces, question marks and keywords inside strings, IRIs and comments are not code
    tricky = 'SELECT ?a # WHERE { ?b\nWHERE { ?s <urn:x?y=1#WHERE> "WHERE { ?c" ; ?p ?a }'
    out = bindings.with_values(tricky, {"a": Literal('"} ?x {')})
    assert out.count("VALUES") == 1 and out.index("VALUES") > out.index("\nWHERE {")
    assert bindings.variables(tricky) == {"a", "s", "p"}


def test_values_block_in_construct_and_subselect():
    c = bindings.with_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"o": Literal("x")})
    assert c == 'CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?o) { ("x") } ?s ?p ?o }'
    sub = bindings.with_values("SELECT ?o WHERE { SELECT ?o WHERE { ?s ?p ?o } }", {"o": Literal("x")})
    Store().query(sub)  # still valid SPARQL
    with pytest.raises(bindings.BindingError, match="CONSTRUCT WHERE"):
        bindings.with_values("CONSTRUCT WHERE { ?s ?p ?o }", {"o": Literal("x")})


def test_values_cannot_escape_their_literal():
    evil = 'x") } ?s ?p ?o . } # '
    text = bindings.with_values("SELECT ?a WHERE { ?s ?p ?a }", {"a": Literal(evil)})
    store = Store()
    rows = list(store.query(text.replace("?s ?p ?a", "BIND(1 AS ?one)")))
    assert [r["a"].value for r in rows] == [evil]


def test_bindings_checks():
    with pytest.raises(bindings.BindingError, match=r"no variable \?b"):
        bindings.check("SELECT ?a WHERE { ?a ?p ?o }", ["b"])
    with pytest.raises(bindings.BindingError, match="add it to the SELECT clause"):
        bindings.check("SELECT ?a WHERE { ?a ?p ?o }", ["o"])
    bindings.check("SELECT * WHERE { ?a ?p ?o }", ["o"])
    bindings.check("SELECT (STR(?a) AS ?o) ?p WHERE { ?a ?p ?q }", ["o", "p"])


# --- terms ----------------------------------------------------------------------------

def test_terms_round_trip():
    for value in ("text", 3, 2.5, True, date(2023, 9, 13), pd.Period("2023-07", freq="M"), pd.Period("2019", freq="Y")):
        assert to_python(to_term(value)) == value, value
    assert to_term("https://example.org/x") == Literal("https://example.org/x")
    assert iri("https://example.org/x") == NamedNode("https://example.org/x")
    with pytest.raises(ValueError, match="not an absolute IRI"):
        iri("Kim Jong Un")
    assert parse_term("dkg:Train") == NamedNode("https://w3id.org/diplokg/ontology#Train")
    assert parse_term("42") == Literal("42", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


# --- local substitutions and the VALUES block give the same rows -----------------------

def test_values_text_gives_the_same_rows_as_substitutions(hand_root):  # noqa: F811
    import kg

    g = kg.open(hand_root)
    # a question with name keys always goes as a VALUES block (its keys are not returned, so
    # they cannot be substitutions); without its keys it would scan every key
    for q in [q for q in list_questions() if not q.keyed]:
        for params in ({}, {p.name: "" for p in q.params if "for any" in p.doc or '"" for all' in p.doc}):
            b = q.bindings(**params)
            local = to_dataframe(g.store.query(q.sparql, use_default_graph_as_union=True,
                                               substitutions={Variable(k): v for k, v in b.items()}))
            text = to_dataframe(g.store.query(bindings.with_values(q.sparql, b), use_default_graph_as_union=True))
            pd.testing.assert_frame_equal(local, text, obj=q.name)
            assert not local.empty, q.name


# --- command line ---------------------------------------------------------------------

@pytest.fixture
def run(hand_root):  # noqa: F811
    runner = CliRunner()

    def invoke(command, args, **kw):
        return runner.invoke(command, [*args, "--store", str(hand_root)], **kw)

    return invoke


def test_cli_questions_lists_and_describes():
    r = CliRunner().invoke(questions, [])
    assert r.exit_code == 0
    assert [line.split()[0] for line in r.stdout.splitlines() if line.strip()] == sorted(
        q.name for q in list_questions())
    r = CliRunner().invoke(questions, ["visitors-to-state"])
    assert "--since (default: 2023-01-01 (xsd:date))" in r.stdout and "Example: kg ask visitors-to-state" in r.stdout
    r = CliRunner().invoke(questions, ["nope"])
    assert r.exit_code == 1 and "known questions: bilateral-timeline" in r.output


def test_cli_ask_table_and_csv(run):
    r = run(ask, ["ministers-accompanying", "--leader", "Kim Jong Un"])
    assert r.exit_code == 0, r.output
    header, rule, row = r.stdout.splitlines()
    assert header.split() == ["leader", "visit", "hostState", "host", "start", "minister", "ministerName", "post"]
    assert set(rule) <= {"-", " "}
    assert "id:person/choe-son-hui" in row and "Choe Son Hui" in row
    # columns line up: each header word starts where its cells start
    assert row.index("id:state/china") == header.index("hostState")
    r = run(ask, ["visitors-to-state", "--state=north korea", "--since", "2023-08-01", "--format", "csv"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert lines[0].startswith("state,since,until,visit,visitor,visitorName")
    assert len(lines) == 2 and "Sergei Lavrov" in lines[1]


def test_cli_ask_errors_name_the_fix(run):
    r = run(ask, ["visit-delegation", "--leader", "x"])
    assert r.exit_code == 2 and "its parameters are: --traveller, --host, --when" in r.output
    r = run(ask, ["visitors-to-state", "--since", "July"])
    assert r.exit_code == 1 and "not a valid date" in r.output


def test_cli_query_from_argument_file_and_stdin(run, tmp_path):
    q = "SELECT ?s WHERE { ?s a <https://w3id.org/diplokg/ontology#Summit> } ORDER BY ?s"
    by_arg = run(query, [q, "--format", "json"])
    assert by_arg.exit_code == 0, by_arg.output
    data = json.loads(by_arg.stdout)
    assert len(data["results"]["bindings"]) == 2
    (tmp_path / "q.rq").write_text(q)
    by_file = run(query, ["-f", str(tmp_path / "q.rq"), "--format", "json"])
    by_stdin = run(query, ["--format", "json"], input=q)
    assert by_file.stdout == by_stdin.stdout == by_arg.stdout
    tsv = run(query, [q, "--format", "tsv"])
    assert tsv.stdout.splitlines()[0] == "?s" and len(tsv.stdout.splitlines()) == 3


def test_cli_query_bind_and_errors(run):
    q = "SELECT ?s ?name WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?name }"
    r = run(query, [q, "--bind", "name=Sergei Lavrov", "--format", "csv"])
    assert r.stdout.splitlines()[1].startswith("https://w3id.org/diplokg/id/person/sergei-lavrov,")
    r = run(query, [q, "--bind", "s=<https://w3id.org/diplokg/id/person/sergei-shoigu>", "--format", "csv"])
    assert r.stdout.splitlines()[1].endswith(",Sergei Shoigu")
    r = run(query, ["SELECT ?s WHERE { ?s ?p }"])
    assert r.exit_code == 1 and "error" in r.output.lower()
    r = run(query, [], input="")
    assert r.exit_code == 2 and "empty" in r.output
