"""Downloadable dumps of the current store generation, made lazily, with sizes and SHA-256.

Files live in ``Settings.dumps/<generation>/``; the first request after a rebuild writes
them (by the query process, with the build's :func:`kg.dump.dump_store`), gzips them and
records their checksums in ``SHA256SUMS``. ``/dumps/latest/<file>`` always names the
current generation's file, so VoID can link to it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, redirect, render_template, request, send_from_directory

from kg.web import negotiate
from kg.web.errors import WebError
from kg.web.site import site

bp = Blueprint("dumps", __name__)
_lock = threading.Lock()


@dataclass(frozen=True)
class DumpFormat:
    name: str  # kg.dump format name
    label: str
    media_type: str
    extension: str
    dataset: bool

    @property
    def filename(self) -> str:
        return f"diplokg.{self.extension}.gz"


DUMP_FORMATS = (
    DumpFormat("nquads", "N-Quads (all named graphs)", "application/n-quads", "nq", True),
    DumpFormat("trig", "TriG (all named graphs)", "application/trig", "trig", True),
    DumpFormat("jsonld", "JSON-LD (all named graphs)", "application/ld+json", "jsonld", True),
    DumpFormat("turtle", "Turtle (union of the graphs)", "text/turtle", "ttl", False),
    DumpFormat("ntriples", "N-Triples (union of the graphs)", "application/n-triples", "nt", False),
    DumpFormat("rdfxml", "RDF/XML (union of the graphs)", "application/rdf+xml", "rdf", False),
)


def ensure_dumps() -> tuple[str, list[dict]]:
    """(generation, [{file, format, media_type, bytes, sha256}]) making missing files first."""
    s = site()
    gen = s.generation()
    if not gen:
        raise WebError(503, "the store has not been built yet: run `kg build` on the server")
    folder = Path(s.settings.dumps) / gen
    manifest = folder / "manifest.json"
    if manifest.exists():
        return gen, json.loads(manifest.read_text())
    with _lock:
        if manifest.exists():
            return gen, json.loads(manifest.read_text())
        folder.mkdir(parents=True, exist_ok=True)
        entries = []
        for fmt in DUMP_FORMATS:
            raw = folder / f".diplokg.{fmt.extension}"
            s.pool.run({"op": "dumpfile", "name": fmt.name, "format": fmt.media_type, "path": str(raw)},
                       timeout=max(600.0, s.settings.query_timeout * 20)).read()
            target = folder / fmt.filename
            with open(raw, "rb") as src, gzip.open(str(target) + ".tmp", "wb", compresslevel=6) as dst:
                shutil.copyfileobj(src, dst)
            Path(str(target) + ".tmp").replace(target)
            uncompressed = raw.stat().st_size
            raw.unlink()
            digest = hashlib.sha256(target.read_bytes()).hexdigest()
            entries.append({"file": fmt.filename, "format": fmt.label, "media_type": fmt.media_type,
                            "bytes": target.stat().st_size, "uncompressed_bytes": uncompressed, "sha256": digest})
        (folder / "SHA256SUMS").write_text("".join(f"{e['sha256']}  {e['file']}\n" for e in entries))
        tmp = folder / "manifest.json.tmp"
        tmp.write_text(json.dumps(entries, indent=1))
        tmp.replace(manifest)
        _prune(Path(s.settings.dumps), keep=gen)
        return gen, entries


def _prune(folder: Path, keep: str) -> None:
    """Drop dumps of generations that are no longer current (they can be made again)."""
    for old in folder.glob("gen-*"):
        if old.name != keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


@bp.route("/dumps/")
def listing():
    gen, entries = ensure_dumps()
    html = negotiate.Format("text/html", "html", "html")
    js = negotiate.Format("application/json", "json", "json")
    fmt = negotiate.choose(request.headers.get("Accept"), (html, js))
    if fmt is js or request.args.get("format") == "json":
        return {"generation": gen, "dumps": [{**e, "url": f"/dumps/{gen}/{e['file']}"} for e in entries]}
    return render_template("dumps.html", generation=gen, dumps=entries)


@bp.route("/dumps")
def listing_slash():
    return redirect("/dumps/", code=301)


#: the only names served under /dumps/<generation>/: what ensure_dumps writes
SERVED_NAMES = frozenset({fmt.filename for fmt in DUMP_FORMATS} | {"SHA256SUMS"})


@bp.route("/dumps/<generation>/<name>")
def download(generation: str, name: str):
    """A generated dump file, by a whitelist of names: nothing else in or around KG_DUMPS."""
    s = site()
    current = s.generation()
    if name not in SERVED_NAMES or generation not in ("latest", current) or not current:
        abort(404, description=f"no dump {generation}/{name}: see /dumps/ for the current files")
    generation, _ = ensure_dumps()
    response = send_from_directory(Path(s.settings.dumps) / generation, name, max_age=3600, as_attachment=True)
    if name.endswith(".gz"):
        # the file is the download: no Content-Encoding, or clients would unpack it
        response.headers.pop("Content-Encoding", None)
        response.headers["Content-Type"] = "application/gzip"
    return response
