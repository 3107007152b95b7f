"""pravo's indexing side: Haystack components and pipelines."""

from haystack.core.serialization_security import allow_deserialization_module

# Pipelines saved as YAML name pravo's own components; let Haystack load them back.
allow_deserialization_module("pravo")
