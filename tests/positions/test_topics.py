"""Topic labels, reports of one utterance and the judge, on real embeddings."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from ontherecord.positions.classifier import load_model
from ontherecord.positions.embed import load_embedder
from ontherecord.positions.features import signals
from ontherecord.positions.topics import Topic, candidate_topics, function_words, judge, same_utterance, topic_label


@pytest.fixture(scope="module")
def embed():
    e = load_embedder()
    return lambda texts: e.embed(texts)


def test_embedder_is_loaded_once_and_normalised(embed) -> None:
    assert load_embedder() is load_embedder()
    v = embed(["Плату за в'їзд не запроваджуватимуть.", "The charge will not be introduced."])
    assert v.shape == (2, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert float(v[0] @ v[1]) > 0.8  # the same matter across languages


def test_topic_label_is_the_shared_phrase() -> None:
    words = Counter({"congestion": 3, "charge": 3, "introduce": 2, "city": 1})
    assert topic_label(words, Counter({"congestion charge": 3, "charge next": 1}), 3) == "congestion charge"
    assert topic_label(Counter({"pension": 2}), Counter({"pension age": 1}), 2) == "pension"
    assert topic_label(Counter(), Counter(), 0) == "(no key terms)"


@pytest.mark.parametrize("content", [
    "I didn't like it, and we won't do it like that again, they said.",
    "We will close two hospitals in the north next year.",
    "Ми не будемо закривати лікарні на півночі, сказав він.",
    "Мы не будем закрывать больницы на севере, и это так.",
])
def test_labels_never_show_function_words(content: str) -> None:
    """Any statement's label is made of its content words only: no "didn't", "like", "we", "не", "и"."""
    t = Topic(1, np.zeros(3, dtype=np.float32))
    t.add(np.ones(3, dtype=np.float32), content)
    label = t.label()
    stop = function_words()
    assert label and all(w not in stop and "'" not in w for w in label.split()), label
    assert not {"like", "didn't", "we", "they", "не", "и", "це"} & set(label.split())


@pytest.mark.parametrize(("a", "b", "days", "same"), [
    ("There will be no congestion charge while I am mayor.", "There will be no congestion charge while I am mayor.", 1, True),
    ("There will be no congestion charge while I am mayor.", "There will be no congestion charge while I am mayor.", 40, False),
    ("We will not introduce a congestion charge.", "We will introduce a congestion charge.", 0, False),
    ("We will cut 400 jobs.", "We will cut 600 jobs.", 0, False),
])
def test_same_utterance(embed, a: str, b: str, days: int, same: bool) -> None:
    va, vb = embed([a, b])
    day_b = f"2026-01-{1 + days:02d}" if days < 31 else "2026-02-15"
    assert same_utterance(signals(a), signals(b), float(va @ vb), "2026-01-01", day_b) is same


def test_candidate_topics_by_centroid(embed) -> None:
    texts = ["We will not introduce a congestion charge.", "The new stadium will open in May."]
    vecs = embed(texts)
    topics = [Topic(i, v.copy(), 1) for i, v in enumerate(vecs)]
    probe = embed(["There will be no congestion charge in the city."])[0]
    assert candidate_topics(probe, topics)[0] == 0


@pytest.mark.parametrize(("earlier", "later", "context", "kind"), [
    ("The border crossing will stay open throughout the winter.", "The border crossing will be closed from December.",
     "", "reverses"),
    ("There is no change in our position on the border talks.", "Our position on the border talks has not changed.",
     "", "repeats"),
    ("We will build 10,000 new homes this year.", "We will build around 6,000 new homes this year.", "", "shifts"),
])
def test_judge(embed, earlier: str, later: str, context: str, kind: str) -> None:
    va, vb = embed([earlier, later])
    j = judge(vb, signals(later, context), va[None, :], lambda i: (earlier, earlier), load_model())
    assert j.kind == kind
    assert 0.0 <= j.score <= 1.0 and j.reason
