"""Merging one trip reported by several articles; keeping distinct trips apart."""

from datetime import date

from kg.merge import assign_event_keys
from kg.model import Article, ArticleFacts, Visit


def facts(article_id: str, published: date, *visits: Visit) -> ArticleFacts:
    return ArticleFacts(Article(article_id, article_id, "", "0", published), "test/0", visits=list(visits))


def test_day_and_month_reports_of_one_trip_merge():
    a = facts("a", date(2023, 9, 14), Visit("person/kim", "state/russia", "Ongoing", start="2023-09-13"))
    b = facts("b", date(2023, 10, 18), Visit("person/kim", "state/russia", "Completed", start="2023-09"))
    keys = assign_event_keys([a, b])
    assert keys["a"][0] == keys["b"][0] == ["visit/kim-to-russia-2023-09"]


def test_an_undated_announcement_joins_the_trip_that_followed():
    a = facts("a", date(2019, 4, 23), Visit("person/kim", "state/russia", "Announced"))
    b = facts("b", date(2019, 4, 26), Visit("person/kim", "state/russia", "Completed", start="2019-04-25"))
    keys = assign_event_keys([a, b])
    assert keys["a"][0] == keys["b"][0]


def test_distinct_trips_stay_distinct():
    a = facts("a", date(2023, 9, 12), Visit("person/kim", "state/russia", "Announced"),
              Visit("person/kim", "state/russia", "Completed", start="2019-04"))
    b = facts("b", date(2024, 6, 19), Visit("person/putin", "state/north-korea", "Ongoing", start="2024-06-19"))
    keys = assign_event_keys([a, b])
    assert len(set(keys["a"][0])) == 2
    assert keys["b"][0][0] not in keys["a"][0]


def test_keys_do_not_depend_on_article_order():
    a = facts("a", date(2023, 9, 14), Visit("person/kim", "state/russia", "Ongoing", start="2023-09-13"))
    b = facts("b", date(2023, 9, 12), Visit("person/kim", "state/russia", "Announced"))
    assert assign_event_keys([a, b]) == assign_event_keys([b, a])
