"""The one expected data error of the pipeline."""


class ExtractionError(Exception):
    """A file could not be turned into blocks. The message is the reason, in French,
    short enough for one line of a batch report; raise it `from` its cause."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
