"""Date expressions resolved against the publication date (kg.extract.dates)."""

from datetime import date

import pytest

from kg.extract.dates import compatible, find
from tests.lexicon import LEXICON

PUB = date(2025, 9, 2)  # a Tuesday


def values(text, pub=PUB, future=False):
    return [d.value for d in find(text, pub, future)]


@pytest.mark.parametrize("text, expected", [
    ("am 25. April 2019 trafen sie sich", [("2019-04-25", None)]),
    ("zuletzt im November 2024", [("2024-11", None)]),
    ("Zuletzt war er 2019 in China.", [("2019", None)]),
    ("from January 4 to 7, 2026", [("2026-01-04", "2026-01-07")]),
    ("vom 4. bis 7. Januar 2026", [("2026-01-04", "2026-01-07")]),
    ("on June 20, 2023 he landed", [("2023-06-20", None)]),
    ("Stand: 21.02.2023 07:45 Uhr", [("2023-02-21", None)]),
])
def test_absolute_dates_keep_their_precision(text, expected):
    assert values(text) == expected


def test_weekday_resolves_backwards_in_past_tense_and_forwards_for_plans():
    assert values("am Sonntag reiste er ab") == [("2025-08-31", None)]
    assert values("am Sonntag wird er reisen", future=True) == [("2025-09-07", None)]
    assert values("am Dienstag") == [("2025-09-02", None)]  # the publication day itself


def test_month_without_year_takes_the_nearest_past_or_next_one():
    assert values("im Juli besuchte er", pub=date(2023, 9, 12)) == [("2023-07", None)]
    assert values("Ende Februar in Hanoi", pub=date(2019, 4, 23)) == [("2019-02", None)]
    assert values("his planned April visit", pub=date(2025, 10, 26), future=True) == [("2026-04", None)]


def test_day_without_year_goes_to_the_nearest_date():
    assert values("vom Sonntag bis Dienstag, dem 28. Oktober", pub=date(2025, 10, 26)) == [("2025-10-26", "2025-10-28")]


@pytest.mark.parametrize("text, expected", [
    ("Vergangene Woche hatte der Kreml", "2025-08"),
    ("last year in Singapore", "2024"),
    ("im vergangenen Jahr in Singapur", "2024"),
    ("in den kommenden Tagen", "2025-09"),
    ("gestern", "2025-09-01"),
    ("next month", "2025-10"),
])
def test_relative_expressions(text, expected):
    assert values(text)[0][0] == expected


def test_without_publication_date_relative_dates_stay_unresolved():
    assert values("am Dienstag reiste er", pub=None) == []
    assert values("im Juli", pub=None) == []
    assert values("im Juli 2023", pub=None) == [("2023-07", None)]


def test_numbers_that_are_not_dates():
    assert values("mehr als 1.000 Container und 20 Staatschefs") == []


def test_compatible_is_prefix_or_missing():
    assert compatible("2019-04", "2019-04-25")
    assert compatible(None, "2019")
    assert not compatible("2019-04", "2019-05")



# Trip dates at the precision the text gives, relative weekdays resolved against publication.
_TRIP_DATES = [
 ("President Yoon Suk Yeol will pay a state visit to the United States from April 24 to 30.", "2023-04-10", ("2023-04-24","2023-04-30")),
 ("Präsident Yoon Suk Yeol reist vom 24. bis 30. April zu einem Staatsbesuch in die USA.", "2023-04-10", ("2023-04-24","2023-04-30")),
 ("Präsident Yoon Suk Yeol reist vom 24. bis zum 30. April 2023 in die USA.", "2023-04-10", ("2023-04-24","2023-04-30")),
 ("Kishida arrived in Kyiv on March 21.", "2023-03-22", ("2023-03-21",None)),
 ("Kishida ist am 21. März in Kiew eingetroffen.", "2023-03-22", ("2023-03-21",None)),
 ("Kishida ist am Dienstag überraschend in Kiew eingetroffen.", "2023-03-21", ("2023-03-21",None)),
 ("Kishida traveled to Kyiv on Tuesday, March 21.", "2023-03-22", ("2023-03-21",None)),
 ("Sullivan will be in Beijing from Tuesday to Thursday.", "2024-08-26", ("2024-08-27","2024-08-29")),
 ("Sullivan hält sich von Dienstag bis Donnerstag in Peking auf.", "2024-08-26", ("2024-08-27","2024-08-29")),
 ("Sullivan reist von Dienstag bis Donnerstag nach Peking.", "2024-08-26", ("2024-08-27","2024-08-29")),
 ("Shoigu arrived in Pyongyang on Tuesday for a three-day visit.", "2023-07-26", ("2023-07-25",None)),
 ("Steinmeier war im Oktober 2022 mit dem Zug nach Kiew gereist.", "2023-01-10", ("2022-10",None)),
 ("Zelensky arrived in Washington on Wednesday, Dec. 21.", "2022-12-22", ("2022-12-21",None)),
 ("Selenskyj ist am Mittwochabend in Washington eingetroffen.", "2022-12-22", ("2022-12-21",None)),
 ("Orbán traf am 2. Juli in Kiew ein.", "2024-07-10", ("2024-07-02",None)),
 ("Orbán reiste am Freitag nach Moskau.", "2024-07-06", ("2024-07-05",None)),
 ("Kim Jong Un arrived in Singapore on Sunday afternoon aboard an Air China Boeing 747.", "2018-06-10", ("2018-06-10",None)),
]


@pytest.mark.parametrize("text,published,want", _TRIP_DATES)
def test_trip_dates(text, published, want):
    from datetime import date as _date

    from kg.extract import extract as _extract
    from kg.model import Article as _Article
    facts = _extract(_Article.from_text(text, published=_date.fromisoformat(published)), LEXICON)
    assert [(v.start, v.end) for v in facts.visits] == [want]


def test_a_genitive_weekday_is_a_day_but_a_habitual_one_is_not():
    # "des Sonntags" after a time of day names last Sunday; "sonntags" alone means every Sunday
    assert values("in den frühen Morgenstunden des Sonntags") == [("2025-08-31", None)]
    assert values("sonntags ruht die Arbeit") == []


@pytest.mark.parametrize("phrase,value", [
    ("am Donnerstag und Freitag", ("2024-05-16", "2024-05-17")),
    ("on Thursday and Friday", ("2024-05-16", "2024-05-17")),
    ("next week Friday", ("2024-05-24", None)),
    ("nächste Woche Freitag", ("2024-05-24", None)),
    ("am Freitag kommender Woche", ("2024-05-24", None)),
    ("on Friday next week", ("2024-05-24", None)),
    ("am Freitag", ("2024-05-17", None)),
])
def test_weekday_pairs_and_weekdays_of_next_week(phrase, value):
    assert [d.value for d in find(phrase, date(2024, 5, 13), True)] == [value]  # published on a Monday
