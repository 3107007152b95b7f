"""Helpers shared by the tests of the splitters: the fixtures' texts and the offset invariant."""

from __future__ import annotations

from pathlib import Path

from pravo.core.russian.segments import Segment

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "russian"


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def assert_well_formed(text: str, segments: list[Segment]) -> None:
    """Offsets are exact, trimmed, non-blank and in document order."""
    assert segments
    for segment in segments:
        piece = text[segment.start : segment.end]
        assert piece, segment
        assert piece == piece.strip(), segment
    starts = [s.start for s in segments]
    assert starts == sorted(starts)
