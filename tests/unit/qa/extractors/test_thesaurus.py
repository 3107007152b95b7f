import pytest

from pravo.core.errors import ConfigurationError
from pravo.qa.extractors.thesaurus import DEFAULT_THESAURUS, QueryExpander, Thesaurus


@pytest.fixture
def thesaurus(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text(
        "# comment\n"
        "больничный\tвременная нетрудоспособность\n"
        "условный срок\tсудимость; уголовное преследование\n"
        "зарплата\tзаработная плата\n"
        "\n",
        encoding="utf-8",
    )
    return path


def test_everyday_phrases_in_any_form_give_statutory_ones_in_order(thesaurus):
    t = Thesaurus.from_tsv(thesaurus)
    assert t.expansions("Оплачивается ли больничного лист? Был условный срок.") == [
        "временная нетрудоспособность",
        "судимость",
        "уголовное преследование",
    ]
    assert t.expansions("Мне дали условные сроки") == ["судимость", "уголовное преследование"]
    assert t.expansions("срок условный") == []  # a phrase matches word for word, in order
    assert t.expansions("Кто построил Эйфелеву башню?") == []


def test_a_statutory_phrase_the_question_already_holds_is_not_added(thesaurus):
    t = Thesaurus.from_tsv(thesaurus)
    assert t.expansions("зарплата, она же заработная плата") == []


@pytest.mark.parametrize("line", ["больничный", "больничный\t", "\tзаработная плата", "а б в г д\tслишком длинно"])
def test_a_malformed_line_is_named_with_its_number(tmp_path, line):
    path = tmp_path / "bad.tsv"
    path.write_text(f"# ok\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"bad.tsv, line 2"):
        Thesaurus.from_tsv(path)


def test_an_unreadable_thesaurus_names_the_setting(tmp_path):
    with pytest.raises(ConfigurationError, match="PRAVO_THESAURUS"):
        Thesaurus.from_tsv(tmp_path / "missing.tsv")
    (tmp_path / "cp1251.tsv").write_bytes("зарплата\tзаработная плата\n".encode("cp1251"))
    with pytest.raises(ConfigurationError, match="cp1251.tsv"):
        Thesaurus.from_tsv(tmp_path / "cp1251.tsv")


def test_the_bundled_thesaurus_loads_and_maps_common_words():
    t = Thesaurus.from_tsv(DEFAULT_THESAURUS)
    assert len(t.entries) > 50
    assert "временная нетрудоспособность" in t.expansions("Положен ли больничный?")
    assert "педагогический работник" in t.expansions("Меня берут учителем в школу")


def test_expander_appends_phrases_for_the_dense_model_only_when_asked(thesaurus):
    on = QueryExpander(thesaurus=str(thesaurus)).run("Положен ли больничный?")
    assert on == {
        "dense_text": "Положен ли больничный? (временная нетрудоспособность)",
        "expansions": ["временная нетрудоспособность"],
    }
    off = QueryExpander(thesaurus=str(thesaurus), expand_dense=False).run("Положен ли больничный?")
    assert off["dense_text"] == "Положен ли больничный?"
    assert off["expansions"] == ["временная нетрудоспособность"]
    assert QueryExpander(thesaurus=str(thesaurus)).run("статья 80")["dense_text"] == "статья 80"


def test_expander_round_trips(thesaurus):
    expander = QueryExpander(thesaurus=str(thesaurus), expand_dense=False)
    again = QueryExpander.from_dict(expander.to_dict())
    assert (again.thesaurus, again.expand_dense) == (str(thesaurus), False)
    assert again.run("зарплата")["expansions"] == ["заработная плата"]
