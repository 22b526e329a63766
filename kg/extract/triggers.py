"""Trip words: which tokens of a sentence name a trip (single trigger words from the cue data,
multi-word phrases), which are framed as another leg ("nach seinem Besuch in ..."), and how a
sentence reporting several trips splits into one clause per trip.
"""

from __future__ import annotations

from kg.extract.cues import load_cues
from kg.extract.document import Document, Sentence
from kg.extract.entities import DETERMINERS, MODIFIERS
from kg.extract.timex import sentence_dates

_CUES = load_cues()
_VISIT_NOUNS = _CUES.words("visit_noun")
_WAS = _CUES.words("was_verb")
_PAST_MARKERS = _CUES.words("past_marker")
_TRAIN = _CUES.words("transport_train")
_AIR = _CUES.words("transport_air")
_SHIP = _CUES.words("transport_ship")
_CAR = _CUES.words("transport_car")
_PHRASAL_FIRST = _CUES.words("phrasal_first")
_STATE_VISIT = tuple(w.replace("_", " ") for w in _CUES.words("state_visit_phrase"))
_WORKING_VISIT = tuple(w.replace("_", " ") for w in _CUES.words("working_visit_phrase"))
_OFFICIAL_VISIT = tuple(w.replace("_", " ") for w in _CUES.words("official_visit_phrase"))
_AIR_STRONG = _AIR - _CUES.words("air_word_weak")
_BORDER = _CUES.words("border_noun")
_CROSS_STEM = _CUES.prefixes("cross_stem")
_CROSSED = _CUES.words("crossed_verb")
_SEPARABLE_ARRIVE = _CUES.words("separable_arrive_verb")
_ARRIVE_PARTICLE = _CUES.words("arrive_particle")
_MET_PARTICIPLE = _CUES.words("met_participle")
_BEING = _CUES.words("being_verb")
_STAYING = _CUES.words("stay_verb")
_INSIDE = _CUES.words("inside_preposition")
_TOUCH_DOWN = _CUES.words("touch_down")
_GO_TO = _CUES.words("go_to")
_LEAD = _CUES.words("lead_verb")
_DELEGATION = _CUES.prefixes("delegation_prefix")
_DELEGATION_GOAL = _CUES.words("delegation_goal")
_CAPITAL = _CUES.words("capital_noun")
_SET_OFF_FOR = _CUES.words("set_off_for")
_STOP = _CUES.words("stop_verb")
_STOP_PREP = _CUES.words("stop_preposition")
_STOPOVER = _CUES.words("stopover_particle")
_CROSS_INTO = _CUES.words("cross_into_verb")
_INTO = _CUES.words("into_preposition")
_SET_FOOT = _CUES.words("set_foot")
_FOOT_PREP = _CUES.words("foot_preposition")
_GUEST_OF = _CUES.words("guest_of")
_MEET_IN = _CUES.words("meet_in_verb")
_AT = _CUES.words("location_preposition")
_CLAUSE_CUT = _CUES.words("clause_cut")
_FRAME = _CUES.words("frame_word")
_ONWARD = _CUES.words("onward_noun")
_PROGRESSIVE = _CUES.suffixes("progressive_ending")


_KINDS: dict[str, str | None] = {}
_EVENT_NOUNS = _CUES.suffixes("event_noun_ending")


def trigger_kind(w: str) -> str | None:
    """Kind of trip word: visit, arrive, depart, depart_from, host, expected (None if none)."""
    kind = _KINDS.get(w, 0)
    if kind == 0:
        hit = _CUES.trigger(w)
        kind = hit[0] if hit else None
        if len(_KINDS) < 200_000:
            _KINDS[w] = kind
    return kind


def token_kinds(doc) -> list[str | None]:
    """The trip-word kind of every token of ``doc``, looked up once per article (clause splitting, trigger finding
    and the roles all ask for it)."""
    kinds = doc.memo.get(("kinds",))
    if kinds is None:
        kinds = doc.memo[("kinds",)] = [trigger_kind(w) for w in doc.norms]
    return kinds


_TRIP_KINDS = frozenset({"visit", "arrive", "depart", "depart_from"})


def trigger_rule(w: str) -> str | None:
    """Id of the rule that makes ``w`` a trip word."""
    hit = _CUES.trigger(w)
    return hit[1] if hit else None


def event_noun(w: str) -> bool:
    """A noun of an event other than the trip ("Gipfel", "summit", "Konferenz")."""
    return w.endswith(_EVENT_NOUNS)


def visit_kind(norms: list[str]) -> str | None:
    """State, working or official visit, as the words of the sentence call it."""
    joined = " ".join(norms)
    if any(p in joined for p in _STATE_VISIT):
        return "StateVisit"
    if any(p in joined for p in _WORKING_VISIT):
        return "WorkingVisit"
    if any(p in joined for p in _OFFICIAL_VISIT):
        return "OfficialVisit"
    return None


def transport_of(norms: list[str]) -> str | None:
    """The means of travel the sentence names."""
    s = set(norms)
    if s & _TRAIN:
        return "Train"
    if s & _SHIP:
        return "Ship"
    if s & _AIR_STRONG:
        return "Aircraft"
    if s & _CAR:
        return "Car"
    return None


def find_triggers(doc: Document, s: Sentence) -> list[tuple[int, str]]:
    """(token, kind) of every trip word in ``s``: single trigger words, then the multi-word phrases; the rules that
    fired are recorded in ``doc.rules_at``."""
    norms = doc.norms[s.ti:s.tj]
    triggers = []
    kinds = token_kinds(doc)
    for k in range(s.ti, s.tj):
        kind = kinds[k]
        if kind:
            triggers.append((k, kind))
        elif doc.norms[k] not in _PHRASAL_FIRST:
            continue
        elif doc.norms[k] in _WAS and (any(w in _PAST_MARKERS or (len(w) == 4 and w.isdigit()) for w in norms)
                                        or sentence_dates(doc, s, False)):
            triggers.append((k, "was"))
        elif doc.norms[k] in _BORDER and any(w.startswith(_CROSS_STEM) for w in norms):
            triggers.append((k, "border"))
        elif doc.norms[k] in _CROSSED and not _BORDER.isdisjoint(norms):
            triggers.append((k, "border"))
        elif doc.norms[k] in _SEPARABLE_ARRIVE and doc.norms[s.tj - 1] in _ARRIVE_PARTICLE and k + 1 < s.tj:
            triggers.append((k, "arrive"))
        elif doc.norms[k] in _MET_PARTICIPLE \
                and doc.pub is not None and not any(len(d[0]) < 10 and d[0] < doc.pub.isoformat()[:len(d[0])]
                                                    for d in sentence_dates(doc, s, False)):
            # a meeting on a given recent day locates its guest; a year or month long ago is background
            triggers.append((k, "meet_at"))
        elif doc.norms[k] in _BEING and any(
                doc.norms[x] in _INSIDE and doc.place_at(x + 1, s)
                for x in range(k + 1, min(s.tj, k + (7 if doc.norms[k] in _STAYING else 4)))):
            triggers.append((k, "visit"))
        elif k + 1 < s.tj and f"{doc.norms[k]}_{doc.norms[k + 1]}" in _TOUCH_DOWN:
            triggers.append((k, "arrive"))
        elif k + 1 < s.tj and f"{doc.norms[k]}_{doc.norms[k + 1]}" in _GO_TO \
                and doc.place_at(k + 2, s):
            triggers.append((k, "visit"))  # "went to Tokyo" (not "went on to say")
        elif doc.norms[k] in _LEAD and any(
                doc.norms[x].startswith(_DELEGATION) and x + 1 < s.tj and doc.norms[x + 1] in _DELEGATION_GOAL
                and (doc.place_at(x + 2, s) or x + 4 < len(doc.norms) and doc.norms[x + 4] in _CAPITAL)
                for x in range(k + 1, min(s.tj - 1, k + 5))):
            triggers.append((k, "visit"))  # "led a congressional delegation to Israel": the leader travelled
        elif "_".join(doc.norms[k:k + 3]) in _SET_OFF_FOR:
            triggers.append((k, "depart"))  # "set off for Tokyo"
        elif doc.norms[k] in _STOP and k + 1 < s.tj and \
                doc.norms[k + 1] in _STOP_PREP and (doc.place_at(k + 2, s) or doc.norms[k + 1] in _STOPOVER):
            triggers.append((k, "visit"))  # "stopped in Singapore on his way to Tokyo"
        elif doc.norms[k] in _CROSS_INTO and any(
                doc.norms[x] in _INTO and doc.place_at(x + 1, s) for x in range(k + 1, min(s.tj, k + 7))):
            triggers.append((k, "arrive"))  # "crossed into North Korea", "stepped across the line into North Korea"
        elif "_".join(doc.norms[k:k + 2]) in _SET_FOOT and any(
                doc.norms[x] in _FOOT_PREP and doc.place_at(x + 1, s) for x in range(k + 2, min(s.tj, k + 4))):
            triggers.append((k, "arrive"))  # "the first US president to set foot in North Korea"
        elif k > s.ti and f"{doc.norms[k - 1]}_{doc.norms[k]}" in _GUEST_OF:
            triggers.append((k, "visit"))
        elif doc.norms[k] in _MEET_IN and any(
                doc.norms[x] in _AT and doc.place_at(x + 1, s) for x in range(k + 1, min(s.tj, k + 7))):
            triggers.append((k, "meet_at"))  # "traf in Kiew Präsident Selenskyj": where they met, the guest was
    if triggers:
        fired = doc.rules_at.setdefault(s.idx, [])
        for k, kd in triggers:
            rid = trigger_rule(doc.norms[k]) or f"phrase.{kd}.{doc.norms[k]}"
            if rid not in fired:
                fired.append(rid)
    return triggers


def segments(doc, s: Sentence) -> list[Sentence]:
    """Split a sentence that reports several trips in separate clauses ("..., bei denen A X besuchte und B nach Y reiste")."""
    trip = [kd in _TRIP_KINDS for kd in token_kinds(doc)[s.ti:s.tj]]
    if sum(trip) < 2:
        return [s]
    cuts = [s.ti]
    text = doc.text
    for k in range(s.ti + 1, s.tj):
        w = doc.norms[k]
        gap = text[doc.tokens[k - 1].end:doc.tokens[k].start]
        if any(c in gap for c in ",;:–—") or w in _CLAUSE_CUT:
            cuts.append(k)
    if len(cuts) == 1:
        return [s]
    cuts.append(s.tj)
    clauses = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]
    has = [any(trip[a - s.ti:b - s.ti]) for a, b in clauses]
    if sum(has) <= 1:
        return [s]
    groups: list[list[int]] = []
    cur: list[int] = []
    seen_trigger = False
    for (a, b), h in zip(clauses, has):
        if h and seen_trigger:
            groups.append(cur)
            cur, seen_trigger = [], False
        cur += [a, b]
        seen_trigger = seen_trigger or h
    groups.append(cur)
    out = []
    for g in groups:
        ti, tj = g[0], g[-1]
        start = doc.tokens[ti].start
        end = doc.tokens[tj - 1].end
        out.append(Sentence(s.idx, start, end, ti, tj, [m for m in s.mentions if ti <= m.i and m.j <= tj], (s.ti, s.tj)))
    return out


def framed_at(doc, k: int, s: Sentence) -> bool:
    """The trip word at ``k`` is framed: "vor der Weiterreise", "nach seinem Besuch", "after a visit", "before leaving"."""
    frame = _FRAME
    if k - 1 >= s.ti and doc.norms[k - 1] in frame and doc.norms[k] not in _VISIT_NOUNS | _ONWARD:
        return doc.norms[k].endswith(_PROGRESSIVE)  # "after visiting", "before leaving"
    for back in (2, 3):
        j = k - back
        if j >= s.ti and doc.norms[j] in frame and all(
                doc.norms[x] in DETERMINERS or doc.norms[x] in MODIFIERS or not doc.tokens[x].text[:1].isupper()
                for x in range(j + 1, k)) and not any(x in doc.mention_tokens for x in range(j + 1, k)):
            return True  # not "nach Polen traf": there "nach" names where to
    return False
