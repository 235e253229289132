"""The web application: JSON API under ``/api/`` and HTML pages, one FastAPI app over one store.

``create_app(db_url, allow_write=False, pipeline=None)`` builds it; ``ontherecord serve`` runs it.
Modules: :mod:`.app` (the application, errors, security headers), :mod:`.api` (JSON routes),
:mod:`.pages` (HTML routes), :mod:`.params` (request values both share), :mod:`.schemas` (API models),
:mod:`.render` (offset-based HTML), :mod:`.analyse` (analysing posted text), :mod:`.limits` (body, Host,
rate), :mod:`.auth` (tokens, sessions, CSRF, who may write), :mod:`.accounts` (login, users API).
"""

from .app import create_app

__all__ = ["create_app"]
