import zipfile

from pravo.indexer.converters.docx import RussianDOCXToDocument, format_number
from tests.fixtures.formats.writers import decree_text, write_docx


def test_paragraphs_and_table_cells_in_order_one_per_line(tmp_path):
    path = write_docx(decree_text(), tmp_path / "p443.docx", table_rows=[["Графа 1", "Графа 2"], ["443", "2022"]])
    result = RussianDOCXToDocument().run(sources=[path], meta=[{"doc_id": "acts/p443"}])
    assert result["failures"] == []
    doc = result["documents"][0]
    lines = [line for line in doc.content.splitlines() if line]
    assert lines == [line for line in decree_text().splitlines() if line] + ["Графа 1", "Графа 2", "443", "2022"]
    assert doc.meta["doc_id"] == "acts/p443" and doc.meta["encoding"] is None and len(doc.meta["content_hash"]) == 64


def test_word_automatic_numbering_is_written_out(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("ПОСТАНОВЛЯЕТ:")
    for text, style in [("Одобрить проект.", "List Number"), ("Определить заказчика.", "List Number"),
                        ("Министерству обеспечить.", "List Number 2"), ("Академии содействовать.", "List Number 2"),
                        ("Вступает в силу.", "List Number")]:
        paragraph = document.add_paragraph(text, style=style)
        # give every paragraph one multi-level list: level 0 «%1.», level 1 «%1.%2.»
        numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_numId().val = 1
        numpr.get_or_add_ilvl().val = 0 if style == "List Number" else 1
    numbering = document.part.numbering_part.element
    numbering.append(_multilevel(numbering))
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    lines = RussianDOCXToDocument().run(sources=[path])["documents"][0].content.splitlines()
    assert lines == ["ПОСТАНОВЛЯЕТ:", "1. Одобрить проект.", "2. Определить заказчика.", "2.1. Министерству обеспечить.",
                     "2.2. Академии содействовать.", "3. Вступает в силу."]


def _multilevel(numbering):
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    for num in numbering.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num"):
        numbering.remove(num)
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>'
        "</w:abstractNum>"
    )
    numbering.insert(0, abstract)
    return parse_xml(f'<w:num {nsdecls("w")} w:numId="1"><w:abstractNumId w:val="90"/></w:num>')


def test_number_formats():
    assert [format_number(n, "russianLower") for n in (1, 2, 7, 28, 29)] == ["а", "б", "ж", "я", "аа"]
    assert (format_number(4, "upperRoman"), format_number(3, "lowerLetter"), format_number(12, "decimal")) == ("IV", "c", "12")
    assert format_number(1, "bullet") == ""


def test_corrupt_and_mislabelled_files_are_failures_the_rest_converted(tmp_path):
    good = write_docx("Текст приказа.", tmp_path / "good.docx")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(good.read_bytes()[:400])
    not_zip = tmp_path / "old.docx"
    not_zip.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)  # a Word 97 .doc renamed
    no_document = tmp_path / "empty_zip.docx"
    with zipfile.ZipFile(no_document, "w") as z:
        z.writestr("hello.txt", "x")
    result = RussianDOCXToDocument().run(sources=[truncated, not_zip, no_document, good])
    assert [d.meta["doc_id"] for d in result["documents"]] == ["good"]
    reasons = {f.path.rsplit("/", 1)[-1]: f.reason for f in result["failures"]}
    assert reasons["old.docx"].startswith("not a DOCX file (it is not a ZIP package)")
    assert reasons["truncated.docx"].startswith(("not a DOCX file", "not a readable DOCX file"))
    assert reasons["empty_zip.docx"].startswith("not a readable DOCX file")
    assert RussianDOCXToDocument.from_dict(RussianDOCXToDocument(max_bytes=9).to_dict()).max_bytes == 9
