"""Every cue rule of every language fires on its own examples and stays silent on its counter-examples;
the checker refuses broken language files."""

import pytest

from kg.extract.cues import CueError, load_cues
from kg.extract.normal import norm_tokens

RULES = load_cues().rules


def fires(rule, sentence: str) -> bool:
    toks = norm_tokens(sentence)
    joined = {"_".join(toks[i:i + n]) for n in (2, 3) for i in range(len(toks) - n + 1)}  # "zu_gast", "a_day_in"
    return any(rule.matches(w) for w in toks) or any(w in rule.words for w in joined)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    for sentence in rule.fires:
        assert fires(rule, sentence), f"{rule.id} should fire on: {sentence}"
    for sentence in rule.silent:
        assert not fires(rule, sentence), f"{rule.id} must not fire on: {sentence}"


def _write(tmp_path, lang, text):
    (tmp_path / lang).mkdir(parents=True, exist_ok=True)
    (tmp_path / lang / "cues.yaml").write_text(text, encoding="utf-8")
    return str(tmp_path)


RULE = "  - id: {id}\n    group: negation\n    words: [{w}]\n    fires: ['x']\n    silent: ['y']\n"


@pytest.mark.parametrize("text,message", [
    ("rules:\n" + RULE.format(id="fr.negation", w="pas") + RULE.format(id="fr.negation", w="non"), "defined twice"),
    ("rules:\n" + RULE.format(id="fr.negation", w="pas") + RULE.format(id="fr.negation2", w="pas"), "in both"),
    ("rules:\n" + RULE.format(id="fr.negation", w="pas") + "    colour: red\n", "unknown keys"),
    ("rules:\n" + RULE.format(id="fr.negation", w="pas").replace("negation\n", "negatoin\n"), "unknown group"),
    ("rules:\n" + RULE.format(id="de.negation", w="pas"), "must start with"),
    ("rules:\n" + RULE.format(id="fr.negation", w="Pas"), "normalised form"),
    ("rules:\n  - id: fr.negation\n    group: negation\n    words: [pas]\n", "example sentences"),
])
def test_checker_refuses(tmp_path, text, message):
    with pytest.raises(CueError, match=message):
        load_cues(_write(tmp_path, "fr", text))


def test_a_third_language_is_only_data(tmp_path):
    cues = load_cues(_write(tmp_path, "fr", "rules:\n" + RULE.format(id="fr.negation", w="pas")
                            + "  - id: fr.trigger.visit\n    group: trigger\n    value: visit\n    words: [visite]\n"
                            "    fires: ['Le président est en visite.']\n    silent: ['Le président parle.']\n"))
    assert "pas" in cues.words("negation")
    assert cues.trigger("visite") == ("visit", "fr.trigger.visit")


def test_normal_form_examples_run():
    import doctest

    import kg.extract.normal

    result = doctest.testmod(kg.extract.normal)
    assert result.attempted > 0 and result.failed == 0
