"""The model registry: dense model names resolved to folders ``SentenceTransformer`` loads."""
