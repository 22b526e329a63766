"""Settings: every knob documented, precedence defaults < env < flags."""

from dataclasses import fields
from pathlib import Path

from kg.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    for f in fields(Settings):
        if f.name == "extra":
            continue
        assert f"`KG_{f.name.upper()}`" in README, f"document KG_{f.name.upper()} in the README's settings table"


def test_environment_overrides_defaults_and_flags_override_environment():
    env = {"KG_PORT": "8081", "KG_SERVICE_ALLOWLIST": "https://query.wikidata.org/sparql, http://x/sparql",
           "KG_QUERY_TIMEOUT": "2.5"}
    s = Settings.from_env(env)
    assert s.port == 8081 and s.query_timeout == 2.5
    assert s.service_allowlist == ("https://query.wikidata.org/sparql", "http://x/sparql")
    assert Settings.from_env(env, port=9000).port == 9000
    assert Settings.from_env({}, store="x/y").store == Path("x/y")
