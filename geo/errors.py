"""Errors a user can cause: the CLI prints them as one line, never a traceback."""


class BordermapError(Exception):
    """Bad input or a bad option; the message says what and where."""
