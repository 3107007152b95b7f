import pytest
from pydantic import ValidationError

from pravo.core.errors import QueryError
from pravo.qa.hits import SearchFilters, validate_query


def test_filters_become_haystack_conditions():
    filters = SearchFilters(type="Постановление", number="№ 443", date_from="2022-01-01", source="act")
    assert filters.to_haystack() == {
        "operator": "AND",
        "conditions": [
            {"field": "meta.doc_type", "operator": "==", "value": "постановление"},
            {"field": "meta.number", "operator": "==", "value": "443"},
            {"field": "meta.source", "operator": "==", "value": "act"},
            {"field": "meta.date", "operator": ">=", "value": "2022-01-01"},
        ],
    }
    assert SearchFilters().to_haystack() is None


@pytest.mark.parametrize(
    "bad",
    [{"date_from": "4 июля"}, {"source": "blog"}, {"type": " "}, {"date_from": "2022-02-01", "date_to": "2022-01-01"}, {"colour": "red"}],
)
def test_bad_filters_are_refused(bad):
    with pytest.raises(ValidationError):
        SearchFilters(**bad)


def test_query_validation_names_the_problem():
    assert validate_query("  статья   80 ") == "статья 80"
    for bad, message in [("", "empty"), ("...", "no letters"), ("а" * 2001, "limit is 2000"), (None, "must be text")]:
        with pytest.raises(QueryError, match=message):
            validate_query(bad)
