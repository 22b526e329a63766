"""The package as a user gets it: a wheel built from the checkout, installed into a fresh
virtual environment outside the repository, builds the seed articles and serves the
contract question over HTTP. Offline: the wheel is built with this environment's setuptools
and installed without its dependencies, which the fresh venv reads from this environment's
site-packages through a path file (the editable install's finder there is not run, so `kg`
comes from the wheel, as the first test checks)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
import requests

from tests.contract import VOCABULARY_QUERY
from tests.integration import news_site as ns
from kg.web.launch import free_port, stop, wait_until_answering
from tests.conftest import REPO

pytestmark = pytest.mark.slow

#: what setuptools and pip print when packaging goes wrong (class names of warnings, their banners)
PACKAGING_WARNING = re.compile(r"\w+Warning\b|^\s*!!\s*$|is deprecated|as data is deprecated", re.M)


def _clean_env() -> dict[str, str]:
    """The environment without this checkout's settings or import path, and with bytecode on
    (distutils warns when byte-compiling is disabled, which is not a packaging problem)."""
    drop = ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")
    return {k: v for k, v in os.environ.items() if not k.startswith("KG_") and k not in drop}


def _run(args, cwd, **kw) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=_clean_env(), capture_output=True, text=True,
                          timeout=kw.pop("timeout", 600), **kw)
    out = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{out[-4000:]}"
    return out


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv holding the wheel of this checkout; yields its bin folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    # from a copy: setuptools leaves build/ in the source tree and would pack files deleted since
    source = tmp / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "tests",
                                                                  "*.egg-info", "__pycache__", "bench"))
    out = _run([sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "--no-index", "--no-build-isolation", "-w", tmp / "dist", source], cwd=tmp)
    assert not PACKAGING_WARNING.findall(out), "building the wheel warned:\n" + "\n".join(
        line for line in out.splitlines() if PACKAGING_WARNING.search(line))
    (wheel,) = (tmp / "dist").glob("diplokg-*.whl")
    _run([sys.executable, "-m", "venv", tmp / "venv"], cwd=tmp)
    python = tmp / "venv" / "bin" / "python"
    site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp).strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "diplokg-test-deps.pth").write_text("".join(f"{d}\n" for d in sorted(deps)))
    out = _run([python, "-m", "pip", "install", "--no-deps", "--no-index", wheel], cwd=tmp)
    assert not PACKAGING_WARNING.findall(out), "installing the wheel warned:\n" + out[-4000:]
    return tmp / "venv" / "bin"


def test_installed_package_is_not_the_checkout(installed, tmp_path):
    where = _run([installed / "python", "-c", "import kg.resources as r; print(r.package_dir()); print(r.ontology_dir())"],
                 cwd=tmp_path).split()
    assert all(Path(p).is_relative_to(installed.parent) for p in where), where
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert _run([installed / "kg", "--version"], cwd=tmp_path).strip().endswith(f"version {version}")


def test_installed_package_builds_and_serves_the_contract_question(installed, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    report = _run([installed / "kg", "build", "--articles", REPO / "data" / "articles", "--store", "store",
                   "--no-progress"], cwd=work)
    assert ": 5 articles (5 extracted" in report, report
    assert "ok" in _run([installed / "kg", "validate", "--store", "store"], cwd=work)  # shapes and checks shipped
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([str(installed / "kg"), "serve", "--store", "store", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", "1"], cwd=work, env=_clean_env(),
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_until_answering(url + "/health", proc)
        except RuntimeError as exc:
            raise AssertionError(f"{exc}\n{(tmp_path / 'serve.log').read_text()[-3000:]}") from None
        r = requests.post(url + "/sparql", data={"query": VOCABULARY_QUERY},
                          headers={"Accept": "application/sparql-results+json"}, timeout=60)
        r.raise_for_status()
        names = {b["name"]["value"] for b in r.json()["results"]["bindings"]}
        assert "Choe Son Hui" in names
        ontology = requests.get(url + "/ontology", headers={"Accept": "text/html"}, timeout=60)
        assert ontology.status_code == 200 and "Visit" in ontology.text
        page = requests.get(url + "/", timeout=30)
        assert page.status_code == 200
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
            assert requests.get(url + asset, timeout=30).status_code == 200, asset
    finally:
        stop(proc)
        log.close()


def test_installed_package_ingests_from_a_site(installed, tmp_path):
    site = ns.NewsSite()
    server = ns.serve(site)
    try:
        out = _run([installed / "kg", "ingest", site.base + "/rss.xml", "--articles", "articles", "--no-build",
                    "--delay", "0", "--timeout", "1", "--retries", "0"], cwd=tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    assert "3 new" in out and len(list((tmp_path / "articles").glob("*.html"))) == 3
