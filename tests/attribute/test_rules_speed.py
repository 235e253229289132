"""Throughput: attribution rules plus speaker resolution must add at most 30% to the bare spaCy parse."""

from __future__ import annotations

import time

from ontherecord.model import Article
from ontherecord.samples import load_sample, sample_names


def test_rules_speed_overhead_against_the_parse(pipeline) -> None:
    page, spacy_stage, rules, resolver = pipeline.stages_for("en")
    articles: list[Article] = []
    for name in sample_names():
        a = load_sample(name)
        page.set_annotations(a, page.find(a))
        articles.append(a)
    parse_time = rest_time = 0.0
    for _ in range(3):
        for a in articles:
            t0 = time.perf_counter()
            spacy_stage.set_annotations(a, spacy_stage.find(a))
            t1 = time.perf_counter()
            rules.set_annotations(a, rules.find(a))
            resolver.set_annotations(a, resolver.find(a))
            t2 = time.perf_counter()
            parse_time += t1 - t0
            rest_time += t2 - t1
    assert all(a.statements for a in articles)
    assert rest_time <= 0.30 * parse_time, f"rules+resolver {rest_time:.3f}s vs parse {parse_time:.3f}s"
