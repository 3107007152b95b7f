"""JSON Lines bulk files (dumps of legal databases) → one Document per line.

Each line is an object with ``text`` and optional metadata::

    {"id": "p443", "text": "ПОСТАНОВЛЕНИЕ …", "title": "Об одобрении …", "date": "2022-07-04",
     "number": "443", "type": "постановление", "issuer": "Совет Министров Республики Беларусь"}

The document's ``doc_id`` is ``<the file's doc_id>/<id>`` (``id`` or ``doc_id``; the line number
when the line has neither). Its ``content_hash`` is the SHA-256 of its line, so an incremental run
re-indexes only the lines that changed. A line that is not usable is a failure naming the file and
the line number; the other lines go on.

The metadata is the document's own: ``title``, ``date``, ``number``, ``type`` (stored as
``doc_type``; ``doc_type`` is accepted too), ``issuer``, ``jurisdiction`` and ``source`` win over
the requisites parsed from the text, which fill only the fields a line leaves out (or sets to null).
They are written the way parsed requisites are: a date as ISO (``2022-07-04``, ``04.07.2022`` and
``4 июля 2022 г.`` are all read), the kind in lower case, the number without «№», ``source`` act
or news, the jurisdiction a two-letter code. A value that cannot be read so («31.02.2022», source
«law») makes its line a failure naming the key, not a document with metadata silently dropped.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from haystack import Document, component, default_from_dict, default_to_dict

from pravo.indexer.converters.files import DEFAULT_MAX_BYTES, check_max_bytes, check_meta, failure, read_file
from pravo.core.russian.requisites import normalize_requisite
from pravo.core.russian.text import normalize_text
from pravo.core.types import Failure

logger = logging.getLogger(__name__)

#: Metadata a line may carry → the meta key each becomes. The requisites among them are checked and
#: written as parsed ones are (:func:`pravo.core.russian.requisites.normalize_requisite`) and win
#: over what the RequisitesExtractor parses from the text; ``type`` and ``doc_type`` are one field.
LINE_FIELDS = {
    "title": "title",
    "date": "date",
    "number": "number",
    "type": "doc_type",
    "doc_type": "doc_type",
    "issuer": "issuer",
    "jurisdiction": "jurisdiction",
    "source": "source",
    "url": "url",
}


def line_meta(record: dict[str, Any]) -> dict[str, str]:
    """The metadata of one line, keyed as meta (``type`` → ``doc_type``); null or blank values are left out.

    :raises ValueError: naming the line's key whose value is not usable («'date' is not a date: ...»).
    """
    meta: dict[str, str] = {}
    given_as: dict[str, str] = {}
    for key, target in LINE_FIELDS.items():
        value = record.get(key)
        if value is None:
            continue
        if target == "url":
            if not isinstance(value, str):
                raise ValueError(f"'url' must be text, not {type(value).__name__}")
            normalized = value.strip() or None
        else:
            try:
                normalized = normalize_requisite(target, value)
            except ValueError as e:
                raise ValueError(f"{key!r} {e}") from e
        if normalized is None:
            continue
        if target in meta and meta[target] != normalized:
            raise ValueError(f"{given_as[target]!r} and {key!r} differ ({meta[target]!r}, {normalized!r})")
        meta[target] = normalized
        given_as[target] = key
    return meta


@dataclass(frozen=True)
class JsonlLine:
    """One usable line of a bulk file."""

    line: int
    doc_id: str
    content_hash: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def _line_id(record: dict[str, Any], line: int) -> str:
    value = record.get("id", record.get("doc_id"))
    if value is None:
        return str(line)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"'id' must be a string or a number, not {type(value).__name__}")
    value = str(value).strip().strip("/")
    if not value:
        raise ValueError("'id' is empty")
    return value


def parse_line(raw: bytes, line: int, file_doc_id: str) -> JsonlLine:
    """One line of a bulk file as a document.

    :raises ValueError: with the reason the line is unusable.
    """
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 ({e.reason} at byte {e.start})") from e
    except json.JSONDecodeError as e:
        raise ValueError(f"not valid JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(record, dict):
        raise ValueError(f"a line must be a JSON object, not {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("no 'text' string")
    text = normalize_text(text)
    if not text.strip():
        raise ValueError("'text' is empty")
    meta = line_meta(record)
    return JsonlLine(line, f"{file_doc_id}/{_line_id(record, line)}", hashlib.sha256(raw).hexdigest(), text, meta)


#: What :func:`read_jsonl` finds in a bulk file: its usable lines, and a failure for each unusable one.
JsonlRead = tuple[list[JsonlLine], list[Failure]]


def read_jsonl(path: Path, file_doc_id: str, max_bytes: int) -> JsonlRead:
    """The usable lines of a bulk file, and a failure for each unusable one.

    The incremental runner calls it too, to compare each line's hash with the index, and hands what
    it read to :class:`JSONLToDocuments` (``parsed``) so the file is not parsed twice; nothing is
    logged here.

    :returns: ``(lines, failures)``; each failure names its ``line``.
    :raises ValueError: if the file is empty or too large; ``OSError`` if it cannot be read.
    """
    data = read_file(path, max_bytes)
    lines: list[JsonlLine] = []
    failures: list[Failure] = []
    first_line: dict[str, int] = {}
    for number, raw in enumerate(data.splitlines(), start=1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            parsed = parse_line(raw.strip(), number, file_doc_id)
            if parsed.doc_id in first_line:
                raise ValueError(f"id {parsed.doc_id.rsplit('/', 1)[-1]!r} is already used on line {first_line[parsed.doc_id]}")
        except ValueError as e:
            failures.append(Failure(str(path), str(e), line=number))
            continue
        first_line[parsed.doc_id] = number
        lines.append(parsed)
    if not lines and not failures:
        raise ValueError("the file holds no lines")
    return lines, failures


@component
class JSONLToDocuments:
    """
    Converts JSON Lines bulk files to one Document per line (``text`` plus optional ``id``,
    ``title``, ``date``, ``number``, ``type``, ``issuer``, ``jurisdiction``, ``source``, ``url``).
    ``doc_id`` is ``<file doc_id>/<id or line number>``; ``content_hash`` is the line's SHA-256.
    A bad line is logged and reported in ``failures`` with its ``line`` (the user reads «line N: reason»);
    the other lines go on.

    Usage example:
    ```python
    converter = JSONLToDocuments()
    result = converter.run(sources=["dumps/etalon.jsonl"], meta=[{"doc_id": "dumps/etalon"}])
    result["documents"][0].meta["doc_id"]  # "dumps/etalon/p443"
    ```
    """

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        """
        :param max_bytes: Files larger than this are refused with a reason.
        :raises ValueError: if ``max_bytes`` is not positive.
        """
        self.max_bytes = check_max_bytes(max_bytes)

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, max_bytes=self.max_bytes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "JSONLToDocuments":
        return default_from_dict(cls, data)

    @component.output_types(documents=list[Document], failures=list[Failure])
    def run(
        self,
        sources: list[str | Path],
        meta: list[dict[str, Any]] | None = None,
        indexed: dict[str, str] | None = None,
        parsed: dict[str, JsonlRead] | None = None,
    ) -> dict[str, Any]:
        """
        :param sources: File paths.
        :param meta: One dict per source; its ``doc_id`` (default: the file stem) prefixes the lines'
            ids, the rest is merged into every line's meta.
        :param indexed: ``doc_id → content_hash`` of what the index holds; lines found there with the
            same hash are unchanged and not converted again.
        :param parsed: ``source → (lines, failures)`` of files the caller already read with
            :func:`read_jsonl` (with the same ``doc_id``), maybe only the lines it wants converted:
            these are converted as given, not read again. The incremental runner reads each bulk
            file to compare its lines with the index and passes its new and changed lines here.
        :returns: ``documents`` (meta ``doc_id``, ``file_path``, ``content_hash``, ``encoding``, ``line``
            and the line's metadata) and ``failures`` (a :class:`~pravo.core.types.Failure` for each file
            skipped and each bad line, whose ``line`` is set).
        :raises ValueError: if ``meta`` is given with another length than ``sources``.
        """
        indexed = indexed or {}
        parsed = parsed or {}
        documents: list[Document] = []
        failures: list[Failure] = []
        for source, extra in zip(sources, check_meta(sources, meta)):
            path = Path(source)
            extra = dict(extra)
            file_doc_id = extra.pop("doc_id", None) or path.stem
            if str(source) in parsed:
                lines, bad = parsed[str(source)]
            else:
                try:
                    lines, bad = read_jsonl(path, file_doc_id, self.max_bytes)
                except (OSError, ValueError) as e:
                    failures.append(failure(path, e))
                    continue
            failures.extend(failure(f.path, f.reason, f.line) for f in bad)
            for item in lines:
                if indexed.get(item.doc_id) == item.content_hash:
                    continue
                doc_meta = {
                    "doc_id": item.doc_id,
                    "file_path": str(path),
                    "content_hash": item.content_hash,
                    "encoding": "utf-8",
                    "line": item.line,
                    **item.meta,
                    **extra,
                }
                documents.append(Document(id=item.doc_id, content=item.text, meta=doc_meta))
        return {"documents": documents, "failures": failures}
