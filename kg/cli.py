"""``kg``: the command line. Thin: each command parses flags and calls the function a notebook calls."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from kg import research_cli
from kg.config import Settings
from kg.fetch import Politeness


def _settings(**flags) -> Settings:
    return Settings.from_env(**flags)


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log debug details.")
@click.version_option(package_name="diplokg")
def main(verbose: bool) -> None:
    """DiploKG: a knowledge graph of diplomacy built from news articles."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)


@main.command()
@click.option("--articles", help="Folder of articles (default: data/articles); with --out also a glob or URL "
                                 "('/data/**/*.html', 's3://bucket/news/').")
@click.option("--store", type=click.Path(path_type=Path), help="Store root (default: data/build/store).")
@click.option("--curated", type=click.Path(path_type=Path), help="Folder of curated .ttl files (default: data/curated).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when on a terminal).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: extract on a Dask cluster into N-Quads shards (needs --out).")
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--workers", type=int, default=2, show_default=True, help="Workers of the local Dask cluster.")
@click.option("--out", help="Folder or URL for the part-*.nq.gz shards (with --executor dask); load them with `kg load`.")
@click.option("--shards", type=int, default=16, show_default=True, help="Number of shards.")
def build(articles: str | None, store: Path | None, curated: Path | None, progress: bool | None, executor: str,
          scheduler: str | None, workers: int, out: str | None, shards: int) -> None:
    """Build the graph from the articles into the store; only new or changed articles are extracted."""
    from kg.build import NothingBuilt, build as run_build
    from kg.store import BuildInProgress

    if executor == "dask" or out:
        if not (executor == "dask" and out):
            raise click.ClickException("a sharded build needs both --executor dask and --out DIR")
        from kg.shards import build_shards

        s = _settings(store=store, curated=curated)
        try:
            report = build_shards(s, articles or str(s.articles), out, scheduler=scheduler, workers=workers, shards=shards)
        except (NothingBuilt, FileNotFoundError, ValueError) as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # the scheduler, the articles' store or the output cannot be reached
            raise click.ClickException(f"the sharded build stopped: {exc}; check --scheduler, --articles and --out "
                                       "(shards already written are whole and are replaced by the next run)") from None
        click.echo(report.summary(), err=True)
        return
    s = _settings(articles=articles, store=store, curated=curated)
    try:
        report = run_build(s, progress=progress)
    except (NothingBuilt, BuildInProgress, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:  # a read-only or full disk under the store root
        raise click.ClickException(f"cannot write the store at {s.store} ({exc.strerror or exc}): "
                                   "make it writable or pass --store DIR; the published store is unchanged") from None
    click.echo(report.summary(), err=True)


@main.command()
@click.argument("shards", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["oxigraph", "virtuoso", "qlever"]), default="oxigraph", show_default=True)
@click.option("--store", type=click.Path(path_type=Path), help="oxigraph: the store root to publish (default: data/build/store).")
@click.option("--folder", type=click.Path(path_type=Path),
              help="virtuoso: a folder in its DirsAllowed for the dataset file; qlever: the index folder.")
@click.option("--isql", "isql_address", help="virtuoso: host:port of its SQL server (default: KG_VIRTUOSO_ISQL).")
@click.option("--user", default="dba", show_default=True, help="virtuoso: SQL user (password: KG_VIRTUOSO_PASSWORD).")
@click.option("--curated", type=click.Path(path_type=Path), help="Folder of curated .ttl files (default: data/curated).")
def load(shards: tuple[str, ...], engine: str, store: Path | None, folder: Path | None, isql_address: str | None,
         user: str, curated: Path | None) -> None:
    """Load the shards of `kg build --executor dask --out` (with the ontology, background, curated and
    inferred graphs) into Oxigraph, Virtuoso or QLever."""
    from kg.load import LoadFailed, load as run_load

    s = _settings(store=store, curated=curated, virtuoso_isql=isql_address)
    try:
        report = run_load(engine, list(shards), s, store=s.store, folder=folder, isql=s.virtuoso_isql, user=user,
                          password=s.virtuoso_password)
    except (LoadFailed, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.summary(), err=True)


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help="Store root (default: data/build/store).")
@click.option("--format", "fmt", default="nquads", show_default=True,
              type=click.Choice(["nquads", "trig", "turtle", "ntriples", "jsonld", "rdfxml"]))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: stdout).")
def dump(store: Path | None, fmt: str, output: Path | None) -> None:
    """Write the whole graph in an RDF format (Turtle, N-Triples and RDF/XML give the union of all graphs)."""
    from kg.dump import dump as run_dump
    from kg.store import StoreNotBuilt

    s = _settings(store=store)
    try:
        run_dump(s.store, fmt, output)
    except StoreNotBuilt as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help="Store root (default: data/build/store).")
def validate(store: Path | None) -> None:
    """Check the data against the SHACL shapes in ontology/shapes.ttl; exit 1 when it does not conform."""
    from kg.shapes import validate_store
    from kg.store import StoreNotBuilt

    s = _settings(store=store)
    try:
        conforms, report = validate_store(s.store)
    except StoreNotBuilt as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report)
    sys.exit(0 if conforms else 1)


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help="Store root (default: data/build/store).")
@click.option("--host", help="Address to bind (default: 127.0.0.1).")
@click.option("--port", type=int, help="Port (default: 5000).")
@click.option("--workers", type=int, help="Worker processes (default: 2).")
def serve(store: Path | None, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the SPARQL endpoint, query UI and linked-data pages with a production WSGI server."""
    from kg.web.serve import serve as run_serve

    run_serve(_settings(store=store, host=host, port=port, workers=workers))


@main.command()
@click.argument("urls", nargs=-1)
@click.option("--feeds", type=click.Path(path_type=Path, dir_okay=False),
              help="File with one RSS/Atom feed or sitemap URL a line.")
@click.option("--articles", type=click.Path(path_type=Path), help="Folder of articles (default: data/articles).")
@click.option("--store", type=click.Path(path_type=Path), help="Store root the build writes (default: data/build/store).")
@click.option("--build/--no-build", "then_build", default=True, help="Build the graph after new articles (default: on).")
@click.option("--every", help="Run again at this interval (15m, 1h, 900) until stopped with Ctrl-C or SIGTERM.")
@click.option("--delay", type=float, default=Politeness.delay, show_default=True, help="Seconds between two requests to one host.")
@click.option("--timeout", type=float, default=Politeness.timeout, show_default=True, help="Seconds a response may take.")
@click.option("--retries", type=int, default=Politeness.retries, show_default=True, help="Further attempts after a timeout, 429 or 5xx.")
@click.option("--max-pages", type=int, default=Politeness.pages_per_run, show_default=True,
              help="Pages fetched per run; the rest wait for the next.")
def ingest(urls, feeds, articles, store, then_build, every, delay, timeout, retries, max_pages) -> None:
    """Fetch new articles from feeds, sitemaps and pages (URLS) into the articles folder, then build."""
    from kg.ingest import IngestBusy, ingest_and_build, parse_interval, read_source_list, watch

    s = _settings(articles=articles, store=store)
    try:
        sources = list(urls) + (read_source_list(feeds) if feeds else [])
        interval = parse_interval(every) if every else None
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    if not sources:
        raise click.UsageError("nothing to read: give page, feed or sitemap URLs, or --feeds FILE")
    politeness = Politeness(delay=delay, timeout=timeout, retries=retries, pages_per_run=max_pages)

    def once():
        return ingest_and_build(s, sources, then_build=then_build, politeness=politeness)

    try:
        if interval is None:
            for line in once().lines():
                click.echo(line)
        else:
            watch(once, interval, click.echo)
    except (IngestBusy, ValueError) as exc:
        raise click.ClickException(str(exc)) from None


@main.command(name="eval")
@click.option("--articles", type=click.Path(path_type=Path, exists=True), help="Articles of one set (with --gold).")
@click.option("--gold", type=click.Path(path_type=Path, exists=True), help="Gold files of one set (with --articles).")
def eval_(articles: Path | None, gold: Path | None) -> None:
    """Precision, recall and F1 of the extractor against gold annotations: every set of the repository, or the one given."""
    from kg.eval import main as run_eval

    if (articles is None) != (gold is None):
        raise click.UsageError("give --articles and --gold together (or neither, to score every set of the repository)")
    run_eval(articles, gold)


@main.command()
@click.argument("article", type=click.Path(path_type=Path, exists=True, dir_okay=False))
def explain(article: Path) -> None:
    """Every fact extracted from ARTICLE with the sentences that state it and the rules that fired there."""
    from kg.extract.explain import main as run_explain
    from kg.extract.lexicon import load

    click.echo(run_explain(article, load(_settings().background)))


main.add_command(research_cli.questions)
main.add_command(research_cli.ask)
main.add_command(research_cli.query)


if __name__ == "__main__":
    main()
