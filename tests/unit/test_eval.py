"""Scoring: visit matching within three days, the strict figure, and the error counts."""

from datetime import date

from kg.eval import COUNTS, score_article
from kg.model import Article, ArticleFacts, Entity, Evidence, Visit

CAPTION = "Kim Jong Un steigt in Peking aus dem Zug. Foto: KCNA"


def facts(*visits, entities=()):
    a = Article.from_text("", published=date(2025, 9, 4))
    return ArticleFacts(article=a, extractor="test", visits=list(visits), entities=list(entities))


def visit(start, status="Ongoing", met=(), quote="Kim reiste nach Peking."):
    return Visit("person/kim-jong-un", "state/china", status, start=start, met=list(met),
                 evidence=[Evidence(0, len(quote), quote)])


GOLD = {"visits": [{"traveller": "Kim Jong Un", "host": "China", "start": "2025-09-02", "status": "Ongoing",
                    "met": ["Xi Jinping"], "to_meet": ["Vladimir Putin"]}],
        "captions": [CAPTION]}


def test_start_within_three_days_matches_but_not_strictly():
    s = score_article(facts(visit("2025-09-04")), GOLD)
    assert (s["visits"].tp, s["visits_strict"].tp, s["visits_strict"].fp) == (1, 0, 1)
    assert (s["gold_days"], s["exact_days"]) == (1, 0)
    s = score_article(facts(visit("2025-09-06")), GOLD)
    assert (s["visits"].tp, s["visits"].fp, s["visits"].fn) == (0, 1, 1)


def test_exact_start_status_and_meetings():
    s = score_article(facts(visit("2025-09-02", met=["person/xi-jinping"])), GOLD)
    assert (s["visits_strict"].tp, s["exact_days"], s["status"].tp, s["meetings"].tp) == (1, 1, 1, 1)
    assert all(s[c] == 0 for c in COUNTS if c not in ("gold_days", "exact_days"))


def test_error_counts():
    twice = visit("2025-09-03", status="Completed", quote=CAPTION)
    kim = Entity("person/kim-jong-un", "Person", "Kim Jong Un", aliases=["Kims", "Kim Jong-un"])
    s = score_article(facts(visit("2025-09-02", met=["person/xi-jinping", "person/vladimir-putin"]), twice, entities=[kim]), GOLD)
    assert s["planned_as_met"] == 1
    assert s["caption_evidence"] == 1
    assert s["duplicate_visits"] == 1
    assert s["two_statuses"] == 1
    assert s["bad_alt_names"] == 1


def test_older_gold_without_new_keys_scores():
    old = {"visits": [{"traveller": "Kim Jong Un", "host": "China", "start": "2025-09"}]}
    s = score_article(facts(visit("2025-09-02")), old)
    assert s["visits"].tp == 1 and s["planned_as_met"] == 0 and s["caption_evidence"] == 0


def test_someone_met_and_due_to_be_met_again_is_no_planned_meeting_as_met():
    again = {"visits": [dict(GOLD["visits"][0], met=["Xi Jinping"], to_meet=["Xi Jinping", "Vladimir Putin"])]}
    s = score_article(facts(visit("2025-09-02", met=["person/xi-jinping"])), again)
    assert s["planned_as_met"] == 0 and s["meetings"].tp == 1
    s = score_article(facts(visit("2025-09-02", met=["person/xi-jinping", "person/vladimir-putin"])), again)
    assert s["planned_as_met"] == 1
