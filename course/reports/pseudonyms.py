"""Stable pseudonyms for learner IDs, so that exports carry no real names by default.

A pseudonym is a keyed hash (HMAC-SHA256) of the learner ID. The key is a
random secret kept in the course folder (never committed), so pseudonyms stay
the same from one report to the next, but nobody can turn them back into IDs
without the key.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

PREFIX = "learner-"


def load_key(path: Path) -> bytes:
    """The course's pseudonym key, made on first use (readable by its owner only)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


# 16 hex digits are 64 bits: among 100,000 learners the chance that any two share a pseudonym is about
# n^2 / 2^65 = 3e-10 (8 digits, 32 bits, gave about one shared pseudonym at that size).
DIGITS = 16


def pseudonym(student_id: str, key: bytes) -> str:
    """A stable pseudonym for *student_id*, e.g. ``learner-4f1c2a9b07d35e61``."""
    digest = hmac.new(key, student_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:DIGITS]
