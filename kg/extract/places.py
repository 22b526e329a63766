"""Destinations: the foreign states and places a trip goes to, nearest the trip word and preferably
after "nach / in / to"; origins, borders, summits' venues, where words were said and the places
of a framed other leg are not destinations.
"""

from __future__ import annotations

from kg.extract.cues import load_cues
from kg.extract.document import Document, Sentence
from kg.extract.entities import DETERMINERS, MODIFIERS, Mention
from kg.extract.triggers import event_noun

_CUES = load_cues()
_VISIT_NOUNS = _CUES.words("visit_noun")
_ORIGIN = _CUES.words("origin_preposition")
_DIR = _CUES.words("direction_preposition")
_SPEAK = _CUES.words("speech")
_REPORT = _CUES.words("report")  # verbs of a clause that only reports
_REPORT_ANY = frozenset(_SPEAK | _REPORT)
_DEFINITE = _CUES.words("definite_determiner")
_ATTEND = _CUES.words("attendance")
_AND = _CUES.words("coordinator")
_AND_MORE = _AND | _CUES.words("coordination_extra")
_PERSON_OF = _CUES.words("person_of_state")
_BORDER_WITH = _CUES.words("border_with")
_HOMEWARD = _CUES.words("homeward")
_VENUE = _CUES.words("venue_preposition")
_AT = _CUES.words("location_preposition")
_LEAVES_FOR = _CUES.words("departure_goal_preposition")
_TOWARD = _CUES.words("toward_word")
_WHERE = _CUES.words("where_relative")


def destinations(doc: Document, s: Sentence, triggers, own: str | None, framed: list[int]) -> tuple[list[str], list[str]]:
    """(host states, places) named as the destination near the trigger."""
    cands = []
    by_start = {m.i: m for m in s.mentions}
    # "the visit", "dem Besuch", "his trip": the event in focus; a place elsewhere in the sentence is no new destination
    anaphoric = bool(triggers) and all(kd == "visit" and doc.norms[k] in _VISIT_NOUNS and k > s.ti
                                       and doc.norms[k - 1] in _DEFINITE for k, kd in triggers) \
        and not any(m.kind == "Person" and k < m.i <= k + 4 for m in s.mentions for k, _ in triggers)  # "der Besuch von X"
    for m in s.mentions:
        if m.kind not in ("State", "Place") or m.form == "adj":
            continue
        if m.genitive and m.kind == "State":
            continue
        nxt_m = by_start.get(m.j)
        glued = nxt_m is not None and doc.text[m.end:nxt_m.start].strip(" -") == ""
        gap = doc.text[m.end:doc.tokens[m.j].start] if m.j < len(doc.tokens) else "."
        if (m.j in doc.title_tokens and gap.strip(" -") == "" and (" " not in gap or m.genitive)) or \
                (glued and nxt_m.kind == "Person"):
            continue  # "US-Präsident Trump", "Moskaus Botschafter": the place qualifies a person
        st = m.key if m.kind == "State" else doc.lex.info[m.key].state
        if not st or st == own:
            continue
        k = m.i
        while k > s.ti and (doc.norms[k - 1] in DETERMINERS or doc.norms[k - 1] in MODIFIERS):
            k -= 1
        prev = doc.norms[k - 1] if k > s.ti else ""
        for _ in range(4):  # skip an adjective ("im russischen Kosmodrom") or a coordinated name ("zwischen A und B")
            prev_m = doc.by_end.get(k)
            if prev_m is not None and (prev_m.kind == "State" and prev_m.form == "adj"):
                k = prev_m.i
            elif prev in _AND and doc.by_end.get(k - 1) is not None and \
                    doc.by_end[k - 1].kind in ("State", "Place"):
                k = doc.by_end[k - 1].i
            else:
                break
            while k > s.ti and (doc.norms[k - 1] in DETERMINERS or doc.norms[k - 1] in MODIFIERS):
                k -= 1
            prev = doc.norms[k - 1] if k > s.ti else ""
        if prev in _ORIGIN:
            continue
        if prev in _PERSON_OF and getattr(doc.by_end.get(k - 1), "kind", None) == "Person":
            continue  # "Foreign Minister Ahmed Tekeddi of Mauritania": the state qualifies the person
        if k - 2 >= s.ti and f"{doc.norms[k - 2]}_{prev}" in _BORDER_WITH:
            continue  # "besuchte die Grenze zu Mexiko": the border, seen from the traveller's side
        if prev in _DIR and k - 2 >= s.ti and doc.norms[k - 2] in _HOMEWARD:
            continue  # "flew back to Brussels": going home
        if prev in _VENUE and any(
                t < m.i and doc.norms[t] not in _ATTEND and any(event_noun(w) for w in doc.norms[t + 1:m.i])
                for t, _ in triggers):
            continue  # "Reise fällt mit dem Gipfel in Südkorea zusammen": the summit's place, not the trip's
        if prev in _AT and _report_place(doc, s, m, triggers):
            continue  # "In Paris hieß es, dass ...": where the words were said, not where the trip goes
        strong = prev in _DIR
        if any(0 < m.i - f <= 3 for f in framed):
            continue  # "vor der Weiterfahrt nach Kiew": where the next leg goes
        if all(kd == "was" for _, kd in triggers) and not (strong and any(m.i > k2 for k2, _ in triggers)):
            continue  # "war ... in Warschau": the place follows
        if all(kd in ("depart", "depart_from") for _, kd in triggers) and prev not in _LEAVES_FOR \
                and not any(doc.norms[x] in _TOWARD for x in range(max(s.ti, m.i - 3), m.i)):
            continue  # "kurz vor der Abreise": leaving says nothing about where to
        if all(kd == "meet_at" for _, kd in triggers) and not any(
                w in _AT for w in doc.norms[max(s.ti, k - 4):k]):
            continue  # a meeting makes a visit only where it took place
        if anaphoric and not (strong and any(0 < m.i - k2 <= 6 for k2, _ in triggers)):
            continue  # "Beobachter in Seoul sehen in dem Besuch ...": only "the visit to X" names where it goes
        dist = min(abs(m.i - k2) for k2, _ in triggers)
        for k2, kd in triggers:
            if (kd == "visit" and m.i == k2 + 1) or m.j == k2:
                strong = True  # object of "besuchte" / "Russland besuchen"
        if dist > 25:
            continue
        cands.append((dist + (0 if strong else 6), m, st))
    if not cands:
        return _where_before(doc, s, own)
    cands.sort(key=lambda c: c[0])
    best = cands[0][1]
    chosen = [best]
    # coordinated destinations: "Russland und Belarus"
    ordered = sorted((c[1] for c in cands), key=lambda m: m.i)
    pos = ordered.index(best)
    for direction in (1, -1):
        p = pos
        while 0 <= p + direction < len(ordered):
            a, b = (ordered[p], ordered[p + direction]) if direction == 1 else (ordered[p + direction], ordered[p])
            gap = doc.norms[a.j:b.i]
            if gap and all(w in _AND_MORE or w in DETERMINERS for w in gap) or not gap:
                chosen.append(ordered[p + direction])
                p += direction
            else:
                break
    hosts, places = [], []
    for m in chosen:
        st = m.key if m.kind == "State" else doc.lex.info[m.key].state
        if st not in hosts:
            hosts.append(st)
        if m.kind == "Place" and m.key not in places:
            places.append(m.key)
    for _, m, st in cands:
        if m.kind == "Place" and st in hosts and m.key not in places:
            places.append(m.key)
    return hosts, places


def _report_place(doc: Document, s: Sentence, m: Mention, triggers) -> bool:
    """``m`` sits in a clause that only reports (a speech verb, no trip word) while the trips are told elsewhere."""
    if _REPORT_ANY.isdisjoint(doc.norms[s.ti:s.tj]):
        return False
    lo, hi = doc.clause(s, m.i)
    if any(lo <= k2 < hi for k2, _ in triggers):
        return False
    return not _REPORT_ANY.isdisjoint(doc.norms[lo:hi])


def _where_before(doc: Document, s: Sentence, own: str | None) -> tuple[list[str], list[str]]:
    """A clause opened by ", where / , wo" is in the place named just before it: "He arrived from Fiji, where he had
    landed on Sunday"."""
    if s.full is None or s.ti <= s.full[0] or doc.norms[s.ti] not in _WHERE:
        return [], []
    m = doc.by_end.get(s.ti)
    if m is None or m.kind not in ("State", "Place") or m.form == "adj":
        return [], []
    st = m.key if m.kind == "State" else doc.lex.info[m.key].state
    if not st or st == own:
        return [], []
    return [st], [m.key] if m.kind == "Place" else []
