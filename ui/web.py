"""The Gradio UI: «Поиск», «Вопрос», «Документы».

Result lists and answers are ``gr.HTML`` built by ``ui/render.py`` (all text escaped). A click on
an element with ``data-open`` (a hit, a marker [n], a citation, a table row) is sent back as a
``click`` event carrying that JSON; the handler renders the whole document with the chunk or quote
marked, and the document panel scrolls the mark into view when its value changes.
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import Any

import gradio as gr

from pravo.core.errors import PravoError
from pravo.ui import render
from pravo.ui.service import PravoService, parse_filters

logger = logging.getLogger(__name__)

#: Sends a click on any ``[data-open]`` inside the component to the server as event data.
OPEN_ON_CLICK = """
element.addEventListener('click', (event) => {
  const target = event.target.closest('[data-open]');
  if (!target) return;
  event.preventDefault();
  trigger('click', {open: target.dataset.open});
});
element.addEventListener('keydown', (event) => {
  const target = event.target.closest('[data-open]');
  if (!target || event.key !== 'Enter') return;
  trigger('click', {open: target.dataset.open});
});
"""

#: Scrolls the marked chunk or quote of a freshly rendered document into view.
SCROLL_TO_MARK = """
watch('value', () => {
  const mark = element.querySelector('.pravo-target');
  if (mark) mark.scrollIntoView({block: 'center'});
});
"""

CSS = """
.pravo-msg {padding: .6em .9em; border-radius: 6px; margin: .4em 0;}
.pravo-info {background: #eef4ff; color: #1d3a6e;}
.pravo-warning {background: #fff6e0; color: #6b4a00;}
.pravo-error {background: #fdecec; color: #8a1c1c;}
.pravo-hits {padding-left: 1.2em;} .pravo-hits li {margin: .2em 0 .9em;}
.pravo-hit, .pravo-citation, .pravo-docrow {cursor: pointer;}
.pravo-hit-head {font-weight: 600;} .pravo-where {color: #555; font-weight: normal;}
.pravo-score {color: #888; font-size: .85em; font-weight: normal;}
.pravo-req {color: #555; font-size: .9em;}
.pravo-snippet {margin-top: .2em;}
mark.pravo-term {background: #ffe58a; padding: 0 1px;}
mark.pravo-target {background: #cde8ff; outline: 2px solid #6aaef0;}
mark.pravo-target mark.pravo-term {background: #ffd24d;}
.pravo-doc {white-space: pre-wrap; max-height: 60vh; overflow-y: auto; border: 1px solid #ddd;
  padding: .8em; border-radius: 6px; font-size: .95em; line-height: 1.45;}
.pravo-answer, .pravo-abstained {font-size: 1.05em; padding: .6em .9em; border-radius: 6px;}
.pravo-answer {background: #f1f8f1;} .pravo-abstained {background: #fff6e0;}
.pravo-cite {font-weight: 600; text-decoration: none;}
.pravo-citations blockquote {margin: .2em 0 .6em 1em; color: #333; border-left: 3px solid #6aaef0; padding-left: .6em;}
.pravo-docs {width: 100%; border-collapse: collapse;} .pravo-docs td, .pravo-docs th {border-bottom: 1px solid #eee; padding: .3em .5em; text-align: left; vertical-align: top;}
.pravo-status {display: grid; grid-template-columns: max-content auto; gap: .2em 1em;} .pravo-status dt {color: #555;}
"""

SOURCE_CHOICES = [("все", ""), ("правовые акты", "act"), ("новости", "news")]


def _open(service: PravoService, evt: gr.EventData) -> str:
    """Render the document a clicked element names, marking its ``start``/``end``."""
    data = getattr(evt, "_data", None) or {}
    try:
        spec = json.loads(data.get("open") or "{}")
        doc_id = str(spec["doc_id"])
    except (ValueError, KeyError, TypeError):
        return render.message("Не удалось открыть документ: неверная ссылка.", "error")
    try:
        record = service.document(doc_id)
    except PravoError as e:
        return render.message(render.error_text(e), "error")
    start, end = spec.get("start"), spec.get("end")
    return render.render_document(record, start if isinstance(start, int) else None,
                                  end if isinstance(end, int) else None, terms=spec.get("terms") or ())


def _guard(fn: Any) -> Any:
    """Wrap a handler so that any error becomes a readable message in its first output."""

    @functools.wraps(fn)  # Gradio reads the signature (gr.Progress, gr.EventData) through __wrapped__
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as e:  # a message, never a traceback, in the page
            if not isinstance(e, PravoError):
                logger.error("UI handler %(name)s failed", {"name": fn.__name__}, exc_info=e)
            return render.message(render.error_text(e), "error")

    return wrapped


def build_ui(service: PravoService) -> gr.Blocks:
    """The Blocks app of ``pravo serve`` over one service."""

    @_guard
    def do_search(query: str, doc_type: str, number: str, date_from: str, date_to: str, issuer: str,
                  source: str, top_k: float) -> str:
        filters = parse_filters({"type": doc_type, "number": number, "date_from": date_from, "date_to": date_to,
                                 "issuer": issuer, "source": source})
        hits = service.search(query or "", top_k=int(top_k), filters=filters)
        return render.render_hits(query, hits)

    @_guard
    def do_ask(question: str) -> str:
        return render.render_answer(service.ask(question or ""))

    @_guard
    def do_documents(text: str, doc_type: str, source: str) -> str:
        records = service.documents()
        return render.render_documents(render.filter_documents(records, text, doc_type or "", source or ""), len(records))

    @_guard
    def do_status() -> str:
        return render.render_status(service.status())

    @_guard
    def do_upload(files: list[str] | None, progress: gr.Progress = gr.Progress()) -> str:
        if not files:
            return render.message("Выберите файлы для добавления.", "warning")
        for path in files:
            service.save_upload(Path(path).name, Path(path).read_bytes())
        progress(0, desc="Индексация…")
        report = service.index([service.uploads_dir], on_batch=lambda done, total: progress(done / max(total, 1), desc="Индексация…"))
        return render.render_index_report(report)

    def open_search(evt: gr.EventData) -> str:
        return _guard(_open)(service, evt)

    with gr.Blocks(title="pravo — поиск по правовым документам", analytics_enabled=False) as demo:
        gr.HTML("<h2 style='margin:.2em 0'>pravo — поиск и ответы по правовым документам</h2>"
                "<p style='margin:0;color:#555'>REST API: <a href='/docs' target='_blank'>/docs</a></p>", js_on_load=None)
        with gr.Tabs():
            with gr.Tab("Поиск", id="search", elem_id="tab-search"):
                with gr.Row():
                    query = gr.Textbox(label="Запрос", placeholder="например: постановление № 443, увольнение за прогул",
                                       scale=5, elem_id="search-query", max_length=2000)
                    search_button = gr.Button("Найти", variant="primary", scale=1, elem_id="search-button")
                with gr.Accordion("Фильтры", open=False):
                    with gr.Row():
                        doc_type = gr.Dropdown(label="Вид документа", allow_custom_value=True, value="",
                                               choices=["", "постановление", "указ", "закон", "кодекс", "решение", "распоряжение", "приказ"])
                        number = gr.Textbox(label="Номер", placeholder="443")
                        issuer = gr.Textbox(label="Орган", placeholder="Совет Министров Республики Беларусь")
                    with gr.Row():
                        date_from = gr.Textbox(label="Дата с (ГГГГ-ММ-ДД)", placeholder="2022-01-01")
                        date_to = gr.Textbox(label="Дата по (ГГГГ-ММ-ДД)")
                        source = gr.Radio(SOURCE_CHOICES, value="", label="Источник")
                        top_k = gr.Slider(1, 50, value=10, step=1, label="Сколько результатов")
                results = gr.HTML(elem_id="search-results", js_on_load=OPEN_ON_CLICK)
                search_doc = gr.HTML(elem_id="search-document", js_on_load=SCROLL_TO_MARK)
            with gr.Tab("Вопрос", id="ask", elem_id="tab-ask"):
                with gr.Row():
                    question = gr.Textbox(label="Вопрос", placeholder="Какое постановление одобрило программу «Интелавто»?",
                                          scale=5, elem_id="ask-question", max_length=2000)
                    ask_button = gr.Button("Спросить", variant="primary", scale=1, elem_id="ask-button")
                answer = gr.HTML(elem_id="ask-answer", js_on_load=OPEN_ON_CLICK)
                ask_doc = gr.HTML(elem_id="ask-document", js_on_load=SCROLL_TO_MARK)
            with gr.Tab("Документы", id="documents", elem_id="tab-documents") as documents_tab:
                status = gr.HTML(elem_id="index-status", js_on_load=None)
                with gr.Row():
                    doc_filter = gr.Textbox(label="Фильтр", placeholder="название, номер, орган", scale=3, elem_id="docs-filter")
                    doc_filter_type = gr.Dropdown(label="Вид документа", allow_custom_value=True, value="",
                                                  choices=["", "постановление", "указ", "закон", "кодекс"])
                    doc_filter_source = gr.Radio(SOURCE_CHOICES, value="", label="Источник")
                    refresh = gr.Button("Обновить", elem_id="docs-refresh", scale=1)
                documents = gr.HTML(elem_id="docs-table", js_on_load=OPEN_ON_CLICK)
                docs_doc = gr.HTML(elem_id="docs-document", js_on_load=SCROLL_TO_MARK)
                with gr.Accordion("Добавить документы", open=False):
                    uploads = gr.File(label="Файлы (.txt, .md, .html, .docx, .pdf, .rtf, .jsonl)", file_count="multiple",
                                      file_types=[".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".rtf", ".jsonl"],
                                      elem_id="docs-upload-files")
                    upload_button = gr.Button("Добавить в индекс", elem_id="docs-upload")
                    upload_result = gr.HTML(elem_id="docs-upload-result", js_on_load=None)

        filters = [query, doc_type, number, date_from, date_to, issuer, source, top_k]
        gr.on([search_button.click, query.submit], do_search, inputs=filters, outputs=results, show_progress="full")
        results.click(open_search, outputs=search_doc)
        gr.on([ask_button.click, question.submit], do_ask, inputs=question, outputs=answer, show_progress="full")
        answer.click(open_search, outputs=ask_doc)
        doc_inputs = [doc_filter, doc_filter_type, doc_filter_source]
        gr.on([documents_tab.select, refresh.click, doc_filter.submit, doc_filter_type.change, doc_filter_source.change],
              do_documents, inputs=doc_inputs, outputs=documents)
        gr.on([documents_tab.select, refresh.click], do_status, outputs=status)
        documents.click(open_search, outputs=docs_doc)
        upload_button.click(do_upload, inputs=uploads, outputs=upload_result).then(
            do_status, outputs=status).then(do_documents, inputs=doc_inputs, outputs=documents)
    return demo


def theme() -> Any:
    """Gradio's default theme on the system's fonts (nothing fetched from font servers)."""
    return gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
