"""The rules behind a fact travel with its evidence: in the facts, on the RDF Mention, and in `kg explain`."""

from datetime import date

from click.testing import CliRunner

from kg.cli import main
from kg.extract import extract
from kg.model import Article
from kg.rdf import article_quads
from kg.vocab import DKG
from tests.lexicon import LEXICON

TEXT = ("Der russische Außenminister Sergej Lawrow ist am Montag zu einem Besuch in Pjöngjang eingetroffen. "
        "Ein Treffen mit Machthaber Kim Jong Un ist nicht geplant.")


def facts():
    return extract(Article.from_text(TEXT, published=date(2023, 10, 18), language="de"), LEXICON)


def test_visit_evidence_names_its_trigger_and_cue_rules():
    visit = facts().visits[0]
    rules = visit.evidence[0].rules
    assert {"de.trigger.arrive", "de.trigger.visit", "de.ongoing"} <= set(rules)
    assert all(not r.startswith("en.") for r in rules)


def test_rules_are_written_on_the_mention():
    f = facts()
    quads = article_quads(f, ["visit/x"], [])
    rules = {q.object.value for q in quads if q.predicate == DKG.rule}
    assert "de.trigger.arrive" in rules


def test_kg_explain_prints_each_fact_with_sentence_and_rules(tmp_path):
    path = tmp_path / "lawrow.txt"
    path.write_text(TEXT, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,published,language,url,title,publisher\nlawrow.txt,2023-10-18,de,,,\n",
                                           encoding="utf-8")
    out = CliRunner().invoke(main, ["explain", str(path)])
    assert out.exit_code == 0, out.output
    assert "visit 0: person/sergey-lavrov -> state/north-korea, 2023-10-16, Ongoing" in out.output
    assert "Pjöngjang eingetroffen." in out.output and "de.trigger.arrive" in out.output


def test_kg_explain_refuses_a_missing_file(tmp_path):
    out = CliRunner().invoke(main, ["explain", str(tmp_path / "none.txt")])
    assert out.exit_code != 0 and "does not exist" in out.output
