import pytest
from haystack import Document

from pravo.core.sparse import bm25_document_vector, term_index
from pravo.indexer.embedders.sparse import LemmaBM25DocumentEmbedder
from pravo.qa.embedders.sparse import LemmaBM25TextEmbedder
from pravo.core.russian.morphology import lemmatize


def _dot(query, doc):
    weights = dict(zip(doc.indices, doc.values))
    return sum(weights.get(i, 0.0) * v for i, v in zip(query.indices, query.values))


def test_term_index_is_stable_and_32_bit():
    # fixed value: changing the hash would silently break every existing index
    assert term_index("прогул") == term_index("прогул") == 2772057988
    assert 0 <= term_index("увольнение") < 2**32


def test_query_in_another_grammatical_form_matches_document():
    doc = LemmaBM25DocumentEmbedder().run([Document(content="Увольнение за прогул без уважительных причин")])["documents"][0]
    query = LemmaBM25TextEmbedder().run("прогулы")["sparse_embedding"]
    assert query.values == [1.0]
    assert _dot(query, doc.sparse_embedding) > 0


def test_numbers_match_exactly():
    doc = LemmaBM25DocumentEmbedder().run([Document(content="постановление № 443 от 4 июля")])["documents"][0]
    assert _dot(LemmaBM25TextEmbedder().run("№443")["sparse_embedding"], doc.sparse_embedding) > 0
    assert _dot(LemmaBM25TextEmbedder().run("№ 444")["sparse_embedding"], doc.sparse_embedding) == 0


def test_bm25_saturates_term_frequency_and_normalises_length():
    once = bm25_document_vector(["прогул"] + ["слово"] * 9, k1=1.2, b=0.75, avg_len=10)
    thrice = bm25_document_vector(["прогул"] * 3 + ["слово"] * 7, k1=1.2, b=0.75, avg_len=10)
    w1 = dict(zip(once.indices, once.values))[term_index("прогул")]
    w3 = dict(zip(thrice.indices, thrice.values))[term_index("прогул")]
    assert w1 < w3 < 3 * w1 and w3 < 2.2  # bounded by k1 + 1
    short = bm25_document_vector(["прогул"] * 2, k1=1.2, b=0.75, avg_len=10)
    long = bm25_document_vector(["прогул"] * 2 + ["слово"] * 38, k1=1.2, b=0.75, avg_len=10)
    assert short.values[0] > dict(zip(long.indices, long.values))[term_index("прогул")]


def test_meta_fields_are_indexed_with_content():
    embedder = LemmaBM25DocumentEmbedder(meta_fields_to_embed=["context"])
    doc = embedder.run([Document(content="Работник имеет право.", meta={"context": "Статья 80. Расторжение договора"})])
    query = LemmaBM25TextEmbedder().run("расторжение")["sparse_embedding"]
    assert _dot(query, doc["documents"][0].sparse_embedding) > 0


def test_round_trip_and_validation():
    embedder = LemmaBM25DocumentEmbedder(k1=1.5, b=0.5, avg_len=80, meta_fields_to_embed=["context"])
    data = embedder.to_dict()
    assert data["init_parameters"] == {"k1": 1.5, "b": 0.5, "avg_len": 80, "meta_fields_to_embed": ["context"]}
    assert LemmaBM25DocumentEmbedder.from_dict(data).to_dict() == data
    with pytest.raises(ValueError, match="b must be between 0 and 1"):
        LemmaBM25DocumentEmbedder(b=2)
    with pytest.raises(TypeError):
        LemmaBM25TextEmbedder().run(["not", "a", "string"])


def test_expansions_join_the_query_at_their_weight_and_never_lower_a_question_lemma():
    embedder = LemmaBM25TextEmbedder(expansion_weight=0.4)
    vector = embedder.run("больничный лист", expansions=["временная нетрудоспособность", "лист"])["sparse_embedding"]
    weights = dict(zip(vector.indices, vector.values))
    assert weights[term_index("больничный")] == weights[term_index("лист")] == 1.0
    added = [term_index(lm) for lm in lemmatize("временная нетрудоспособность")]  # the documents' lemmas
    assert [weights[i] for i in added] == [0.4, 0.4]
    assert len(weights) == 4
    plain = LemmaBM25TextEmbedder(expansion_weight=0.0).run("больничный лист", expansions=["временная нетрудоспособность"])
    assert len(plain["sparse_embedding"].indices) == 2


def test_text_embedder_checks_and_round_trips_its_weight():
    with pytest.raises(ValueError, match="expansion_weight"):
        LemmaBM25TextEmbedder(expansion_weight=1.5)
    again = LemmaBM25TextEmbedder.from_dict(LemmaBM25TextEmbedder(expansion_weight=0.3).to_dict())
    assert again.expansion_weight == 0.3
