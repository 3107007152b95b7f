"""pravo's question-answering side: Haystack components and pipelines, and the Python API.

```python
from pravo.qa import Answerer, load_settings

answer = Answerer(load_settings()).ask("Какое постановление одобрило программу «Интелавто»?")
```
"""

from haystack.core.serialization_security import allow_deserialization_module

# Pipelines saved as YAML name pravo's own components; let Haystack load them back.
allow_deserialization_module("pravo")

from pravo.core.settings import load_settings  # noqa: E402
from pravo.qa.answers import Answer, Citation  # noqa: E402
from pravo.qa.ask import Answerer, build_qa_pipeline, pipeline_inputs  # noqa: E402
from pravo.qa.hits import Hit, SearchFilters  # noqa: E402
from pravo.qa.search import Searcher, build_search_pipeline  # noqa: E402

__all__ = [
    "Answer",
    "Answerer",
    "Citation",
    "Hit",
    "SearchFilters",
    "Searcher",
    "build_qa_pipeline",
    "build_search_pipeline",
    "load_settings",
    "pipeline_inputs",
]
