"""Reading an article sentence by sentence: the components of the sentence level (clauses, trip
words, roles, modality, frames, discourse, summits) in their order.
"""

from __future__ import annotations

from kg.extract.assembly import VisitMention
from kg.extract.cues import load_cues
from kg.extract.discourse import Story, context_update
from kg.extract.document import Document, Sentence
from kg.extract.frames import attendance_frames, earlier_legs, origin_legs, visit_mentions, year_list_visits
from kg.extract.modality import doubtful, tense_cues, trip_cues
from kg.extract.roles import accomp_cue, membership, roles_of
from kg.extract.summits import sentence_summits
from kg.extract.timex import sentence_dates
from kg.extract.triggers import find_triggers, framed_at, segments

_CUES = load_cues()
_PRONOUNS = _CUES.words("pronoun")
_MEET_STEMS = _CUES.prefixes("meet_stem")
_MEET_CUE_EXACT = _CUES.words("meeting_cue")
_CONTINUES = _CUES.words("delegation_continuation")
_CONTINUES_PRONOUN = _CONTINUES | _CUES.words("delegation_continuation_pronoun")
_SIT_DOWN = _CUES.words("sit_down")
_GREETING = _CUES.prefixes("greeting_stem")
_TRIP_PLURAL = _CUES.words("trip_plural")


def read_article(doc: Document, story: Story) -> None:
    """Every sentence of ``doc`` in order, each clause of it through :func:`read_sentence`."""
    sentences = doc.sentences
    for idx, s in enumerate(sentences):
        nxt = sentences[idx + 1] if idx + 1 < len(sentences) else None
        for seg in segments(doc, s):
            read_sentence(doc, story, seg, nxt)
        story.prev_dates = sentence_dates(doc, s, False)
        story.prev_places = [(m.key if m.kind == "State" else doc.lex.info[m.key].state, m.key if m.kind == "Place" else None)
                            for m in s.mentions if m.kind in ("State", "Place") and m.form != "adj"]


def read_sentence(doc: Document, story: Story, s: Sentence, nxt: Sentence | None) -> None:
    """One clause: its trip words, the roles of its people and its modality give event frames (or add to the
    visit in focus), then summits; the focus moves on."""
    norms = doc.norms[s.ti:s.tj]
    triggers = find_triggers(doc, s)
    roles = roles_of(doc, story, s)
    if story.last_was_delegation and norms[:1] and norms[0] in _CONTINUES:
        # "Dazu zählten VW-Chef Oliver Blume, ...": more members of the delegation just named
        roles = [(m, "delegate" if r in ("subject", "other") else r, ps) for m, r, ps in roles]
    meet_cue = any(w in _MEET_CUE_EXACT or (len(w) > 5 and w.startswith(_MEET_STEMS)) for w in norms) or \
        any(f"{w}_{x}" in _SIT_DOWN for w, x in zip(norms, norms[1:])) or any(w.startswith(_GREETING) for w in norms)  # "sat down with", "von A begrüßt"
    continuation = story.last_was_delegation and norms[:1] and norms[0] in _CONTINUES_PRONOUN
    accomp = accomp_cue(doc, story, s) is not None or membership(doc, s) or bool(continuation)
    pron = [k for k in range(s.ti, s.tj) if doc.norms[k] in _PRONOUNS]
    subjects = [(m, ps) for m, r, ps in roles if r == "subject"]
    strong = [(m, ps) for m, r, ps in roles if r in ("traveller", "guest")]
    leader = [m for m, r, _ in roles if r == "leader"]
    cues = tense_cues(doc, s)
    made: list[VisitMention] = []
    plural = [k for k, kd in triggers if doc.norms[k] in _TRIP_PLURAL]
    if plural and triggers:
        years = [d for d in sentence_dates(doc, s, False) if len(d[0]) == 4 and d[1] is None]
        if len(years) >= 2:  # "nach Reisen in den Jahren 2004 und 2009": one trip a year
            year_list_visits(doc, story, s, triggers, years, cues)
    story.framed = []
    if len(triggers) > 1:
        main = [(k, kd) for k, kd in triggers if not framed_at(doc, k, s)]
        story.framed = [k for k, _ in triggers if (k, _) not in main] if main else []
        triggers = main or triggers
    if triggers and membership(doc, s):
        triggers = []  # "X, also part of the travelling delegation": no trip of X's own
        accomp = True
    if triggers:
        live = [(k, kd) for k, kd in triggers if not doubtful(doc, s, k)]
        if live:
            made = visit_mentions(doc, story, s, live, roles, subjects, strong, leader, pron, trip_cues(doc, s, cues, live),
                                  meet_cue, nxt)
            if made and story.framed:
                earlier_legs(doc, story, s, made)
            if made:
                origin_legs(doc, story, s, made)
        if not made:
            attendance_frames(doc, story, s, roles, cues)  # "A also attended, along with B and C"
    else:
        attendance_frames(doc, story, s, roles, cues)
        if accomp or meet_cue or any(r == "inviter" for _, r, _ in roles):
            context_update(doc, story, s, roles, subjects, pron, cues, meet_cue)
    sentence_summits(doc, story, s, roles, norms, cues)
    story.last_was_delegation = accomp or any(r == "delegate" for _, r, _ in roles)
    story.follow(s, made, subjects)
