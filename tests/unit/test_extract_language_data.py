"""No words of a language in the extractor's code: the modules listed here test tokens only against cue groups
loaded from ``kg/extract/lang/<language>/*.yaml``, so a third language needs only data files. The scan fails on a
quoted lowercase word in a tuple, set or list, in a comparison, or given to ``startswith``/``endswith``."""

import ast
import re
from pathlib import Path

import pytest

from kg.extract.cues import GROUPS

EXTRACT = Path(__file__).resolve().parents[2] / "kg" / "extract"
WITHOUT_WORDS = ["roles.py", "reading.py", "discourse.py", "summits.py", "places.py", "frames.py", "holdings.py", "output.py", "triggers.py"]
# Words that belong to no language: the roles a person plays, the kinds of trip word (single words and phrases:
# "was" is the kind of "war ... in X") and of tense, the forms of a mention, per-article cache keys, the names of the
# cue groups, and "s", the token an apostrophe splits off ("Biden's") and a genitive ending.
NEUTRAL = {
    "subject", "other", "delegate", "met", "traveller", "guest", "leader", "inviter", "possessor", "speaker",
    "visit", "arrive", "depart", "depart_from", "host", "expected", "was", "meet_at", "border", "past", "future", "ongoing",
    "adj", "name", "new", "short", "desc", "accomp", "member", "roles", "escort", "summit_words", "kinds", "s",
} | GROUPS
WORD = re.compile(r"[a-zäöüß_]+")


def word_literals(source: str) -> list[tuple[int, str]]:
    """(line, word) of every lowercase word literal used as data in ``source`` (docstrings and comments aside)."""
    found = []

    def take(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and WORD.fullmatch(node.value) \
                and node.value not in NEUTRAL:
            found.append((node.lineno, node.value))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.Set, ast.List)):
            for e in node.elts:
                take(e)
        elif isinstance(node, ast.Compare):
            for e in (node.left, *node.comparators):
                take(e)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("startswith", "endswith"):
            for e in node.args:
                take(e)
    return found


@pytest.mark.parametrize("module", WITHOUT_WORDS)
def test_no_words_in_code(module):
    found = word_literals((EXTRACT / module).read_text(encoding="utf-8"))
    assert not found, (f"kg/extract/{module} tests for words in code: {found}; put them in a cue group of "
                       "kg/extract/lang/<language>/*.yaml (with an id and examples) and read it with load_cues()")


def test_the_scan_finds_words():
    source = 'def f(w, ws):\n    """A docstring with "words" is fine."""\n    return w in ("und", "and") or w == "mit" ' \
             'or w.startswith("begleit") or [x for x in ws if x in {"von"}] or w in ("delegate", ",")\n'
    assert sorted(w for _, w in word_literals(source)) == ["and", "begleit", "mit", "und", "von"]
