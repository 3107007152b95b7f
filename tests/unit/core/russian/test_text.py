import pytest

from pravo.core.russian.text import decode_bytes, normalize_text

PHRASE = "Статья 80. Расторжение трудового договора по инициативе работника"


def test_normalize_handles_crlf_nbsp_soft_hyphen_and_bom():
    raw = "\ufeffСтатья\u00a080.\u00a0Рас\u00adторжение\r\nтрудового\u200b договора  \r\n"
    assert normalize_text(raw) == "Статья 80. Расторжение\nтрудового договора\n"


def test_normalize_turns_lone_cr_and_narrow_nbsp_into_plain_form():
    assert normalize_text("№\u202f443\rот 4\u2007июля") == "№ 443\nот 4 июля"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r"])
def test_decode_detects_russian_encodings(encoding):
    text, found = decode_bytes(PHRASE.encode(encoding))
    assert text == PHRASE
    assert found == ("utf-8" if encoding.startswith("utf-8") else encoding)


def test_decode_refuses_binary_with_reason():
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"%PDF-1.4\x00\x01\x02")
