"""Belarusian-style decrees: points «1.», sub-points «1.1.», «а)», «1)», appendices and signatures,
down to the chunk meta and the citation label built from it."""

from __future__ import annotations

from pathlib import Path

from haystack import Document

from pravo.indexer.classifiers.requisites import RequisitesExtractor
from pravo.indexer.preprocessors.legal_splitter import LegalDocumentSplitter
from pravo.core.russian.labels import citation_label
from pravo.core.russian.structure import split_act

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "russian"
DECREE = (FIXTURES / "belarus_decree_appendices.txt").read_text(encoding="utf-8")
LABEL_TAIL = "постановления Совета Министров Республики Беларусь № 180 от 15 марта 2023 г."


def _chunks(max_chars: int = 200) -> list[Document]:
    doc = RequisitesExtractor().run([Document(content=DECREE, meta={"doc_id": "acts/p180"})])["documents"][0]
    return LegalDocumentSplitter(max_chars=max_chars, overlap_chars=0).run([doc])["chunks"]


def _containing(chunks: list[Document], phrase: str) -> Document:
    (chunk,) = [c for c in chunks if phrase in c.content]
    return chunk


def test_each_chunk_records_the_narrowest_point_holding_it():
    chunks = _chunks(max_chars=200)
    assert _containing(chunks, "а) проведение обучения").meta["point"] == "2.2"
    assert _containing(chunks, "1) постановление Совета Министров").meta["point"] == "3"
    assert _containing(chunks, "4. Настоящее постановление").meta["point"] == "4"
    preamble = _containing(chunks, "На основании абзаца третьего")
    assert preamble.meta["point"] is None and preamble.meta["appendix"] is None


def test_a_window_inside_one_sub_point_is_that_sub_point():
    chunks = _chunks(max_chars=100)
    sub_point = _containing(chunks, "2.1. в трехмесячный срок")
    assert sub_point.meta["point"] == "2.1"
    assert sub_point.content.startswith("2.1.")


def test_bracketed_and_lettered_items_are_not_points():
    segments = split_act(DECREE, max_chars=60, overlap_chars=0)
    assert all(s.point is None or s.point.replace(".", "").isdigit() for s in segments)


def test_appendices_are_recorded_and_restart_their_points():
    chunks = _chunks(max_chars=200)
    main_points = [c.meta["point"] for c in chunks if c.meta["appendix"] is None and c.meta["point"]]
    assert main_points == ["1", "2", "2.2", "3", "4"]
    regulation = _containing(chunks, "3. Проверка знаний проводится")
    assert regulation.meta["appendix"].startswith("УТВЕРЖДЕНО Постановление Совета Министров Республики Беларусь")
    assert regulation.meta["point"] == "3"
    listed = _containing(chunks, "2. Главный инженер.")
    assert listed.meta["appendix"] == "Приложение к постановлению Совета Министров Республики Беларусь 15.03.2023 № 180"
    assert listed.meta["point"] == "2"


def test_signature_is_dropped_and_offsets_are_exact():
    chunks = _chunks(max_chars=200)
    assert not any("Головченко" in c.content for c in chunks)
    assert all(DECREE[c.meta["start"] : c.meta["end"]] == c.content for c in chunks)


def test_citation_label_from_chunk_meta():
    chunks = _chunks(max_chars=200)
    chunk = _containing(chunks, "а) проведение обучения")
    assert citation_label(chunk.meta, point=chunk.meta["point"]) == "п. 2.2 " + LABEL_TAIL
    assert citation_label(chunk.meta, point="3") == "п. 3 " + LABEL_TAIL
