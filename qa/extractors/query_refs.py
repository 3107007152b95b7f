"""Finds the requisites a question names: «статья 80 ТК», «п. 3», «постановление № 443 от 4 июля».

:func:`names_unit` and :func:`names_scope` are the one rule the retriever and the ranker share on
what a query names: a *unit* (an article, or an act by its number) pins the answer, so the fused
order, which the requisite boost decides, is kept; a *scope* (a code alone, «…отпуска по ТК РФ?»)
only says where to look, so its chunks are boosted and the evidence still orders them.
"""

from __future__ import annotations

from typing import Any

from haystack import component, default_from_dict, default_to_dict

from pravo.core.russian.query_refs import QueryRefs, parse_query_refs


def names_unit(refs: QueryRefs | None) -> bool:
    """Whether the query names an article or an act by number («статья 80 ТК», «постановление № 443»)."""
    return refs is not None and bool(refs.article or refs.number)


def names_scope(refs: QueryRefs | None) -> bool:
    """Whether the query names a unit, or at least a code to search in («по ТК РФ»)."""
    return refs is not None and bool(refs.article or refs.number or refs.code)


@component
class QueryRefsExtractor:
    """
    Extracts article, point, code, act kind, number and date named in a query.

    Usage example:
    ```python
    QueryRefsExtractor().run("увольнение по статье 81 ТК РФ")["refs"]
    # QueryRefs(article="81", code="Трудовой кодекс", ...)
    ```
    """

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "QueryRefsExtractor":
        return default_from_dict(cls, data)

    @component.output_types(refs=QueryRefs)
    def run(self, query: str) -> dict[str, QueryRefs]:
        """
        :param query: The user's query.
        :returns: ``refs``: the requisites found; absent ones are None.
        """
        return {"refs": parse_query_refs(query)}


__all__ = ["QueryRefsExtractor", "names_scope", "names_unit"]
