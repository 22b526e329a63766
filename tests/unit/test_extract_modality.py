"""Modality and tense (kg.extract.modality): denied, speculated, planned, cancelled, under way, over."""

from kg.extract.assembly import VisitAcc
from kg.extract.modality import doubtful, planned_meeting, status_of, tense_cues, visit_status
from kg.extract.triggers import find_triggers
from tests.extraction import read


def sentences(text):
    x = read(text, through="sentences")
    return x, x.doc.sentences


def test_denied_and_speculated_trips_are_doubtful():
    x, ss = sentences("Ein Besuch von Putin in Nordkorea ist nicht geplant. Putin may pay a visit to Japan. "
                      "Putin reist nach China.")
    assert [[doubtful(x.doc, s, k) for k, _ in find_triggers(x.doc, s)] for s in ss] == [[True], [True], [False]]


def test_tense_cues_give_the_status_of_a_clause():
    x, ss = sentences("Scholz wird nach Indien reisen. Der Besuch wurde abgesagt. Scholz war in Indien.")
    assert [status_of(x.doc, s, None, None, tense_cues(x.doc, s)) for s in ss] == ["Announced", "Cancelled", "Completed"]
    assert status_of(x.doc, ss[0], "2024-05-01", None, tense_cues(x.doc, ss[0])) == "Completed"  # a date before publication


def test_a_meeting_with_a_modal_is_only_planned():
    x, _ = sentences("Xi wird Putin am Freitag treffen. Xi traf Putin am Freitag.")
    assert [planned_meeting(x.doc, 0), planned_meeting(x.doc, 1)] == [True, False]


def test_one_status_per_visit():
    assert visit_status(VisitAcc("a", "b", ["Cancelled", "Announced"]), "2024-05-15") == "Cancelled"
    assert visit_status(VisitAcc("a", "b", ["Announced"], "2024-06-01"), "2024-05-15") == "Announced"
    assert visit_status(VisitAcc("a", "b", ["Ongoing", "Announced"], "2024-05-01"), "2024-05-15") == "Completed"


def test_a_trip_begun_in_the_last_days_is_under_way_until_a_later_leg_begins():
    pub = "2024-01-16"
    choe = VisitAcc("choe", "russia", ["Completed"], "2024-01-14", sentences=[(0, 0.8)])  # "war am Sonntag eingetroffen"
    assert visit_status(choe, pub, [choe]) == "Ongoing"
    assert visit_status(VisitAcc("choe", "russia", ["Completed"], "2024-01-14"), "2024-01-18") == "Completed"  # 4 days
    assert visit_status(VisitAcc("choe", "russia", ["Completed"], "2024-01-14", "2024-01-15"), pub) == "Completed"  # left
    leg = VisitAcc("choe", "belarus", ["Completed"], "2024-01-15", sentences=[(1, 0.8)])  # moved on to the next state
    assert visit_status(choe, pub, [choe, leg]) == "Completed"
    assert visit_status(leg, pub, [choe, leg]) == "Ongoing"


def test_a_cancellation_in_another_clause_is_of_another_event():
    from kg.extract.modality import trip_cues
    x, ss = sentences("Biden visited Israel on Wednesday, although a planned summit in Amman was called off. "
                      "Die Reise nach Japan wurde abgesagt. The visit, planned for May, was cancelled.")
    got = [trip_cues(x.doc, s, tense_cues(x.doc, s), find_triggers(x.doc, s)) for s in ss]
    assert ["cancel" in c for c in got] == [False, True, True]
