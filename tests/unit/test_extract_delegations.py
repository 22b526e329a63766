"""Who accompanied the traveller (kg.extract.events)."""

import hashlib
from datetime import date

from kg.extract import extract
from kg.model import Article


def delegation(text, published=date(2025, 9, 2)):
    a = Article(id="d", path="d.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), published=published)
    return {v.traveller: sorted(v.accompanied_by) for v in extract(a).visits}


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
