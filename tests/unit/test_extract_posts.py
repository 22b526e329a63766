"""Posts from titles next to names (kg.extract.posts via extract)."""

from datetime import date

from kg.extract import extract
from kg.model import Article
from tests.lexicon import LEXICON


def posts(text, published=date(2023, 10, 18)):
    a = Article.from_text(text, id="p", published=published)
    facts = extract(a, LEXICON)
    for h in facts.holdings:
        for ev in h.evidence:
            assert text[ev.start:ev.end] == ev.quote
    return {(h.person, h.post, h.state) for h in facts.holdings}


def test_german_titles_with_state_adjectives_and_genitives():
    got = posts("Der russische Außenminister Sergej Lawrow traf Nordkoreas Außenministerin Choe Son-hui. "
                "Der russische Verteidigungsminister Sergej Schoigu war auch da, ebenso Irans Präsident Massud Pezeshkian.")
    assert got == {
        ("person/sergey-lavrov", "ForeignMinister", "state/russia"),
        ("person/choe-son-hui", "ForeignMinister", "state/north-korea"),
        ("person/sergei-shoigu", "DefenceMinister", "state/russia"),
        ("person/masoud-pezeshkian", "HeadOfState", "state/iran"),
    }


def test_english_titles_and_unknown_people():
    got = posts("Brazil's Foreign Minister Mauro Vieira and U.S. President Joe Biden spoke. "
                "South Korean Unification Minister Chung Dong-young agreed.")
    assert ("person/mauro-vieira", "ForeignMinister", "state/brazil") in got
    assert ("person/joe-biden", "HeadOfState", "state/united-states") in got
    assert ("person/chung-dong-young", "UnificationMinister", "state/south-korea") in got


def test_state_of_a_title_without_adjective_comes_from_the_person():
    assert posts("Außenministerin Choe Son Hui sprach.") == {("person/choe-son-hui", "ForeignMinister", "state/north-korea")}


def test_appositive_title():
    got = posts("Der Sprecher des Nationalen Sicherheitsrates des Weißen Hauses, John Kirby, sagte, die USA seien besorgt.")
    assert got == {("person/john-kirby", "Spokesperson", "state/united-states")}


def test_a_title_before_someone_else_is_not_their_post():
    got = posts("Erst im Juli übermittelte der russische Präsident Kim Jong-un eine Glückwunschbotschaft.", date(2023, 9, 12))
    assert ("person/kim-jong-un", "HeadOfState", "state/russia") not in got


def test_counterparts_hold_the_same_post_in_their_own_state():
    got = posts("Außenministerin Annalena Baerbock ist am Donnerstag in Peking eingetroffen. Ihr Amtskollege Qin Gang "
                "empfing sie im Staatsgästehaus.", date(2023, 4, 14))
    assert ("person/qin-gang", "ForeignMinister", "state/china") in got
    got = posts("Secretary of State Antony Blinken arrived in Beijing on Sunday. He held talks with his Chinese "
                "counterpart Qin Gang.", date(2023, 6, 19))
    assert ("person/qin-gang", "ForeignMinister", "state/china") in got


def test_a_predecessor_held_the_post_in_the_same_state():
    got = posts("Präsident Luiz Inácio Lula da Silva ist in Peking eingetroffen. Unter seinem Vorgänger Jair Bolsonaro "
                "waren die Beziehungen abgekühlt.", date(2023, 4, 14))
    assert ("person/jair-bolsonaro", "HeadOfState", "state/brazil") in got


def test_deputy_prime_ministers_are_ministers_and_speakers_officials():
    got = posts("Russlands Vizeregierungschef Denis Manturow und Senatspräsident Rodrigo Pacheco sprachen.", date(2024, 6, 19))
    assert ("person/denis-manturov", "Minister", "state/russia") in got
    assert any(p == "person/rodrigo-pacheco" and post == "Official" for p, post, _ in got)
    got = posts("Russia's First Deputy Prime Minister Denis Manturov arrived in Pyongyang.", date(2024, 6, 19))
    assert ("person/denis-manturov", "Minister", "state/russia") in got


def test_a_company_chairman_holds_no_post():
    got = posts("Business leaders including Samsung Electronics chairman Lee Jae-yong travelled with Yoon.",
                date(2023, 4, 25))
    assert not any(p == "person/lee-jae-yong" for p, _, _ in got)
