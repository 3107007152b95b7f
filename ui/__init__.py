"""The web UI and REST API (``pravo serve``) live here."""
