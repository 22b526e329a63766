"""Visits from one-paragraph articles about real trips, German and English (kg.extract)."""

import pytest
from datetime import date

from kg.extract import extract
from kg.model import Article
from tests.lexicon import LEXICON


def article(text, published=None, id="t"):
    return Article.from_text(text, id=id, published=published)


def visits(text, published=None):
    return [(v.traveller, v.host, v.status, v.start) for v in extract(article(text, published), LEXICON).visits]


def one(text, published=None):
    vs = extract(article(text, published), LEXICON).visits
    assert len(vs) == 1, [(v.traveller, v.host) for v in vs]
    return vs[0]


def test_modi_state_visit_to_washington_english():
    v = one("Indian Prime Minister Narendra Modi arrived in Washington on Wednesday for a state visit at the "
            "invitation of President Joe Biden. He travelled aboard Air India One.", date(2023, 6, 22))
    assert (v.traveller, v.host, v.start, v.kind) == ("person/narendra-modi", "state/united-states", "2023-06-21", "StateVisit")
    assert v.places == ["place/washington-d-c"] and v.invited_by == "person/joe-biden"


def test_macron_in_beijing_with_meeting():
    v = one("French President Emmanuel Macron arrived in Beijing on April 5, 2023 for a three-day state visit "
            "and met Chinese President Xi Jinping for talks.", date(2023, 4, 7))
    assert (v.host, v.start, v.status) == ("state/china", "2023-04-05", "Ongoing")  # day 3 of 3 on publication
    assert v.met == ["person/xi-jinping"]
    v = one("French President Emmanuel Macron arrived in Beijing on April 5, 2023 for a three-day state visit "
            "and met Chinese President Xi Jinping for talks.", date(2023, 4, 12))
    assert v.status == "Completed"


def test_scholz_in_kyiv_by_train_german():
    v = one("Bundeskanzler Olaf Scholz ist am Dienstag mit dem Sonderzug zu einem Besuch in Kiew eingetroffen.",
            date(2022, 6, 14))
    assert (v.traveller, v.host, v.start, v.transport) == ("person/olaf-scholz", "state/ukraine", "2022-06-14", "Train")
    assert v.status == "Ongoing"


def test_blinken_announced_trip_to_seoul():
    v = one("U.S. Secretary of State Antony Blinken will travel to Seoul next week for talks with Foreign Minister Cho Tae-yul.",
            date(2024, 11, 1))
    assert (v.traveller, v.host, v.status, v.start) == ("person/antony-blinken", "state/south-korea", "Announced", "2024-11")
    assert v.met == []  # the talks are still to come


def test_historical_mention_is_a_completed_visit():
    assert visits("Kim Jong-un verlässt sein Land selten. Zuletzt war Nordkoreas Machthaber 2019 in China.",
                  date(2025, 9, 2)) == [("person/kim-jong-un", "state/china", "Completed", "2019")]


def test_denials_and_speculation_are_not_visits():
    assert visits("Ein Besuch von Donald Trump in Nordkorea ist nicht geplant.", date(2025, 10, 26)) == []
    assert visits("Es gibt Spekulationen über eine Reise von Kim Jong-un nach Moskau.", date(2025, 10, 26)) == []
    assert visits("Whether Kim Jong Un will travel to Washington is unclear; speculation about a trip is growing.",
                  date(2025, 10, 26)) == []


def test_cancelled_trip():
    v = one("Secretary of State Antony Blinken postponed his trip to Beijing, which had been cancelled over the balloon.",
            date(2023, 2, 3))
    assert (v.host, v.status) == ("state/china", "Cancelled")


def test_two_host_states_in_one_sentence_and_the_origin_is_not_a_host():
    got = visits("Außenministerin Choe Son-hui hat Pjöngjang in Richtung Russland und Belarus verlassen.", date(2025, 10, 26))
    assert sorted(h for _, h, _, _ in got) == ["state/belarus", "state/russia"]


def test_pronoun_continues_the_current_traveller_and_invitation():
    v = one("Kremlchef Wladimir Putin ist in Pjöngjang eingetroffen. Er folgte einer Einladung von Kim Jong-un und wird "
            "zwei Tage bleiben.", date(2024, 6, 19))
    assert (v.traveller, v.host, v.invited_by) == ("person/vladimir-putin", "state/north-korea", "person/kim-jong-un")


def test_evidence_quotes_index_the_original_text():
    text = "Bild generiert von KI\n\nSergej Lawrow ist am Montag in Nordkorea eingetroffen.\nKommentar (0)"
    facts = extract(article(text, date(2023, 10, 18)), LEXICON)
    (v,) = facts.visits
    for ev in v.evidence + [c.evidence for c in v.claims]:
        assert text[ev.start:ev.end] == ev.quote
    assert v.evidence[0].quote == "Sergej Lawrow ist am Montag in Nordkorea eingetroffen."


def test_summit_during_visit_links_to_it():
    facts = extract(article("Laut TASS besuchte Kim Jong-un Russland im April 2019, als er und Wladimir Putin sich in "
                            "Wladiwostok zum ersten Gipfeltreffen trafen.", date(2023, 9, 12)), LEXICON)
    (v,) = facts.visits
    assert v.met == ["person/vladimir-putin"] and v.places == ["place/vladivostok"]
    (s,) = facts.summits
    assert set(s.participants) == {"person/kim-jong-un", "person/vladimir-putin"}
    assert s.during_visit == 0 and s.start == "2019-04"


def test_visit_by_someone_and_the_capital_by_adjective():
    v = one("Der Besuch von Frankreichs Präsident Emmanuel Macron in Peking dauerte drei Tage.", date(2023, 4, 8))
    assert (v.traveller, v.host) == ("person/emmanuel-macron", "state/china")
    v = one("Narendra Modi traf am Freitag in der ukrainischen Hauptstadt ein.", date(2024, 8, 23))
    assert (v.host, v.places, v.start) == ("state/ukraine", ["place/kyiv"], "2024-08-23")


def test_meeting_abroad_is_a_visit_and_going_home_is_not():
    v = one("Der türkische Präsident Recep Tayyip Erdoğan ist am Montag im russischen Kurort Sotschi mit Kremlchef "
            "Wladimir Putin zusammengetroffen.", date(2023, 9, 4))
    assert (v.traveller, v.host, v.start, v.met) == ("person/recep-tayyip-erdogan", "state/russia", "2023-09-04",
                                                     ["person/vladimir-putin"])
    assert visits("Ursula von der Leyen flew back to Brussels after the talks.", date(2023, 4, 7)) == []


def test_hosts_who_receive_or_greet_the_traveller_are_met():
    v = one("Xi Jinping ist am Montag in Moskau eingetroffen. Auf dem Flughafen, wo ihn Vizeregierungschef Dmitri "
            "Tschernyschenko empfingen, spielte eine Kapelle.", date(2023, 3, 20))
    assert v.met == ["person/dmitry-chernyshenko"]
    v = one("Russian President Vladimir Putin arrived in Pyongyang on Wednesday and was greeted on the tarmac by "
            "North Korean leader Kim Jong Un.", date(2024, 6, 19))
    assert v.met == ["person/kim-jong-un"] and v.start == "2024-06-19"


def test_two_day_lists_are_ranges():
    v = one("Am 8. und 9. Juli hatte Narendra Modi Moskau besucht.", date(2024, 8, 23))
    assert (v.host, v.start, v.end, v.status) == ("state/russia", "2024-07-08", "2024-07-09", "Completed")


def test_plural_trips_with_a_year_list_are_one_visit_a_year():
    got = visits("Brasiliens Präsident Lula da Silva ist am Freitag in Peking eingetroffen. Für Lula ist es der dritte "
                 "China-Besuch als Staatschef, nach Reisen in den Jahren 2004 und 2009.", date(2023, 4, 14))
    assert sorted(got) == [("person/luiz-inacio-lula-da-silva", "state/china", "Completed", "2004"),
                           ("person/luiz-inacio-lula-da-silva", "state/china", "Completed", "2009"),
                           ("person/luiz-inacio-lula-da-silva", "state/china", "Ongoing", "2023-04-14")]


def test_a_framing_trip_does_not_steal_the_destination():
    v = one("Vor der Weiterfahrt nach Kiew war Narendra Modi am Mittwoch in Warschau, wo er Ministerpräsident Donald Tusk "
            "traf.", date(2024, 8, 23))
    assert (v.host, v.start, v.met) == ("state/poland", "2024-08-21", ["person/donald-tusk"])


def _facts(text, published):
    from kg.extract import extract
    return extract(article(text, published, id="s"), LEXICON)


def test_a_summit_held_abroad_is_a_visit_of_each_leader_who_came():
    from datetime import date
    facts = _facts("US-Präsident Joe Biden und Chinas Staatschef Xi Jinping trafen sich im November 2022 auf Bali in "
                   "Indonesien zu einem Gipfel.", date(2023, 1, 10))
    got = sorted((v.traveller, v.host, v.start, v.status) for v in facts.visits)
    assert got == [("person/joe-biden", "state/indonesia", "2022-11", "Completed"),
                   ("person/xi-jinping", "state/indonesia", "2022-11", "Completed")]
    assert facts.summits and facts.summits[0].during_visit is not None
    assert all(v.evidence and "Gipfel" in v.evidence[0].quote for v in facts.visits)


def test_english_met_in_a_city_and_the_host_stays_home():
    from datetime import date
    facts = _facts("Russian President Vladimir Putin and North Korean leader Kim Jong Un met in Vladivostok in "
                   "April 2019 for their first summit.", date(2019, 5, 2))
    assert sorted((v.traveller, v.host, v.start) for v in facts.visits) == [("person/kim-jong-un", "state/russia", "2019-04")]
    assert facts.visits[0].met == ["person/vladimir-putin"]


def test_an_announced_summit_gives_announced_visits_and_no_duplicate_of_a_stated_trip():
    from datetime import date
    facts = _facts("Kim Jong Un ist am Sonntag in Singapur eingetroffen. Das Gipfeltreffen mit US-Präsident Donald Trump "
                   "in Singapur soll am Dienstag stattfinden.", date(2018, 6, 10))
    got = sorted((v.traveller, v.host, v.status) for v in facts.visits)
    assert got == [("person/donald-trump", "state/singapore", "Announced"),
                   ("person/kim-jong-un", "state/singapore", "Ongoing")]


def test_war_in_a_country_is_not_where_a_summit_was_held():
    from datetime import date
    facts = _facts("Xi Jinping und Emmanuel Macron sprachen bei ihrem Treffen in Peking auch über den Krieg in der "
                   "Ukraine.", date(2023, 4, 7))
    assert ("person/xi-jinping", "state/ukraine") not in {(v.traveller, v.host) for v in facts.visits}
    assert ("person/emmanuel-macron", "state/china") in {(v.traveller, v.host) for v in facts.visits}


# Trip verbs and nouns, tense and cue words, both languages; published on Wednesday 15 May 2024.
_COVERAGE = [
    ("Außenministerin Annalena Baerbock reiste am Montag nach Peking.", ("china", "Completed")),
    ("Außenministerin Annalena Baerbock reist nächste Woche nach Peking.", ("china", "Announced")),
    ("Bundeskanzler Olaf Scholz traf am Dienstag in Peking ein.", ("china", "Completed")),
    ("Bundeskanzler Olaf Scholz wird am Freitag in Peking eintreffen.", ("china", "Announced")),
    ("Bundeskanzler Olaf Scholz ist in Peking eingetroffen.", ("china", "Ongoing")),
    ("Bundeskanzler Olaf Scholz landete am Dienstag in Peking.", ("china", "Completed")),
    ("Bundeskanzler Olaf Scholz besuchte am Dienstag Japan.", ("japan", "Completed")),
    ("Bundeskanzler Olaf Scholz besucht derzeit Japan.", ("japan", "Ongoing")),
    ("Bundeskanzler Olaf Scholz ist zu Besuch in Tokio.", ("japan", "Ongoing")),
    ("Bundespräsident Frank-Walter Steinmeier ist zu einem Staatsbesuch in Japan eingetroffen.", ("japan", "Ongoing")),
    ("Bundespräsident Frank-Walter Steinmeier bricht am Sonntag zu einem Staatsbesuch nach Japan auf.", ("japan", "Announced")),
    ("Die Visite von Bundeskanzler Olaf Scholz in Tokio dauerte zwei Tage.", ("japan", "Completed")),
    ("Bundeskanzler Olaf Scholz brach am Montag nach Tokio auf.", ("japan", "Completed")),
    ("Bundeskanzler Olaf Scholz reiste am Dienstag nach Südkorea weiter.", ("south-korea", "Completed")),
    ("Prime Minister Rishi Sunak travelled to Japan on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak flew to Tokyo on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak went to Tokyo on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak arrived in Tokyo on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak landed in Tokyo on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak visited Japan on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak was in Tokyo on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak is in Tokyo for talks.", ("japan", "Ongoing")),
    ("Sunak's trip to Japan ended on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak will make a state visit to Japan next week.", ("japan", "Announced")),
    ("Prime Minister Rishi Sunak will visit Japan next week.", ("japan", "Announced")),
    ("Prime Minister Rishi Sunak is due to visit Japan next week.", ("japan", "Announced")),
    ("Prime Minister Rishi Sunak is expected in Tokyo next week.", ("japan", "Announced")),
    ("Prime Minister Rishi Sunak set off for Tokyo on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak stopped in Singapore on his way to Tokyo on Monday.", ("singapore", "Completed")),
    ("Prime Minister Rishi Sunak made a surprise visit to Ukraine on Monday.", ("ukraine", "Completed")),
    ("US President Donald Trump crossed into North Korea on Sunday.", ("north-korea", "Completed")),
    ("Bundeskanzler Olaf Scholz hat seine Reise nach Japan abgesagt.", ("japan", "Cancelled")),
    ("Bundeskanzler Olaf Scholz hat seine Reise nach Japan verschoben.", ("japan", "Cancelled")),
    ("Prime Minister Rishi Sunak has postponed his trip to Japan.", ("japan", "Cancelled")),
    ("Prime Minister Rishi Sunak called off his visit to Japan.", ("japan", "Cancelled")),
    ("Prime Minister Rishi Sunak cancelled his visit to Japan.", ("japan", "Cancelled")),
    # denials and speculation: no visit at all
    ("Eine Reise von Bundeskanzler Olaf Scholz nach Japan ist nicht geplant.", None),
    ("Bundeskanzler Olaf Scholz hat keine Pläne, nach Japan zu reisen.", None),
    ("Die Regierung dementierte, dass Bundeskanzler Olaf Scholz nach Japan reisen werde.", None),
    ("Es gibt Spekulationen über eine Reise von Bundeskanzler Olaf Scholz nach Japan.", None),
    ("Prime Minister Rishi Sunak is rumoured to be planning a trip to Japan.", None),
    ("Downing Street said Prime Minister Rishi Sunak has no plans to visit Japan.", None),
    ("Unconfirmed reports say Prime Minister Rishi Sunak will travel to Japan.", None),
    ("Prime Minister Rishi Sunak could visit Japan later this year.", None),
    ("Prime Minister Rishi Sunak might travel to Japan later this year.", None),
    # refusals, denied reports and aborted trips
    ("Prime Minister Rishi Sunak refused to travel to Japan.", None),
    ("Prime Minister Rishi Sunak declined an invitation to visit Japan.", None),
    ("Bundeskanzler Olaf Scholz lehnte eine Reise nach Japan ab.", None),
    ("Berichte, wonach Bundeskanzler Olaf Scholz nach Japan reisen werde, wurden dementiert.", None),
    ("Berichte, wonach Bundeskanzler Olaf Scholz nach Japan reisen könnte, wurden in Berlin nicht bestätigt.", None),
    ("Downing Street declined to comment on Prime Minister Rishi Sunak's visit to Japan on Monday.", ("japan", "Completed")),
    ("Prime Minister Rishi Sunak's trip to Japan was aborted after a technical fault.", ("japan", "Cancelled")),
    # a trip told as done stays so whatever the sentence plans next
    ("Prime Minister Rishi Sunak arrived in Tokyo on Friday and is expected to meet the emperor on Sunday.", ("japan", "Ongoing")),
    ("Bundeskanzler Olaf Scholz ist am Freitag in Tokio eingetroffen und soll am Sonntag den Kaiser treffen.", ("japan", "Ongoing")),
]


@pytest.mark.parametrize("text,want", _COVERAGE)
def test_trip_words_statuses_and_doubts(text, want):
    from datetime import date
    # published on the Saturday after: trips told of the last two days would still be under way
    got = [(v.host.split("/")[1], v.status) for v in _facts(text, date(2024, 5, 18)).visits]
    assert got == ([] if want is None else [want])


def test_a_trip_begun_in_the_last_two_days_is_under_way_unless_told_over():
    from datetime import date
    wednesday = date(2024, 5, 15)
    for text in ("Bundeskanzler Olaf Scholz ist am Montag nach Tokio aufgebrochen.",
                 "Prime Minister Rishi Sunak arrived in Tokyo on Monday.", "Prime Minister Rishi Sunak flew to Tokyo on Monday."):
        assert [(v.host, v.status) for v in _facts(text, wednesday).visits] == [("state/japan", "Ongoing")]
    for text in ("Sunak's trip to Japan ended on Monday.", "Die Reise von Bundeskanzler Olaf Scholz nach Japan endete am Montag.",
                 "US President Donald Trump crossed into Japan on Sunday.",  # over, or three days ago
                 "Prime Minister Rishi Sunak arrived in Seoul from Japan, where he had held talks on Monday."):
        assert [(v.host, v.status) for v in _facts(text, wednesday).visits if v.host == "state/japan"] == [
            ("state/japan", "Completed")]


def test_a_trip_on_the_programme_is_still_to_come_and_its_host_not_yet_met():
    from datetime import date
    saturday = date(2024, 5, 18)
    for text in ("Bundeskanzler Olaf Scholz ist in Japan. Am Montag steht ein Besuch bei Präsident Yoon Suk Yeol in Südkorea "
                 "auf dem Programm.", "Prime Minister Rishi Sunak is in Japan. A visit to South Korea on Monday is also on his "
                 "itinerary."):
        got = [(v.host, v.status, v.start, v.met) for v in _facts(text, saturday).visits]
        assert got[-1] == ("state/south-korea", "Announced", "2024-05-20", [])


def test_weiterreisen_adds_the_next_leg():
    from datetime import date
    facts = _facts("Bundeskanzler Olaf Scholz ist in Japan. Am Donnerstag reist er nach Südkorea weiter.", date(2024, 5, 15))
    assert sorted((v.host, v.status) for v in facts.visits) == [("state/japan", "Ongoing"),
                                                                ("state/south-korea", "Announced")]


def test_legs_before_and_after_are_visits_too():
    from datetime import date
    got = _facts("Nach seinem Besuch in Japan machte Bundeskanzler Olaf Scholz einen Abstecher nach Südkorea.",
                 date(2024, 5, 15)).visits
    assert sorted((v.host, v.status) for v in got) == [("state/japan", "Completed"), ("state/south-korea", "Completed")]
    got = _facts("Nach einem Besuch in Neu-Delhi reiste Premier Fumio Kishida am Dienstag mit dem Zug nach Kiew.",
                 date(2023, 3, 22)).visits
    assert sorted((v.host, v.start) for v in got) == [("state/india", None), ("state/ukraine", "2023-03-21")]
    facts = _facts("Vor der Weiterreise nach Polen traf Premier Fumio Kishida in Kiew Präsident Wolodymyr Selenskyj.",
                   date(2023, 3, 22))
    assert sorted((v.host, v.met) for v in facts.visits) == [("state/poland", []),
                                                             ("state/ukraine", ["person/volodymyr-zelenskyy"])]
    # verb-second: the person after "traf" is its subject when nobody stands before the verb
    assert {v.traveller for v in facts.visits} == {"person/fumio-kishida"}


def test_a_when_clause_takes_the_date_before_it():
    from datetime import date
    facts = _facts("Es ist der erste Besuch eines deutschen Kanzlers in Indien seit 2019, als Angela Merkel Neu-Delhi "
                   "besuchte.", date(2023, 2, 25))
    assert [(v.traveller, v.host, v.start) for v in facts.visits] == [("person/angela-merkel", "state/india", "2019")]


@pytest.mark.parametrize("text", [
    "Donald Trump became the first sitting US president to set foot in North Korea on Sunday.",
    "Trump stepped across the demarcation line into North Korea on Sunday.",
    "Trump überschritt am Sonntag die Demarkationslinie nach Nordkorea.",
])
def test_crossing_a_border_on_foot_is_a_visit(text):
    from datetime import date
    got = [(v.traveller, v.host, v.start) for v in _facts(text, date(2019, 7, 1)).visits]
    assert got == [("person/donald-trump", "state/north-korea", "2019-06-30")]


def test_german_will_with_a_trip_is_a_plan():
    from datetime import date
    got = [(v.host, v.status, v.start) for v in _facts("Putin will im Oktober nach Peking reisen, kündigte der Kreml an.",
                                                          date(2019, 4, 24)).visits]
    assert got == [("state/china", "Announced", "2019-10")]


def test_a_fronted_date_dates_a_long_sentence():
    from datetime import date
    facts = _facts("Im April waren stattdessen der polnische Präsident Andrzej Duda und die Präsidenten der baltischen "
                   "Staaten nach Kiew gereist.", date(2022, 10, 25))
    assert [(v.traveller, v.host, v.start) for v in facts.visits] == [("person/andrzej-duda", "state/ukraine", "2022-04")]


def test_pronoun_after_a_background_trip_refers_to_the_person_just_named():
    text = ("Indian Prime Minister Narendra Modi arrived in Washington on Wednesday for a state visit. "
            "The last Indian leader honoured this way was Manmohan Singh, who travelled to Washington in November 2009. "
            "Modi has courted Japan for years. Last month he travelled to Hiroshima for the G7 summit.")
    got = visits(text, date(2023, 6, 22))
    assert ("person/narendra-modi", "state/japan", "Completed", "2023-05") in got, got
    assert not any(t == "person/manmohan-singh" and h == "state/japan" for t, h, _, _ in got), got


def test_a_trip_someone_may_make_is_speculation_not_a_plan():
    hedged = ("Indian media have said that Prime Minister Narendra Modi may visit Moscow later this year, "
              "but the Kremlin has not commented on the reports.")
    assert visits(hedged, date(2024, 3, 1)) == []
    firm = "Prime Minister Narendra Modi will visit Moscow in July for talks with President Vladimir Putin."
    assert [(t, h) for t, h, _, _ in visits(firm, date(2024, 6, 20))] == [("person/narendra-modi", "state/russia")]


def test_the_agent_of_a_passive_welcome_is_the_host_not_a_traveller():
    text = ("Brazilian President Luiz Inacio Lula da Silva arrived in Beijing on Thursday for a state visit. "
            "The Brazilian president was welcomed by Xi Jinping at the Great Hall of the People.")
    vs = extract(article(text, date(2023, 4, 14)), LEXICON).visits
    assert [(v.traveller, v.host) for v in vs] == [("person/luiz-inacio-lula-da-silva", "state/china")]
    assert "person/xi-jinping" in vs[0].met


def test_what_a_state_expects_from_another_is_no_expected_guest():
    text = ("Russlands Präsident Wladimir Putin ist am Montag in Neu-Delhi eingetroffen.\n"
            "Lesen Sie auch: Was Pakistan von China erwartet\n")
    got = visits(text, date(2021, 12, 7))
    assert [(t, h) for t, h, _, _ in got] == [("person/vladimir-putin", "state/india")], got
    assert visits("What Brazil expects from China", date(2023, 4, 14)) == []


def test_the_place_of_a_reporting_clause_is_not_the_destination():
    text = ("In Paris hieß es, der Staatsbesuch von Indiens Premier Narendra Modi in Washington "
            "sei ein Signal an Peking.")
    got = visits(text, date(2023, 6, 22))
    assert not any(h == "state/france" for _, h, _, _ in got), got
    here = visits("In Peking wurde Scholz am Freitag von Xi empfangen, sagte ein Sprecher.", date(2022, 11, 4))
    assert [(t, h) for t, h, _, _ in here] == [("person/olaf-scholz", "state/china")]


def test_an_arrival_without_a_known_place_still_dates_the_trip():
    text = ("Indian Prime Minister Narendra Modi will be welcomed with a 21-gun salute at the White House on "
            "Thursday morning, the high point of his state visit. Modi landed at Joint Base Andrews on Tuesday afternoon.")
    v = one(text, date(2023, 6, 22))
    assert (v.traveller, v.host, v.start) == ("person/narendra-modi", "state/united-states", "2023-06-20")


def test_a_planned_stopover_on_the_way_home_is_the_next_leg():
    text = ("Brasiliens Präsident Luiz Inácio Lula da Silva ist am Donnerstag in Peking eingetroffen. "
            "Am Freitag traf er Staatschef Xi Jinping. Für Samstag ist auf der Rückreise ein Zwischenhalt in Abu Dhabi "
            "geplant. Dort will der Brasilianer mit dem emiratischen Präsidenten Mohammed bin Zayed zusammenkommen.")
    got = visits(text, date(2023, 4, 14))
    assert ("person/luiz-inacio-lula-da-silva", "state/united-arab-emirates", "Announced", "2023-04-15") in got, got
    assert all(t == "person/luiz-inacio-lula-da-silva" for t, _, _, _ in got), got


@pytest.mark.parametrize("text,published,host", [
    ("House Speaker Kevin McCarthy led a congressional delegation to Israel on April 30.", date(2023, 6, 1), "state/israel"),
    ("Senate Majority Leader Chuck Schumer led a bipartisan delegation to the Chinese capital in October 2023.",
     date(2023, 11, 1), "state/china"),
])
def test_leading_a_delegation_somewhere_is_a_trip_of_the_leader(text, published, host):
    got = visits(text, published)
    assert [(h, st) for _, h, st, _ in got] == [(host, "Completed")], got
    assert visits("Sie führte die Delegation in den Gesprächen mit der Weltbank.", date(2023, 6, 1)) == []


def test_leaving_home_early_on_a_named_day_starts_the_trip_that_day():
    text = ("Indiens Premier Narendra Modi ist in den USA angekommen. Am heutigen Donnerstag trifft er Präsident "
            "Joe Biden. Modi hatte Neu-Delhi in den frühen Morgenstunden des Dienstags verlassen.")
    v = one(text, date(2023, 6, 22))
    assert (v.host, v.start) == ("state/united-states", "2023-06-20")


def test_sentences_glued_without_a_space_are_read_apart():
    text = ("Der japanische Premierminister Fumio Kishida ist am Dienstag in Hanoi eingetroffen.Dort traf er am Mittwoch "
            "Präsident Vo Van Thuong.Der Besuch dauert drei Tage.")
    facts = extract(Article.from_text(text, published=date(2023, 9, 13), language="de"), LEXICON)
    v = next(v for v in facts.visits if v.host == "state/vietnam")
    assert v.start == "2023-09-12"
    assert all(e.quote.count(".") <= 1 for e in v.evidence), [e.quote for e in v.evidence]


@pytest.mark.parametrize("text", [
    "Chancellor Olaf Scholz will visit Poland from 20 to 21 May and Lithuania from 22 to 23 May.",
    "Bundeskanzler Olaf Scholz reist vom 20. bis 21. Mai nach Polen und vom 22. bis 23. Mai nach Litauen.",
])
def test_each_leg_of_a_trip_takes_its_own_dates(text):
    got = [(v.host, v.start, v.end) for v in extract(article(text, date(2024, 5, 13)), LEXICON).visits]
    assert got == [("state/poland", "2024-05-20", "2024-05-21"), ("state/lithuania", "2024-05-22", "2024-05-23")]


def test_attending_an_event_abroad_is_a_trip_and_taking_part_by_video_is_not():
    pub = date(2024, 5, 13)
    got = [(v.host, v.start, v.status) for v in extract(article("Chancellor Olaf Scholz attended the summit in Paris on Friday.", pub),
                                                          LEXICON).visits]
    assert got == [("state/france", "2024-05-10", "Completed")]
    assert extract(article("Chancellor Olaf Scholz attended the summit in Paris by video link on Friday.", pub), LEXICON).visits == []
    assert extract(article("Chancellor Olaf Scholz attended a ceremony in Berlin on Friday.", pub), LEXICON).visits == []


def test_the_visit_in_focus_takes_no_new_destination_from_elsewhere_in_the_sentence():
    text = ("Präsident Wladimir Putin ist am Montag in Pjöngjang eingetroffen. "
            "Beobachter in Seoul sehen in dem Besuch ein weiteres Zeichen der engen Abstimmung.")
    assert [v.host for v in extract(article(text, date(2024, 6, 19)), LEXICON).visits] == ["state/north-korea"]


def test_an_invitation_is_no_trip_until_a_trip_is_told():
    pub = date(2021, 12, 13)
    assert extract(article("Premierminister Naftali Bennett lud Kronprinz Mohammed bin Zayed zu einem Besuch in Israel ein.", pub),
                   LEXICON).visits == []
    got = extract(article("Kim Jong Un was invited by Putin and arrived in Vladivostok on Monday.", pub), LEXICON).visits
    assert [(v.traveller, v.host) for v in got] == [("person/kim-jong-un", "state/russia")]


def test_a_date_in_a_relative_clause_about_elsewhere_does_not_date_the_trip_and_an_undated_arrival_is_today():
    got = extract(article("Rishi Sunak has arrived in Egypt from Riyadh, where he had held talks on Thursday with the crown prince.",
                          date(2023, 10, 20)), LEXICON).visits
    assert [(v.host, v.start) for v in got if v.host == "state/egypt"] == [("state/egypt", "2023-10-20")]
    got = extract(article("President Volodymyr Zelenskyy has landed in Vilnius, his office confirms.", date(2023, 7, 11)),
                  LEXICON).visits
    assert [(v.host, v.start) for v in got] == [("state/lithuania", "2023-07-11")]


@pytest.mark.parametrize("text", [
    "The meeting came days ahead of an expected visit to Pyongyang by Secretary of State Mike Pompeo, which Washington has not yet confirmed.",
    "President Joe Biden had wanted to visit Ukraine itself, but aides said the Secret Service had ruled that out.",
])
def test_unconfirmed_and_wished_for_trips_are_no_visits(text):
    assert extract(article(text, date(2018, 5, 8)), LEXICON).visits == []


def test_the_people_a_guest_meets_there_belong_to_the_host_and_do_not_visit_it():
    text = ("Lula reiste Ende Januar nach Argentinien, wo er am 23. Januar Präsident Alberto Fernández traf. "
            "Alberto Fernández empfing ihn in Buenos Aires.")
    got = extract(article(text, date(2023, 2, 1)), LEXICON).visits
    assert {v.traveller for v in got} == {"person/luiz-inacio-lula-da-silva"}


def test_the_place_a_trip_came_from_with_a_stay_told_there_is_the_leg_before():
    got = extract(article("Obama flew to Cairo from Riyadh, where he had spent Wednesday as the guest of King Abdullah.",
                          date(2009, 6, 4)), LEXICON).visits
    assert sorted((v.host, v.start) for v in got) == [("state/egypt", None), ("state/saudi-arabia", "2009-06-03")]


def test_visiting_the_border_with_a_state_is_no_visit_to_it():
    text = "Zuvor hatte Präsident Joe Biden in der texanischen Grenzstadt El Paso die Grenze zu Mexiko besucht."
    assert [v.host for v in extract(article(text, date(2023, 1, 10)), LEXICON).visits] != ["state/mexico"]
