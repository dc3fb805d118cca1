"""Patches of private library internals refuse to run on a version nobody checked them against."""
import pytest

from server import private_api


def test_the_installed_versions_are_the_verified_ones():
    for dist in private_api.VERIFIED:
        private_api.require_verified(dist, "test")


def test_another_version_stops_with_what_to_check(monkeypatch):
    private_api.require_verified.cache_clear()
    monkeypatch.setitem(private_api.VERIFIED, "aiortc", "0.0.1")
    try:
        with pytest.raises(RuntimeError, match=r"server/jitter.py .* aiortc 0.0.1, but aiortc 1\.16\.0 is installed"):
            private_api.require_verified("aiortc", "server/jitter.py")
    finally:
        private_api.require_verified.cache_clear()
