"""Read articles and their metadata from a folder, as they came off the web.

Articles are ``*.txt`` or ``*.html`` files; ``manifest.csv`` beside them gives
``file,published,language,url,title,publisher,canonical_url,other_urls`` (all but
``file`` optional; ``kg ingest`` fills them). Text is
decoded as UTF-8, then cp1252, then Latin-1 (common for scraped German pages). An HTML
page is reduced to its main text by trafilatura (:func:`read_html`, the same reading as
``kg ingest``), and the metadata it declares fills what the manifest leaves empty; a
``.txt`` is kept whole. Offsets of evidence index into the text as read, and cleaning
is the extractor's job.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_bytes("Außenministerin reist ab".encode("cp1252"))
>>> articles, problems = read_articles(d)
>>> articles[0].text, articles[0].published is None
('Außenministerin reist ab', True)
"""

from __future__ import annotations

import csv
import hashlib
import io
import logging
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePath

from kg.iris import slug
from kg.model import Article

log = logging.getLogger(__name__)

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("file", "published", "language", "url", "title", "publisher", "canonical_url", "other_urls")
SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class Problem:
    """Something the build skipped or guessed, with what the user can do about it."""

    file: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


#: largest article read by default (KG_MAX_ARTICLE_BYTES); news articles are far smaller
MAX_ARTICLE_BYTES = 5_000_000


def read_articles(folder: str | Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[list[Article], list[Problem]]:
    """All readable articles of ``folder`` (sorted by file name) and the problems met.

    Only regular files inside ``folder`` are read (a symbolic link pointing out of it, a
    pipe or a device is skipped with a message), none larger than ``max_bytes``.
    """
    problems: list[Problem] = []
    return list(iter_articles(folder, problems, max_bytes=max_bytes)), problems


def iter_articles(folder: str | Path, problems: list[Problem], *, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article]:
    """The articles of :func:`read_articles` one at a time, the problems met appended to
    ``problems`` as they come: a build holds one article's text at a time, not the corpus."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no article folder {folder}: create it or pass --articles DIR")
    return _articles_in(folder, problems, max_bytes)


def _articles_in(folder: Path, problems: list[Problem], max_bytes: int) -> Iterator[Article]:
    manifest = read_manifest(folder, problems)
    seen: set[str] = set()
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES):
        meta = manifest.pop(path.name, {})
        if _usable_file(folder, path, max_bytes, problems):
            article = read_article(path, meta, problems, max_bytes=max_bytes)
            if article is not None:
                unique = unique_id(article.id, path.name, seen, problems)
                yield article if unique == article.id else replace(article, id=unique)
    for missing in manifest:
        problems.append(Problem(missing, f"listed in {MANIFEST} but there is no such file in {folder}; "
                                         "add the file or remove its row", skipped=False))


def _usable_file(folder: Path, path: Path, max_bytes: int, problems: list[Problem]) -> bool:
    """Whether ``path`` is a regular file inside ``folder`` of at most ``max_bytes``; a Problem if not."""
    try:
        target = path.resolve(strict=True)
        info = target.stat()
    except (OSError, RuntimeError) as exc:  # a dangling or looping link
        problems.append(Problem(path.name, f"cannot be opened ({getattr(exc, 'strerror', None) or exc}); "
                                           "remove it or replace it with the article file"))
        return False
    if not target.is_relative_to(folder.resolve()):
        problems.append(Problem(path.name, "is a link to a file outside the articles folder and is not read "
                                           "(it would publish that file's text); copy the article into the folder"))
        return False
    if not stat.S_ISREG(info.st_mode):
        if not stat.S_ISDIR(info.st_mode):
            problems.append(Problem(path.name, "is not a regular file (a pipe, socket or device); "
                                               "save the article as a file"))
        return False
    if info.st_size > max_bytes:
        problems.append(_too_large(path.name, max_bytes))
        return False
    return True


def _too_large(name: str, max_bytes: int) -> Problem:
    return Problem(name, f"has more than the {max_bytes:,} bytes an article may have (KG_MAX_ARTICLE_BYTES) "
                         "and is skipped; split it, or raise the limit")


def unique_id(article_id: str, name: str, seen: set[str], problems: list[Problem]) -> str:
    """``article_id``, or when an earlier file took it, one made unique by the file's name."""
    if article_id in seen:
        unique = f"{article_id}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
        problems.append(Problem(name, f"its name gives the article id {article_id!r} of an earlier file; it is "
                                      f"stored as {unique!r} (rename the file for a readable id)", skipped=False))
        article_id = unique
    seen.add(article_id)
    return article_id


def read_manifest(folder: Path, problems: list[Problem]) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.exists():
        return {}
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(MANIFEST, f"cannot be read ({exc.strerror}); check its permissions"))
        return {}
    return parse_manifest(raw, problems)


def parse_manifest(raw: bytes, problems: list[Problem]) -> dict[str, dict]:
    """File name -> its row, from the bytes of a ``manifest.csv``."""
    rows: dict[str, dict] = {}
    text, encoding = decode(raw)
    if encoding != "utf-8":
        problems.append(Problem(MANIFEST, f"is not UTF-8; read as {encoding} (save it as UTF-8 to be sure "
                                          "titles and publishers come out right)", skipped=False))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        unknown = set(reader.fieldnames or ()) - set(MANIFEST_COLUMNS)
        if "file" not in (reader.fieldnames or ()):
            problems.append(Problem(MANIFEST, f"has no 'file' column; expected columns {','.join(MANIFEST_COLUMNS)}"))
            return {}
        if unknown:
            problems.append(Problem(MANIFEST, f"ignoring unknown columns {sorted(unknown)}", skipped=False))
        for row in reader:
            name = (row.get("file") or "").strip()
            if name:
                rows[name] = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str) and k in MANIFEST_COLUMNS}
    except csv.Error as exc:
        problems.append(Problem(MANIFEST, f"is not valid CSV ({exc}); rows before the error are used", skipped=False))
    return rows


def read_article(path: Path, meta: dict, problems: list[Problem], *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article | None:
    """One article, or None (with a Problem) when it cannot be used."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)  # a file that grew since it was looked at stays bounded
    except OSError as exc:
        problems.append(Problem(path.name, f"cannot be read ({exc.strerror}); check its permissions"))
        return None
    return article_from_bytes(path, raw, meta, problems, max_bytes=max_bytes)


def article_from_bytes(path: PurePath, raw: bytes, meta: dict, problems: list[Problem], *,
                       max_bytes: int = MAX_ARTICLE_BYTES, article_id: str | None = None) -> Article | None:
    """The article in ``raw``, the bytes of the file at ``path`` (a local path or the path of a
    URL), or None (with a Problem). ``article_id``: when not the slug of the file name."""
    if len(raw) > max_bytes:
        problems.append(_too_large(path.name, max_bytes))
        return None
    if not raw.strip():
        problems.append(Problem(path.name, "is empty; remove it or fill in the article text"))
        return None
    if _looks_binary(raw):
        problems.append(Problem(path.name, "is not text (binary content); save the article as UTF-8 text or HTML"))
        return None
    text, encoding = decode(raw)
    if encoding != "utf-8":
        log.info("%s: decoded as %s", path.name, encoding)
    if path.suffix.lower() in (".html", ".htm"):
        page = read_html(text, url=meta.get("url") or None)
        text = page.text
        declared = {"published": page.published, "language": page.language, "title": page.title,
                    "publisher": page.publisher, "url": page.canonical_url}
        meta = {**declared, **{k: v for k, v in meta.items() if v}}
    text = unicodedata.normalize("NFC", text)

    published = None
    if meta.get("published"):
        try:
            published = date.fromisoformat(meta["published"])
        except ValueError:
            problems.append(Problem(path.name, f"publication date {meta['published']!r} in {MANIFEST} is not "
                                               "YYYY-MM-DD; fix the row (inferring the date from the text meanwhile)",
                                    skipped=False))
    if published is None:
        published = infer_published(text)
        if published is None:
            problems.append(Problem(path.name, f"publication date unknown: add a row with 'published' to {MANIFEST}; "
                                               "relative dates in it stay unresolved", skipped=False))
        else:
            log.info("%s: publication date %s inferred from the text", path.name, published)
    return Article(
        id=article_id or slug(path.stem),
        path=str(path),
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        published=published,
        language=meta.get("language") or guess_language(text),
        url=meta.get("url") or None,
        title=meta.get("title") or None,
        publisher=meta.get("publisher") or None,
    )


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def decode(raw: bytes) -> tuple[str, str]:
    """Text and the encoding that worked: UTF-8 (BOM or not), else cp1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding), "utf-8" if encoding == "utf-8-sig" else encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


@dataclass(frozen=True)
class HtmlPage:
    """The main text of a web page and the metadata it declares (empty strings when it declares none)."""

    text: str
    title: str = ""
    published: str = ""  # YYYY-MM-DD
    language: str = ""
    canonical_url: str = ""
    publisher: str = ""


def read_html(html: str, url: str | None = None) -> HtmlPage:
    """Main text and metadata of a page, by trafilatura: navigation, cookie banners,
    teasers and footers are left out; ``kg ingest`` and the build read pages alike.

    >>> page = read_html("<html lang='de'><body><nav><a href='/'>Start</a> <a href='/p'>Politik</a></nav><article>"
    ...     "<p>Lawrow traf Choe am Freitag in Pjöngjang zu Gesprächen über die Lage auf der Halbinsel.</p>"
    ...     "<p>Beide Seiten wollen die Zusammenarbeit vertiefen.</p></article><footer>Impressum</footer></body></html>")
    >>> print(page.text); page.language
    Lawrow traf Choe am Freitag in Pjöngjang zu Gesprächen über die Lage auf der Halbinsel.
    Beide Seiten wollen die Zusammenarbeit vertiefen.
    'de'
    """
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        return HtmlPage(text="")
    language = (tree.get("lang") or "").split("-")[0].strip().lower()
    doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False, favor_recall=True)
    text = (doc.text if doc is not None else "") or trafilatura.html2txt(html)
    if doc is None:
        return HtmlPage(text=text.strip(), language=language)
    return HtmlPage(text=text.strip(), title=doc.title or "", published=doc.date or "", language=language,
                    canonical_url=doc.url or "", publisher=doc.sitename or "")


_GERMAN_MONTHS = {m: i + 1 for i, m in enumerate(
    "januar februar märz april mai juni juli august september oktober november dezember".split())}
_GERMAN_MONTHS["jänner"] = 1
_WEEKDAYS = {w: i for i, w in enumerate("montag dienstag mittwoch donnerstag freitag samstag sonntag".split())}
_WEEKDAYS.update({w: i for i, w in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())})

_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")
_PINNED = re.compile(
    r"\b(\d{1,2})\.\s*(" + "|".join(_GERMAN_MONTHS) + r")\s*\(?\s*(" + "|".join(_WEEKDAYS) + r")",
    re.IGNORECASE,
)


def infer_published(text: str, *, today: date | None = None) -> date | None:
    """A publication date from the text: a dateline near the top, else a weekday-pinned date.

    "am 26. Oktober (Sonntag)" fixes the year: the latest year (not in the future)
    in which 26 October was a Sunday.

    >>> infer_published("KCNA berichtete am 26. Oktober (Sonntag)", today=date(2026, 1, 1))
    datetime.date(2025, 10, 26)
    """
    today = today or date.today()
    head = text[:600]
    for pattern, order in ((_ISO, (1, 2, 3)), (_DOTTED, (3, 2, 1))):
        m = pattern.search(head)
        if m:
            y, mo, d = (int(m.group(i)) for i in order)
            try:
                found = date(y, mo, d)
            except ValueError:
                continue
            if found <= today:
                return found
    for m in _PINNED.finditer(text):
        day, month, weekday = int(m.group(1)), _GERMAN_MONTHS[m.group(2).lower()], _WEEKDAYS[m.group(3).lower()]
        for year in range(today.year, today.year - 30, -1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                break
            if candidate <= today and candidate.weekday() == weekday:
                return candidate
    return None


_DE_WORDS = {"der", "die", "das", "und", "nicht", "ist", "mit", "von", "den", "ein", "eine", "auf", "für", "sich"}
_EN_WORDS = {"the", "and", "of", "to", "is", "with", "for", "on", "was", "that", "his", "her", "by"}


def guess_language(text: str) -> str | None:
    """'de', 'en', or None: counts of common function words, enough to route a news article."""
    words = re.findall(r"[a-zäöüß]+", text[:20000].lower())
    de = sum(w in _DE_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    if max(de, en) < 3:
        return None
    return "de" if de >= en else "en"
