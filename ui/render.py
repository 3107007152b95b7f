"""HTML for the web UI: hits, documents, answers and the documents table, as pure functions.

Every piece of user or document text goes through :func:`html.escape` before it meets markup, so
a document that contains ``<script>`` shows those characters and runs nothing. Elements that open
a document carry ``data-open``: JSON ``{"doc_id", "start", "end", "terms"}`` that the page sends
back to the server (see ``ui/web.py``).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, Iterable

from pravo.core.russian.morphology import lemma, lemmatize
from pravo.core.errors import PravoError, QueryError, StoreError

#: A word or number as the highlighter sees it (the same shapes the lemmatizer reads).
_WORD = re.compile(r"\d+(?:[./]\d+)*(?:-[а-яёa-z]+)?|[а-яёa-z]+(?:-[а-яёa-z]+)*", re.IGNORECASE)
_MARKER = re.compile(r"\[(\d+)\]")
SNIPPET_CHARS = 420

SOURCE_NAMES = {"act": "правовой акт", "news": "новость"}
FIELD_NAMES = {
    "query": "запрос", "question": "вопрос", "top_k": "число результатов", "type": "вид документа",
    "number": "номер", "date_from": "дата «с»", "date_to": "дата «по»", "issuer": "орган",
    "source": "источник", "doc_id": "документ", "paths": "пути",
}


def esc(text: Any) -> str:
    """Text made safe for HTML content and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


# -- words of the query in a text --------------------------------------------------------------


def query_terms(query: str) -> set[str]:
    """The lemmas of the query's meaningful words (stop words dropped)."""
    return set(lemmatize(query or ""))


def _matches(word: str, terms: set[str]) -> bool:
    token = word.lower().replace("ё", "е")
    return token in terms or lemma(token) in terms


def highlight(text: str, terms: set[str]) -> str:
    """``text`` escaped, each word whose lemma is among ``terms`` wrapped in ``<mark>``."""
    if not terms:
        return esc(text)
    out, last = [], 0
    for m in _WORD.finditer(text):
        if _matches(m.group(), terms):
            out.append(esc(text[last : m.start()]))
            out.append(f'<mark class="pravo-term">{esc(m.group())}</mark>')
            last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def snippet(text: str, terms: set[str], size: int = SNIPPET_CHARS) -> str:
    """A window of ``text`` around its first matching word, highlighted, with ellipses where cut."""
    text = " ".join(text.split())
    if len(text) <= size:
        return highlight(text, terms)
    first = next((m.start() for m in _WORD.finditer(text) if terms and _matches(m.group(), terms)), 0)
    start = max(0, min(first - size // 5, len(text) - size))
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start else "") + highlight(text[start:end], terms) + (" …" if end < len(text) else "")


# -- pieces ------------------------------------------------------------------------------------


def open_spec(doc_id: str, start: int | None = None, end: int | None = None, terms: Iterable[str] = ()) -> str:
    """The ``data-open`` attribute value of an element that opens a document (escaped)."""
    return esc(json.dumps({"doc_id": doc_id, "start": start, "end": end, "terms": sorted(terms)}, ensure_ascii=False))


def requisites_line(record: dict[str, Any]) -> str:
    """«постановление № 443 от 2022-07-04 · Совет Министров · правовой акт», escaped."""
    parts = []
    kind = " ".join(x for x in [record.get("doc_type") or "", f"№ {record['number']}" if record.get("number") else ""] if x)
    if record.get("date"):
        kind = f"{kind} от {record['date']}" if kind else f"от {record['date']}"
    if kind:
        parts.append(kind)
    if record.get("issuer"):
        parts.append(record["issuer"])
    if record.get("source"):
        parts.append(SOURCE_NAMES.get(record["source"], record["source"]))
    return " · ".join(esc(p) for p in parts)


def where_line(article: str | None, point: str | None) -> str:
    parts = []
    if article:
        parts.append(f"ст. {article}")
    if point:
        parts.append(f"п. {point}")
    return esc(", ".join(parts))


def message(text: str, kind: str = "info") -> str:
    """A notice box: ``info``, ``error`` or ``warning``."""
    return f'<div class="pravo-msg pravo-{kind}" role="{"alert" if kind == "error" else "status"}">{esc(text)}</div>'


def error_text(error: BaseException) -> str:
    """A readable Russian message for an error a user caused or can fix (details kept as written)."""
    if isinstance(error, QueryError):
        name = FIELD_NAMES.get(error.field or "", error.field or "")
        if error.field in ("query", "question") and "empty" in str(error):
            return "Введите вопрос или слова для поиска."
        return f"Проверьте поле «{name}»: {error}" if name else f"Ошибка в запросе: {error}"
    if isinstance(error, StoreError):
        if "nothing is indexed" in str(error):
            return "Индекс пуст: добавьте документы на вкладке «Документы» или выполните `pravo index`."
        return f"Индекс недоступен: {error}"
    if isinstance(error, PravoError):
        return f"Ошибка: {error}"
    return f"Внутренняя ошибка ({type(error).__name__}); подробности в журнале сервера."


# -- search ------------------------------------------------------------------------------------


def render_hits(query: str, hits: list[Any]) -> str:
    """The result list: rank, title, requisites, article/point, score, snippet with the query's words marked."""
    if not hits:
        return message("Ничего не найдено. Попробуйте другие слова или снимите фильтры.")
    terms = query_terms(query)
    items = []
    for hit in hits:
        where = where_line(hit.article, hit.point)
        items.append(
            f'<li class="pravo-hit" data-open="{open_spec(hit.doc_id, hit.start, hit.end, terms)}" tabindex="0">'
            f'<div class="pravo-hit-head"><a href="#" class="pravo-title">{esc(hit.title or hit.doc_id)}</a>'
            f'{f" <span class=pravo-where>{where}</span>" if where else ""}'
            f' <span class="pravo-score" title="оценка">{hit.score:.3f}</span></div>'
            f'<div class="pravo-req">{requisites_line(hit.model_dump())} · <code>{esc(hit.doc_id)}</code></div>'
            f'<div class="pravo-snippet">{snippet(hit.text, terms)}</div></li>'
        )
    return f'<p class="pravo-count">Найдено: {len(hits)}. Нажмите на результат, чтобы открыть документ.</p><ol class="pravo-hits">{"".join(items)}</ol>'


# -- a whole document --------------------------------------------------------------------------


def render_document(record: dict[str, Any] | None, start: int | None = None, end: int | None = None,
                    terms: Iterable[str] = (), caption: str = "Фрагмент") -> str:
    """The whole document text with ``[start, end)`` marked (``.pravo-target``, scrolled to by the page)."""
    if record is None:
        return message("Документ не найден в индексе.", "error")
    text = record.get("text") or ""
    head = (
        f'<div class="pravo-doc-head"><h3>{esc(record.get("title") or record["doc_id"])}</h3>'
        f'<div class="pravo-req">{requisites_line(record)} · <code>{esc(record["doc_id"])}</code></div></div>'
    )
    valid = start is not None and end is not None and 0 <= start < end <= len(text)
    if not valid:
        body = esc(text)
    else:
        words = set(terms)
        body = (
            esc(text[:start])
            + f'<mark class="pravo-target" title="{esc(caption)}">{highlight(text[start:end], words)}</mark>'
            + esc(text[end:])
        )
    return f'{head}<div class="pravo-doc" tabindex="0">{body}</div>'


# -- answers -----------------------------------------------------------------------------------


def render_answer(answer: Any) -> str:
    """The answer with clickable [n] markers, its sources, or an abstention with the closest documents."""
    cited = {c.n: c for c in answer.citations}

    def marker(m: re.Match[str]) -> str:
        c = cited.get(int(m.group(1)))
        if c is None:
            return m.group(0)
        return (f'<a href="#" class="pravo-cite" data-open="{open_spec(c.doc_id, c.start, c.end)}" '
                f'title="{esc(c.label)}">[{c.n}]</a>')

    body = _MARKER.sub(marker, esc(answer.answer))
    parts = []
    if answer.abstained:
        parts.append(f'<div class="pravo-abstained"><strong>Ответа нет.</strong> {body}</div>')
    else:
        parts.append(f'<div class="pravo-answer">{body}</div>')
    if answer.note:
        parts.append(message(answer.note, "warning"))
    if answer.citations:
        rows = []
        for c in answer.citations:
            page = f", стр. {c.page}" if c.page else ""
            rows.append(
                f'<li class="pravo-citation" data-open="{open_spec(c.doc_id, c.start, c.end)}" tabindex="0">'
                f'<a href="#">[{c.n}] {esc(c.label)}{esc(page)}</a> <code>{esc(c.doc_id)}</code>'
                f'<blockquote>{esc(c.quote)}</blockquote></li>'
            )
        parts.append(f'<h4>Источники</h4><ul class="pravo-citations">{"".join(rows)}</ul>')
    elif answer.abstained and answer.hits:
        terms = query_terms(answer.question)
        rows = []
        for hit in answer.hits[:5]:
            where = where_line(hit.article, hit.point)
            rows.append(
                f'<li class="pravo-hit" data-open="{open_spec(hit.doc_id, hit.start, hit.end, terms)}" tabindex="0">'
                f'<a href="#">{esc(hit.title or hit.doc_id)}</a>{f" — {where}" if where else ""}'
                f'<div class="pravo-snippet">{snippet(hit.text, terms, 240)}</div></li>'
            )
        parts.append(f'<h4>Ближайшие документы</h4><ul class="pravo-hits">{"".join(rows)}</ul>')
    return "".join(parts)


# -- documents and status ----------------------------------------------------------------------


def filter_documents(records: list[dict[str, Any]], text: str = "", doc_type: str = "", source: str = "") -> list[dict[str, Any]]:
    """Records whose id, title, number or issuer contain ``text`` (any case), of a kind and source."""
    needle = (text or "").strip().lower()
    out = []
    for r in records:
        if doc_type and (r.get("doc_type") or "") != doc_type:
            continue
        if source and r.get("source") != source:
            continue
        hay = " ".join(str(r.get(k) or "") for k in ("doc_id", "title", "number", "issuer", "date")).lower()
        if needle and needle not in hay:
            continue
        out.append(r)
    return out


def render_documents(records: list[dict[str, Any]], total: int) -> str:
    """The documents table; each row opens its document."""
    if not records:
        return message("Документов нет." if not total else "Под фильтр не подходит ни один документ.")
    rows = []
    for r in records:
        rows.append(
            f'<tr class="pravo-docrow" data-open="{open_spec(r["doc_id"])}" tabindex="0">'
            f'<td><a href="#">{esc(r.get("title") or r["doc_id"])}</a><br><code>{esc(r["doc_id"])}</code></td>'
            f'<td>{esc(r.get("doc_type") or "—")}</td><td>{esc(r.get("number") or "—")}</td>'
            f'<td>{esc(r.get("date") or "—")}</td><td>{esc(r.get("issuer") or "—")}</td>'
            f'<td>{esc(SOURCE_NAMES.get(r.get("source") or "", r.get("source") or "—"))}</td>'
            f'<td>{esc(r.get("n_chunks") if r.get("n_chunks") is not None else "—")}</td></tr>'
        )
    return (
        f'<p class="pravo-count">Показано {len(records)} из {total}.</p>'
        '<table class="pravo-docs"><thead><tr><th>Документ</th><th>Вид</th><th>Номер</th><th>Дата</th>'
        f'<th>Орган</th><th>Источник</th><th>Фрагментов</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def render_status(status: dict[str, Any]) -> str:
    """Index status as a small definition list."""
    if status.get("error"):
        return message(status["error"], "error")
    state = "идёт индексация" if status.get("indexing") else "готов"
    items = [
        ("Состояние", state),
        ("Документов", status.get("documents", "—")),
        ("Фрагментов", status.get("chunks", "—")),
        ("Последняя индексация", status.get("last_indexed") or "—"),
        ("Модель эмбеддингов", status.get("embedding_model") or "—"),
        ("Хранилище", status.get("store") or "—"),
    ]
    return '<dl class="pravo-status">' + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items) + "</dl>"


def render_index_report(report: Any) -> str:
    """What an indexing run from the UI did, in Russian, with each failed file named."""
    text = (
        f"Новых: {report.new}, обновлено: {report.updated}, без изменений: {report.unchanged}, "
        f"удалено: {report.removed}, ошибок: {len(report.failed)}; фрагментов записано: {report.chunks} "
        f"за {report.seconds:.1f} с."
    )
    out = message(text, "warning" if report.failed else "info")
    if report.failed:
        out += '<ul class="pravo-failed">' + "".join(f"<li>{esc(p)}: {esc(r)}</li>" for p, r in report.failed) + "</ul>"
    return out
