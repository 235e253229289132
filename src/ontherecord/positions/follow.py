"""Positions as the store's follower: after every save, the new statements are placed in topics.

Registered with :func:`ontherecord.registry.register_follower`, so the store runs it (after each
committed save, and for work a kill left pending) without importing this package.
"""

from __future__ import annotations

from typing import Any

from ..registry import register_follower

#: The follower's name: the store's ``followups`` rows are finished when every follower has run.
NAME = "positions"


@register_follower(NAME)
def place_saved(store: Any, article_ids: list[int]) -> dict[str, int]:
    """Place the statements of ``article_ids`` not yet in a topic (idempotent: placed ones are skipped)."""
    from .update import update_positions  # numpy and the embedder load only when there is work

    hook = getattr(store, "follow_progress", None)  # the store's bar for what follows a save, if any
    progress = (lambda done, total: hook(NAME, done, total)) if hook is not None else None
    result = update_positions(store, article_ids, progress=progress).to_dict()
    counts = {k: v for k, v in result.items() if isinstance(v, int)}
    counts["milliseconds"] = round(1000 * float(result.get("seconds") or 0))  # summed over a run's saves
    return counts
