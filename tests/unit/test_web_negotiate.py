"""Accept headers with q-values (kg.web.negotiate)."""

import pytest

from kg.web.negotiate import DATASETS, GRAPHS, RESULTS, best, by_name, parse_accept


@pytest.mark.parametrize("accept,formats,expected", [
    (None, RESULTS, "application/sparql-results+json"),
    ("", GRAPHS, "text/turtle"),
    ("*/*", GRAPHS, "text/turtle"),
    ("application/sparql-results+xml", RESULTS, "application/sparql-results+xml"),
    ("text/csv;q=0.4, text/tab-separated-values;q=0.5", RESULTS, "text/tab-separated-values"),
    ("text/*;q=0.9, text/csv;q=0.1", RESULTS, "text/tab-separated-values"),
    ("application/json", RESULTS, "application/sparql-results+json"),
    ("application/json", GRAPHS, "application/ld+json"),
    ("application/rdf+xml, text/turtle;q=0.5", GRAPHS, "application/rdf+xml"),
    ("text/turtle;q=0, */*;q=0.1", GRAPHS, "application/n-triples"),
    ("application/n-quads", DATASETS, "application/n-quads"),
    ("text/turtle", DATASETS, None),
    ("image/png", RESULTS, None),
    ("text/html", GRAPHS, None),
    ("application/sparql-results+json;q=0", RESULTS, None),
])
def test_best(accept, formats, expected):
    assert best(accept, formats) == expected


def test_parse_accept_bad_q():
    assert parse_accept("text/csv;q=abc") == [("text/csv", 0.0, 0)]


def test_by_name():
    assert by_name("nt", GRAPHS).media_type == "application/n-triples"
    assert by_name("tsv", RESULTS).media_type == "text/tab-separated-values"
    assert by_name("nope", RESULTS) is None
