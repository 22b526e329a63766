"""Text -> facts: the DiploKG rule-based extractor.

``extract(article, lexicon)`` is a pure function of its inputs: the article and the
background lexicon its caller loaded (:func:`kg.extract.lexicon.load` of the settings'
background folder), never the store or the network.

>>> from datetime import date
>>> from kg.config import Settings
>>> from kg.extract.lexicon import load
>>> from kg.model import Article
>>> text = "Der russische Außenminister Sergej Lawrow ist am Montag zu einem Besuch in Pjöngjang eingetroffen."
>>> facts = extract(Article.from_text(text, published=date(2023, 10, 18)), load(Settings().background))
>>> [(v.traveller, v.host, v.start, v.status) for v in facts.visits]
[('person/sergey-lavrov', 'state/north-korea', '2023-10-16', 'Ongoing')]
"""

from __future__ import annotations

import logging
import re

from kg.model import Article, ArticleFacts, Claim, Entity, Evidence, Holding, Summit, Visit

from kg.extract import clean, sentences
from kg.extract.cues import load_cues
from kg.extract.entities import Doc, find_mentions
from kg.extract.events import Reader, Sentence, recent
from kg.extract.lexicon import Lexicon
from kg.extract.normal import norm, norm_tokens
from kg.extract.posts import holdings_from_titles, is_leader_post

EXTRACTOR = "diplokg-rules/0.1.0"
MAX_EVIDENCE = 25  # sentences kept per visit or summit (a 1 MB page can repeat a trip thousands of times)
MAX_CLAIM_EVIDENCE = 3  # sentences kept per property value
log = logging.getLogger(__name__)
# cue groups whose rules are recorded with the evidence of a visit or a summit (its trip words always are)
_MODALITY = frozenset({"negation", "speculation_strong", "speculation", "cancellation", "future", "ongoing", "past",
                       "past_marker", "planning_word", "remote_participation"})
VISIT_CUES = _MODALITY | {"accompany_stem", "companion_cue_stem", "leading", "invitation", "meeting_cue", "transport_train",
                          "transport_air", "transport_ship", "transport_car"}
SUMMIT_CUES = _MODALITY | {"meeting_cue", "summit_cue"}

_OTHER = {"le", "la", "les", "et", "est", "une", "des", "du", "pour", "avec", "dans", "il", "elle", "sur", "el", "los",
          "las", "y", "es", "con", "para", "por", "il", "di", "che", "della", "per", "non", "sono", "het", "een", "van", "og",
          "och", "jest", "nie", "na", "się", "że", "и", "в", "на", "не", "что"}
_TEASER_RE = re.compile(r"(?i)\s*(?:verwandte artikel|related articles?|lesen sie (?:auch|mehr)|mehr zum thema|mehr erfahren"
                        r"|weitere artikel|read more|more from|das könnte sie auch interessieren)")


def language_of(text: str) -> str | None:
    """The language whose function words (``lang/<language>/language.yaml``) the first 20,000 characters use most, or None.

    >>> language_of("Le président est arrivé à Pékin pour une visite d'État de trois jours avec sa délégation.")
    >>> language_of("Der Präsident ist in Peking eingetroffen und wird dort mit dem Staatschef sprechen.")
    'de'
    """
    words = re.findall(r"\w+", text[:20000].lower())
    if not words:
        return None
    cues = load_cues()
    normed = [norm(w) for w in words]
    counts = {lang: sum(w in fw for w in normed) for lang in cues.languages if (fw := cues.words_of(lang, "function_word"))}
    if not counts:
        return None
    best = max(counts, key=counts.get)  # the first language folder wins a tie
    other = sum(w in _OTHER for w in words)
    if other > counts[best] and other >= 3:
        return None
    # density only says something on longer texts: a one-line German report has few function words
    if len(words) >= 120 and counts[best] < 0.05 * len(words):
        return None
    return best


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    import bisect
    i = bisect.bisect_right(spans, (s, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= s and e <= spans[i][1]


def extract(article: Article, lexicon: Lexicon) -> ArticleFacts:
    """All entities, posts, visits and summits that ``article`` states, with evidence; names are
    resolved against ``lexicon``."""
    facts = ArticleFacts(article=article, extractor=EXTRACTOR)
    text = article.text or ""
    if not text.strip():
        log.info("article %s: empty text, nothing to extract", article.id)
        facts.warnings.append("empty text")
        return facts
    # the metadata's language is trusted; the function-word detector only fills in when it is missing
    declared = (article.language or "").lower() or None
    lang = declared if declared in load_cues().languages else (language_of(text) if declared is None else None)
    if lang is None:
        why = f"{declared!r} (from the metadata)" if declared else "(detected from the text)"
        log.warning("article %s: language %s is not German or English; no facts extracted (set Article.language to 'de' or 'en', add a "
                    "translation, or extend kg/extract for it)", article.id, why)
        facts.warnings.append(f"unsupported language: {declared or 'unknown'}")
        return facts
    lex = lexicon
    skip = clean.boilerplate_spans(text)
    doc = Doc(text, skip)
    ms = find_mentions(doc, lex, article.published)
    spans = [(s, e) for s, e in sentences.split(text) if not _inside(skip, s, e)]
    # mentions per sentence
    sents: list[Sentence] = []
    mi = 0
    mentions = ms.mentions
    for idx, (s, e) in enumerate(spans):
        ti, tj = doc.token_at(s), doc.token_at(e)
        while mi < len(mentions) and mentions[mi].start < s:
            mi += 1
        mj = mi
        while mj < len(mentions) and mentions[mj].start < e:
            mj += 1
        sents.append(Sentence(idx, s, e, ti, tj, mentions[mi:mj]))
        mi = mj
    in_text = {m.i for m in mentions if not _inside(skip, m.start, m.end)}

    def evidence(sent_idx: int, conf: float) -> Evidence:
        s, e = spans[sent_idx]
        return Evidence(s, e, text[s:e], round(conf, 2))

    def sentence_of(char: int) -> int:
        import bisect
        return max(0, bisect.bisect_right(spans, (char, float("inf"))) - 1)

    # citizenship: background first, then what the text says
    def citizenship(key: str) -> str | None:
        info = lex.info.get(key)
        return (info.state if info else None) or ms.citizenship.get(key)

    # posts
    holdings: list[Holding] = []
    titles_of: dict[tuple, list[int]] = {}
    for t in ms.titles:
        if t.person:
            titles_of.setdefault((t.person, t.post, t.state or (None if t.org else citizenship(t.person))), []).append(t.i)
    # bare titles with a state ("der US-Außenminister") name their holder too
    desc_at = {m.i: m.key for m in mentions if m.form == "desc" and m.kind == "Person"}
    for t in ms.titles:
        if t.person is None and t.state and t.i in desc_at and not t.org:
            t.person = desc_at[t.i]
            titles_of.setdefault((t.person, t.post, t.state), []).append(t.i)
    for h, _ in holdings_from_titles(ms.titles, citizenship):
        for ti in titles_of.get((h.person, h.post, h.state), [])[:3]:
            tok = doc.tokens[ti]
            if not _inside(skip, tok.start, tok.end) and spans:
                ev = evidence(sentence_of(tok.start), 0.85)
                if ev not in h.evidence:
                    h.evidence.append(ev)
        if h.evidence:
            holdings.append(h)
    for h in holdings:
        if h.state and h.person not in lex.info:
            ms.citizenship.setdefault(h.person, h.state)
    leaders = {h.person for h in holdings if is_leader_post(h.post)}
    leaders |= _background_leaders(lex)
    leaders |= {m.key for m in mentions if m.form == "desc" and any(
        t.i == m.i and is_leader_post(t.post) for t in ms.titles)}

    reader = Reader(doc, ms, lex, article.published, leaders, ms.citizenship)
    reader.lang = lang
    markers = [s for s, e in skip if _TEASER_RE.match(text[s:e])]
    if markers:
        reader.teasers_from = markers[0]
    reader.run(sents)
    cue_rules: dict[tuple, tuple] = {}

    def event_evidence(sent_idx: int, conf: float, groups: frozenset) -> Evidence:
        """A sentence of a visit or summit, with the rules that fired in it: its trip words and its cues."""
        key = (sent_idx, groups)
        if key not in cue_rules:
            sent = sents[sent_idx]
            cue_rules[key] = tuple(dict.fromkeys(reader.rules_at.get(sent_idx, []) +
                                                 load_cues().fired(reader.norms[sent.ti:sent.tj], groups)))
        s, e = spans[sent_idx]
        return Evidence(s, e, text[s:e], round(conf, 2), cue_rules[key])
    # final statuses
    pub = article.published.isoformat() if article.published else None
    # nobody visits their own state: people learnt to belong to the host (met there) drop such trips
    for v in reader.visits:
        if v.sentences and reader.state_of(v.traveller) == v.host:
            v.sentences, v.met, v.to_meet = [], [], []  # kept in place: visits are referred to by position
    for v in reader.visits:
        v.status = _visit_status(v, pub)
    reader.visit_summits()
    reader.summit_visits()
    # two hosts the same guest met ("welcomed by President A ... talks with Prime Minister B") held no summit between
    # themselves: a summit made only of people one visitor met is dropped
    hosts_of = [set(v.met) | set(v.to_meet) for v in reader.visits if v.sentences]
    reader.summits = [sm for sm in reader.summits if not any(set(sm.participants) <= met for met in hosts_of)]

    # posts without a state: delegates belong to the traveller's state, people met to the host
    side: dict[str, str] = {}
    for v in reader.visits:
        own = citizenship(v.traveller)
        for d in v.delegates:
            if own:
                side.setdefault(d, own)
        for x in v.met:
            side.setdefault(x, v.host)
    org_people = {t.person for t in ms.titles if t.org}
    for h in holdings:
        if h.state is None and h.person in side and h.person not in org_people:
            h.state = side[h.person]
            ms.citizenship.setdefault(h.person, h.state)
    merged: dict[tuple, Holding] = {}
    for h in holdings:
        key = (h.person, h.post, h.state)
        if key in merged:
            merged[key].evidence += [e for e in h.evidence if e not in merged[key].evidence]
        else:
            merged[key] = h
    holdings = list(merged.values())
    # a leader's further titles ("Vorsitzender", "chairman") add nothing: keep the state post
    holdings += _relational_holdings(doc, mentions, holdings, sents, reader, citizenship, evidence, skip)
    main_posts = {h.person for h in holdings if h.post != "Official"}
    holdings = [h for h in holdings if h.post != "Official" or h.person not in main_posts]

    # entities
    ents: dict[str, Entity] = {}
    for m in mentions:
        if m.i not in in_text:
            continue
        e = ents.get(m.key)
        if e is None:
            info = lex.info.get(m.key)
            label = info.label if info else ms.new_persons.get(m.key, m.surface)
            state = citizenship(m.key) if m.kind == "Person" else (info.state if info and m.kind == "Place" else None)
            e = Entity(m.key, m.kind, label, [], info.wikidata if info else None, state,
                       [evidence(sentence_of(m.start), 0.9 if m.form in ("name", "new") else 0.7)])
            ents[m.key] = e
        if _alternative_name(m, lex) and m.surface != e.label and m.surface not in e.aliases:
            e.aliases.append(m.surface)
    used = set()
    visits: list[Visit] = []
    index_map: dict[int, int] = {}
    for i, v in enumerate(reader.visits):
        if not v.sentences:
            continue
        # a cancelled or announced trip met nobody: its talks did not (or not yet) take place
        met = [] if v.status in ("Cancelled", "Announced") else list(v.met)
        vis = Visit(traveller=v.traveller, host=v.host, status=v.status, start=v.start, end=v.end, places=list(v.places),
                    transport=v.transport, kind=v.kind, invited_by=v.inviter, accompanied_by=list(v.delegates),
                    met=met)
        seen = set()
        for sn, c in v.sentences:
            if sn not in seen and len(seen) < MAX_EVIDENCE:
                vis.evidence.append(event_evidence(sn, c, VISIT_CUES))
                seen.add(sn)
        vis.claims.append(Claim("traveller", v.traveller, event_evidence(v.sentences[0][0], v.sentences[0][1], VISIT_CUES)))
        vis.claims.append(Claim("status", v.status, event_evidence(v.sentences[0][0], v.sentences[0][1], VISIT_CUES)))
        cseen = set()
        per_value: dict[tuple, int] = {}
        for prop, val, sn, c in v.claims:
            if (prop, val, sn) in cseen or per_value.get((prop, val), 0) >= MAX_CLAIM_EVIDENCE:
                continue
            per_value[(prop, val)] = per_value.get((prop, val), 0) + 1
            if prop == "startDate" and val != v.start or prop == "endDate" and val != v.end or prop == "met" and val not in met \
                    or prop == "toMeet":
                continue
            cseen.add((prop, val, sn))
            vis.claims.append(Claim(prop, val, event_evidence(sn, c, VISIT_CUES)))
        index_map[i] = len(visits)
        visits.append(vis)
        used.update([v.traveller, v.host, *v.places, *v.delegates, *v.met] + ([v.inviter] if v.inviter else []))
    summits: list[Summit] = []
    for sm in reader.summits:
        s = Summit(participants=list(sm.participants), status=sm.status, start=sm.start, end=sm.end,
                   places=list(sm.places), during_visit=index_map.get(sm.visit) if sm.visit is not None else None)
        for sn in sm.sentences[:MAX_EVIDENCE]:
            s.evidence.append(event_evidence(sn, 0.8, SUMMIT_CUES))
            for p in sm.participants:
                s.claims.append(Claim("participant", p, event_evidence(sn, 0.8, SUMMIT_CUES)))
        summits.append(s)
        used.update(sm.participants + sm.places)
    facts.entities = sorted(ents.values(), key=lambda e: e.key)
    # every key used by a fact must be an entity
    for key in sorted(used):
        if key and key not in ents and key in lex.info:
            info = lex.info[key]
            facts.entities.append(Entity(key, info.kind, info.label, [], info.wikidata, info.state))
    facts.holdings = holdings
    facts.visits = visits
    facts.summits = summits
    if not visits:
        log.info("article %s: no visits found", article.id)
    return facts


_COUNTERPART = {"amtskollege", "amtskollegen", "amtskollegin", "kollege", "kollegen", "kollegin", "counterpart",
                "counterparts", "amtskollegin"}
_PREDECESSOR = {"vorganger", "vorgangerin", "vorgangers", "predecessor", "nachfolger", "nachfolgerin", "successor"}
_POSSESSIVE = {"sein", "seine", "seinem", "seinen", "seiner", "seines", "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihres",
               "his", "her", "their"}


def _relational_holdings(doc, mentions, holdings, sents, reader, citizenship, evidence, skip) -> list[Holding]:
    """Posts given by relation: "sein Amtskollege Qin Gang", "her Chinese counterpart", "sein Vorgänger Bolsonaro".

    A counterpart holds the possessor's post in another state (an adjective names it, else the
    person's own or the visited state); a predecessor or successor the same post in the same state.
    """
    known = {(h.person, h.post, h.state) for h in holdings}
    by_person: dict[str, Holding] = {}
    for h in holdings:
        if h.state and (h.person not in by_person or by_person[h.person].post == "Official"):
            by_person[h.person] = h
    if not by_person:
        return []
    norms = reader.norms
    state_adj = {m.i: m.key for m in mentions if m.kind == "State" and m.form == "adj"}
    out = []
    for sent in sents:
        people = [m for m in sent.mentions if m.kind == "Person"]
        for m in people:
            k = m.i - 1
            adj = None
            while k >= sent.ti and k >= m.i - 4 and norms[k] not in _COUNTERPART and norms[k] not in _PREDECESSOR:
                if k in state_adj:
                    adj = state_adj[k]
                k -= 1
            if k < sent.ti or k < m.i - 4:
                continue
            rel = norms[k]
            j = k - 1
            while j >= sent.ti and j in state_adj:
                adj = adj or state_adj[j]
                j -= 1
            if j < sent.ti or norms[j] not in _POSSESSIVE:
                continue
            # the possessor: the nearest earlier person with a post in the sentence, else the current traveller
            owner = next((p.key for p in reversed(people) if p.i < k and p.key in by_person and p.key != m.key), None)
            if owner is None and reader.focus in by_person and reader.focus != m.key:
                owner = reader.focus
            if owner is None:
                continue
            base = by_person[owner]
            if rel in _PREDECESSOR:
                state = base.state
            else:
                state = adj or citizenship(m.key) or next((v.host for v in reader.visits if v.traveller == owner), None)
                if state == base.state:
                    continue
            if not state or (m.key, base.post, state) in known or _inside(skip, m.start, m.end):
                continue
            known.add((m.key, base.post, state))
            out.append(Holding(person=m.key, post=base.post, state=state, title=doc.text[doc.tokens[k].start:doc.tokens[k].end],
                               evidence=[evidence(sent.idx, 0.7)]))
    return out


def _alternative_name(m, lex) -> bool:
    """A spelling worth keeping as an alternative name: a name as written, not an inflection or a slip.

    Genitives ("Kims", "Nordkoreas") and misspellings matched by similarity ("Choos") stay
    mentions with their evidence but never become labels.
    """
    if m.form not in ("name", "new", "short"):
        return False
    if m.form == "new" and m.key in lex.info and not lex.names.get(norm_tokens(m.surface)):
        return False  # a known person found by similarity ("Zelenskiy"): a spelling seen, not one to label them by
    return not (m.genitive and m.surface.endswith("s") and not lex.names.get(norm_tokens(m.surface)))


_LEADERS: dict[int, frozenset] = {}


def _background_leaders(lex) -> frozenset:
    """People who ever held a head-of-state or -government post (cached per lexicon)."""
    got = _LEADERS.get(id(lex))
    if got is None:
        got = frozenset(k for k, i in lex.info.items() if i.kind == "Person" and any(is_leader_post(p["post"]) for p in i.posts))
        _LEADERS[id(lex)] = got
    return got


def _visit_status(v, pub: str | None) -> str:
    sts = set(v.statuses)
    if "Cancelled" in sts:
        return "Cancelled"
    if pub and v.start and v.end is None and v.statuses[:1] == ["Ongoing"] and recent(v.start, pub):
        return "Ongoing"
    if pub and v.start:
        last = v.end or v.start
        if last < pub[:len(last)]:
            return "Completed"
        if v.start > pub[:len(v.start)]:
            return "Announced"
    if "Ongoing" in sts and ("Announced" not in sts or v.statuses[0] == "Ongoing"):
        return "Ongoing"
    if "Announced" in sts:
        return "Announced"
    if "Ongoing" in sts:
        return "Ongoing"
    return "Completed" if sts else "Ongoing"


__all__ = ["EXTRACTOR", "extract", "language_of"]
