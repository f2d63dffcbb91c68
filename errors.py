"""The errors a user can cause, as one small hierarchy (after geopy's ``geopy.exc``).

The CLI turns exactly these into one line on stderr; anything else is a bug
and stays a traceback. Callers catch the level they can handle.
"""


class BordermapError(Exception):
    """Something the user can fix; the message says what and where."""


class InputError(BordermapError, ValueError):
    """A bad input or option: an unreadable file, a date that is not ISO 8601, an unknown format."""


class DataError(BordermapError):
    """Data bordermap reads is unusable: a corrupt gazetteer index or user database."""


class GeocoderError(BordermapError):
    """An online geocoder did not answer (no network, refused, timed out)."""


class OutputError(BordermapError):
    """An output cannot be written: not a regular file, a read-only folder, a full disk."""
