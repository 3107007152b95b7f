"""Finding the files to index and naming them: ``doc_id`` is the path relative to the indexed folder.

``pravo index corpus/`` with ``corpus/acts/p443.txt`` gives ``acts/p443``; a file given directly
has its stem as ``doc_id`` (see the interface contract).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pravo.core.errors import ConfigurationError

#: File kinds the indexer reads, by suffix: those ``pravo.indexer.converters.any_format`` has a converter for.
SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".rtf", ".jsonl"})


@dataclass(frozen=True)
class SourceFile:
    """One file to index."""

    path: Path
    doc_id: str
    root: str  # the folder (or file) given on the command line, resolved; used to notice removed files


def discover(paths: list[Path]) -> tuple[list[SourceFile], list[str], list[tuple[str, str]]]:
    """List the supported files under ``paths``, in a stable order.

    Two files whose ``doc_id`` would be the same (``p443.txt`` and ``p443.docx`` in one folder) cannot
    both be indexed: the first in name order is, the other is skipped with the reason.

    :param paths: Files and folders given by the user.
    :returns: The files; the roots that are folders (documents from them that are no longer on disk
        are removed from the index); and ``(path, reason)`` for each file skipped.
    :raises ConfigurationError: if a path does not exist, or a file given directly has an unsupported suffix.
    """
    files: dict[str, SourceFile] = {}
    folder_roots: list[str] = []
    skipped: list[tuple[str, str]] = []

    def add(source: SourceFile) -> None:
        taken = files.get(source.doc_id)
        if taken is None:
            files[source.doc_id] = source
        elif taken.path != source.path:
            skipped.append(
                (str(source.path), f"doc_id {source.doc_id!r} is already taken by {taken.path.name}; rename one of them")
            )

    for given in paths:
        path = Path(given)
        if not path.exists():
            raise ConfigurationError(f"{given}: no such file or folder")
        root = path.resolve()
        if path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise ConfigurationError(
                    f"{given}: unsupported file type {path.suffix or '(none)'}; supported: {', '.join(sorted(SUPPORTED_SUFFIXES))}"
                )
            add(SourceFile(root, path.stem, str(root)))
            continue
        folder_roots.append(str(root))
        for file in sorted(root.rglob("*")):
            rel = file.relative_to(root)
            if any(part.startswith(".") for part in rel.parts) or not file.is_file():
                continue
            if file.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            doc_id = rel.with_suffix("").as_posix()
            add(SourceFile(file, doc_id, str(root)))
    return list(files.values()), folder_roots, skipped
