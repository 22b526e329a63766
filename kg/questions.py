"""Named questions: the SPARQL files in ``kg/queries/`` with their comment headers.

Each ``kg/queries/<name>.rq`` starts with comment lines that say what it is::

    # title: Ministers who accompanied a leader abroad
    # description: Every trip of the leader, with each delegation member who holds a
    #   ministerial post. (Indented comment lines continue the field above.)
    # param: leader = "Kim Jong Un" — the travelling leader, by name or spelling
    # example: kg ask ministers-accompanying --leader "Kim Jong Un"

A parameter's default is an RDF term written as in SPARQL (``"text"``, ``"2023-01-01"^^xsd:date``,
``<iri>``, ``dkg:Train``); the parameter is a variable of the query that is bound to a value
in a ``VALUES`` block (see :mod:`kg.bindings`), never pasted into the text. The same files
feed ``kg questions``, ``kg ask``, the API and the examples in the endpoint's query page.

A parameter that names something (``?leader``) is looked up by its name key: when the
query has a variable ``?leaderKey``, it is bound beside ``?leader`` to
:func:`kg.names.lookup_key` of the value, so the query starts from ``?x dkg:nameKey
?leaderKey`` through an index (a key computed inside the query with ``BIND`` is joined
with no index, after everything else).

>>> q = load_question("ministers-accompanying")
>>> [p.name for p in q.params]
['leader']
>>> q.params[0].default.value
'Kim Jong Un'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg import bindings
from kg.names import lookup_key
from kg.resources import queries_dir
from kg.terms import XSD, Term, iri, parse_term, to_term

QUERIES = queries_dir()
KEY_SUFFIX = "Key"  # ?leaderKey holds the name key of the parameter ?leader
_FIELD = re.compile(r"^#\s*(title|description|param|example)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<default>.+?)\s+(?:—|--)\s+(?P<doc>.+)$")


class UnknownQuestion(KeyError):
    """Raised for a question name that has no file in ``kg/queries``."""

    def __str__(self) -> str:  # KeyError would show the message quoted
        return str(self.args[0])


@dataclass(frozen=True)
class Param:
    """One parameter of a question: a variable of its query with a default value."""

    name: str
    default: Term
    doc: str

    def coerce(self, value: Any) -> Term:
        """The term for ``value``, read the way the default is typed.

        A string given for an IRI parameter is read as an IRI (``dkg:Train`` or a full IRI);
        for a typed literal (a date, a number) it becomes that type, checked; a string
        parameter takes any string. Terms and other Python values go through
        :func:`kg.terms.to_term`.

        >>> Param("since", parse_term('"2023-01-01"^^xsd:date'), "").coerce("2023-07-01").datatype.value
        'http://www.w3.org/2001/XMLSchema#date'
        """
        if not isinstance(value, str):
            return to_term(value)
        d = self.default
        if isinstance(d, NamedNode):
            return iri(value)
        if isinstance(d, Literal) and d.language is None and d.datatype.value != XSD + "string":
            dt = d.datatype.value
            try:
                if dt == XSD + "date":
                    date.fromisoformat(value)
                elif dt == XSD + "integer":
                    int(value)
                elif dt in (XSD + "decimal", XSD + "double"):
                    float(value)
            except ValueError:
                raise ValueError(
                    f"--{self.name}: {value!r} is not a valid {dt.rsplit('#', 1)[-1]} "
                    f"(the default is {d.value!r})"
                ) from None
            return Literal(value, datatype=d.datatype)
        return Literal(value)


@dataclass(frozen=True)
class Question:
    """A named question: title, description, parameters, SPARQL and a CLI example."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    sparql: str  # the query text, header comments included (they are valid SPARQL)
    example: str
    path: Path

    def bindings(self, **values: Any) -> dict[str, Term]:
        """Every parameter bound: the given values (coerced) over the defaults."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise TypeError(
                f"question {self.name!r} has no parameter {', '.join(unknown)}; "
                f"its parameters are: {', '.join(known) or 'none'}"
            )
        return {
            p.name: (p.coerce(values[p.name]) if values.get(p.name) is not None else p.default)
            for p in self.params
        }

    @property
    def keyed(self) -> tuple[str, ...]:
        """Parameters looked up by name key: those whose ``?<name>Key`` the query uses."""
        present = bindings.variables(self.sparql)
        return tuple(p.name for p in self.params if p.name + KEY_SUFFIX in present)

    def values(self, **values: Any) -> dict[str, Term]:
        """What the query is run with: every parameter bound, and the name key of each keyed
        one; an empty name ("" for any) has no key and leaves its key variable open."""
        bound = self.bindings(**values)
        for name in self.keyed:
            if isinstance(bound[name], (Literal, NamedNode)) and bound[name].value:
                bound[name + KEY_SUFFIX] = lookup_key(bound[name])
        return bound

    def sparql_with_values(self, **values: Any) -> str:
        """The query with its parameters and their name keys written in as a ``VALUES`` block:
        runnable as is anywhere (the endpoint's query editor, another SPARQL client)."""
        keys = frozenset(name + KEY_SUFFIX for name in self.keyed)
        return bindings.with_values(self.sparql, self.values(**values), unprojected=keys)


def parse_question(name: str, text: str, path: Path | None = None) -> Question:
    """A question from the text of its ``.rq`` file (header fields, then SPARQL)."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _FIELD.match(stripped)
        if m:
            last = m.group(1)
            fields[last].append(m.group(2).strip())
        elif last and re.match(r"^#\s{2,}\S", stripped) and fields[last]:
            fields[last][-1] += " " + stripped.lstrip("#").strip()
        else:
            last = None
    where = f"{path or name}"
    for required in ("title", "description", "example"):
        if not fields[required]:
            raise ValueError(f"{where}: add a '# {required}: ...' line to the header")
    params = []
    for raw in fields["param"]:
        m = _PARAM.match(raw)
        if not m:
            raise ValueError(f"{where}: cannot read '# param: {raw}'; write '# param: name = default — what it is'")
        params.append(Param(m["name"], parse_term(m["default"]), m["doc"].strip()))
    question = Question(
        name=name,
        title=" ".join(fields["title"]),
        description=" ".join(fields["description"]),
        params=tuple(params),
        sparql=text,
        example=" ".join(fields["example"]),
        path=path or Path(name + ".rq"),
    )
    bindings.check(question.sparql, [p.name for p in params])
    return question


@cache
def _load(path: Path, mtime: float) -> Question:
    return parse_question(path.stem, path.read_text(encoding="utf-8"), path)


def list_questions(folder: Path = QUERIES) -> list[Question]:
    """All named questions, sorted by name.

    >>> "visit-evidence" in [q.name for q in list_questions()]
    True
    """
    return [_load(p, p.stat().st_mtime) for p in sorted(Path(folder).glob("*.rq"))]


def question_names(folder: Path = QUERIES) -> list[str]:
    return [p.stem for p in sorted(Path(folder).glob("*.rq"))]


def load_question(name: str, folder: Path = QUERIES) -> Question:
    """One named question; an unknown name raises :class:`UnknownQuestion` listing valid ones.

    >>> load_question("no-such-question")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.questions.UnknownQuestion: no question named 'no-such-question'; known questions: ...
    """
    path = Path(folder) / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name or "") or not path.is_file():
        raise UnknownQuestion(
            f"no question named {name!r}; known questions: {', '.join(question_names(folder))} "
            "(`kg questions` describes them)"
        )
    return _load(path, path.stat().st_mtime)
