"""Roles of the people in a sentence: subject, traveller (a genitive "Kims Besuch", "a visit by X"),
guest, host met, delegate, leader, inviter, speaker, possessor, other; and the delegation cues
("accompanied by", "Also travelling are", "part of the delegation") that make people companions.
"""

from __future__ import annotations

from kg.extract.cues import load_cues
from kg.extract.discourse import Story
from kg.extract.document import Document, Sentence
from kg.extract.entities import DETERMINERS, MODIFIERS, PAST_MODIFIERS, PERSON_CUE_SUFFIXES, Mention
from kg.extract.triggers import trigger_kind

_CUES = load_cues()
_VISIT_NOUNS = _CUES.words("visit_noun")
_PRONOUNS = _CUES.words("pronoun")
_INVITE = _CUES.words("invitation")
_LEAD = _CUES.words("leading")
_ACCOMP = _CUES.prefixes("accompany_stem")
_MEET_WORDS = _CUES.words("meeting_link")
_MEET_STEMS = _CUES.prefixes("meet_stem")
_MEET_CUE_PREFIX = _MEET_STEMS + _CUES.prefixes("meet_stem_more")
_MEET_CUE_EXACT = _CUES.words("meeting_cue")
_SPEAK = _CUES.words("speech")
_ACCOMP_FIRST = _CUES.prefixes("companion_cue_stem")
_TRAVEL_VERBS = _CUES.words("travel_verb")
_WITH_HIM = _CUES.words("companion_pronoun")
_RECEIVE_PREFIX = _CUES.prefixes("reception_stem")
_RELATIVE = _CUES.words("relative")
_INVITE_LINK = _CUES.words("invitation_link")
_LEAD_LINK = _CUES.words("leader_link")
_LIST_CUE, _LIST_CUE_STEM = _CUES.words("delegate_list_cue"), _CUES.prefixes("delegate_list_cue")
_AND = _CUES.words("coordinator")
_HOST_VERB = _CUES.words("host_verb")
_OBJECT_PRONOUN = _CUES.words("object_pronoun")
_OBJECT_AFTER = _CUES.words("object_pronoun_after_verb")
_BY = _CUES.words("agent_preposition")
_BY_FORMAL = _CUES.words("agent_preposition_formal")
_VISIT_ENDING = _CUES.suffixes("visit_noun_ending")
_VISIT_NOUN_BY = _VISIT_NOUNS | _CUES.words("visit_noun_by")
_GREETED_BY = _CUES.prefixes("greeted_by_stem")
_OTHER_LINK = _CUES.words("other_link")
_RELATIVE_PREP = _CUES.words("relative_clause_preposition")
_RELATIVE_OBJECT = _CUES.words("relative_pronoun_object")
_VERB_SECOND_MEET = _CUES.words("verb_second_meeting")
_MEETING_NOUN_VERB = _CUES.words("meeting_noun_verb")
_MEET_VERB = _CUES.words("meet_verb")
_ACCOMPANY = _CUES.prefixes("accompany_prefix")
_DELEGATION = _CUES.prefixes("delegation_prefix")
_FRONTED_ACCOMPANY = _CUES.prefixes("fronted_accompany")
_PARTY = _CUES.prefixes("party_stem")
_ACCOMPANIMENT = _CUES.prefixes("accompaniment_noun")
_PARTY_WORD = _CUES.prefixes("party_word_stem")
_ACCOMPANIED = _CUES.words("accompanied_participle")
_ALONG = _CUES.words("along_adverb")
_SEPARABLE_TRAVEL = _CUES.words("separable_travel_verb")
_SEPARABLE_WITH = _CUES.words("separable_with")
_GOAL = _CUES.words("goal_preposition")
_TRAVEL_WITH = _CUES.words("travel_with_verb")
_TRAVEL_ALONG = _TRAVEL_VERBS | _CUES.words("travel_verb_infinitive")
_ALSO_TRAVELLING = _CUES.words("also_travelling")
_ALSO = _CUES.words("also_adverb")
_NEEDS_WITH = _CUES.words("travel_needs_with")
_JOINED = _CUES.words("joined_word")
_ABOARD = _CUES.words("aboard")
_TRAVELLING_WITH = _CUES.words("travelling_with_verb")
_ARTICLE = _CUES.words("article")
_LED_BY = _CUES.words("led_by_word")
_JOIN = _CUES.words("join_verb")
_PARTY_NOUN = _CUES.prefixes("party_noun_stem")
_RELATIVE_SUBJECT = _CUES.words("relative_pronoun_subject")
_TRAVELLED = _TRAVEL_VERBS | _CUES.words("travel_verb_past")
_PART = _CUES.words("part_noun")
_OF = _CUES.words("genitive_preposition")
_MEMBER, _MEMBER_STEM = _CUES.words("membership_word"), _CUES.prefixes("membership_word")
_BELONGS = _CUES.prefixes("belonging_verb_stem")
_THE = _CUES.words("definite_article")
_RECEIVED_V2 = _CUES.words("reception_verb_finite")
_GUEST_PRONOUN = _CUES.words("guest_pronoun")
_PASSIVE_AUX = _CUES.words("passive_auxiliary")
_PROGRESSIVE = _CUES.suffixes("progressive_ending")
_CLAUSE_AUX = _CUES.words("clause_auxiliary")
_TOGETHER, _TOGETHER_STEM = _CUES.words("meeting_together"), _CUES.prefixes("meeting_together")
_TALK = _CUES.words("talk_verb")
_WITH = _CUES.words("with_preposition")


def roles_of(doc: Document, story: Story, s: Sentence) -> list[tuple[Mention, str, int]]:
    """(person mention, role, phrase start) for each person in the sentence (computed once per clause)."""
    return list(doc.cached(("roles", s.ti, s.tj), lambda: _roles(doc, story, s)))


def _roles(doc: Document, story: Story, s: Sentence) -> list[tuple[Mention, str, int]]:
    """The role of each person by the words around their name phrase, then by the delegation cues of the sentence."""
    out = []
    sent_norms = doc.norms[s.ti:s.tj]
    accomp = any(w.startswith(_ACCOMP) for w in sent_norms)
    escort = _escort(doc, s)
    escorted = escort[1] if escort else None
    inverted = _inverted_host(doc, s)
    cue = accomp_cue(doc, story, s)
    member = membership(doc, s)
    for m in s.mentions:
        if m.kind != "Person":
            continue
        ps = doc.phrase_start(m, s.ti)
        prev = doc.norms[max(s.ti, ps - 3):ps]
        prev6 = doc.norms[max(s.ti, ps - 6):ps]
        nxt = doc.norms[m.j:min(s.tj, m.j + 3)]
        role = "subject"
        if inverted is not None and m is inverted[0]:
            role = "subject"  # "Hier empfing Joe Biden am Mittwoch Xi Jinping": verb-second, the host follows the verb
        elif inverted is not None and inverted[1] is not None and m is inverted[1]:
            role = "guest"
        elif _relative_follows(doc, m, s):
            role = "possessor"  # "The King's late mother, Queen Elizabeth II, ...": the mother acts, not the King
        elif _owns_delegation(doc, ps, s):
            role = "possessor"  # "Zur Delegation der Ministerin gehörte ...", "the delegation of Prime Minister A"
        elif prev and (prev[-1] in _INVITE or (len(prev) > 1 and prev[-2] in _INVITE and prev[-1] in _INVITE_LINK)):
            role = "inviter"
        elif any(w in _LEAD for w in prev6) and any(w in _LEAD_LINK for w in prev6):
            role = "leader"
        elif _after_von(doc, ps, s) and _received_after(doc, m, s):
            role = "met"  # "wurde er von Staatsminister A begrüßt", "von Xi empfangen"
        elif _after_von(doc, ps, s) and _greeted_by(doc, ps, s):
            role = "met"  # "The King, who was accompanied by Camilla, was greeted by President A"
        elif accomp and _after_von(doc, ps, s) and not _received_after(doc, m, s):
            role = "delegate"  # "von seinem Stellvertreter A begleitet", "accompanied by his wife, B"
        elif accomp and (any(w.startswith(_LIST_CUE_STEM) or w in _LIST_CUE
                             for w in prev) or (prev and prev[-1] in _AND and out and out[-1][1] == "delegate")):
            role = "delegate"
        elif out and out[-1][1] == "delegate" and coordinated(doc, out[-1][0], ps):
            role = "delegate"  # "with Foreign Minister A and Marshal B": the list goes on
        elif any(w in _HOST_VERB for w in prev) \
                and not any(w in _OBJECT_PRONOUN for w in prev) and prev[-1] not in _BY:
            role = "guest"  # not "was welcomed by Biden": the agent of a passive welcome is the host
        elif prev and prev[-1] in _SPEAK:
            role = "speaker"
        elif m.genitive and m.form not in ("adj",):
            after = [w for w in doc.norms[m.j:min(s.tj, m.j + 6)] if w != "s"][:5]
            if any(trigger_kind(w) in ("visit", "arrive", "depart") and (w in _VISIT_NOUNS or w.endswith(_VISIT_ENDING)) for w in after):
                role = "traveller"
            else:
                role = "possessor"
        elif len(prev) > 1 and prev[-1] in _BY and trigger_kind(prev[-2]) == "visit" and \
                prev[-2] in _VISIT_NOUN_BY:
            role = "traveller"  # "der Besuch von Frankreichs Präsident Macron", "a visit by Blinken"
        elif prev and prev[-1] in _BY and any(
                w.startswith(_GREETED_BY) for w in prev6):
            role = "met"  # "was greeted on the tarmac by Kim Jong Un", "von Xi Jinping begrüßt"
        elif prev and prev[-1] in _OTHER_LINK:
            role = "other"
        elif ps - 2 >= s.ti and doc.norms[ps - 1] in _RELATIVE_PREP and doc.norms[ps] in _RELATIVE_OBJECT \
                and m.i > ps and "," in doc.text[doc.tokens[ps - 2].end:doc.tokens[ps - 1].start]:
            role = "subject"  # "Li Qiang, mit dem Scholz zusammenkam": a relative clause, its subject is Scholz
        elif prev and prev[-1] in _VERB_SECOND_MEET and ps - 1 > s.ti and \
                not any(x.kind == "Person" and x.i < ps - 1 for x in s.mentions) and \
                doc.tokens[s.ti].text[:1].isupper() and doc.norms[s.ti] not in _PRONOUNS:
            role = "subject"  # German verb-second: "Vor der Weiterreise traf Kishida in Kiew Selenskyj"
        elif len(prev) >= 2 and prev[-1] in _MEETING_NOUN_VERB and prev[-2] in DETERMINERS:
            role = "subject"  # "Vorbereitet hatte das Treffen Außenminister Fidan": the noun, not "meet X"
        elif prev and (prev[-1] in _MEET_WORDS or (len(prev) > 1 and prev[-2] in _MEET_VERB)):
            role = "met"
        if escorted is not None and m is escorted:
            role = "traveller"  # "A was among those accompanying B", "A begleitete B": B travels
        elif escorted is not None and role in ("subject", "other") and m.i < escorted.i:
            role = "delegate"
        elif member and role in ("subject", "other"):
            role = "delegate"
        elif cue is not None and role == "subject" and ps < cue and _joins_the_party(doc, cue, s):
            role = "delegate"  # "The resources minister, Madeleine King, joined the delegation for the Shanghai leg"
        elif cue is not None and role == "subject" and ps < cue and cue + 1 < len(doc.norms) and doc.norms[cue + 1] in _WITH \
                and not doc.norms[cue].startswith(_ACCOMPANY + _DELEGATION) and \
                (cue < s.tj or any(doc.norms[x] in _WITH for x in range(s.ti, ps))):
            role = "delegate"  # "A and B travelled with him", "Auch A reiste mit"
        elif cue is not None and role == "subject" and doc.norms[cue].startswith(_ACCOMPANY) and \
                (_object_is_traveller(doc, cue, s) or _escorts_traveller(doc, story, cue, s)):
            role = "delegate"  # "A und B begleiten ihn", "Ihn begleiten A und B", "A, der den Premier begleitet"
        elif role == "met" and ps > s.ti and doc.norms[ps - 1] in _WITH and _travel_with(doc, ps, s):
            role = "delegate"  # "arrived in Vladivostok with Foreign Minister A", "reiste mit Minister A nach Peking"
        elif cue is not None and role in ("subject", "other") and ps > cue and not (
                ps - cue <= 3 and not any(w in _BY for w in doc.norms[cue:ps])
                and doc.norms[cue].startswith(_FRONTED_ACCOMPANY) and not out):
            role = "delegate"  # "Begleitet wurde Biden von einem kleinen Kreis: A, B und C"
        out.append((m, role, ps))
    return out


def accomp_cue(doc: Document, story: Story, s: Sentence) -> int | None:
    """Token where a delegation list starts ("begleitet von", "accompanied by", "joined by", "Delegation")."""
    return doc.cached(("accomp", s.ti, s.tj), lambda: _accomp_cue(doc, story, s))


def _accomp_cue(doc: Document, story: Story, s: Sentence) -> int | None:
    """The first delegation cue of the sentence, by the verbs and prepositions around each companion word."""
    escort = _escort(doc, s)
    if escort is not None:
        return escort[0]
    for k in range(s.ti, s.tj):
        if not doc.norms[k].startswith(_ACCOMP_FIRST):
            continue
        w = doc.norms[k]
        nx = doc.norms[k + 1] if k + 1 < s.tj else ""
        nx5 = doc.norms[k + 1:min(s.tj, k + 6)] + (doc.norms[max(s.ti, k - 8):k] if w in _ACCOMPANIED else [])
        if w in _ALONG and k > s.ti and doc.norms[k - 1] in _SEPARABLE_WITH:
            return k  # "Mit dabei waren Minister A und B"
        if w in _SEPARABLE_TRAVEL and nx in _SEPARABLE_WITH and (k + 2 >= s.tj or doc.norms[k + 2] in _GOAL):
            return k  # "Auch Außenministerin A reiste mit": separable mitreisen
        if w.startswith(_ACCOMPANY) and (_object_is_traveller(doc, k, s) or _escorts_traveller(doc, story, k, s)):
            return k  # "Ihn begleiten A und B", "A, der den Premier begleitet", "A accompanied him"
        if w in _TRAVEL_WITH and nx in _WITH and k + 2 < s.tj and (
                doc.norms[k + 2] in _WITH_HIM or _names_traveller(doc, story, k + 2, s)):
            return k  # "A and B travelled with him", "A will travel with the prime minister": the people before the cue
        if w in _TRAVEL_ALONG and doc.norms[s.ti] in _SEPARABLE_WITH and k - s.ti <= 8:
            return k  # "Mit nach Kiew und Moskau reisen A und B": the people after the cue
        if w in _ALSO_TRAVELLING and k > s.ti and doc.norms[k - 1] in _ALSO:
            return k  # "Also travelling are A and B", "Ebenfalls dabei ist A"
        if w in _NEEDS_WITH:
            continue
        if w.startswith(_PARTY_WORD) or (w.startswith(_ACCOMPANY) and any(x in _BY for x in nx5)) or \
                (w in _JOINED and nx in _BY) or _joins_the_party(doc, k, s) or \
                (k > s.ti and f"{doc.norms[k - 1]}_{w}" in _ABOARD) or (w in _TRAVELLING_WITH and nx in _WITH) \
                or w.startswith(_DELEGATION) and not (k > s.ti and doc.norms[k - 1] in _ARTICLE and
                                                      k + 1 < s.tj and doc.norms[k + 1] in _LED_BY):
            return k
    return _travelled_with_him_next(doc, s)


def _joins_the_party(doc: Document, k: int, s: Sentence) -> bool:
    """ "joined the delegation / the trip / him": the subject travels in the party (perhaps for one leg only)."""
    return doc.norms[k] in _JOIN and k + 2 < s.tj and (
        doc.norms[k + 1] in _OBJECT_PRONOUN or doc.norms[k + 1] in DETERMINERS and doc.norms[k + 2].startswith(_PARTY_NOUN))


def _travelled_with_him_next(doc: Document, s: Sentence) -> int | None:
    """A relative clause cut off as the next clause says the people just named travel with the traveller:
    "... with the trade minister, Don Farrell, who have travelled with him throughout": its verb."""
    if s.full is None or s.tj >= s.full[1] or doc.norms[s.tj] not in _RELATIVE_SUBJECT:
        return None
    for k in range(s.tj + 1, min(s.full[1] - 2, s.tj + 5)):
        if doc.norms[k] in _TRAVELLED and doc.norms[k + 1] in _WITH and doc.norms[k + 2] in _WITH_HIM:
            return k
    return None


def membership(doc: Document, s: Sentence) -> bool:
    """ "part of the travelling delegation", "gehört zur Delegation", "Mitglieder der Delegation". """
    return doc.cached(("member", s.ti, s.tj), lambda: _membership(doc, s))


def _membership(doc: Document, s: Sentence) -> bool:
    """A word of belonging (part of, gehört, Mitglied) next to "delegation"."""
    ws = doc.norms[s.ti:s.tj]
    for k, w in enumerate(ws):
        if w.startswith(_DELEGATION):
            before = ws[max(0, k - 4):k]
            if (any(b in _PART for b in before) and any(b in _OF for b in before)) or any(
                    b in _MEMBER or b.startswith(_MEMBER_STEM) for b in before) or \
                    any(x.startswith(_BELONGS) for x in ws[k + 1:k + 3]):
                return True
    return False


def _after_von(doc: Document, ps: int, s: Sentence) -> bool:
    """A "von / by" governs the name phrase at ``ps``: "von seinem Stellvertreter A", "by his wife, first lady B"."""
    k = ps - 1
    while k >= max(s.ti, ps - 5):
        w = doc.norms[k]
        if w in _BY or w in _BY_FORMAL:
            return True
        tok = doc.tokens[k]
        if w in DETERMINERS or w in MODIFIERS or w.endswith(PERSON_CUE_SUFFIXES) or \
                (tok.text[:1].isupper() and k not in doc.mention_tokens):
            k -= 1
            continue
        return False
    return False


def _names_traveller(doc: Document, story: Story, k: int, s: Sentence) -> bool:
    """Token ``k`` starts a reference to the traveller in focus: a bare title ("the prime minister") or their name."""
    if doc.norms[k] in _THE and k + 1 in doc.title_tokens and doc.title_tokens[k + 1].person is None:
        return True
    travellers = story.travellers()
    if any(m.kind == "Person" and m.key in travellers and doc.phrase_start(m, s.ti) == k for m in s.mentions):
        return True
    focus = doc.lex.info.get(story.focus) if story.focus else None
    # "the pope", "the king": the article's word for the person in focus, a word of their name
    return doc.norms[k] in _THE and k + 1 < s.tj and focus is not None and \
        k + 1 not in doc.mention_tokens and doc.norms[k + 1] in doc.label_words(story.focus)


def _object_is_traveller(doc: Document, k: int, s: Sentence) -> bool:
    """The accompanying verb at ``k`` (active, no "von / by") has the traveller as object: a pronoun or a bare title."""
    if _passive(doc, k, s):
        return False
    if k > 0 and doc.norms[k - 1] in _OBJECT_PRONOUN or k + 1 < len(doc.norms) and doc.norms[k + 1] in _OBJECT_AFTER:
        return True
    for x in range(max(s.ti, k - 6), min(s.tj, k + 3)):
        if doc.norms[x] in _THE and x + 1 in doc.title_tokens and x + 1 not in doc.mention_tokens \
                and doc.title_tokens[x + 1].person is None:
            return True  # "der den Premier auf der Reise begleitet"
    return False


def _inverted_host(doc: Document, s: Sentence) -> tuple[Mention, Mention | None] | None:
    """(host, guest) of a German verb-second reception after a fronted phrase: "Hier empfing Joe Biden am Mittwoch Xi
    Jinping" (the name right after the verb receives, the next one is received)."""
    people = [m for m in s.mentions if m.kind == "Person"]
    for k in range(s.ti + 1, min(s.tj, s.ti + 6)):
        if doc.norms[k] in _RECEIVED_V2:
            after = [m for m in people if m.i > k]
            if doc.norms[s.ti] in _PRONOUNS or any(m.i < k for m in people) or not after or \
                    doc.phrase_start(after[0], k + 1) != k + 1:
                return None
            if len(after) >= 2:
                return after[0], after[1]
            # "Am Sonntag empfing Kim ihn": the guest is a pronoun
            return (after[0], None) if after[0].j < len(doc.norms) and doc.norms[after[0].j] in _GUEST_PRONOUN else None
    return None


def _relative_follows(doc: Document, m: Mention, s: Sentence) -> bool:
    """``m`` is a genitive followed by a relative and that relative's name: "The King's late mother, Queen Elizabeth
    II", "Vajpayees Nachfolger Manmohan Singh"."""
    k = m.j + (1 if doc.norms[m.j:m.j + 1] == ["s"] else 0)
    if not (m.genitive or k > m.j):
        return False
    while k < s.tj and doc.norms[k] in PAST_MODIFIERS:
        k += 1
    if k >= s.tj or doc.norms[k] not in _RELATIVE:
        return False
    return any(x.kind == "Person" and x is not m and k < x.i and doc.phrase_start(x, k + 1) == k + 1 for x in s.mentions)


def _owns_delegation(doc: Document, ps: int, s: Sentence) -> bool:
    """The name phrase at ``ps`` is the genitive after "Delegation" / "delegation of": whose party it is."""
    before = doc.norms[max(s.ti, ps - 2):ps]
    return bool(before) and (before[-1].startswith(_PARTY) or
                             len(before) == 2 and before[0].startswith(_PARTY) and before[1] in _OF)


def _escort(doc: Document, s: Sentence) -> tuple[int, Mention] | None:
    """:func:`_find_escort`, once per clause (the roles and the delegation cue both ask)."""
    return doc.cached(("escort", s.ti, s.tj), lambda: _find_escort(doc, s))


def _find_escort(doc: Document, s: Sentence) -> tuple[int, Mention] | None:
    """The person named right after an active verb of accompanying ("accompanying Olaf Scholz", "begleitete
    Präsident Lula"): the one who travels, with the people before the verb in their delegation."""
    people = [m for m in s.mentions if m.kind == "Person"]
    for k in range(s.ti + 1, s.tj - 1):
        w = doc.norms[k]
        if not w.startswith(_ACCOMPANY) or w.startswith(_ACCOMPANIMENT) or \
                doc.norms[k + 1] in _BY or doc.norms[k + 1] in _OBJECT_PRONOUN or _passive(doc, k, s):
            continue
        after = [m for m in people if doc.phrase_start(m, k + 1) == k + 1]
        before = [m for m in people if m.j <= k]
        if len(after) == 1 and before and not any(m.i == after[0].j for m in people):
            return k, after[0]
    return None


def _escorts_traveller(doc: Document, story: Story, k: int, s: Sentence) -> bool:
    """The active accompanying verb at ``k`` has someone before it and the traveller right after it: "A is among
    those accompanying the pope" (not German verb-second "begleitete Lawrow Putin", where the subject follows)."""
    return k + 1 < s.tj and not _passive(doc, k, s) and any(m.kind == "Person" and m.j <= k for m in s.mentions) and \
        _names_traveller(doc, story, k + 1, s)


def _passive(doc: Document, k: int, s: Sentence) -> bool:
    """The participle at ``k`` is passive: "wurde von A begleitet", "was accompanied by"."""
    return k + 1 < len(doc.norms) and doc.norms[k + 1] in _BY or not doc.norms[k].endswith(_PROGRESSIVE) and any(
        doc.norms[x] in _PASSIVE_AUX for x in range(max(s.ti, k - 6), k))


def coordinated(doc: Document, before: Mention, ps: int) -> bool:
    """The name phrase at ``ps`` follows ``before`` after "und / and / sowie" (titles outside the lexicon allowed)."""
    k = ps - 1
    while k > before.j and k - ps > -4 and doc.tokens[k].text[:1].isupper() and k not in doc.mention_tokens:
        k -= 1  # "and Marshal Pak Jong Chon"
    return k - before.j <= 1 and k >= before.j and doc.norms[k] in _AND


def _travel_with(doc: Document, ps: int, s: Sentence) -> bool:
    """The "with / mit" before ``ps`` belongs to a verb of travelling, not to a meeting ("talks with")."""
    lo, hi = doc.clause(s, ps)
    if any(w in _TOGETHER or w.startswith(_TOGETHER_STEM) for w in doc.norms[ps:hi]):
        return False  # "kam mit Li Qiang zusammen"
    for k in range(ps - 2, max(s.ti, ps - 12) - 1, -1):
        w = doc.norms[k]
        if w in _MEET_CUE_EXACT or w.startswith(_MEET_CUE_PREFIX) or w in _TALK:
            return False
        if w in _TRAVEL_VERBS:
            return True
    return False


def _received_after(doc: Document, m: Mention, s: Sentence) -> bool:
    """The verb after the name is one of receiving ("von Xi empfangen und von A begleitet"): a host, not a member."""
    for k in range(m.j, min(s.tj, m.j + 4)):
        w = doc.norms[k]
        if w.startswith(_RECEIVE_PREFIX):
            return True
        if w.startswith(_ACCOMPANY) or w in _AND or w == "," or w in _CLAUSE_AUX:
            return False  # "A, who was accompanied by B, was greeted by C": the receiving verb is A's, not B's
    return False


def _greeted_by(doc: Document, ps: int, s: Sentence) -> bool:
    """The "by / von" before the name phrase at ``ps`` follows a verb of receiving: "was greeted by President A"."""
    k = ps - 1
    while k > s.ti and doc.norms[k] not in _BY:
        k -= 1
    return k > s.ti and ps - k <= 4 and doc.norms[k - 1].startswith(_RECEIVE_PREFIX)
