"""The DiploKG web application: SPARQL endpoint, linked-data pages, dumps, operations.

>>> from kg.config import Settings
>>> app = create_app(Settings(store="/nonexistent"))
>>> sorted(app.blueprints)
['dumps', 'ops', 'pages', 'sparql']
"""

from __future__ import annotations

import logging

from flask import Flask

from kg.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """A Flask app over the store named by ``settings`` (``Settings.from_env()`` by default)."""
    from kg.web import dumps, hardening, ops, pages, sparql
    from kg.web.errors import WebError, error
    from kg.web.site import Site

    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.config["MAX_FORM_MEMORY_SIZE"] = settings.max_request_bytes
    app.json.sort_keys = False
    app.extensions["diplokg"] = Site(settings)
    for bp in (ops.bp, sparql.bp, pages.bp, dumps.bp):
        app.register_blueprint(bp)
    pages.register_errors(app)
    hardening.install(app)
    app.register_error_handler(WebError, lambda exc: error(exc.status, exc.message))
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return app
