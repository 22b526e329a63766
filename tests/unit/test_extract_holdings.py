"""Posts from titles and relations (kg.extract.holdings)."""

from tests.extraction import read


def test_titles_and_counterparts_give_posts():
    x = read("Der US-Außenminister Antony Blinken reist nach China. Sein Amtskollege Wang Yi empfängt ihn.")
    assert sorted((h.person, h.post, h.state) for h in x.facts.holdings) == [
        ("person/antony-blinken", "ForeignMinister", "state/united-states"), ("person/wang-yi", "ForeignMinister", "state/china")]


def test_leaders_are_known_before_the_events_are_read():
    x = read("Bundeskanzler Olaf Scholz reist nach Indien.", through="posts")
    assert "person/olaf-scholz" in x.doc.leaders and x.story.trips.visits == []
