"""The citation check: every quote that leaves the pipeline is the document's text at its offsets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from haystack import Document

from pravo.core.store import document_point_id

from pravo.qa.answers import ABSTENTION_TEXT, Answer, Citation
from pravo.qa.builders.citations import CitationVerifier, drop_markers, locate, page_of

TEXT = "Статья 96. Работа в ночное время\nНочное время - время с 22 часов до 6 часов.\nКонец."


class FakeStore:
    """A store whose client answers ``retrieve`` from records in memory, counting the reads."""

    documents_collection = "docs"

    def __init__(self, records):
        self.records = records
        self.reads = 0
        self.client = self

    def retrieve(self, collection, ids, with_payload=True):
        self.reads += 1
        return [
            SimpleNamespace(payload={"kind": "document", "doc_id": d, **r})
            for d, r in self.records.items()
            if document_point_id(d) in ids
        ]

    def to_dict(self):
        return {"type": "tests.FakeStore", "init_parameters": {}}


def citation(n: int, quote: str, start: int, doc_id: str = "tk") -> Citation:
    return Citation(n=n, doc_id=doc_id, label="ст. 96 ТК РФ", title=None, article="96", point=None,
                    quote=quote, start=start, end=start + len(quote))


def answer_with(*citations: Citation) -> Answer:
    text = " ".join(f"{c.quote} [{c.n}]" for c in citations)
    return Answer(question="Какое время считается ночным?", answer=text, citations=list(citations), hits=[], abstained=False)


def test_a_quote_at_its_offsets_passes_unchanged():
    quote = "Ночное время - время с 22 часов до 6 часов."
    good = citation(1, quote, TEXT.index(quote))
    out = CitationVerifier(store=FakeStore({"tk": {"text": TEXT}})).run(answer=answer_with(good))["answer"]  # type: ignore[arg-type]
    assert out.citations == [good] and out.note is None


def test_a_quote_at_wrong_offsets_is_moved_to_where_it_stands():
    quote = "с 22 часов до 6 часов"
    out = CitationVerifier(store=FakeStore({"tk": {"text": TEXT}})).run(answer=answer_with(citation(1, quote, 3)))["answer"]  # type: ignore[arg-type]
    (moved,) = out.citations
    assert TEXT[moved.start : moved.end] == quote


def test_a_quote_not_in_the_document_is_dropped_with_its_marker_and_said_so():
    quote = "Ночное время - время с 22 часов до 6 часов."
    real = citation(1, quote, TEXT.index(quote))
    invented = citation(2, "Ночное время оплачивается вдвойне.", 0)
    out = CitationVerifier(store=FakeStore({"tk": {"text": TEXT}})).run(answer=answer_with(real, invented))["answer"]  # type: ignore[arg-type]
    assert [c.n for c in out.citations] == [1]
    assert "[2]" not in out.answer and "[1]" in out.answer
    assert "[2]" in out.note
    assert not out.abstained


def test_an_answer_left_without_citations_abstains():
    out = CitationVerifier(store=FakeStore({})).run(answer=answer_with(citation(1, "нет такого", 0, doc_id="gone")))["answer"]  # type: ignore[arg-type]
    assert out.abstained and out.citations == [] and out.answer == ABSTENTION_TEXT


def test_pages_are_added_from_the_document_record():
    quote = "Конец."
    record = {"text": TEXT, "pages": [0, TEXT.index("Ночное"), TEXT.index(quote)]}
    out = CitationVerifier(store=FakeStore({"tk": record})).run(answer=answer_with(citation(1, quote, TEXT.index(quote))))["answer"]  # type: ignore[arg-type]
    assert out.citations[0].page == 3


def test_document_texts_are_cached_while_the_hits_show_them_current():
    quote = "Конец."
    store = FakeStore({"tk": {"text": TEXT, "content_hash": "v1"}})
    verifier = CitationVerifier(store=store)  # type: ignore[arg-type]
    good = answer_with(citation(1, quote, TEXT.index(quote)))
    hits_v1 = [Document(id="tk#0", content="", meta={"doc_id": "tk", "doc_hash": "v1"})]
    verifier.run(answer=good, documents=hits_v1)
    verifier.run(answer=good, documents=hits_v1)
    assert store.reads == 1  # the second question reads nothing: the hit is of the kept version
    verifier.run(answer=good)
    assert store.reads == 2  # without hits there is nothing to tell the kept text is current
    store.records["tk"] = {"text": "Новая редакция. " + TEXT, "content_hash": "v2"}  # re-indexed: offsets moved
    hits_v2 = [Document(id="tk#0", content="", meta={"doc_id": "tk", "doc_hash": "v2"})]
    out = verifier.run(answer=good, documents=hits_v2)["answer"]
    assert store.reads == 3
    assert store.records["tk"]["text"][out.citations[0].start : out.citations[0].end] == quote


def test_helpers():
    assert locate("аб аб аб", "аб", 4) == 3
    assert locate("abc", "x", 0) is None and locate("abc", "", 0) is None
    assert drop_markers("Первое [1]. Второе [2].", {2}) == "Первое [1]. Второе."
    assert page_of(None, 5) is None
    assert page_of([0, 10, 20], 0) == 1 and page_of([0, 10, 20], 15) == 2 and page_of([0, 10, 20], 99) == 3


def test_round_trip(tmp_path):
    from pravo.core.store import QdrantStore

    verifier = CitationVerifier(store=QdrantStore(path=str(tmp_path / "s")), cache_documents=4)
    assert CitationVerifier.from_dict(verifier.to_dict()).to_dict() == verifier.to_dict()
    with pytest.raises(ValueError):
        CitationVerifier(store=QdrantStore(path=str(tmp_path / "s")), cache_documents=-1)
