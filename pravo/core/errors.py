"""The project's exception hierarchy: one root, a few specific kinds.

Every message names the thing that was wrong (file, field, value) and says how to fix it.
A file that cannot be read is no error: its converter reports a :class:`pravo.core.types.Failure`
and the batch goes on.
"""


class PravoError(Exception):
    """Root of every error pravo raises on purpose."""


class ConfigurationError(PravoError):
    """A setting or argument is invalid (exit code 2 on the command line)."""


class StoreError(PravoError):
    """The Qdrant store is unreachable, locked by another process or inconsistent."""


class QueryError(PravoError):
    """A query or filter value is unusable (exit code 2 on the command line)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


def unwrap(error: BaseException) -> BaseException:
    """The PravoError behind a framework's wrapper (Haystack wraps component errors), else ``error``.

    Lets a pipeline failure reach the user as the clear message the component raised.
    """
    cause = error.__cause__
    while cause is not None:
        if isinstance(cause, PravoError):
            return cause
        cause = cause.__cause__
    return error
