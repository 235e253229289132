"""The JSON API and web app: ``create_app(db_url, allow_write=False, pipeline=None)``."""

from .app import create_app

__all__ = ["create_app"]
