"""What keeps the pages safe in a browser: security headers and which URLs become links.

Every response carries a Content-Security-Policy that runs only the site's own scripts
(no inline script, no script from elsewhere), may not be framed, and is not sniffed into
another type. The query page may still send a query to another endpoint when its user
types one in by hand, so ``connect-src`` allows http(s) destinations; what a link cannot
do is choose that endpoint for them (``static/query.js``).

Text from articles and manifests ends up in ``href`` attributes (a source URL, an IRI);
only ``http`` and ``https`` URLs become links, so ``javascript:`` and ``data:`` stay text.

>>> web_link("https://example.org/a"), web_link("JavaScript:alert(1)"), web_link(" data:text/html,x")
('https://example.org/a', None, None)
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # the editor and the map set inline styles
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' http: https:",  # another endpoint, typed in by the user
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def web_link(url) -> str | None:
    """``url`` when it is an absolute http(s) URL that may become a link, else None."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def install(app: Flask) -> None:
    """Send the security headers on every response; give templates the ``web_link`` filter."""
    app.after_request(_add_headers)
    app.add_template_filter(web_link, "web_link")
