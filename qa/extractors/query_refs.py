"""Finds the requisites a question names: «статья 80 ТК», «п. 3», «постановление № 443 от 4 июля»."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from haystack import component, default_from_dict, default_to_dict

from pravo.core.russian.query_refs import parse_query_refs


@component
class QueryRefsExtractor:
    """
    Extracts article, point, code, act kind, number and date named in a query.

    Usage example:
    ```python
    QueryRefsExtractor().run("увольнение по статье 81 ТК РФ")["refs"]
    # {"article": "81", "code": "Трудовой кодекс", ...}
    ```
    """

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "QueryRefsExtractor":
        return default_from_dict(cls, data)

    @component.output_types(refs=dict[str, Any])
    def run(self, query: str) -> dict[str, dict[str, Any]]:
        """
        :param query: The user's query.
        :returns: ``refs``: the requisites found; absent ones are None.
        """
        return {"refs": asdict(parse_query_refs(query))}
