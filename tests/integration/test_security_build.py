"""Issue 10: the build's probes as regression tests (files, manifest, store mount, cache).

Each builds a real store from a small folder of articles with one hostile file beside a
real seed article, and checks the build finishes, says what it skipped, and publishes
nothing it should not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build
from kg.config import Settings
from kg.store import StoreRoot

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "data" / "articles" / "000_158806ad72164332.txt"
SECRET = ("Der Außenminister Sergej Lawrow reiste am Montag nach Pjöngjang. "
          "GEHEIM-7F3A: internal text that must never be published.\n")


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


def _build(articles: Path, tmp_path: Path, **settings):
    return build(Settings(articles=articles, store=tmp_path / "store", curated=tmp_path / "none", **settings), progress=False)


def _all_text(store: Path) -> str:
    st = StoreRoot(store).open()
    return "\n".join(q.object.value for q in st.quads_for_pattern(None, None, None) if hasattr(q.object, "value"))


def test_symlink_out_of_the_articles_folder_is_refused(articles, tmp_path):
    """Issue probe 9: a symlink pointing outside was followed and its text published."""
    outside = tmp_path / "private" / "notes.txt"
    outside.parent.mkdir()
    outside.write_text(SECRET, encoding="utf-8")
    (articles / "leak.txt").symlink_to(outside)
    (articles / "same-folder.txt").symlink_to(articles / SEED.name)  # inside: fine
    report = _build(articles, tmp_path)
    messages = {p.file: p.message for p in report.problems}
    assert "outside the articles folder" in messages["leak.txt"]
    assert report.articles == 2
    assert "GEHEIM-7F3A" not in _all_text(tmp_path / "store")


def test_fifo_in_the_articles_folder_is_skipped_not_waited_on(articles, tmp_path):
    os.mkfifo(articles / "pipe.txt")
    report = _build(articles, tmp_path)
    assert "not a regular file" in {p.file: p.message for p in report.problems}["pipe.txt"]
    assert report.articles == 1


def test_large_article_is_skipped_with_a_message(articles, tmp_path):
    """Issue probe 7 (the reading side): a 50 MB article ran for over 15 minutes."""
    (articles / "huge.txt").write_text(SECRET * 2000, encoding="utf-8")  # ~250 KB
    report = _build(articles, tmp_path, max_article_bytes=100_000)
    message = {p.file: p.message for p in report.problems}["huge.txt"]
    assert "KG_MAX_ARTICLE_BYTES" in message and "100,000" in message
    assert report.articles == 1
    assert "GEHEIM-7F3A" not in _all_text(tmp_path / "store")


def test_article_ids_that_collide_both_get_a_graph(articles, tmp_path):
    """Issue probe 12: 日本.txt and 한국.txt both slug to the same id and aborted the build."""
    text = SEED.read_text(encoding="utf-8")
    (articles / "日本.txt").write_text(text, encoding="utf-8")
    (articles / "한국.txt").write_text(text, encoding="utf-8")
    report = _build(articles, tmp_path)
    assert report.articles == 3
    notes = [p for p in report.problems if "stored as" in p.message]
    assert len(notes) == 1 and not notes[0].skipped
    graphs = {g.value for g in StoreRoot(tmp_path / "store").open().named_graphs() if "/graph/article/" in g.value}
    assert len(graphs) == 3


def test_latin1_manifest_is_decoded(articles, tmp_path):
    """Issue probe 12: a manifest with a Latin-1 byte aborted the build with a traceback."""
    (articles / "manifest.csv").write_bytes(
        f"file,published,language,url,title,publisher\n{SEED.name},2025-10-26,de,,Au\xdfenministerin reist ab,Presse\n"
        .encode("latin-1"))
    report = _build(articles, tmp_path)
    assert report.articles == 1
    assert any(p.file == "manifest.csv" and "not UTF-8" in p.message for p in report.problems)
    assert "Außenministerin reist ab" in _all_text(tmp_path / "store")


def test_read_only_store_mount_is_a_clear_error(articles, tmp_path):
    """Issue probe 12: a read-only store mount gave a traceback."""
    if os.getuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root for a private read-only mount")
    mount = tmp_path / "ro"
    mount.mkdir()
    script = (f"mount -t tmpfs -o ro tmpfs {mount} && {sys.executable} -m kg.cli build "
              f"--articles {articles} --store {mount}/store --no-progress")
    out = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr, out.stderr
    assert "Error:" in out.stderr and "writable" in out.stderr, out.stderr


def test_extraction_cache_is_pruned_to_the_current_articles(articles, tmp_path):
    """Issue probe 14: 43 MB of cache after 8 builds of the same articles."""
    text = SEED.read_text(encoding="utf-8")
    for i in range(3):
        (articles / f"edit-{i}.txt").write_text(text + f"\nNachtrag {i}.\n", encoding="utf-8")
    _build(articles, tmp_path)
    cache = StoreRoot(tmp_path / "store").cache_dir
    assert len(list(cache.glob("*.json"))) == 4
    for i in range(3):
        (articles / f"edit-{i}.txt").write_text(text + f"\nNeuer Nachtrag {i}.\n", encoding="utf-8")
    _build(articles, tmp_path)
    (articles / "edit-2.txt").unlink()
    _build(articles, tmp_path)
    assert len(list(cache.glob("*.json"))) == 3  # the seed and edit-0/1 as they are now
