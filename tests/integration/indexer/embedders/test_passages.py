"""PassageEmbedder with a real model (the small MiniLM): the vectors of sentence-transformers, in input order."""

import numpy as np
from haystack import Document
from haystack_integrations.components.embedders.sentence_transformers import SentenceTransformersDocumentEmbedder

from pravo.indexer.embedders.passages import PassageEmbedder

TEXTS = [
    "Статья 80. Расторжение трудового договора по инициативе работника (по собственному желанию)",
    "1)",
    "Работник имеет право расторгнуть трудовой договор, предупредив об этом работодателя в письменной форме "
    "не позднее чем за две недели, если иной срок не установлен настоящим Кодексом или иным федеральным законом.",
    "ст. 22.2, 351.7 ТК РФ; № 443 от 04.07.2022",
    "Утратила силу.",
]


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


def test_passage_embedder_round_trips_and_handles_no_documents(minilm):
    embedder = PassageEmbedder(model=minilm, prefix="passage: ", batch_size=7, max_batch_tokens=512)
    again = PassageEmbedder.from_dict(embedder.to_dict())
    assert type(again) is PassageEmbedder
    assert (again.model, again.prefix, again.batch_size, again.max_batch_tokens) == (minilm, "passage: ", 7, 512)
    again.warm_up()
    assert again.run([])["documents"] == []
