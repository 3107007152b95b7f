import pytest

from indexer.discovery import discover
from pravo.errors import ConfigurationError

pytestmark = pytest.mark.unit


def test_doc_ids_are_relative_paths_without_extension(tmp_path):
    (tmp_path / "acts").mkdir()
    (tmp_path / "acts" / "p443.txt").write_text("x", encoding="utf-8")
    (tmp_path / "news.md").write_text("x", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text("x", encoding="utf-8")
    files, roots = discover([tmp_path])
    assert [f.doc_id for f in files] == ["acts/p443", "news"]
    assert roots == [str(tmp_path.resolve())]


def test_a_file_given_directly_is_named_by_its_stem(tmp_path):
    path = tmp_path / "tk_rf.txt"
    path.write_text("x", encoding="utf-8")
    files, roots = discover([path])
    assert [(f.doc_id, f.path) for f in files] == [("tk_rf", path.resolve())]
    assert roots == []


def test_missing_path_and_unsupported_file_are_named(tmp_path):
    with pytest.raises(ConfigurationError, match="nowhere: no such file"):
        discover([tmp_path / "nowhere"])
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF")
    with pytest.raises(ConfigurationError, match=r"scan\.pdf: unsupported file type \.pdf"):
        discover([bad])
