"""The endpoint's answers kept per store generation (kg.web.cache), on the real server over HTTP."""

from __future__ import annotations

import time

import pyoxigraph as ox
import requests

from kg.web.demo import build_demo
from kg.web.launch import running_server
from kg.web.site import GENERATION_CHECK_S

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
JSON = {"Accept": "application/sparql-results+json"}


def _count(r) -> int:
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_kept_answers_validators_and_a_new_generation(tmp_path):
    root = build_demo(tmp_path / "store")
    with running_server(root) as url:
        first = requests.get(url + "/sparql", params={"query": COUNT}, headers=JSON, timeout=30)
        assert first.status_code == 200 and first.headers["X-Cache"] == "miss"
        etag = first.headers["ETag"]
        assert first.headers["Cache-Control"] == "public, max-age=0"
        # the same query written differently (spaces, a comment) is the same answer, from memory
        again = requests.get(url + "/sparql", params={"query": "SELECT (COUNT(*) AS ?n)  # all\nWHERE { ?s ?p ?o }"},
                             headers=JSON, timeout=30)
        assert again.headers["X-Cache"] == "hit" and again.headers["ETag"] == etag and again.content == first.content
        # another format is another answer
        csv = requests.get(url + "/sparql", params={"query": COUNT}, headers={"Accept": "text/csv"}, timeout=30)
        assert csv.headers["X-Cache"] == "miss" and csv.headers["ETag"] != etag and csv.text.startswith("n")
        # a client holding the answer is told it is unchanged, with no body
        same = requests.get(url + "/sparql", params={"query": COUNT}, headers={**JSON, "If-None-Match": etag}, timeout=30)
        assert same.status_code == 304 and same.content == b"" and same.headers["ETag"] == etag

        # a new generation: new answers and new tags, the old tag no longer matches
        extra = ox.Quad(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"),
                        ox.Literal("x"), ox.NamedNode("https://example.org/g"))
        build_demo(root, [extra])
        time.sleep(GENERATION_CHECK_S + 0.2)
        after = requests.get(url + "/sparql", params={"query": COUNT}, headers={**JSON, "If-None-Match": etag}, timeout=30)
        assert after.status_code == 200 and after.headers["ETag"] != etag
        assert _count(after) == _count(first) + 1 and after.headers["X-Cache"] == "miss"


def test_answers_that_are_not_a_function_of_the_data_are_never_kept(tmp_path):
    root = build_demo(tmp_path / "store")
    with running_server(root) as url:
        for _ in range(2):
            r = requests.get(url + "/sparql", params={"query": "SELECT (STRUUID() AS ?u) WHERE {}"}, headers=JSON, timeout=30)
            assert r.status_code == 200 and "ETag" not in r.headers and r.headers["Cache-Control"] == "no-store"


def test_cache_off_still_tags(tmp_path):
    root = build_demo(tmp_path / "store")
    with running_server(root, result_cache_mb=0) as url:
        tags = set()
        for _ in range(2):
            r = requests.get(url + "/sparql", params={"query": COUNT}, headers=JSON, timeout=30)
            assert r.headers["X-Cache"] == "miss"
            tags.add(r.headers["ETag"])
        assert len(tags) == 1
