"""Time expressions that date an event (kg.extract.timex)."""

from kg.extract.timex import leg_dates, sentence_dates, trip_dates
from kg.extract.triggers import find_triggers
from tests.extraction import read


def first(text, **kw):
    x = read(text, through="sentences", **kw)
    return x, x.doc.sentences[0]


def test_the_date_of_a_report_does_not_date_the_trip():
    x, s = first("Das Auswärtige Amt teilte am Freitag mit, dass Scholz am Montag nach Indien reist.")
    assert [d[:2] for d in sentence_dates(x.doc, s, True)] == [("2024-05-20", None)]


def test_seit_dates_no_event():
    x, s = first("Scholz reist seit 2019 regelmäßig nach Indien.")
    assert sentence_dates(x.doc, s, False) == []


def test_a_date_in_a_since_clause_dates_that_event_unless_it_tells_a_trip():
    x, s = first("It was his first visit to Jerusalem since his country lost the eastern half in the 1967 war.")
    assert sentence_dates(x.doc, s, False) == []
    x, s = first("It is the first visit since Barack Obama went to Kenya in July 2015.")
    assert [d[:2] for d in sentence_dates(x.doc, s, False)] == [("2015-07", None)]


def test_a_date_in_a_whose_clause_does_not_date_the_trip():
    x, s = first("Pence arrived in Tokyo with Fred Warmbier, whose son died last year.")
    assert trip_dates(x.doc, s, find_triggers(x.doc, s), False, [])[:2] == (None, None)


def test_each_leg_of_a_tour_keeps_its_own_dates():
    x, s = first("Biden flew to Poland from 20 to 21 May and to Lithuania from 22 to 23 May.")
    assert leg_dates(x.doc, s, "state/united-states", False) == {"state/poland": ("2024-05-20", "2024-05-21"),
                                                                   "state/lithuania": ("2024-05-22", "2024-05-23")}


def test_an_undated_arrival_in_the_perfect_is_the_day_of_publication():
    x, s = first("Biden ist in Vilnius gelandet.")
    assert trip_dates(x.doc, s, find_triggers(x.doc, s), False, []) == ("2024-05-15", None, True, False)
    x, s = first("Biden war in Vilnius gelandet.")
    assert trip_dates(x.doc, s, find_triggers(x.doc, s), False, [])[2] is False


def test_damals_takes_the_date_of_the_sentence_before():
    x, s = first("Damals reiste Scholz nach Indien.")
    assert trip_dates(x.doc, s, find_triggers(x.doc, s), False, [("2019-11-01", None, 0)])[:2] == ("2019-11-01", None)


def test_one_stay_over_two_states_is_split_per_leg():
    from kg.extract.timex import tour_legs
    assert tour_legs("2024-06-18", "2024-06-20", 3) == [("2024-06-18", None), ("2024-06", None), ("2024-06", "2024-06-20")]
    assert tour_legs("2024-06-29", "2024-07-02", 2) == [("2024-06-29", None), ("2024", "2024-07-02")]
    assert tour_legs("2024-06-18", None, 2) == [("2024-06-18", None)] * 2  # no stay: each leg as told


def test_a_range_over_two_states_dates_the_first_arrival_and_the_last_departure():
    from datetime import date

    from kg.extract import extract
    from kg.model import Article
    from tests.lexicon import LEXICON
    for text in ("Vladimir Putin will visit North Korea and Vietnam from June 18 to 20.",
                 "Wladimir Putin reist vom 18. bis 20. Juni nach Nordkorea und Vietnam."):
        facts = extract(Article.from_text(text, published=date(2024, 6, 17)), LEXICON)
        assert [(v.host, v.start, v.end, v.status) for v in facts.visits] == [
            ("state/north-korea", "2024-06-18", None, "Announced"), ("state/vietnam", "2024-06", "2024-06-20", "Announced")]


def test_relative_days_count_from_a_wire_datelines_day():
    from datetime import date

    from kg.extract import extract
    from kg.model import Article
    from tests.lexicon import LEXICON
    text = "SEOUL, June 17 (Yonhap) -- Russian President Vladimir Putin arrived in Pyongyang on Sunday, officials said."
    for published, want in ((date(2024, 6, 17), "2024-06-16"), (date(2024, 6, 19), "2024-06-16"), (date(2024, 7, 30), "2024-07-28")):
        facts = extract(Article.from_text(text, published=published), LEXICON)
        assert [v.start for v in facts.visits] == [want]  # a dateline older than a week is not the report's day


def test_the_day_a_trip_was_announced_or_reported_is_not_its_date():
    from datetime import date

    from kg.extract import extract
    from kg.model import Article
    from tests.lexicon import LEXICON
    wednesday = date(2024, 6, 19)
    for text, want in (
            ("Die am Montag angekündigte Reise von Wladimir Putin nach Nordkorea begann am Dienstag.", "2024-06-18"),
            ("Vladimir Putin's visit to North Korea, which the Kremlin confirmed on Monday, will begin on Friday.", "2024-06-21"),
            ("Vladimir Putin will visit North Korea, the Kremlin said on Monday.", None),
            ("Vladimir Putin, who arrived in Pyongyang late on Monday, told Kim Jong Un that ties were strong.", "2024-06-17")):
        assert [v.start for v in extract(Article.from_text(text, published=wednesday), LEXICON).visits] == [want]
