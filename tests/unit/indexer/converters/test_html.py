from pravo.indexer.converters.html import RussianHTMLToDocument, decode_html
from tests.fixtures.formats.writers import decree_text, write_html


def test_a_portal_page_gives_the_decree_text_only_one_paragraph_per_line(tmp_path):
    page = write_html(decree_text(), tmp_path / "p443.html", encoding="windows-1251")
    result = RussianHTMLToDocument().run(sources=[page], meta=[{"doc_id": "acts/p443"}])
    assert result["failures"] == []
    doc = result["documents"][0]
    assert doc.id == "acts/p443" and doc.meta["encoding"] == "cp1251"
    lines = doc.content.splitlines()
    assert lines[:2] == ["ПОСТАНОВЛЕНИЕ СОВЕТА МИНИСТРОВ РЕСПУБЛИКИ БЕЛАРУСЬ", "4 июля 2022 г. № 443"]
    assert "2.1. Министерству промышленности обеспечить внесение проекта программы на рассмотрение " \
        "Совета Министров Союзного государства." in lines
    for boilerplate in ("Главная", "Правовые акты", "Поиск", "Статья 1. Главная", "Все права защищены", "Контакты", "text-indent", "dataLayer"):
        assert boilerplate not in doc.content


def test_encoding_comes_from_the_page_or_is_detected():
    assert decode_html('<meta charset="koi8-r"><p>Статья</p>'.encode("koi8-r")) == ('<meta charset="koi8-r"><p>Статья</p>', "koi8-r")
    assert decode_html("<p>Статья 80. Расторжение трудового договора</p>".encode("cp1251"))[1] == "cp1251"
    assert decode_html(b"\xef\xbb\xbf<p>\xd0\xa2</p>") == ("<p>Т</p>", "utf-8")


def test_a_page_without_text_and_a_binary_file_are_failures(tmp_path):
    empty = tmp_path / "menu.html"
    empty.write_text("<html><head><script>var a = 1;</script></head><body><nav><a href='/'>Главная</a></nav></body></html>", encoding="utf-8")
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good = write_html("Новость о постановлении № 443.", tmp_path / "news.html", encoding="utf-8")
    result = RussianHTMLToDocument().run(sources=[empty, binary, good])
    assert [d.meta["doc_id"] for d in result["documents"]] == ["news"]
    reasons = {f.path.rsplit("/", 1)[-1]: f.reason for f in result["failures"]}
    assert reasons["menu.html"] == "no document text found in the page"
    assert "binary" in reasons["image.html"]


def test_round_trip():
    converter = RussianHTMLToDocument(max_bytes=5, extraction_kwargs={"favor_recall": True})
    again = RussianHTMLToDocument.from_dict(converter.to_dict())
    assert (again.max_bytes, again.extraction_kwargs) == (5, {"favor_recall": True})
