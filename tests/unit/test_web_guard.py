"""SERVICE targets are read from real SPARQL tokens (kg.web.guard)."""

import pytest

from kg.web.guard import ServiceRefused, check_services, service_targets


@pytest.mark.parametrize("query,targets", [
    ("SELECT * { SERVICE <http://a/> { ?s ?p ?o } }", ["http://a/"]),
    ("select * { service silent <http://a/> {} }", ["http://a/"]),
    ("PREFIX e: <http://ex.org/> SELECT * { SERVICE e:sparql {} }", ["http://ex.org/sparql"]),
    ("PREFIX : <http://ex.org/> SELECT * { SERVICE :q\\-x {} }", ["http://ex.org/q-x"]),
    ("BASE <http://h/a/b> SELECT * { SERVICE <c> {} }", ["http://h/a/c"]),
    ("SELECT * { SERVICE ?x {} }", [None]),
    ("SELECT * { SERVICE $x {} }", [None]),
    ("SELECT * { SERVICE undeclared:x {} }", [None]),
    ("SELECT * { \\u0053ERVICE <http://a/> {} }", ["http://a/"]),
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
    check_services("SELECT * { SERVICE <http://ok/> {} }", ("http://ok/",))
    with pytest.raises(ServiceRefused, match="allowed targets: http://ok/"):
        check_services("SELECT * { SERVICE <http://other/> {} }", ("http://ok/",))
    with pytest.raises(ServiceRefused, match="variable"):
        check_services("SELECT * { SERVICE ?x {} }", ("http://ok/",))
    with pytest.raises(ServiceRefused, match="KG_SERVICE_ALLOWLIST"):
        check_services("SELECT * { SERVICE <http://ok/> {} }", ())
