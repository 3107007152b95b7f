"""pravo's shared kernel: what the indexing and the question-answering sides both build on.

Settings (:mod:`pravo.core.settings`), errors (:mod:`pravo.core.errors`), the typed values that
cross stages (:mod:`pravo.core.types`), the Russian legal rules (:mod:`pravo.core.russian`), the
Qdrant store (:mod:`pravo.core.store`) and the model registry (:mod:`pravo.core.models`).
Importing it loads no file converter, no model and no web stack.
"""
