"""``kg questions``, ``kg ask`` and ``kg query``: the research commands.

Thin: each parses flags and calls the API a notebook calls (:mod:`kg.api`). Every command
reads the local store (``--store``, ``KG_STORE``) or, with ``--endpoint URL``, a running
server. Output is an aligned table by default, or standard SPARQL results as CSV, TSV or
JSON with ``--format``.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import click

FORMATS = ("table", "csv", "tsv", "json")
_STORE_HELP = "Store root (default: KG_STORE or data/build/store)."
_ENDPOINT_HELP = "Query this SPARQL endpoint (http://host/sparql) instead of a local store."


def _graph(store: Path | None, endpoint: str | None):
    from kg import api

    if endpoint:
        return api.connect(endpoint)
    return api.open(store)


def _fail(exc: BaseException) -> click.ClickException:
    return click.ClickException(str(exc))


def _emit(results, fmt: str) -> None:
    """Print query results in ``fmt``; graph results (CONSTRUCT) print as N-Triples."""
    import pyoxigraph as ox

    if isinstance(results, ox.QueryBoolean):
        if fmt == "table":
            click.echo("true" if bool(results) else "false")
        else:
            text = results.serialize(format=_results_format(fmt)).decode("utf-8")
            click.echo(text, nl=not text.endswith("\n"))
        return
    if not isinstance(results, ox.QuerySolutions):  # triples
        click.echo(ox.serialize(list(results), format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), nl=False)
        return
    if fmt == "table":
        _table(results)
    else:
        text = results.serialize(format=_results_format(fmt)).decode("utf-8")
        click.echo(text, nl=not text.endswith("\n"))


def _results_format(fmt: str):
    import pyoxigraph as ox

    return {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
            "json": ox.QueryResultsFormat.JSON}[fmt]


def _table(results, max_width: int = 60) -> None:
    """An aligned text table: IRIs shortened with the usual prefixes, long cells cut."""
    from kg.terms import shorten

    names = [v.value for v in results.variables]
    rows = []
    for solution in results:
        cells = []
        for n in names:
            text = shorten(solution[n]).replace("\n", " ")
            cells.append(text if len(text) <= max_width else text[: max_width - 1] + "…")
        rows.append(cells)
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip()
    click.echo(line)
    click.echo("  ".join("-" * w for w in widths))
    for r in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    click.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})", err=True)


@click.command()
@click.argument("name", required=False)
@click.option("--sparql", is_flag=True, help="With NAME: print the query, parameters written in as VALUES.")
def questions(name: str | None, sparql: bool) -> None:
    """List the named questions, or describe one (its parameters, example and SPARQL)."""
    from kg.questions import UnknownQuestion, list_questions, load_question

    if not name:
        qs = list_questions()
        width = max(len(q.name) for q in qs)
        for q in qs:
            click.echo(f"{q.name.ljust(width)}  {q.title}")
        click.echo("\nRun one with `kg ask NAME --param value`; `kg questions NAME` shows its parameters.", err=True)
        return
    try:
        q = load_question(name)
    except UnknownQuestion as exc:
        raise _fail(exc) from None
    if sparql:
        click.echo(q.sparql_with_values())
        return
    click.echo(f"{q.name}: {q.title}\n")
    click.echo(textwrap.fill(q.description, 88) + "\n")
    if q.params:
        click.echo("Parameters:")
        for p in q.params:
            click.echo(f"  --{p.name} (default: {_show(p.default)})")
            click.echo(textwrap.fill(p.doc, 84, initial_indent="      ", subsequent_indent="      "))
    click.echo(f"\nExample: {q.example}")


def _show(term) -> str:
    """A default as a user types it on the command line, with its type when not a string."""
    import pyoxigraph as ox

    from kg.terms import XSD, shorten

    if isinstance(term, ox.Literal) and term.language is None and term.datatype.value != XSD + "string":
        return f"{term.value} ({shorten(term.datatype)})"
    if isinstance(term, ox.Literal):
        return f'"{term.value}"'
    return shorten(term)


def _parse_params(args: list[str], names: list[str], question: str) -> dict[str, str]:
    """``--name value`` / ``--name=value`` pairs from the words after the question name."""
    values: dict[str, str] = {}
    i = 0
    while i < len(args):
        word = args[i]
        if not word.startswith("--") or len(word) == 2:
            raise click.UsageError(f"unexpected {word!r}: give parameters as --name value")
        key, eq, value = word[2:].partition("=")
        if not eq:
            if i + 1 >= len(args):
                raise click.UsageError(f"--{key} needs a value")
            value = args[i + 1]
            i += 1
        if key not in names:
            raise click.UsageError(
                f"question {question!r} has no parameter --{key}; its parameters are: "
                + (", ".join("--" + n for n in names) or "none")
            )
        values[key] = value
        i += 1
    return values


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output: aligned table, or SPARQL results as CSV, TSV or JSON.")
@click.option("--store", type=click.Path(path_type=Path), help=_STORE_HELP)
@click.option("--endpoint", help=_ENDPOINT_HELP)
@click.pass_context
def ask(ctx: click.Context, name: str, fmt: str, store: Path | None, endpoint: str | None) -> None:
    """Run the named question NAME; its parameters are options: --leader "Kim Jong Un".

    `kg questions` lists the questions, `kg questions NAME` their parameters.
    """
    from kg.questions import UnknownQuestion, load_question
    from kg.store import StoreNotBuilt

    try:
        q = load_question(name)
    except UnknownQuestion as exc:
        raise _fail(exc) from None
    params = _parse_params(list(ctx.args), [p.name for p in q.params], name)
    try:
        results = _graph(store, endpoint).question(name, **params)
        _emit(results, fmt)
    except (StoreNotBuilt, ValueError, SyntaxError, RuntimeError) as exc:
        raise _fail(exc) from None


@click.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "path", type=click.File("r", encoding="utf-8"), help="Read the query from a file ('-' for stdin).")
@click.option("--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help='Bind ?NAME (it must be returned by SELECT). VALUE is a string, or a term: <iri>, '
                   'dkg:Train, 42, "2023-07-01"^^xsd:date, "text"@en. Repeatable.')
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output: aligned table, or SPARQL results as CSV, TSV or JSON.")
@click.option("--store", type=click.Path(path_type=Path), help=_STORE_HELP)
@click.option("--endpoint", help=_ENDPOINT_HELP)
def query(sparql: str | None, path, binds: tuple[str, ...], fmt: str, store: Path | None, endpoint: str | None) -> None:
    """Run SPARQL given as an argument, a file (-f) or on stdin.

    The default graph is the union of all graphs. Example:

      kg query 'SELECT ?v WHERE { ?v a <https://w3id.org/diplokg/ontology#Visit> }' --format csv
    """
    from kg.store import StoreNotBuilt
    from kg.terms import parse_term

    if sparql is not None and path is not None:
        raise click.UsageError("give the query either as an argument or with --file, not both")
    if path is not None:
        text = path.read()
    elif sparql is not None and sparql != "-":
        text = sparql
    elif not sys.stdin.isatty() or sparql == "-":
        text = sys.stdin.read()
    else:
        raise click.UsageError("no query: pass it as an argument, with --file FILE, or on stdin")
    if not text.strip():
        raise click.UsageError("the query is empty")
    values = {}
    for b in binds:
        key, eq, raw = b.partition("=")
        if not eq or not key.strip():
            raise click.UsageError(f"--bind {b!r}: write NAME=VALUE")
        try:
            values[key.strip().lstrip("?$")] = parse_term(raw)
        except ValueError as exc:
            raise click.UsageError(f"--bind {b!r}: {exc}") from None
    try:
        _emit(_graph(store, endpoint).query(text, **values), fmt)
    except (StoreNotBuilt, ValueError, SyntaxError, RuntimeError) as exc:
        raise _fail(exc) from None
