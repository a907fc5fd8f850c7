"""Reading reports back from files this program exported (see :mod:`.xlsx`)."""

from __future__ import annotations


class ImportFormatError(ValueError):
    """The file is not one of ours, is damaged, or holds something it should not (bad input);
    the message names what is wrong, in Vietnamese."""


class ImportRefusedError(ValueError):
    """The file is ours but cannot be accepted: its catalogue is unknown here, or it was
    edited after export so its fingerprint no longer matches."""
