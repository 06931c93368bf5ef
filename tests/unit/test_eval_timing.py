"""The eval's speed comparison alternates the systems on each text, so machine drift hits both alike."""

from __future__ import annotations

from typing import Any

from article_pipeline.evaluation.runner import _time_interleaved


def test_systems_alternate_on_each_text_and_keep_their_own_outputs() -> None:
    # GIVEN two systems that record the order of their calls
    calls: list[tuple[str, str]] = []

    def system(name: str) -> Any:
        def call(key: str, data: bytes) -> str:
            calls.append((name, key))
            return f"{name}:{data.decode()}"

        return call

    sample = [("a", b"one", "k1"), ("b", b"two", "k2")]
    # WHEN they are timed interleaved, two rounds per text
    first, second = _time_interleaved(sample, [system("A"), system("B")], repeat=2)
    # THEN after one warm-up call each, every text is run A, B, A, B before the next text
    assert (
        calls == [("A", "k1"), ("B", "k1")] + [("A", "k1"), ("B", "k1")] * 2 + [("A", "k2"), ("B", "k2")] * 2
    )
    # AND each system keeps its own outputs and one time per text
    assert first.outputs == {"a": "A:one", "b": "A:two"}
    assert second.outputs == {"a": "B:one", "b": "B:two"}
    assert set(first.ms) == set(second.ms) == {"a", "b"}
    assert all(ms >= 0 for ms in [*first.ms.values(), *second.ms.values()])
