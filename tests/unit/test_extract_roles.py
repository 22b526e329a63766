"""Roles of people in a sentence (kg.extract.roles)."""

from kg.extract.roles import accomp_cue, membership, roles_of
from tests.extraction import read


def roles(text):
    x = read(text, through="sentences")
    return [(m.key, role) for m, role, _ in roles_of(x.doc, x.story, x.doc.sentences[0])]


def test_received_by_is_met_and_accompanied_by_is_a_delegate():
    assert roles("Der Kanzler wurde von Xi Jinping empfangen und von Wirtschaftsminister Robert Habeck begleitet.") == [
        ("person/xi-jinping", "met"), ("person/robert-habeck", "delegate")]


def test_a_genitive_before_a_visit_noun_is_the_traveller():
    assert roles("Kims Besuch in Russland dauerte drei Tage.") == [("person/kim-jong-un", "traveller")]


def test_also_travelling_are_opens_a_delegation():
    x = read("Also travelling are Foreign Minister Wang Yi and Cai Qi.", through="sentences")
    s = x.doc.sentences[0]
    assert accomp_cue(x.doc, x.story, s) is not None
    assert [r for _, r, _ in roles_of(x.doc, x.story, s)] == ["delegate", "delegate"]


def test_part_of_the_delegation_is_membership():
    x = read("Choe Son Hui is part of the travelling delegation. Choe Son Hui flew to Moscow.", through="sentences")
    assert [membership(x.doc, s) for s in x.doc.sentences] == [True, False]


def test_the_companion_as_subject_of_accompanying_is_a_delegate_and_the_object_travels():
    assert roles("Annalena Baerbock was among those accompanying Olaf Scholz to Beijing.") == [
        ("person/annalena-baerbock", "delegate"), ("person/olaf-scholz", "traveller")]
    # German verb-second: the subject follows the verb, so the name after it is not the one accompanied
    assert ("person/sergey-lavrov", "traveller") not in roles("Anfang der Woche begleitete Lawrow Präsident Wladimir Putin.")


def test_the_owner_of_a_delegation_is_not_its_member():
    assert roles("Zur Delegation von Choe Son Hui gehörte auch Vizeaußenminister Andrej Rudenko.") == [
        ("person/choe-son-hui", "possessor"), ("person/andrey-rudenko", "delegate")]
    assert roles("The delegation of Choe Son Hui includes Andrej Rudenko.")[0] == ("person/choe-son-hui", "possessor")


def test_a_genitive_before_a_relative_is_whose_relative_not_the_actor():
    assert roles("King Charles III's late mother, Queen Elizabeth II, made five state visits to Germany.") == [
        ("person/charles-iii", "possessor"), ("person/elizabeth-ii", "subject")]
    assert roles("Vajpayees Nachfolger Manmohan Singh wollte mehrfach reisen.")[0][1] == "possessor"


def test_greeted_by_is_met_even_where_the_sentence_also_accompanies():
    assert roles("King Charles III, who was accompanied by Queen Camilla, was greeted by President Frank-Walter Steinmeier.") == [
        ("person/charles-iii", "subject"), ("person/queen-camilla", "delegate"), ("person/frank-walter-steinmeier", "met")]


def test_joining_the_delegation_makes_a_delegate():
    assert roles("The resources minister, Madeleine King, joined the delegation for the Shanghai leg only.") == [
        ("person/madeleine-king", "delegate")]
    assert roles("Madeleine King joined the protest.") == [("person/madeleine-king", "subject")]


def test_german_verb_second_reception_after_a_fronted_phrase():
    assert roles("Hier empfing Joe Biden am Mittwoch Xi Jinping zu ihrem ersten Treffen seit einem Jahr.") == [
        ("person/joe-biden", "subject"), ("person/xi-jinping", "guest")]
    assert roles("Am Sonntag empfing Kim ihn zu einem Gespräch.") == [("person/kim-jong-un", "subject")]
