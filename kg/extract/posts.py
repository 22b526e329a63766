"""Posts people hold, from titles attached to names ("Außenministerin Choe Son-hui").

>>> from kg.extract.entities import TitleMention
>>> h = holdings_from_titles([TitleMention("ForeignMinister", 0, 1, None, "Außenministerin", "person/choe-son-hui", 1)],
...                          lambda key: "state/north-korea")
>>> (h[0][0].post, h[0][0].state)
('ForeignMinister', 'state/north-korea')
"""

from __future__ import annotations

from collections.abc import Callable

from kg.model import Holding

from kg.extract.entities import TitleMention


def holdings_from_titles(titles: list[TitleMention], citizenship: Callable[[str], str | None]) -> list[tuple[Holding, int]]:
    """One Holding per (person, post, state); also the title's first token index for evidence."""
    out: dict[tuple, tuple[Holding, int]] = {}
    for t in titles:
        if not t.person:
            continue
        state = t.state or (None if t.org else citizenship(t.person))
        key = (t.person, t.post, state)
        if key not in out:
            out[key] = (Holding(person=t.person, post=t.post, state=state, title=t.word), t.i)
    return list(out.values())


def is_leader_post(post: str) -> bool:
    return post in ("HeadOfState", "HeadOfGovernment")
