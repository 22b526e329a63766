"""Whom the traveller met during a visit (kg.extract.roles, kg.extract.frames): verbs, hosts, relative clauses, plans."""

from datetime import date

import pytest

from kg.extract import extract
from kg.model import Article
from tests.lexicon import LEXICON


def visits(text, published=date(2024, 5, 15)):
    a = Article.from_text(text, id="m", published=published)
    return extract(a, LEXICON).visits


_CASES = [
 ("Bundeskanzler Olaf Scholz ist am Montag in Peking eingetroffen. Am Dienstag traf er sich mit Staatschef Xi Jinping.", "person/xi-jinping"),
 ("Bundeskanzler Olaf Scholz ist am Montag in Peking eingetroffen. Er kam am Dienstag mit Ministerpräsident Li Qiang zusammen.", "person/li-qiang"),
 ("Bundeskanzler Olaf Scholz ist am Montag in Peking eingetroffen. Staatschef Xi Jinping empfing den Kanzler am Dienstag in der Großen Halle des Volkes.", "person/xi-jinping"),
 ("Bundeskanzler Olaf Scholz ist am Montag in Peking eingetroffen. Xi Jinping empfing ihn am Dienstag.", "person/xi-jinping"),
 ("Bundeskanzler Olaf Scholz führte in Peking Gespräche mit Ministerpräsident Li Qiang.", "person/li-qiang"),
 ("Secretary of State Antony Blinken arrived in Beijing on Sunday. He held talks with Foreign Minister Wang Yi on Monday.", "person/wang-yi"),
 ("Secretary of State Antony Blinken arrived in Beijing on Sunday. On Monday he met with President Xi Jinping.", "person/xi-jinping"),
 ("Secretary of State Antony Blinken arrived in Beijing on Sunday. He was received by President Xi Jinping on Monday.", "person/xi-jinping"),
 ("Secretary of State Antony Blinken arrived in Beijing on Sunday. President Xi Jinping hosted Blinken at the Great Hall of the People.", "person/xi-jinping"),
 ("Secretary of State Antony Blinken arrived in Beijing on Sunday. He sat down with Foreign Minister Wang Yi for seven hours.", "person/wang-yi"),
 ("Secretary of State Antony Blinken is in Beijing. Blinken, who met Foreign Minister Wang Yi on Monday, also spoke to students.", "person/wang-yi"),
 ("Bundeskanzler Olaf Scholz ist in Peking. Scholz, der am Dienstag Staatschef Xi Jinping traf, reist am Mittwoch weiter.", "person/xi-jinping"),
 ("Bundeskanzler Olaf Scholz ist in Peking. Auch Ministerpräsident Li Qiang, mit dem Scholz am Dienstag zusammenkam, lobte die Beziehungen.", "person/li-qiang"),
 ("Secretary of State Antony Blinken is in Beijing. Wang Yi, who hosted Blinken for dinner, praised the talks.", "person/wang-yi"),
]


@pytest.mark.parametrize("text,person", _CASES)
def test_the_traveller_met(text, person):
    got = visits(text)
    assert len(got) == 1 and person in got[0].met, [(v.traveller, v.host, v.met) for v in got]
    assert person != got[0].traveller


def test_a_meeting_that_is_ruled_out_is_not_a_meeting():
    got = visits("Secretary of State Antony Blinken arrived in Beijing on Sunday. A meeting with President Xi Jinping "
                 "is not planned.")
    assert [(v.traveller, v.met) for v in got] == [("person/antony-blinken", [])]


def test_the_host_who_received_is_met_not_a_delegate():
    got = visits("Bundeskanzler Olaf Scholz ist am Montag in Peking eingetroffen. Staatschef Xi Jinping empfing ihn "
                 "am Dienstag, begleitet wurde Scholz von Finanzminister Christian Lindner.")
    assert [(v.met, v.accompanied_by) for v in got] == [(["person/xi-jinping"], ["person/christian-lindner"])]


def test_planned_meetings_listed_with_an_apposition():
    got = visits("Außenministerin Annalena Baerbock ist am Donnerstag in Peking eingetroffen. Außerdem stehen Treffen "
                 "mit Vizepräsident Han Zheng und dem Chefdiplomaten der Partei, Wang Yi, auf dem Programm.",
                 date(2023, 4, 13))
    assert [sorted(v.met) for v in got] == [["person/han-zheng", "person/wang-yi"]]


def test_a_spokesman_who_comments_is_not_met():
    got = visits("Bundeskanzler Olaf Scholz ist am Freitag in Peking eingetroffen. Regierungssprecher Steffen Hebestreit "
                 "sagte, das persönliche Gespräch sei wichtig.", date(2022, 11, 4))
    assert [v.met for v in got] == [[]]


def test_a_square_named_after_a_person_is_not_the_person():
    from kg.extract import extract as ex
    facts = ex(Article.from_text("Wladimir Putin ist am Mittwoch in Pjöngjang eingetroffen. Nach einer Zeremonie auf "
                                 "dem Kim Il Sung Square sprach er mit Kim Jong Un.", id="m", published=date(2024, 6, 19)), LEXICON)
    assert "person/kim-il-sung" not in {e.key for e in facts.entities}
    assert [v.met for v in facts.visits] == [["person/kim-jong-un"]]


def test_a_meeting_someone_seeks_is_no_summit():
    from kg.extract import extract as ex
    facts = ex(Article.from_text("Premierminister Fumio Kishida sagte im Parlament, er wolle ein Treffen mit Kim Jong Un "
                                 "anstreben.", id="m", published=date(2024, 3, 26)), LEXICON)
    assert facts.summits == [] and facts.visits == []


def test_greeted_by_someone_at_the_airport_is_a_meeting_with_a_local():
    from kg.extract import extract as ex
    facts = ex(Article.from_text("Bundeskanzler Olaf Scholz ist am Samstagmorgen in Indien eingetroffen. Am Flughafen wurde "
                                 "er von Staatsminister Rajeev Chandrasekhar begrüßt.", id="m", published=date(2023, 2, 25)), LEXICON)
    assert [(v.met, v.accompanied_by) for v in facts.visits] == [(["person/rajeev-chandrasekhar"], [])]
    assert ("person/rajeev-chandrasekhar", "state/india") in {(h.person, h.state) for h in facts.holdings}


def test_a_cancelled_trip_met_nobody():
    got = visits("Secretary of State Antony Blinken has postponed his trip to Beijing, where he was to hold talks with "
                 "Foreign Minister Qin Gang.", date(2023, 2, 3))
    assert [(v.status, v.met) for v in got] == [("Cancelled", [])]


def test_a_meeting_without_a_place_goes_to_the_trip_in_the_other_persons_state():
    got = visits("Präsident Lula ist am Mittwoch in Peking eingetroffen. Am Samstag reist er in die Vereinigten "
                 "Arabischen Emirate weiter. Lula und Xi Jinping beim Empfang vor der Großen Halle des Volkes.",
                 date(2023, 4, 14))
    assert {v.host: v.met for v in got} == {"state/china": ["person/xi-jinping"], "state/united-arab-emirates": []}


def test_the_minister_who_prepared_the_meeting_made_his_own_trip():
    got = visits("Präsident Recep Tayyip Erdoğan ist am Montag in Sotschi eingetroffen. Vorbereitet hatte das Treffen "
                 "Außenminister Hakan Fidan, der am vergangenen Donnerstag in Moskau mit seinem russischen Kollegen "
                 "Sergej Lawrow gesprochen hatte.", date(2023, 9, 4))
    assert sorted((v.traveller, v.start, v.met) for v in got) == [
        ("person/hakan-fidan", "2023-08-31", ["person/sergey-lavrov"]),
        ("person/recep-tayyip-erdogan", "2023-09-04", [])]


_PLANNED = [
    ("Bundeskanzler Olaf Scholz ist am Montag in Peking eingetroffen. Geplant sind Gespräche mit Ministerpräsident Li Qiang.", "person/li-qiang"),
    ("Secretary of State Antony Blinken arrived in Beijing on Sunday. He will meet Foreign Minister Wang Yi on Monday.", "person/wang-yi"),
    ("Secretary of State Antony Blinken will travel to Beijing next week, where he will meet Foreign Minister Wang Yi.", "person/wang-yi"),
    ("Secretary of State Antony Blinken arrived in Beijing on Sunday. He is expected to hold talks with Wang Yi.", "person/wang-yi"),
    ("Bundeskanzler Olaf Scholz ist am Montag in Peking eingetroffen. Am Dienstag werde er mit Li Qiang zusammenkommen.", "person/li-qiang"),
]


@pytest.mark.parametrize("text,person", _PLANNED)
def test_a_meeting_only_planned_or_expected_is_not_met(text, person):
    facts = extract(Article.from_text(text, published=date(2023, 6, 18)), LEXICON)
    assert facts.visits, text
    assert all(person not in v.met for v in facts.visits), text


def test_two_hosts_met_by_one_guest_hold_no_summit_between_themselves():
    text = ("Pope Francis arrived in Ulaanbaatar on Friday. On Saturday, Francis is scheduled to be officially welcomed by "
            "President Ukhnaagiin Khurelsukh at Sukhbaatar Square in the capital and hold talks with Prime Minister "
            "Luvsannamsrain Oyun-Erdene.")
    facts = extract(Article.from_text(text, published=date(2023, 9, 1)), LEXICON)
    assert not any("person/pope-francis" not in s.participants for s in facts.summits)


def test_a_meeting_given_as_the_purpose_of_a_trip_under_way_is_still_to_come():
    text = ("Der chinesische Präsident Xi Jinping ist heute in Südkorea eingetroffen, um am APEC-Gipfel teilzunehmen und "
            "Handel sowie Sicherheit mit US-Präsident Donald Trump zu besprechen.")
    facts = extract(Article.from_text(text, published=date(2025, 10, 30)), LEXICON)
    assert facts.visits and all("person/donald-trump" not in v.met for v in facts.visits)
