"""Who accompanied the traveller (kg.extract.roles, kg.extract.discourse)."""

from datetime import date

import pytest

from kg.extract import extract
from kg.model import Article
from tests.lexicon import LEXICON


def delegation(text, published=date(2025, 9, 2)):
    a = Article.from_text(text, id="d", published=published)
    return {v.traveller: sorted(v.accompanied_by) for v in extract(a, LEXICON).visits}


def test_german_passive_unter_anderem_von():
    got = delegation("Kim Jong-un ist in seinem Privatzug nach Peking aufgebrochen. Kim werde unter anderem von "
                     "Außenministerin Choe Son Hui begleitet, berichtete KCNA.")
    assert got == {"person/kim-jong-un": ["person/choe-son-hui"]}


def test_english_accompanied_by_a_list():
    got = delegation("Prime Minister Narendra Modi arrived in Washington on Wednesday, accompanied by External Affairs "
                     "Minister Subrahmanyam Jaishankar and National Security Adviser Ajit Doval.", date(2023, 6, 22))
    assert got == {"person/narendra-modi": ["person/ajit-doval", "person/subrahmanyam-jaishankar"]}


def test_in_begleitung_and_active_begleitete():
    got = delegation("Präsident Lula ist in Begleitung von Außenminister Mauro Vieira nach Peking gereist.", date(2023, 4, 14))
    assert got == {"person/luiz-inacio-lula-da-silva": ["person/mauro-vieira"]}
    got = delegation("Anfang der Woche begleitete Lawrow Präsident Wladimir Putin bei einem Besuch in Peking.", date(2023, 10, 18))
    assert got == {"person/vladimir-putin": ["person/sergey-lavrov"]}


def test_hosts_are_not_members_of_the_delegation():
    got = delegation("Moon Jae-in ist in Pjöngjang eingetroffen. Begleitet wurde Moon von Außenministerin Kang Kyung-wha; "
                     "am Flughafen empfing ihn Kim Jong-un.", date(2018, 9, 18))
    assert got == {"person/moon-jae-in": ["person/kang-kyung-wha"]}


def test_membership_sentences_and_their_continuation():
    got = delegation("Bundeskanzler Olaf Scholz ist am Freitag in Peking eingetroffen. Zur Delegation gehören "
                     "Wirtschaftsminister Robert Habeck und Staatssekretär Jörg Kukies. Dazu zählten auch VW-Chef "
                     "Oliver Blume und Siemens-Chef Roland Busch.", date(2022, 11, 4))
    assert got == {"person/olaf-scholz": ["person/joerg-kukies", "person/oliver-blume", "person/robert-habeck",
                                          "person/roland-busch"]}


def test_begleitet_wurde_x_von_a_list():
    got = delegation("US-Präsident Joe Biden ist am Montag in Kiew eingetroffen. Begleitet wurde Biden nur von einem "
                     "kleinen Kreis: seinem Sicherheitsberater Jake Sullivan und der Stabschefin Jen O'Malley Dillon.",
                     date(2023, 2, 20))
    assert got == {"person/joe-biden": ["person/jake-sullivan", "person/jen-o-malley-dillon"]}


def test_passive_with_a_pronoun_subject_and_a_relational_noun():
    got = delegation("Der französische Präsident Emmanuel Macron ist am Mittwoch in Peking eingetroffen. Er wurde von "
                     "seinem Außenminister Jean-Yves Le Drian begleitet.", date(2019, 11, 6))
    assert got == {"person/emmanuel-macron": ["person/jean-yves-le-drian"]}
    got = delegation("Bundespräsident Frank-Walter Steinmeier reiste am Montag nach Kenia. Steinmeier wurde von seiner "
                     "Frau Elke Büdenbender begleitet.", date(2023, 10, 30))
    assert got == {"person/frank-walter-steinmeier": ["person/elke-buedenbender"]}


def test_received_by_is_not_accompanied_by():
    got = delegation("Premierminister Narendra Modi ist am Montag in Moskau eingetroffen. Er wurde am Flughafen von "
                     "Vizeregierungschef Denis Manturow empfangen und von Außenstaatssekretär Vinay Kwatra begleitet.",
                     date(2024, 7, 8))
    assert got == {"person/narendra-modi": ["person/vinay-kwatra"]}


def test_in_begleitung_des_titels_reisen_a_und_b():
    got = delegation("Kanzlerin Angela Merkel ist am Freitag in Peking eingetroffen. In Begleitung der Kanzlerin reisen "
                     "Bildungsministerin Anja Karliczek und Staatsminister Hendrik Hoppenstedt.", date(2019, 9, 6))
    assert got == {"person/angela-merkel": ["person/anja-karliczek", "person/hendrik-hoppenstedt"]}


def test_mit_dabei_waren():
    got = delegation("US-Präsident Barack Obama ist am Sonntag in Havanna gelandet. Mit dabei waren seine Frau Michelle "
                     "Obama und Außenminister John Kerry.", date(2016, 3, 21))
    assert got == {"person/barack-obama": ["person/john-kerry", "person/michelle-obama"]}


def test_zur_delegation_gehoerten_a_b_sowie_c():
    got = delegation("Präsident Emmanuel Macron ist in Peking eingetroffen. Zur Delegation gehörten Ursula von der "
                     "Leyen, Catherine Colonna sowie Bruno Le Maire.", date(2023, 4, 5))
    assert got["person/emmanuel-macron"] == ["person/bruno-le-maire", "person/catherine-colonna", "person/ursula-von-der-leyen"]


def test_english_delegation_list_with_appositions_before_and_after_names():
    got = delegation("North Korean leader Kim Jong Un arrived in Beijing on Tuesday. His delegation included Premier "
                     "Pak Pong Ju, his wife, Ri Sol Ju, and Kim Yong Chol, the vice chairman of the party.",
                     date(2018, 6, 19))
    assert got == {"person/kim-jong-un": ["person/kim-yong-chol", "person/pak-pong-ju", "person/ri-sol-ju"]}


def test_accompanied_by_first_lady_and_joined_by():
    got = delegation("South Korean President Yoon Suk Yeol arrived in Paris on Monday, accompanied by first lady "
                     "Kim Keon Hee.", date(2023, 6, 19))
    assert got == {"person/yoon-suk-yeol": ["person/kim-keon-hee"]}
    got = delegation("Prime Minister Justin Trudeau arrived in New Delhi on Saturday. He was joined by Defence Minister "
                     "Harjit Sajjan.", date(2018, 2, 17))
    assert got == {"person/justin-trudeau": ["person/harjit-sajjan"]}


def test_people_who_travelled_with_him():
    got = delegation("Prime Minister Justin Trudeau arrived in New Delhi on Saturday. Defence Minister Harjit Sajjan "
                     "and Trade Minister François-Philippe Champagne travelled with him.", date(2018, 2, 17))
    assert got == {"person/justin-trudeau": ["person/francois-philippe-champagne", "person/harjit-sajjan"]}


def test_later_sentence_with_pronoun_and_members_get_their_posts():
    text = ("Bundespräsident Frank-Walter Steinmeier ist am Dienstag nach Kiew gereist. Er wird unter anderem von "
            "Wirtschaftsministerin Katherina Reiche und Staatssekretärin Elena Vollmer begleitet.")
    got = delegation(text, date(2025, 6, 3))
    assert got == {"person/frank-walter-steinmeier": ["person/elena-vollmer", "person/katherina-reiche"]}
    facts = extract(Article.from_text(text, id="d", published=date(2025, 6, 3)), LEXICON)
    assert ("person/katherina-reiche", "Minister") in {(h.person, h.post) for h in facts.holdings}


def test_delegation_named_before_the_trip():
    got = delegation("Begleitet wird Außenministerin Annalena Baerbock von Entwicklungsministerin Svenja Schulze. "
                     "Baerbock ist am Montag in Addis Abeba eingetroffen.", date(2023, 1, 9))
    assert got == {"person/annalena-baerbock": ["person/svenja-schulze"]}


def test_separable_mitreisen_and_object_pronoun_with_begleiten():
    got = delegation("Präsident Wolodymyr Selenskyj ist am Donnerstag in Washington eingetroffen. Auch Außenminister "
                     "Dmytro Kuleba reiste mit.", date(2023, 9, 21))
    assert got == {"person/volodymyr-zelenskyy": ["person/dmytro-kuleba"]}
    got = delegation("Präsident Wolodymyr Selenskyj ist am Donnerstag in Washington eingetroffen. Ihn begleiten "
                     "Außenminister Dmytro Kuleba und Stabschef Andrij Jermak.", date(2023, 9, 21))
    assert got == {"person/volodymyr-zelenskyy": ["person/andriy-yermak", "person/dmytro-kuleba"]}


def test_arrived_with_is_company_but_talks_with_is_a_meeting():
    got = extract(Article.from_text("Kim Jong Un arrived in Vladivostok on Wednesday with Foreign Minister Choe Son Hui "
                                    "and Marshal Pak Jong Chon for talks with President Vladimir Putin.",
                                    id="d", published=date(2023, 9, 13)), LEXICON).visits
    assert [(sorted(v.accompanied_by), v.met) for v in got] == [(["person/choe-son-hui", "person/pak-jong-chon"],
                                                                 ["person/vladimir-putin"])]
    got = delegation("Kim Jong Un arrived in Vladivostok on Wednesday with Foreign Minister Choe Son Hui and Marshal "
                     "Pak Jong Chon.", date(2023, 9, 13))
    assert got == {"person/kim-jong-un": ["person/choe-son-hui", "person/pak-jong-chon"]}


def test_a_similar_spelling_of_someone_else_is_not_that_person():
    got = delegation("President Yoon Suk Yeol left for Washington on Monday for a state visit. Yoon is accompanied by "
                     "first lady Kim Keon Hee and Samsung chairman Lee Jae-yong.", date(2023, 4, 24))
    assert got == {"person/yoon-suk-yeol": ["person/kim-keon-hee", "person/lee-jae-yong"]}


def test_a_date_about_a_member_does_not_move_the_delegation_to_another_trip():
    got = delegation("Chancellor Olaf Scholz arrived in Washington on Thursday. His delegation included Finance Minister "
                     "Christian Lindner and Boris Pistorius, who became defence minister last January.", date(2023, 3, 3))
    assert got == {"person/olaf-scholz": ["person/boris-pistorius", "person/christian-lindner"]}


def test_relative_clause_with_the_traveller_as_object():
    got = delegation("Bundeskanzler Olaf Scholz ist am Donnerstag in Washington eingetroffen. An den Gesprächen nahm auch "
                     "Finanzminister Christian Lindner teil, der den Kanzler auf der Reise begleitet.", date(2023, 3, 3))
    assert got == {"person/olaf-scholz": ["person/christian-lindner"]}


def test_the_possessor_of_the_delegation_is_its_traveller_not_the_last_one_named():
    got = delegation("Russian Defense Minister Sergei Shoigu arrived in Pyongyang on Tuesday. A Chinese delegation led by "
                     "Politburo member Li Hongzhong also arrived in the North Korean capital on Wednesday. Shoigu's "
                     "delegation includes Deputy Defense Minister Alexander Fomin.", date(2023, 7, 26))
    assert got == {"person/sergei-shoigu": ["person/alexander-fomin"], "person/li-hongzhong": []}
    facts = extract(Article.from_text("Deputy Defense Minister Alexander Fomin accompanied Shoigu.",
                                      id="d", published=date(2023, 7, 26)), LEXICON)
    assert {(h.person, h.post) for h in facts.holdings} >= {("person/alexander-fomin", "Official")}


@pytest.mark.parametrize("text,members", [
    ("Bundeskanzler Olaf Scholz reist am Montag nach Kiew. Mit nach Kiew reisen der außenpolitische Berater des Kanzlers, "
     "Jens Plötner, und Regierungssprecher Steffen Hebestreit.", {"person/jens-ploetner", "person/steffen-hebestreit"}),
    ("Prime Minister Chris Hipkins will travel to China next week. Trade Minister Damien O'Connor will travel with the "
     "prime minister.", {"person/damien-o-connor"}),
    ("Prime Minister Chris Hipkins will travel to China next week. Also travelling are Trade Minister Damien O'Connor and "
     "Foreign Minister Nanaia Mahuta.", {"person/damien-o-connor", "person/nanaia-mahuta"}),
    ("Prime Minister Chris Hipkins arrived in Beijing on Monday. Foreign Minister Nanaia Mahuta was among those accompanying him.",
     {"person/nanaia-mahuta"}),
])
def test_a_delegation_in_a_sentence_of_its_own_joins_the_trip_in_focus(text, members):
    facts = extract(Article.from_text(text, published=date(2022, 2, 14)), LEXICON)
    assert len(facts.visits) >= 1 and all(v.traveller not in members for v in facts.visits)
    assert set(facts.visits[0].accompanied_by) == members
