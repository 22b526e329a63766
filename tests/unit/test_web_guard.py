"""SERVICE and LOAD targets are read from real SPARQL tokens (kg.web.guard)."""

import pytest

from kg.web.guard import QueryRefused, ServiceRefused, check_graph_iris, check_remote, check_shape, remote_targets


def service_targets(query):
    return [target for _, target in remote_targets(query)]


@pytest.mark.parametrize("query,targets", [
    ("SELECT * { SERVICE <http://a/> { ?s ?p ?o } }", ["http://a/"]),
    ("select * { service silent <http://a/> {} }", ["http://a/"]),
    ("PREFIX e: <http://ex.org/> SELECT * { SERVICE e:sparql {} }", ["http://ex.org/sparql"]),
    ("PREFIX : <http://ex.org/> SELECT * { SERVICE :q\\-x {} }", ["http://ex.org/q-x"]),
    ("BASE <http://h/a/b> SELECT * { SERVICE <c> {} }", ["http://h/a/c"]),
    ("SELECT * { SERVICE ?x {} }", [None]),
    ("SELECT * { SERVICE $x {} }", [None]),
    ("SELECT * { SERVICE undeclared:x {} }", [None]),
    # an escape outside a string or IRI is no keyword (Oxigraph rejects the query) ...
    ("SELECT * { \\u0053ERVICE <http://a/> {} }", []),
    # ... and inside a string it is one character of the string, never its end
    ('SELECT * { BIND("\\u0022" AS ?x) SERVICE <http://a/> {} BIND("\\u0022" AS ?y) }', ["http://a/"]),
    ("SELECT * { BIND('\\u0027' AS ?x) SERVICE <http://a/> {} }", ["http://a/"]),
    ("SELECT * { SERVICE <http://\\u0061/> {} }", ["http://a/"]),
    ("PREFIX p: <http://\\u0061/> SELECT * { SERVICE p:x {} }", ["http://a/x"]),
    ("SELECT * {#\n SERVICE\n<http://a/>{} }", ["http://a/"]),
    ('SELECT * { ?s ?p "SERVICE <http://a/>" }', []),
    ("SELECT * { ?s ?p '''x ' SERVICE <http://a/>''' }", []),
    ('SELECT * { ?s ?p """ " \\" SERVICE <http://a/> """ }', []),
    ("SELECT * { ?s ?p ?o } # SERVICE <http://a/>", []),
    ("SELECT * { ?s <http://service/> ?service }", []),
    ("PREFIX service: <http://x/> SELECT * { ?s service:p ?o }", []),
    ("SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o > 1) SERVICE <http://a/> {} }", ["http://a/"]),
])
def test_targets(query, targets):
    assert service_targets(query) == targets


def test_allowlist():
    check_remote("SELECT * { SERVICE <http://ok/> {} }", ("http://ok/",))
    with pytest.raises(ServiceRefused, match="allowed targets: http://ok/"):
        check_remote("SELECT * { SERVICE <http://other/> {} }", ("http://ok/",))
    with pytest.raises(ServiceRefused, match="variable"):
        check_remote("SELECT * { SERVICE ?x {} }", ("http://ok/",))
    with pytest.raises(ServiceRefused, match="KG_SERVICE_ALLOWLIST"):
        check_remote("SELECT * { SERVICE <http://ok/> {} }", ())


@pytest.mark.parametrize("update", [
    "LOAD <http://h/x.ttl>",
    "load silent <http://h/x.ttl> into graph <http://g/>",
    "PREFIX h: <http://h/> LOAD h:x.ttl",
    "INSERT DATA { <http://a/> <http://b/> 1 } ; LOAD <http://h/x.ttl>",
])
def test_load_goes_through_the_allowlist(update):
    assert service_targets(update) == ["http://h/x.ttl"]
    with pytest.raises(ServiceRefused, match="LOAD <http://h/x.ttl> is not allowed"):
        check_remote(update, ())
    check_remote(update, ("http://h/x.ttl",))


def test_depth_is_limited_before_parsing():
    check_shape("SELECT * { { ?s ?p ?o } }", 2)
    check_shape('SELECT * { ?s ?p "{{{{{{" }', 2)  # brackets in a string do not nest
    with pytest.raises(QueryRefused, match="3 deep; this endpoint allows 2"):
        check_shape("SELECT * { FILTER((1)) }", 2)


@pytest.mark.parametrize("escape", ["\\U0011FFFF", "\\uD800"])
def test_escape_of_no_character_is_refused(escape):
    with pytest.raises(QueryRefused, match="not a Unicode character"):
        check_shape(f'SELECT * {{ BIND("{escape}" AS ?x) }}', 100)


@pytest.mark.parametrize("value", ["not an iri", "", "relative", "%ff"])
def test_dataset_iris_must_be_absolute(value):
    with pytest.raises(QueryRefused, match="default-graph-uri .* is not an absolute IRI"):
        check_graph_iris([value], "default-graph-uri")
