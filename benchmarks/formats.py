"""Conversion throughput by file format: the same texts as TXT, DOCX, PDF, HTML and RTF.

    python benchmarks/formats.py ../shared/corpus/tk_rf
    python benchmarks/formats.py ../shared/corpus/tk_rf --formats txt,docx,pdf --index

Writes each ``.txt`` under the given folders as DOCX, PDF (A4, laid out like an official PDF:
ragged lines, hyphenation, page numbers; needs reportlab and DejaVu fonts), HTML and RTF in a
temporary folder (``tests/fixtures/formats/writers.py``), then times pravo's converter on each
format alone: file → Document, no embedding. It also checks that every format gives the text of
the ``.txt`` up to whitespace. ``--index`` also times a full ``pravo index`` of each format's
folder (embedding included, minutes per format on a CPU).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pravo.indexer.converters.any_format import AnyFormatToDocument  # noqa: E402
from tests.fixtures.formats.writers import write_docx, write_html, write_pdf, write_rtf  # noqa: E402

WRITERS = {
    "txt": lambda text, path: path.write_bytes(text.encode("cp1251", errors="replace")),
    "docx": write_docx,
    "pdf": lambda text, path: write_pdf(text, path, page_size=(595, 842)),
    "html": lambda text, path: write_html(text, path, encoding="utf-8"),
    "rtf": write_rtf,
}


def squash(text: str) -> str:
    return " ".join(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpora", type=Path, nargs="+", help="folders or .txt files")
    parser.add_argument("--formats", default="txt,docx,pdf,html,rtf", help="comma-separated, from " + ",".join(WRITERS))
    parser.add_argument("--index", action="store_true", help="also time a full index of each format (slow)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    formats = args.formats.split(",")
    unknown = [f for f in formats if f not in WRITERS]
    if unknown:
        parser.error(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(WRITERS)}")

    sources = sorted(p for c in args.corpora for p in ([c] if c.is_file() else c.rglob("*.txt")))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sources}
    chars = sum(len(t) for t in texts.values())
    print(f"{len(texts)} texts, {chars:,} characters", file=sys.stderr)
    results = []
    with tempfile.TemporaryDirectory(prefix="pravo-formats-") as tmp:
        for fmt in formats:
            folder = Path(tmp) / fmt
            folder.mkdir()
            started = time.perf_counter()
            files = []
            for stem, text in texts.items():
                files.append(folder / f"{stem}.{fmt}")
                WRITERS[fmt](text, files[-1])
            written = time.perf_counter() - started
            size = sum(f.stat().st_size for f in files)
            converter = AnyFormatToDocument()
            started = time.perf_counter()
            result = converter.run(sources=files)
            seconds = time.perf_counter() - started
            same = sum(squash(d.content or "") == squash(texts[d.meta["doc_id"]]) for d in result["documents"])
            row = {
                "format": fmt,
                "files": len(files),
                "file_mb": round(size / 2**20, 2),
                "write_s": round(written, 1),
                "convert_s": round(seconds, 2),
                "chars_per_s": round(chars / seconds),
                "same_text": f"{same}/{len(files)}",
                "failures": [{"path": f.path, "reason": f.message()} for f in result["failures"]],
            }
            if fmt == "pdf":
                row["pages"] = sum(len(d.meta.get("pages", [])) for d in result["documents"])
                row["pages_per_s"] = round(row["pages"] / seconds, 1)
            if args.index:
                row.update(_index(folder, Path(tmp) / f"data-{fmt}"))
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
    print("| format | files | size | convert | characters/s | text as the .txt | index |")
    print("|---|---|---|---|---|---|---|")
    for row in results:
        extra = f" ({row['pages']} pages, {row['pages_per_s']} pages/s)" if "pages" in row else ""
        index = f"{row['index_s']} s, {row['chunks_per_s']} chunks/s" if "index_s" in row else "–"
        print(
            f"| {row['format']} | {row['files']} | {row['file_mb']} MB | {row['convert_s']} s{extra} | "
            f"{row['chars_per_s']:,} | {row['same_text']} | {index} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _index(folder: Path, data_dir: Path) -> dict:
    from pravo.indexer.runner import index_paths
    from pravo.core.settings import load_settings

    settings = load_settings(data_dir=data_dir)
    started = time.perf_counter()
    report = index_paths([folder], settings)
    seconds = time.perf_counter() - started
    return {"index_s": round(seconds, 1), "chunks": report.chunks, "chunks_per_s": round(report.chunks / seconds, 2)}


if __name__ == "__main__":
    raise SystemExit(main())
