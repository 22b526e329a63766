"""Posts from titles and relations (kg.extract.holdings)."""

from datetime import date

from tests.extraction import read


def test_titles_and_counterparts_give_posts():
    x = read("Der US-Außenminister Antony Blinken reist nach China. Sein Amtskollege Wang Yi empfängt ihn.")
    assert sorted((h.person, h.post, h.state) for h in x.facts.holdings) == [
        ("person/antony-blinken", "ForeignMinister", "state/united-states"), ("person/wang-yi", "ForeignMinister", "state/china")]


def test_leaders_are_known_before_the_events_are_read():
    x = read("Bundeskanzler Olaf Scholz reist nach Indien.", through="posts")
    assert "person/olaf-scholz" in x.doc.leaders and x.story.trips.visits == []


def test_posts_in_apposition_after_of_and_in_a_known_name():
    def posts(text, lang="en"):
        return sorted((h.person, h.post, h.state) for h in read(text, language=lang).facts.holdings)
    assert posts("Mauritania wants ties. Jorge Ramos Silva, the country's defence minister, travelled to Madrid.") == [
        ("person/jorge-ramos-silva", "DefenceMinister", "state/mauritania")]
    assert posts("Foreign Minister Ahmed Tekeddi of Mauritania arrived in Paris.") == [
        ("person/ahmed-tekeddi", "ForeignMinister", "state/mauritania")]
    assert posts("König Charles III. und Königin Camilla reisten nach Kenia.", "de") == [
        ("person/charles-iii", "HeadOfState", "state/united-kingdom")]  # a queen consort holds no post
    assert posts("Kim Yo Jong, the leader's sister, greeted Moon.") == []


def test_the_pope_is_the_vatican_head_of_state_and_a_title_ending_a_sentence_names_nobody():
    x = read("Der Papst reiste am Montag nach Kanada. Papst Franziskus traf Premier Justin Trudeau.", published=date(2022, 7, 25))
    assert ("person/pope-francis", "HeadOfState", "state/vatican-city") in {(h.person, h.post, h.state) for h in x.facts.holdings}
    x = read("It was the first visit by a sitting American president.\n\nAir Force One touched down at noon.", language="en")
    assert not [m for m in x.mentions.mentions if m.kind == "Person" and "Force" in m.surface]


def test_a_former_state_still_holds_its_posts():
    x = read("Der sowjetische Außenminister Eduard Schewardnadse reiste 1990 nach Bonn.", published=date(2020, 7, 15))
    assert ("person/eduard-shevardnadze", "ForeignMinister", "state/soviet-union") in {
        (h.person, h.post, h.state) for h in x.facts.holdings}
