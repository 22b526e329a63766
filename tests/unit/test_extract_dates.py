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
    ("Für die kommende Woche ist der Besuch angekündigt", "2025-09"),
    ("kommendes Jahr", "2026"),
    ("a week ago", "2025-08-26"),
    ("Vor einer Woche war er in Moskau", "2025-08-26"),
    ("three days ago", "2025-08-30"),
    ("vor zwei Monaten", "2025-07"),
    ("20 years ago", "2005"),
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


@pytest.mark.parametrize("text, pub, expected", [
    ("vom 30. Mai bis 2. Juni", date(2024, 5, 20), ("2024-05-30", "2024-06-02")),
    ("from 30 May to 2 June 2024", None, ("2024-05-30", "2024-06-02")),
    ("May 30-June 2", date(2024, 5, 20), ("2024-05-30", "2024-06-02")),
    ("vom 28. Dezember bis 3. Januar 2026", None, ("2025-12-28", "2026-01-03")),
    ("from December 28, 2025 through January 3, 2026", None, ("2025-12-28", "2026-01-03")),
    ("from 12 to 14 May", date(2024, 5, 2), ("2024-05-12", "2024-05-14")),
    ("12-14 May", date(2024, 5, 2), ("2024-05-12", "2024-05-14")),
    ("from the 12th to 14th May", date(2024, 5, 2), ("2024-05-12", "2024-05-14")),
    ("vom 12. bis 14. Mai", date(2024, 5, 2), ("2024-05-12", "2024-05-14")),
    ("vom 12. bis einschließlich 14. Mai", date(2024, 5, 2), ("2024-05-12", "2024-05-14")),
])
def test_ranges_within_and_across_months_and_years(text, pub, expected):
    assert values(text, pub=pub, future=True) == [expected]


def test_two_dates_joined_by_and_stay_two_dates():
    assert values("met on 3 May 2024 and 5 June 2024") == [("2024-05-03", None), ("2024-06-05", None)]


@pytest.mark.parametrize("text, expected", [
    ("Assad travelled to Tehran in May last year", "2024-05"),
    ("im Mai vergangenen Jahres", "2024-05"),
    ("im März des Vorjahres", "2024-03"),
    ("im Oktober dieses Jahres", "2025-10"),
    ("in March next year", "2026-03"),
])
def test_a_month_of_a_year_named_relatively(text, expected):
    assert values(text) == [(expected, None)]


def test_a_month_planned_for_takes_the_next_one():
    assert values("Eine China-Reise plant Lula für März.", pub=date(2023, 2, 1)) == [("2023-03", None)]
    assert values("a trip planned for March", pub=date(2023, 5, 1)) == [("2024-03", None)]


@pytest.mark.parametrize("text, pub, future, expected", [
    ("Moon werde im Herbst Pjöngjang besuchen", date(2018, 4, 27), True, "2018"),
    ("im Frühjahr will Biden nach Ottawa reisen", date(2023, 1, 10), True, "2023"),
    ("im Herbst war er in Paris", date(2024, 2, 1), False, "2023"),
    ("beide sehen sich im Frühjahr wieder", date(2023, 1, 10), False, "2023"),  # no tense: the nearer spring
    ("in the spring of 2020", None, False, "2020"),
    ("Sommer 2019", None, False, "2019"),
    ("last summer", date(2024, 7, 10), False, "2023"),
    ("next winter", date(2024, 2, 1), False, "2024"),
])
def test_seasons_are_dated_by_their_year(text, pub, future, expected):
    assert values(text, pub=pub, future=future) == [(expected, None)]


def test_a_fall_that_is_no_season():
    assert values("after the fall of Kabul") == []


@pytest.mark.parametrize("text, pub, future, expected", [
    ("over the weekend", date(2022, 11, 11), True, ("2022-11-12", "2022-11-13")),  # Friday: the coming one
    ("am Wochenende", date(2022, 11, 14), False, ("2022-11-12", "2022-11-13")),  # Monday: the last one
    ("at the weekend", date(2022, 11, 13), False, ("2022-11-12", "2022-11-13")),  # Sunday: this one
    ("last weekend", date(2022, 11, 13), False, ("2022-11-05", "2022-11-06")),
    ("am kommenden Wochenende", date(2022, 11, 12), True, ("2022-11-19", "2022-11-20")),
])
def test_weekends_are_saturday_to_sunday(text, pub, future, expected):
    assert values(text, pub=pub, future=future) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("earlier this month", "2025-09"),
    ("later this month", "2025-09"),
    ("Ende des Monats", "2025-09"),
    ("Anfang des vergangenen Monats", "2025-08"),
    ("at the end of next month", "2025-10"),
    ("this week", "2025-09"),
    ("earlier this year", "2025"),
    ("Ende des Jahres", "2025"),
    ("this morning", "2025-09-02"),
    ("tonight", "2025-09-02"),
])
def test_this_month_this_year_and_today(text, expected):
    assert values(text) == [(expected, None)]


def test_last_and_next_weekday_never_mean_today():
    thursday = date(2022, 5, 26)
    assert values("last Thursday", pub=thursday) == [("2022-05-19", None)]
    assert values("am vergangenen Donnerstag", pub=thursday) == [("2022-05-19", None)]
    assert values("next Thursday", pub=thursday) == [("2022-06-02", None)]
    assert values("on Thursday", pub=thursday) == [("2022-05-26", None)]  # the same-day report
    assert values("on Thursday", pub=thursday, future=True) == [("2022-05-26", None)]


def test_weekday_ranges_without_a_date():
    assert values("Sullivan will be in Beijing Tuesday through Thursday", pub=date(2024, 8, 26), future=True) == [
        ("2024-08-27", "2024-08-29")]
    assert values("von Dienstag bis Donnerstag war er in Peking", pub=date(2024, 8, 30)) == [("2024-08-27", "2024-08-29")]


def test_the_dateline_is_the_reports_date_not_an_events():
    from kg.extract.dates import dateline
    text = "BEIJING, May 8 (Xinhua/Example Wire) - Kim held talks with Xi on Monday and Tuesday."
    assert values(text, pub=date(2018, 5, 9)) == [("2018-05-07", "2018-05-08")]
    assert dateline(text, date(2018, 5, 9)) == date(2018, 5, 8)
    assert dateline("BAMAKO, Feb 7 (Sahel Wire) — Lavrov arrived.", date(2024, 2, 8)) == date(2024, 2, 7)
    assert dateline("Kim held talks on May 8 (Tuesday).", date(2018, 5, 9)) is None


_PHRASES = [
    "vom 30. Mai bis 2. Juni", "May 30-June 2", "from the 12th to 14th May", "in May last year", "im März des Vorjahres",
    "für März", "im Herbst", "in the spring of 2020", "last summer", "over the weekend", "am kommenden Wochenende",
    "earlier this month", "Ende des Monats", "at the end of next month", "by the end of the month", "tonight", "this morning", "Tuesday through Thursday",
    "zwischen Montag und Mittwoch", "nächste Woche Freitag", "am Freitag kommender Woche", "übermorgen", "Sonntagabend",
    "am 3. Mai, zwei Tage später", "am 3. Mai, am Vortag", "on 3 May, the previous day", "on 3 May, a day after",
]


@pytest.mark.parametrize("text", _PHRASES)
def test_every_expression_begins_with_a_first_word(text):
    # the extractor only tries token starts whose normal form is in FIRST_WORDS (or a digit)
    from kg.extract.dates import FIRST_WORDS
    from kg.extract.normal import TOKEN_RE, norm
    sentence = f"Er sagte, {text} sei es so."
    starts = [m.start() for m in TOKEN_RE.finditer(sentence) if norm(m.group()) in FIRST_WORDS or m.group()[:1].isdigit()]
    assert find(sentence, PUB, False, starts) == find(sentence, PUB, False) != []


@pytest.mark.parametrize("text, expected", [
    ("arrived in Moscow on Friday from Kazakhstan, where he had held talks in Astana the day before", "2015-05-07"),
    ("began a visit to Mexico on Saturday, a day after a brief stop in Cuba", "2015-05-08"),  # the stop: before
    ("kam am 3. Mai an und reiste zwei Tage später weiter", "2015-05-05"),
    ("will travel to Kyiv next week Monday and to Moscow the following day", "2015-05-12"),
    ("landete am 4. Mai in Riad; am selben Tag traf er den Kronprinzen", "2015-05-04"),
    ("vom 4. bis 6. Mai in Paris, tags darauf in Berlin", "2015-05-07"),  # counted on from the last day
])
def test_days_counted_from_the_day_named_before(text, expected):
    assert values(text, pub=date(2015, 5, 9))[-1][0] == expected


def test_a_counted_day_without_a_day_before_it_needs_an_anchor():
    assert values("Er war am Vortag angekommen.", pub=date(2015, 5, 9)) == []
    assert [d.value for d in find("Er war am Vortag angekommen.", date(2015, 5, 9), anchor=date(2015, 5, 6))] == [
        ("2015-05-05", None)]
    assert values("in the days before the summit") == []


def test_dates_that_point_after_the_reference_day_say_so():
    saturday = date(2014, 7, 12)
    got = [(d.value, d.ahead) for d in find("flies to Brazil later on Saturday, later this week, last week, on Saturday", saturday)]
    assert got == [(("2014-07-12", None), True), (("2014-07", None), True), (("2014-07", None), False),
                   (("2014-07-12", None), False)]
    assert [d.value for d in find("later today", saturday)] == [("2014-07-12", None)]
    assert [d.ahead for d in find("am Samstagmorgen", saturday)] == [False]


def test_a_trip_dated_ahead_of_the_publication_day_is_still_to_come():
    from kg.extract import extract
    from kg.model import Article
    text = ("Vladimir Putin arrived in Buenos Aires on Saturday. Vladimir Putin flies to Brazil later on Saturday. "
            "Sergey Lavrov travels on to Eswatini and Angola later this week, the ministry said.")
    facts = extract(Article.from_text(text, published=date(2014, 7, 12)), LEXICON)
    assert [(v.host, v.status) for v in facts.visits] == [
        ("state/argentina", "Ongoing"), ("state/brazil", "Announced"), ("state/eswatini", "Announced"),
        ("state/angola", "Announced")]


def test_a_stay_between_two_days_is_one_range():
    assert values("between May 30 and June 2") == [("2025-05-30", "2025-06-02")]
    assert values("zwischen dem 30. Dezember und dem 2. Januar 2026") == [("2025-12-30", "2026-01-02")]
    assert values("on 3 May and 5 June") == [("2025-05-03", None), ("2025-06-05", None)]  # two days, not a stay
