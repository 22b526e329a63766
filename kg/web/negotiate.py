"""Content negotiation (RFC 9110 section 12.5.1): pick a media type from ``Accept`` q-values.

Kept free of Flask so that the query processes and the pages share it.

>>> best("text/csv;q=0.5, application/sparql-results+xml", RESULTS)
'application/sparql-results+xml'
>>> best("text/html", RESULTS) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    media_type: str  # canonical media type sent in Content-Type
    name: str  # short name for ?format= and file names
    extension: str
    aliases: tuple[str, ...] = ()
    dataset: bool = False  # can carry named graphs (quad formats)

    @property
    def content_type(self) -> str:
        text = self.media_type.startswith("text/") or self.media_type.endswith(("+xml", "+json", "json", "trig", "triples", "quads"))
        return f"{self.media_type}; charset=utf-8" if text else self.media_type


#: SELECT / ASK result formats, the first is the default
RESULTS: tuple[Format, ...] = (
    Format("application/sparql-results+json", "json", "srj", ("application/json",)),
    Format("application/sparql-results+xml", "xml", "srx", ("application/xml", "text/xml")),
    Format("text/csv", "csv", "csv"),
    Format("text/tab-separated-values", "tsv", "tsv"),
)

#: CONSTRUCT / DESCRIBE / graph formats, the first is the default
GRAPHS: tuple[Format, ...] = (
    Format("text/turtle", "turtle", "ttl", ("application/x-turtle",)),
    Format("application/n-triples", "ntriples", "nt", ("text/plain",)),
    Format("application/rdf+xml", "rdfxml", "rdf", ("application/xml", "text/xml")),
    Format("application/ld+json", "jsonld", "jsonld", ("application/json",), dataset=True),
    Format("application/n-quads", "nquads", "nq", ("text/x-nquads",), dataset=True),
    Format("application/trig", "trig", "trig", ("application/x-trig",), dataset=True),
)

#: formats that can hold a whole dataset
DATASETS: tuple[Format, ...] = tuple(f for f in GRAPHS if f.dataset)


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """(media range, q, position) for every entry of an Accept header.

    >>> parse_accept("text/*;q=0.3, text/turtle")
    [('text/*', 0.3, 0), ('text/turtle', 1.0, 1)]
    """
    out = []
    for i, part in enumerate((header or "").split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for param in bits[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        out.append((bits[0].lower(), q, i))
    return out


def _specificity(media_range: str, media_type: str) -> int:
    """3 for an exact match, 2 for type/*, 1 for */*, 0 for no match."""
    if media_range == media_type:
        return 3
    main, _, sub = media_range.partition("/")
    if sub == "*" and main == media_type.split("/")[0]:
        return 2
    if media_range in ("*/*", "*"):
        return 1
    return 0


def best(accept: str | None, formats: tuple[Format, ...]) -> str | None:
    """The canonical media type of the most wanted of ``formats``, None when none is acceptable.

    No Accept header means anything, so the first format wins. Ties in q go to the
    earlier entry of the header, then to the earlier format.
    """
    fmt = choose(accept, formats)
    return fmt.media_type if fmt else None


def choose(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    entries = parse_accept(accept)
    if not entries:
        return formats[0]
    scored = []
    for rank, fmt in enumerate(formats):
        # the q of a format is that of the most specific range matching it
        best_spec, q, pos = 0, 0.0, 0
        for name in (fmt.media_type, *fmt.aliases):
            for media_range, mq, mpos in entries:
                spec = _specificity(media_range, name)
                if name != fmt.media_type and spec < 3:
                    continue  # aliases only count when named exactly
                if spec > best_spec or (spec == best_spec and spec and mq > q):
                    best_spec, q, pos = spec, mq, mpos
        if best_spec and q > 0:
            scored.append((-q, -best_spec, pos, rank, fmt))
    if not scored:
        return None
    scored.sort(key=lambda t: t[:4])
    return scored[0][4]


def by_name(name: str, formats: tuple[Format, ...]) -> Format | None:
    """A format named by ``?format=`` (short name, extension or media type).

    >>> by_name("ttl", GRAPHS).media_type
    'text/turtle'
    """
    name = name.strip().lower()
    for fmt in formats:
        if name in (fmt.name, fmt.extension, fmt.media_type, *fmt.aliases):
            return fmt
    return None
