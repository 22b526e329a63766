"""Event frames (kg.extract.frames): a trip word with its travellers, destination, time and companions."""

from tests.extraction import read


def visits(text, **kw):
    x = read(text, through="events", **kw)
    return [(v.traveller, v.host, v.start, v.delegates) for v in x.story.trips.visits]


def test_a_frame_has_traveller_destination_date_and_companions():
    assert visits("Lula ist am Montag in Begleitung von Außenminister Mauro Vieira in Peking eingetroffen.") == [
        ("person/luiz-inacio-lula-da-silva", "state/china", "2024-05-13", ["person/mauro-vieira"])]


def test_coordinated_subjects_each_travel():
    assert [v[:2] for v in visits("Scholz und Macron reisen nach China.")] == [
        ("person/olaf-scholz", "state/china"), ("person/emmanuel-macron", "state/china")]


def test_the_leg_before_nach_seinem_besuch_is_a_visit_of_its_own():
    assert [v[:2] for v in visits("Nach seinem Besuch in Indien reiste Kishida nach Kiew.")] == [
        ("person/fumio-kishida", "state/ukraine"), ("person/fumio-kishida", "state/india")]


def test_a_denied_trip_makes_no_frame():
    assert visits("Ein Besuch von Putin in Nordkorea ist nicht geplant.") == []


def test_a_background_trip_of_someone_else_is_not_given_to_the_person_in_focus():
    got = visits("Papst Franziskus ist am Sonntag in Sofia eingetroffen. Zuletzt hatte mit Johannes Paul II. im Jahr 2002 "
                 "ein Papst Bulgarien besucht.")
    assert [v[:3] for v in got] == [("person/pope-francis", "state/bulgaria", "2024-05-12"),
                                    ("person/pope-john-paul-ii", "state/bulgaria", "2002")]
