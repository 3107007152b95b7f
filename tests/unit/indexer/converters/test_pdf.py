import bisect
from pathlib import Path

import pytest

from pravo.indexer.converters.pdf import STRUCTURE_START, RussianPDFToDocument, keeps_hyphen, repair_line_hyphens
from tests.fixtures.formats.writers import decree_text

FORMATS = Path(__file__).parents[3] / "fixtures" / "formats"


def test_paragraphs_are_rejoined_hyphens_repaired_page_numbers_dropped():
    # p443.pdf: ragged lines broken mid-sentence, «прогр-аммы», «заказчиком-|координатором», the
    # header centred and wrapped, «2» printed atop page 2 (tests/fixtures/formats/writers.py made it)
    doc = RussianPDFToDocument().run(sources=[FORMATS / "p443.pdf"], meta=[{"doc_id": "acts/p443"}])["documents"][0]
    expected = [line for line in decree_text().splitlines() if line]
    assert doc.content.splitlines() == expected
    assert doc.meta["encoding"] is None and doc.meta["doc_id"] == "acts/p443"


def test_page_start_offsets_name_the_page_of_any_offset():
    doc = RussianPDFToDocument().run(sources=[FORMATS / "p443.pdf"])["documents"][0]
    pages = doc.meta["pages"]
    assert pages[0] == 0 and len(pages) == 2
    assert doc.content[pages[1]:].startswith("3. Настоящее постановление")
    page_of = lambda text: bisect.bisect_right(pages, doc.content.index(text))  # noqa: E731
    assert (page_of("2.2. Национальной"), page_of("Премьер-министр")) == (1, 2)


@pytest.mark.parametrize(
    "head, tail, keep",
    [("поста", "новление", False), ("научно", "технической", True), ("заказчиком", "координатором", True),
     ("Голов", "ченко", False), ("Интелав", "то", False), ("по", "становление", False)],
)
def test_a_hyphenated_word_is_joined_a_compound_keeps_its_hyphen(head, tail, keep):
    assert keeps_hyphen(head, tail) is keep


def test_line_hyphens_as_pdfium_and_other_writers_leave_them():
    assert repair_line_hyphens("вступает в силу поста\ufffeновление") == ("вступает в силу постановление", False)
    assert repair_line_hyphens("научно\ufffeтехнической программы") == ("научно-технической программы", False)
    assert repair_line_hyphens("Министерство промыш\u00ad") == ("Министерство промыш-", True)
    assert repair_line_hyphens("дефис - тире -") == ("дефис - тире -", False)
    assert repair_line_hyphens("от 30.12.2001 N 197-") == ("от 30.12.2001 N 197-", True)
    assert keeps_hyphen("гражданско", "правовому")  # the dictionary knows both spellings; the usual one wins


@pytest.mark.parametrize("line", ["1. Одобрить", "2.1. Министерству", "а) по", "Статья 5. Сфера", "Глава 2", "ПРИЛОЖЕНИЕ"])
def test_lines_that_start_a_unit_are_never_joined_to_the_line_before(line):
    assert STRUCTURE_START.match(line)


@pytest.mark.parametrize("line", ["2022 г. № 443", "04.07.2022 № 443", "статьи 9 Договора", "443 от 4 июля", "- 31 настоящего Кодекса"])
def test_continuations_are_not_taken_for_points(line):
    assert not STRUCTURE_START.match(line)


def test_encrypted_scanned_and_damaged_pdfs_are_failures_with_the_reason(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes((FORMATS / "p443.pdf").read_bytes()[:1500])
    sources = [FORMATS / "encrypted.pdf", FORMATS / "scanned.pdf", damaged, FORMATS / "p443.pdf"]
    result = RussianPDFToDocument().run(sources=sources)
    assert [d.meta["doc_id"] for d in result["documents"]] == ["p443"]
    reasons = {Path(f.path).name: f.reason for f in result["failures"]}
    assert reasons["encrypted.pdf"] == "the PDF is encrypted and needs a password; save an unprotected copy"
    assert reasons["scanned.pdf"] == "no text layer in 1 page(s): a scanned image? OCR it first (e.g. ocrmypdf)"
    assert reasons["damaged.pdf"].startswith("not a readable PDF")
    assert RussianPDFToDocument.from_dict(RussianPDFToDocument(max_bytes=3).to_dict()).max_bytes == 3


def test_line_breaks_by_geometry():
    from pravo.indexer.converters.pdf import Layout, Line, _paragraph_break

    layout = Layout(left=45.0, right=550.0, indent=28.0)

    def line(text, left=45.0, right=548.0, first_word=40.0):
        return Line(text, 0, left, right, first_word, 6.0)

    full = line("работодатель обязан")
    assert not _paragraph_break(full, line("обеспечить работника"), layout)  # forced by the width
    assert _paragraph_break(line("работодатель обязан.", right=300.0), line("Работник"), layout)  # room was left
    assert _paragraph_break(full, line("Работник вправе", left=73.0), layout)  # the usual first-line indent
    assert _paragraph_break(line("в случаях:"), line("- прогула;"), layout)  # a list item
    assert not _paragraph_break(full, line("- работа, выполняемая"), layout)  # a dash inside a sentence
    centred = line("СОВЕТА МИНИСТРОВ", left=230.0, right=365.0)
    assert _paragraph_break(centred, line("4 июля 2022 г. № 443", first_word=8.0), layout)
