"""Event frames (kg.extract.frames): a trip word with its travellers, destination, time and companions."""

from datetime import date

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


def test_people_listed_as_present_travelled_to_the_event_in_focus():
    got = visits("MOSCOW, May 9 (Reuters) - Xi Jinping arrived in Moscow on Friday. Nursultan Nazarbayev also attended, "
                 "along with Indian President Pranab Mukherjee.", published=date(2015, 5, 9))
    assert [v[:3] for v in got] == [("person/xi-jinping", "state/russia", "2015-05-08"),
                                    ("person/nursultan-nazarbayev", "state/russia", "2015-05-08"),
                                    ("person/pranab-mukherjee", "state/russia", "2015-05-08")]


def test_the_representative_travels_not_the_one_represented():
    got = visits("JOHANNESBURG (AP) - Der G20-Gipfel beginnt am Samstag. Chinas Staatschef Xi Jinping lässt sich von "
                 "Ministerpräsident Li Qiang vertreten.", published=date(2025, 11, 21))
    assert [v[:2] for v in got] == [("person/li-qiang", "state/south-africa")]


def test_a_dateline_places_the_mourners_when_no_trip_is_told():
    got = visits("JERUSALEM — Leaders gathered on Monday to bury Yitzhak Rabin. Among the other mourners were Prime Minister "
                 "John Major of Britain and Chancellor Helmut Kohl of Germany.", published=date(1995, 11, 6))
    assert [v[:2] for v in got] == [("person/john-major", "state/israel"), ("person/helmut-kohl", "state/israel")]
