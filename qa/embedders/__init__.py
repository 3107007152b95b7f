"""Query embedders: the question as a dense vector and as a lemma sparse vector."""
