"""How often search, ask and indexing reach Qdrant: every client call is a round trip to a server."""

from __future__ import annotations

import pytest

from pravo.core.store import store_from_settings
from pravo.indexer.runner import index_paths
from pravo.qa.ask import Answerer
from pravo.qa.search import Searcher


class CountingClient:
    """Wraps a Qdrant client and records the name of every method called on it."""

    def __init__(self, client):
        self._client = client
        self.calls: list[str] = []

    def __getattr__(self, name):
        attr = getattr(self._client, name)
        if not callable(attr):
            return attr

        def call(*args, **kwargs):
            self.calls.append(name)
            return attr(*args, **kwargs)

        return call


@pytest.fixture
def store(settings):
    store = store_from_settings(settings)
    yield store
    store.close()


def counted(store) -> CountingClient:
    counting = CountingClient(store.client)
    store._client = counting
    return counting


def test_indexing_three_small_files_makes_at_most_ten_round_trips(settings, corpus, store):
    counting = counted(store)
    report = index_paths([corpus], settings, store=store)
    assert report.new == 3
    assert len(counting.calls) <= 10, counting.calls
    counting.calls.clear()
    assert index_paths([corpus], settings, store=store).unchanged == 3
    assert len(counting.calls) <= 4, counting.calls  # read the registry and the schema, write nothing


def test_warm_search_makes_one_round_trip_and_warm_ask_two(settings, corpus, store):
    index_paths([corpus], settings, store=store)
    searcher = Searcher(settings, store=store)
    answerer = Answerer(settings, store=store)
    searcher.search("постановление № 443")
    answerer.ask("Какое постановление одобрило программу «Интелавто»?")
    counting = counted(store)
    for query in ("постановление № 443", "статья 80 ТК РФ", "увольнение по собственному желанию"):
        counting.calls.clear()
        searcher.search(query)
        assert counting.calls == ["query_points"], (query, counting.calls)
    for question in (
        "Какое постановление одобрило программу «Интелавто»?",
        "Какова продолжительность ежегодного отпуска по ТК РФ?",
        "За сколько дней работник должен предупредить о расторжении договора?",
    ):
        counting.calls.clear()
        answer = answerer.ask(question)
        assert len(counting.calls) <= 2 and counting.calls[0] == "query_points", (question, counting.calls)
        assert set(counting.calls[1:]) <= {"retrieve"}
        if not answer.abstained:
            assert answer.citations


def test_a_write_through_another_store_object_is_seen_by_a_warm_searcher(settings, corpus, store):
    index_paths([corpus], settings, store=store)
    answerer = Answerer(settings, store=store)
    answerer.ask("Какое постановление одобрило программу «Интелавто»?")
    centroid_before = answerer.pipeline.get_component("retriever")._state
    (corpus / "news" / "intelavto.txt").unlink()
    assert index_paths([corpus], settings, store=store_from_settings(settings)).removed == 1
    answerer.ask("Какое постановление одобрило программу «Интелавто»?")
    assert answerer.pipeline.get_component("retriever")._state[0] != centroid_before[0]
