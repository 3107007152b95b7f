import pytest

from pravo.core.types import Failure
from pravo.indexer.converters.rtf import RussianRTFToDocument, rtf_bytes_to_text
from tests.fixtures.formats.writers import decree_text, write_rtf


@pytest.mark.parametrize("unicode_escapes", [False, True], ids=["ansicpg1251-hex", "u-escapes"])
def test_cyrillic_in_either_escape_comes_back_line_for_line(tmp_path, unicode_escapes):
    path = write_rtf(decree_text(), tmp_path / "p443.rtf", unicode_escapes=unicode_escapes)
    assert b"\\'" in path.read_bytes() or unicode_escapes
    doc = RussianRTFToDocument().run(sources=[path])["documents"][0]
    expected = [line for line in decree_text().splitlines() if line]
    assert [line for line in doc.content.splitlines() if line] == expected
    assert doc.meta["encoding"] == "cp1251"


def test_table_cells_become_lines_and_the_info_group_is_not_text():
    rtf = (
        rb"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0\fcharset204 Arial;}}{\info{\title \'cd\'e5 \'f2\'e5\'ea\'f1\'f2}}"
        rb"\pard \'cf\'f0\'e8\'eb\'ee\'e6\'e5\'ed\'e8\'e5 1\par"
        rb"\trowd\cellx2000\cellx4000 \'c3\'f0\'e0\'f4\'e0 1\cell \'c3\'f0\'e0\'f4\'e0 2\cell\row}"
    )
    text, codepage = rtf_bytes_to_text(rtf)
    assert codepage == "cp1251"
    assert text.splitlines() == ["Приложение 1", "Графа 1", "Графа 2"]


def test_a_file_that_is_not_rtf_is_a_failure(tmp_path):
    fake = tmp_path / "fake.rtf"
    fake.write_text("Просто текст", encoding="utf-8")
    result = RussianRTFToDocument().run(sources=[fake])
    assert result["documents"] == []
    assert result["failures"] == [Failure(str(fake), "not an RTF file (it does not start with {\\rtf)")]
    assert RussianRTFToDocument.from_dict(RussianRTFToDocument(max_bytes=7).to_dict()).max_bytes == 7
