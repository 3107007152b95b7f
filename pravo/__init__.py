"""pravo: search and question answering over Russian legal documents and news, with citations."""

import os

# No usage data leaves the machine unless the user asks for it (Haystack sends telemetry by default).
os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")

__version__ = "0.1.0"
