import pytest

from pravo.indexer.embedders.passages import PassageEmbedder, token_sorted_batches


def test_batches_group_texts_of_equal_token_length_longest_first():
    assert token_sorted_batches([3, 10, 5, 10, 1], 2) == [[1, 3], [2, 0], [4]]
    assert token_sorted_batches([], 4) == []
    with pytest.raises(ValueError, match="batch_size"):
        token_sorted_batches([1], 0)


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
