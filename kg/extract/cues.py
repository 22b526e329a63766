"""Cue words of each language, as data: ``kg/extract/lang/<language>/*.yaml``.

Every rule names a group of words the extractor tests for (trip triggers, negation,
speculation, transport, ...), with an id, its words (or word beginnings/endings) and
example sentences it must fire on and must not. The files are checked on loading: an
unknown key or group, a repeated id, or a word given twice in one group of a language is an
error that names the file, so a mistake never silently changes what is extracted. A new
language is a new folder of such files; the groups the code reads are the union over all
languages present.

>>> cues = load_cues()
>>> "nicht" in cues.words("negation") and "not" in cues.words("negation")
True
>>> cues.trigger("staatsbesuch"), cues.trigger("preise"), cues.trigger("arrived")
(('visit', 'de.trigger.visit_compound'), None, ('arrive', 'en.trigger.arrive'))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kg.extract.normal import norm

LANG_DIR = Path(__file__).resolve().parent / "lang"
GROUPS = frozenset({
    "trigger", "negation", "planning_word", "speculation_strong", "speculation", "cancellation", "future", "ongoing",
    "past", "past_marker", "was_verb", "present_travel", "time_relation", "pronoun", "invitation", "leading",
    "accompany_stem", "companion_cue_stem", "companion_pronoun", "meeting_link", "origin_preposition",
    "direction_preposition", "reception_stem", "meeting_cue", "meet_stem", "meet_stem_more", "summit_cue",
    "event_noun_ending", "speech", "report", "transport_train", "transport_air", "transport_ship", "transport_car",
    "visit_noun", "travel_verb", "phrasal_first", "function_word", "meeting_modal", "meeting_past", "attendance", "remote_participation", "invitation_verb", "acceptance", "trip_end", "refusal", "comment", "report_date",
    "relative", "attendee", "representation",
}) | frozenset({  # the words of roles.py: who accompanies, hosts, is met or only talked about
    "invitation_link", "leader_link", "delegate_list_cue", "coordinator", "host_verb", "object_pronoun", "object_pronoun_after_verb", "agent_preposition",
    "agent_preposition_formal", "visit_noun_ending", "visit_noun_by", "greeted_by_stem", "other_link",
    "relative_clause_preposition", "relative_pronoun_object", "verb_second_meeting", "meeting_noun_verb", "meet_verb",
    "accompany_prefix", "delegation_prefix", "fronted_accompany", "party_stem", "accompaniment_noun", "party_word_stem",
    "accompanied_participle", "along_adverb", "separable_travel_verb", "separable_with", "goal_preposition",
    "travel_with_verb", "travel_verb_infinitive", "also_travelling", "also_adverb", "travel_needs_with", "joined_word",
    "aboard", "travelling_with_verb", "article", "led_by_word", "join_verb", "party_noun_stem", "relative_pronoun_subject",
    "travel_verb_past", "part_noun", "genitive_preposition", "membership_word", "belonging_verb_stem", "definite_article",
    "reception_verb_finite", "guest_pronoun", "passive_auxiliary", "progressive_ending", "clause_auxiliary",
    "meeting_together", "talk_verb", "with_preposition",
}) | frozenset({  # reading.py and discourse.py
    "delegation_continuation", "delegation_continuation_pronoun", "sit_down", "greeting_stem", "trip_plural", "subject_pronoun",
}) | frozenset({  # timex.py: clauses whose dates are of another event
    "since_word", "other_event_clause",
}) | frozenset({  # summits.py
    "named_summit", "summit_word_part", "venue_preposition", "provenance_preposition",
}) | frozenset({  # places.py
    "definite_determiner", "person_of_state", "border_with", "homeward", "location_preposition", "departure_goal_preposition",
    "toward_word", "coordination_extra", "where_relative",
}) | frozenset({  # frames.py
    "resident_envoy", "accompany_active_verb", "accompany_participle_stem", "host_object_pronoun", "accusative_article",
    "met_at_preposition", "together_word", "thither", "list_continuation", "origin_from", "day_spent", "after_word",
    "before_word", "leg_preposition",
}) | frozenset({  # holdings.py
    "counterpart", "predecessor", "possessive_determiner",
}) | frozenset({  # triggers.py
    "state_visit_phrase", "working_visit_phrase", "official_visit_phrase", "air_word_weak", "border_noun", "cross_stem",
    "crossed_verb", "separable_arrive_verb", "arrive_particle", "met_participle", "being_verb", "stay_verb",
    "inside_preposition", "touch_down", "go_to", "lead_verb", "delegation_goal", "capital_noun", "set_off_for", "stop_verb",
    "stop_preposition", "stopover_particle", "cross_into_verb", "into_preposition", "set_foot", "foot_preposition",
    "guest_of", "meet_in_verb", "clause_cut", "frame_word", "onward_noun",
})
TRIGGER_KINDS = frozenset({"visit", "arrive", "depart", "depart_from", "host", "expected", "none"})
_KEYS = {"id", "group", "value", "words", "prefixes", "suffixes", "except_suffixes", "min_length", "fires", "silent", "doc"}


class CueError(ValueError):
    """A language file that cannot be used as it is; the message names the file and the fix."""


@dataclass(frozen=True)
class Rule:
    id: str
    lang: str
    group: str
    value: str | None
    words: frozenset
    prefixes: tuple
    suffixes: tuple
    except_suffixes: tuple
    min_length: int
    fires: tuple
    silent: tuple

    def matches(self, w: str) -> bool:
        """Does the normalised token ``w`` carry this cue?"""
        if w in self.words:
            return True
        if self.prefixes and w.startswith(self.prefixes):
            return True
        return bool(self.suffixes) and len(w) >= self.min_length and w.endswith(self.suffixes) and \
            not w.endswith(self.except_suffixes or ("\0",))


class Cues:
    """The rules of every language, indexed by group."""

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self.by_id = {r.id: r for r in rules}
        self._groups: dict[str, list[Rule]] = {}
        for r in rules:
            self._groups.setdefault(r.group, []).append(r)
        # trigger lookup: exact words first (last rule wins, as a dict literal did), then endings, then beginnings
        self._exact: dict[str, tuple] = {}
        for r in self._groups.get("trigger", []):
            for w in r.words:
                self._exact[w] = (None if r.value == "none" else r.value, r.id)
        self._trigger_cache: dict[str, tuple | None] = {}
        by_word: dict[str, list[int]] = {}
        for n, r in enumerate(rules):
            for w in r.words:
                by_word.setdefault(w, []).append(n)
        self._by_word = {w: tuple(ns) for w, ns in by_word.items()}
        self._affixed = tuple(n for n, r in enumerate(rules) if r.prefixes or r.suffixes)
        # every beginning and ending of any rule: most words have none, and then need no rule-by-rule test
        self._any_prefix = tuple(p for r in rules for p in r.prefixes) or ("\0",)
        self._any_suffix = tuple(s for r in rules for s in r.suffixes) or ("\0",)
        self._match_cache: dict[str, tuple[int, ...]] = {}
        self._match_in_cache: dict[tuple, tuple[int, ...]] = {}

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages with rules, in folder order."""
        return tuple(dict.fromkeys(r.lang for r in self.rules))

    def words_of(self, lang: str, group: str) -> frozenset:
        """The whole words of ``group`` in one language."""
        return frozenset(w for r in self._groups.get(group, []) if r.lang == lang for w in r.words)

    def words(self, group: str) -> frozenset:
        """Every whole word of ``group`` over all languages."""
        return frozenset(w for r in self._groups.get(group, []) for w in r.words)

    def prefixes(self, group: str) -> tuple:
        return tuple(p for r in self._groups.get(group, []) for p in r.prefixes)

    def suffixes(self, group: str) -> tuple:
        return tuple(s for r in self._groups.get(group, []) for s in r.suffixes)

    def fired(self, norms, groups: frozenset) -> list[str]:
        """Ids of the rules of ``groups`` that match a token of ``norms``, in file order."""
        hits: set[int] = set()
        for w in set(norms):
            hits.update(self._matching_in(w, groups))
        return [self.rules[n].id for n in sorted(hits)]

    def _matching_in(self, w: str, groups: frozenset) -> tuple[int, ...]:
        """:meth:`_matching` kept to ``groups`` (cached per word and groups: common words match many groups)."""
        key = (w, groups)
        got = self._match_in_cache.get(key)
        if got is None:
            got = tuple(n for n in self._matching(w) if self.rules[n].group in groups)
            if len(self._match_in_cache) < 200_000:
                self._match_in_cache[key] = got
        return got

    def _matching(self, w: str) -> tuple[int, ...]:
        """Positions of every rule that matches token ``w`` (cached per word)."""
        got = self._match_cache.get(w)
        if got is None:
            affixed = tuple(n for n in self._affixed if self.rules[n].matches(w)) \
                if w.startswith(self._any_prefix) or w.endswith(self._any_suffix) else ()
            got = tuple(sorted(self._by_word.get(w, ()) + affixed))
            if len(self._match_cache) < 200_000:
                self._match_cache[w] = got
        return got

    def trigger(self, w: str) -> tuple[str, str] | None:
        """(kind, rule id) of a trip word, or None."""
        hit = self._trigger_cache.get(w, 0)
        if hit != 0:
            return hit
        hit = self._exact.get(w)
        if hit is not None and hit[0] is None:
            hit = None
        elif hit is None and w not in self._exact:
            rules = self._groups.get("trigger", [])
            hit = next(((r.value, r.id) for r in rules if r.suffixes and r.matches(w)), None) or \
                next(((r.value, r.id) for r in rules if r.prefixes and r.matches(w)), None)
        if len(self._trigger_cache) < 200_000:
            self._trigger_cache[w] = hit
        return hit


def _strings(path: Path, rid: str, key: str, value) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise CueError(f"{path}: rule {rid}: '{key}' must be a list of non-empty strings")
    return tuple(value)


def _read(path: Path, lang: str) -> list[Rule]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise CueError(f"{path}: not valid YAML ({e}); fix the file") from e
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        raise CueError(f"{path}: expected one key 'rules' holding a list of rules")
    out = []
    for raw in data["rules"]:
        if not isinstance(raw, dict):
            raise CueError(f"{path}: every rule is a mapping with an id")
        rid = raw.get("id")
        unknown = set(raw) - _KEYS
        if unknown:
            raise CueError(f"{path}: rule {rid}: unknown keys {sorted(unknown)}; allowed: {sorted(_KEYS)}")
        if not isinstance(rid, str) or not rid.startswith(f"{lang}."):
            raise CueError(f"{path}: rule id {rid!r} must start with the language folder's name '{lang}.'")
        group = raw.get("group")
        if group not in GROUPS:
            raise CueError(f"{path}: rule {rid}: unknown group {group!r}; known groups: {', '.join(sorted(GROUPS))}")
        value = raw.get("value")
        if (group == "trigger") != (value is not None) or (value is not None and value not in TRIGGER_KINDS):
            raise CueError(f"{path}: rule {rid}: trigger rules need a value out of {sorted(TRIGGER_KINDS)}, other rules none")
        words = _strings(path, rid, "words", raw.get("words"))
        if len(set(words)) != len(words):
            raise CueError(f"{path}: rule {rid}: a word is listed twice")
        for key in ("words", "prefixes", "suffixes", "except_suffixes"):
            for w in _strings(path, rid, key, raw.get(key)):
                if norm(w) != w:
                    raise CueError(f"{path}: rule {rid}: {w!r} is not in normalised form; write {norm(w)!r} "
                                   "(lower case, ASCII: tokens are compared that way)")
        rule = Rule(rid, lang, group, value, frozenset(words), _strings(path, rid, "prefixes", raw.get("prefixes")),
                    _strings(path, rid, "suffixes", raw.get("suffixes")),
                    _strings(path, rid, "except_suffixes", raw.get("except_suffixes")), int(raw.get("min_length") or 0),
                    _strings(path, rid, "fires", raw.get("fires")), _strings(path, rid, "silent", raw.get("silent")))
        if not (rule.words or rule.prefixes or rule.suffixes):
            raise CueError(f"{path}: rule {rid}: give words, prefixes or suffixes")
        if not rule.fires or not rule.silent:
            raise CueError(f"{path}: rule {rid}: give example sentences it fires on (fires) and must not fire on (silent)")
        out.append(rule)
    return out


def check(rules: list[Rule]) -> None:
    """Refuse repeated ids and a word (or beginning, or ending) given twice in one group of one language."""
    seen: dict[str, str] = {}
    owner: dict[tuple, str] = {}
    for r in rules:
        if r.id in seen:
            raise CueError(f"rule id {r.id} is defined twice; give one of them another id")
        seen[r.id] = r.id
        for kind, items in (("word", r.words), ("prefix", r.prefixes), ("suffix", r.suffixes)):
            for w in items:
                key = (r.lang, r.group, kind, w)
                if key in owner:
                    raise CueError(f"{kind} {w!r} of group {r.group} ({r.lang}) is in both {owner[key]} and {r.id}; keep it in one")
                owner[key] = r.id


@lru_cache(maxsize=4)
def load_cues(directory: str | None = None) -> Cues:
    """Every language folder's rules, checked (cached: call freely)."""
    base = Path(directory) if directory else LANG_DIR
    rules: list[Rule] = []
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        for path in sorted(folder.glob("*.yaml")):
            rules += _read(path, folder.name)
    check(rules)
    return Cues(rules)
