import hashlib

import pytest

from pravo.indexer.converters.text import RussianTextFileToDocument


def test_reads_cp1251_and_normalises(tmp_path):
    raw = "Статья\u00a080.\r\nРас\u00adторжение договора\r\n".encode("cp1251", errors="ignore")
    path = tmp_path / "a.txt"
    path.write_bytes("Статья 80.\r\nРасторжение договора\r\n".encode("cp1251"))
    result = RussianTextFileToDocument().run(sources=[path], meta=[{"doc_id": "codes/a"}])
    doc = result["documents"][0]
    assert doc.id == "codes/a" and doc.content == "Статья 80.\nРасторжение договора\n"
    assert doc.meta["encoding"] == "cp1251"
    assert doc.meta["content_hash"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert raw  # the NBSP and soft hyphen variant is covered in test_text


def test_a_content_hash_given_in_meta_is_kept_not_computed_again(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("Статья 80. Текст.", encoding="utf-8")
    monkeypatch.setattr(hashlib, "sha256", lambda *a: pytest.fail("the runner's hash was computed again"))
    result = RussianTextFileToDocument().run(sources=[path], meta=[{"content_hash": "from-the-runner"}])
    assert result["documents"][0].meta["content_hash"] == "from-the-runner"


def test_bad_files_are_reported_and_the_rest_converted(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Текст.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    big = tmp_path / "big.txt"
    big.write_text("а" * 100, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = RussianTextFileToDocument(max_bytes=150).run(sources=[good, empty, blank, binary, big, missing])
    assert [d.meta["doc_id"] for d in result["documents"]] == ["good"]
    reasons = {f.path.rsplit("/", 1)[-1]: f.reason for f in result["failures"]}
    assert reasons["empty.txt"] == "the file is empty"
    assert "no text" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "over the limit" in reasons["big.txt"]
    assert "No such file" in reasons["missing.txt"]


def test_meta_length_must_match_and_round_trip():
    converter = RussianTextFileToDocument(max_bytes=10)
    with pytest.raises(ValueError, match="one meta per source"):
        converter.run(sources=["a.txt"], meta=[])
    assert RussianTextFileToDocument.from_dict(converter.to_dict()).max_bytes == 10
    with pytest.raises(ValueError):
        RussianTextFileToDocument(max_bytes=0)


def test_binary_without_nul_bytes_is_refused_not_read_as_koi8(tmp_path):
    import random

    rng = random.Random(5)
    noise = tmp_path / "photo.txt"
    noise.write_bytes(bytes(rng.randrange(1, 256) for _ in range(4000)))
    # a binary record format: Russian strings between length and type bytes, no NUL anywhere
    records = tmp_path / "records.txt"
    records.write_bytes(b"".join(bytes([1 + i % 30, 2]) + "Статья договор".encode("cp1251") for i in range(200)))
    assert b"\x00" not in noise.read_bytes() + records.read_bytes()
    result = RussianTextFileToDocument().run(sources=[noise, records])
    assert result["documents"] == []
    reasons = [f.reason for f in result["failures"]]
    assert reasons == [
        "the file is neither UTF-8 nor Russian text in CP1251 or KOI8-R; save it as UTF-8",
        "the file is binary (control characters throughout), not text",
    ]
    # real Russian text in KOI8-R still reads
    koi8 = tmp_path / "koi8.txt"
    koi8.write_bytes("Статья 81. Расторжение трудового договора по инициативе работодателя".encode("koi8_r"))
    assert RussianTextFileToDocument().run(sources=[koi8])["documents"][0].meta["encoding"] == "koi8_r"
