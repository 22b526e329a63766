"""The web layer's one error: an HTTP status and a message that tells the client what to do.

Raised anywhere a request cannot be answered (reading the request, in a query process,
while streaming), and turned into a plain-text response by :func:`error`; SPARQL
clients show that body to their users as is.
"""

from __future__ import annotations

from flask import Response


class WebError(Exception):
    """A request that gets ``status`` and ``message`` instead of an answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error(status: int, message: str, headers: dict | None = None) -> Response:
    """A plain-text error response."""
    return Response(message.rstrip() + "\n", status=status, mimetype="text/plain", headers=headers or {})
