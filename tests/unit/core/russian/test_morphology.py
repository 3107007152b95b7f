from pravo.core.russian.morphology import lemmatize, tokenize


def test_word_forms_share_a_lemma():
    assert lemmatize("прогула") == lemmatize("прогулы") == lemmatize("прогулом") == ["прогул"]
    assert lemmatize("постановлении") == lemmatize("постановлением") == ["постановление"]


def test_numbers_and_law_codes_are_kept_whole():
    assert tokenize("статья 22.2, № 1/12345, N 197-ФЗ") == ["статья", "22.2", "1/12345", "n", "197-фз"]
    assert "197-фз" in lemmatize("Федерального закона N 197-ФЗ")
    assert "n" not in lemmatize("N 197-ФЗ")


def test_stopwords_dropped_but_negation_kept():
    assert lemmatize("работник не вправе и не обязан") == ["работник", "не", "вправе", "не", "обязать"]


def test_yo_is_folded():
    assert lemmatize("ёлка") == lemmatize("елка")
