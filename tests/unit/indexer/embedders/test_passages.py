import numpy as np
import pytest
from haystack import Document
from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersDocumentEmbedder

from pravo.indexer.embedders.passages import PassageEmbedder, token_sorted_batches
from pravo.indexer.embedders.sentence_windows import SentenceWindowEmbedder
from pravo.core.store import SENTENCE_VECTORS_META

TEXTS = [
    "Статья 80. Расторжение трудового договора по инициативе работника (по собственному желанию)",
    "1)",
    "Работник имеет право расторгнуть трудовой договор, предупредив об этом работодателя в письменной форме "
    "не позднее чем за две недели, если иной срок не установлен настоящим Кодексом или иным федеральным законом.",
    "ст. 22.2, 351.7 ТК РФ; № 443 от 04.07.2022",
    "Утратила силу.",
]


@pytest.mark.unit
def test_batches_group_texts_of_equal_token_length_longest_first():
    assert token_sorted_batches([3, 10, 5, 10, 1], 2) == [[1, 3], [2, 0], [4]]
    assert token_sorted_batches([], 4) == []
    with pytest.raises(ValueError, match="batch_size"):
        token_sorted_batches([1], 0)


@pytest.mark.unit
def test_a_token_budget_bounds_padded_positions_but_never_empties_a_batch():
    lengths = [300, 300, 300, 50, 50, 50, 50, 900]
    batches = token_sorted_batches(lengths, 32, max_batch_tokens=700)
    assert batches == [[7], [0, 1], [2, 3], [4, 5, 6]]
    for batch in batches[1:]:
        assert len(batch) * max(lengths[i] for i in batch) <= 700
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert token_sorted_batches(lengths, 2, max_batch_tokens=10_000) == [[7, 0], [1, 2], [3, 4], [5, 6]]
    with pytest.raises(ValueError, match="max_batch_tokens"):
        token_sorted_batches([1], 4, max_batch_tokens=0)
    with pytest.raises(ValueError, match="max_batch_tokens"):
        PassageEmbedder(model="any", max_batch_tokens=0)


@pytest.mark.integration
def test_passage_embedder_gives_the_vectors_of_sentence_transformers_in_input_order(minilm):
    docs = [Document(content=t) for t in TEXTS]
    ours = PassageEmbedder(model=minilm, batch_size=2, normalize_embeddings=True)
    reference = SentenceTransformersDocumentEmbedder(model=minilm, batch_size=2, normalize_embeddings=True)
    ours.warm_up()
    reference.warm_up()

    seen: list[list[str]] = []
    inner = ours.embedding_backend._backend  # type: ignore[union-attr]
    original = inner.embed

    def spy(data, **kwargs):
        seen.append(list(data))
        return original(data, **kwargs)

    inner.embed = spy
    try:
        got = ours.run(docs)["documents"]
    finally:
        inner.embed = original
    expected = reference.run(docs)["documents"]

    for mine, theirs in zip(got, expected, strict=True):
        assert mine.content == theirs.content
        np.testing.assert_allclose(mine.embedding, theirs.embedding, atol=1e-5)
    tokenizer = ours.embedding_backend.model.tokenizer  # type: ignore[union-attr]
    lengths = [len(tokenizer(t)["input_ids"]) for batch in seen for t in batch]
    assert [len(b) for b in seen] == [2, 2, 1]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.integration
def test_passage_embedder_round_trips_and_handles_no_documents(minilm):
    embedder = PassageEmbedder(model=minilm, prefix="passage: ", batch_size=7, max_batch_tokens=512)
    again = PassageEmbedder.from_dict(embedder.to_dict())
    assert type(again) is PassageEmbedder
    assert (again.model, again.prefix, again.batch_size, again.max_batch_tokens) == (minilm, "passage: ", 7, 512)
    again.warm_up()
    assert again.run([])["documents"] == []


@pytest.mark.integration
def test_sentence_windows_are_one_float32_row_per_window(minilm):
    text = "Первое предложение о сроках. " * 6 + "Второе предложение о порядке увольнения работника."
    embedder = SentenceWindowEmbedder(model=minilm, max_chars=80, max_batch_tokens=64)
    assert SentenceWindowEmbedder.from_dict(embedder.to_dict()).max_batch_tokens == 64
    out = embedder.run([Document(content=text), Document(content="Коротко.")])["documents"]
    rows = out[0].meta[SENTENCE_VECTORS_META]
    assert isinstance(rows, np.ndarray) and rows.dtype == np.float32
    assert rows.shape[0] > 1 and rows.shape[1] == 384
    assert out[1].meta[SENTENCE_VECTORS_META].shape == (1, 384)
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
