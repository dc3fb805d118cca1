"""Version guards for the places the server patches a library's private internals.

aiortc offers no option for the receive jitter buffer (server/jitter.py) or the Opus packet
length (server/speech_track.py), and aioice none for loopback-only candidates (server/ice.py), so
those modules replace private attributes. Each patch was read against, and tested with, one
version; another version may have moved or renamed what is patched and fail silently or oddly,
so `require_verified` stops with a message that says what to re-check instead.
"""
from __future__ import annotations

import functools
from importlib import metadata

#: the versions the patches were verified against (pyproject.toml pins the same)
VERIFIED = {"aiortc": "1.16.0", "aioice": "0.13.0"}


@functools.cache
def require_verified(dist: str, patch: str) -> None:
    """Raise unless the installed `dist` is the version `patch` was verified against."""
    installed = metadata.version(dist)
    if installed != VERIFIED[dist]:
        raise RuntimeError(
            f"{patch} patches private internals of {dist} {VERIFIED[dist]}, but {dist} {installed} is installed: "
            f"check the patch against {dist} {installed}, then update VERIFIED in server/private_api.py")
