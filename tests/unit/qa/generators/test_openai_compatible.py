"""Generative answers against a local OpenAI-compatible server that returns fixed completions."""

from __future__ import annotations

import socket

import pytest
from haystack import Document

from pravo.qa.answers import Answer, Citation
from pravo.qa.generators.openai_compatible import GenerativeAnswerer, check_reply
from tests.fakes.openai_server import FakeChatServer

ART96 = "Ночное время - время с 22 часов до 6 часов. Продолжительность работы в ночное время сокращается на один час."
ART154 = "Каждый час работы в ночное время оплачивается в повышенном размере по сравнению с работой в нормальных условиях."


def passage(chunk_id: str, text: str, article: str, start: int) -> Document:
    meta = {"doc_id": "tk_rf", "title": "Трудовой кодекс Российской Федерации", "source": "act", "doc_type": "кодекс",
            "jurisdiction": "RU", "article": article, "start": start, "end": start + len(text)}
    return Document(id=chunk_id, content=text, meta=meta)


PASSAGES = [passage("tk#96", ART96, "96", 100), passage("tk#154", ART154, "154", 900)]


@pytest.fixture
def draft() -> Answer:
    quote = ART96.split(". ")[0] + "."
    citation = Citation(n=1, doc_id="tk_rf", label="ст. 96 ТК РФ", title=None, article="96", point=None,
                        quote=quote, start=100, end=100 + len(quote))
    return Answer(question="Какое время считается ночным?", answer=f"{quote} [1]", citations=[citation], hits=[], abstained=False)


@pytest.fixture
def server():
    with FakeChatServer() as s:
        yield s


def test_a_checked_reply_replaces_the_draft_with_quotes_from_the_passages(server, draft):
    server.reply = "Ночным считается время с 22 часов до 6 часов [1]. Работа в ночное время оплачивается в повышенном размере [2]."
    generator = GenerativeAnswerer(api_base_url=server.url, model="fake")
    answer = generator.run(draft=draft, documents=PASSAGES)["answer"]
    assert answer.mode == "generative" and not answer.abstained and answer.note is None
    assert answer.answer == (
        "Ночным считается время с 22 часов до 6 часов. [1] Работа в ночное время оплачивается в повышенном размере. [2]"
    )
    assert [(c.n, c.article) for c in answer.citations] == [(1, "96"), (2, "154")]
    for c, p in zip(answer.citations, PASSAGES):
        local = c.start - p.meta["start"]
        assert p.content[local : local + len(c.quote)] == c.quote  # quotes come from the source, not the model
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["body"]["model"] == "fake"
    messages = request["body"]["messages"]
    assert "квадратных скобках" in messages[0]["content"]
    assert "[1] Трудовой кодекс Российской Федерации ст. 96" in messages[1]["content"]
    assert messages[1]["content"].endswith("Вопрос: Какое время считается ночным?")


def test_markers_are_renumbered_in_order_of_use(server, draft):
    server.reply = "Работа ночью оплачивается в повышенном размере [2]."
    answer = GenerativeAnswerer(api_base_url=server.url, model="fake").run(draft=draft, documents=PASSAGES)["answer"]
    assert answer.answer.endswith("[1]") and [c.article for c in answer.citations] == ["154"]


def test_unsupported_and_unmarked_sentences_are_dropped_and_counted(server, draft):
    server.reply = (
        "Ночным считается время с 22 часов до 6 часов [1]. "
        "Ночная работа запрещена беременным женщинам [1]. "  # words not in the passage it cites
        "Это важно знать каждому. "  # no marker
        "Оплата утраивается [7]."  # a passage that was not given
    )
    answer = GenerativeAnswerer(api_base_url=server.url, model="fake").run(draft=draft, documents=PASSAGES)["answer"]
    assert answer.answer == "Ночным считается время с 22 часов до 6 часов. [1]"
    assert answer.note == "Удалено предложений без опоры на фрагменты: 3."


def test_no_answer_reply_abstains(server, draft):
    server.reply = "НЕТ ОТВЕТА"
    answer = GenerativeAnswerer(api_base_url=server.url, model="fake").run(draft=draft, documents=PASSAGES)["answer"]
    assert answer.abstained and answer.citations == [] and answer.answer.startswith("В проиндексированных документах нет ответа")


@pytest.mark.parametrize("reply", ["", "Без единой ссылки на фрагменты."])
def test_an_unusable_reply_falls_back_to_the_draft_with_a_note(server, draft, reply):
    server.reply = reply
    answer = GenerativeAnswerer(api_base_url=server.url, model="fake").run(draft=draft, documents=PASSAGES)["answer"]
    assert answer.answer == draft.answer and answer.citations == draft.citations and answer.mode == "extractive"
    assert answer.note.startswith("Генеративный ответ недоступен")


def test_server_error_and_timeout_fall_back_to_the_draft(server, draft):
    server.status = 500
    answer = GenerativeAnswerer(api_base_url=server.url, model="fake").run(draft=draft, documents=PASSAGES)["answer"]
    assert answer.answer == draft.answer and "Генеративный ответ недоступен" in answer.note
    server.status, server.delay, server.reply = 200, 2.0, "Ответ [1]."
    slow = GenerativeAnswerer(api_base_url=server.url, model="fake", timeout=0.3).run(draft=draft, documents=PASSAGES)["answer"]
    assert slow.answer == draft.answer and "Timeout" in slow.note


def test_endpoint_down_falls_back_to_the_draft(draft):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed when the block ends: nothing listens there
    answer = GenerativeAnswerer(api_base_url=f"http://127.0.0.1:{port}/v1", model="fake", timeout=2).run(
        draft=draft, documents=PASSAGES
    )["answer"]
    assert answer.answer == draft.answer and "Connection" in answer.note


def test_an_abstaining_draft_is_not_sent_to_the_model(server, draft):
    abstained = draft.model_copy(update={"abstained": True, "citations": []})
    assert GenerativeAnswerer(api_base_url=server.url, model="fake").run(draft=abstained, documents=PASSAGES)["answer"] is abstained
    assert server.requests == []


def test_check_reply_keeps_valid_markers_in_order():
    kept, dropped = check_reply("Время с 22 часов до 6 часов [2][1].", PASSAGES)
    assert kept == [("Время с 22 часов до 6 часов.", [2, 1])] and dropped == 0


def test_round_trip_keeps_the_key_out_of_the_dict(monkeypatch):
    monkeypatch.setenv("PRAVO_LLM_API_KEY", "secret-value")
    generator = GenerativeAnswerer(api_base_url="http://localhost:11434/v1", model="m", timeout=5)
    data = generator.to_dict()
    assert "secret-value" not in str(data)
    assert GenerativeAnswerer.from_dict(data).to_dict() == data


@pytest.mark.parametrize("kwargs", [{"api_base_url": "localhost:11434"}, {"timeout": 0}, {"passages": 0}])
def test_init_rejects_bad_values(kwargs):
    with pytest.raises(ValueError):
        GenerativeAnswerer(**{"api_base_url": "http://x/v1", "model": "m", **kwargs})
