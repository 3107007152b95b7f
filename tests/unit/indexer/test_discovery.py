import pytest

from pravo.indexer.converters.any_format import CONVERTERS
from pravo.indexer.discovery import SUPPORTED_SUFFIXES, discover
from pravo.core.errors import ConfigurationError


def test_doc_ids_are_relative_paths_without_extension(tmp_path):
    (tmp_path / "acts").mkdir()
    (tmp_path / "acts" / "p443.txt").write_text("x", encoding="utf-8")
    (tmp_path / "news.md").write_text("x", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text("x", encoding="utf-8")
    files, roots, skipped = discover([tmp_path])
    assert [f.doc_id for f in files] == ["acts/p443", "news"]
    assert roots == [str(tmp_path.resolve())] and skipped == []


def test_every_format_with_a_converter_is_discovered(tmp_path):
    assert SUPPORTED_SUFFIXES == set(CONVERTERS)
    for name in ("a.html", "b.HTM", "c.docx", "d.pdf", "e.rtf", "f.jsonl", "g.doc", "h.odt"):
        (tmp_path / name).write_bytes(b"x")
    files, _, _ = discover([tmp_path])
    assert [f.path.name for f in files] == ["a.html", "b.HTM", "c.docx", "d.pdf", "e.rtf", "f.jsonl"]


def test_two_files_with_one_doc_id_index_the_first_and_name_the_other(tmp_path):
    (tmp_path / "p443.docx").write_bytes(b"x")
    (tmp_path / "p443.txt").write_text("x", encoding="utf-8")
    files, _, skipped = discover([tmp_path])
    assert [f.path.name for f in files] == ["p443.docx"]
    assert skipped == [(str((tmp_path / "p443.txt").resolve()), "doc_id 'p443' is already taken by p443.docx; rename one of them")]


def test_a_file_given_directly_is_named_by_its_stem(tmp_path):
    path = tmp_path / "tk_rf.txt"
    path.write_text("x", encoding="utf-8")
    files, roots, skipped = discover([path])
    assert [(f.doc_id, f.path) for f in files] == [("tk_rf", path.resolve())]
    assert roots == [] and skipped == []
    # the same file given twice is one file, not a clash
    assert len(discover([path, path])[0]) == 1 and discover([path, path])[2] == []


def test_missing_path_and_unsupported_file_are_named(tmp_path):
    with pytest.raises(ConfigurationError, match="nowhere: no such file"):
        discover([tmp_path / "nowhere"])
    bad = tmp_path / "scan.tiff"
    bad.write_bytes(b"II*\x00")
    with pytest.raises(ConfigurationError, match=r"scan\.tiff: unsupported file type \.tiff"):
        discover([bad])
