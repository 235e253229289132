"""Bundled sample articles (plain text pages) that the demo and the golden tests run on.

Each ``*.txt`` is a realistic page with furniture and attributed statements by invented people;
the expected pipeline output for each lives in ``tests/fixtures/articles/<name>.json``.
"""

from __future__ import annotations

from importlib import resources

from ..errors import NotFoundError
from ..model import Article


def sample_names() -> list[str]:
    """Names (file stems) of the bundled samples, sorted."""
    root = resources.files(__name__)
    return sorted(p.name[:-4] for p in root.iterdir() if p.name.endswith(".txt"))


def sample_text(name: str) -> str:
    """The text of the sample ``name``; :class:`NotFoundError` if there is none by that name."""
    path = resources.files(__name__) / f"{name}.txt"
    if not path.is_file():
        raise NotFoundError(f"no bundled sample named {name!r} (known: {', '.join(sample_names())})")
    return path.read_text(encoding="utf-8")


def load_sample(name: str, language: str = "en") -> Article:
    """The sample as an unanalysed :class:`Article` (run it through a ``Pipeline``)."""
    return Article(sample_text(name), language=language, meta={"path": f"samples/{name}.txt"})
