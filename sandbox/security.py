"""Password hashing (Argon2id) and generated seat passwords."""

from __future__ import annotations

import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's minimum Argon2id setting (19 MiB, 2 passes): strong, and fast enough for seat creation.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

# Practice seats (never exam seats): their password is shown to the student who picks their name with
# the class code, so the hash guards nothing more than that code; a light profile keeps 35 seats fast.
_practice_hasher = PasswordHasher(time_cost=1, memory_cost=4096, parallelism=1)

_WORDS = ["lin", "coton", "drap", "plaid", "nappe", "torchon", "housse", "taie", "jeté", "lange",
          "ocre", "sauge", "indigo", "craie", "sable", "brume", "mousse", "argile", "perle", "olive"]


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return _hasher.hash(password)


def hash_practice_password(password: str) -> str:
    """Hash a practice seat's password (light Argon2id profile; check_password verifies it as any other)."""
    return _practice_hasher.hash(password)


# Each verification holds ~19 MiB and a core for ~40 ms: a few at a time per process, the others wait,
# so a burst of login tries cannot exhaust the exam server's memory.
HASH_SLOTS = threading.BoundedSemaphore(2)
_dummy_hash: str | None = None


def _dummy() -> str:
    """A hash of the same profile, checked when there is no account: an unknown name costs the same time."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash(secrets.token_hex(16))
    return _dummy_hash


def check_password(stored_hash: str | None, password: str) -> bool:
    """Whether the password matches the stored hash (False, after the same work, for no or a foreign hash)."""
    with HASH_SLOTS:
        try:
            return _hasher.verify(stored_hash or _dummy(), password or "") and bool(stored_hash)
        except (VerificationError, InvalidHashError):
            return False


def generate_password() -> str:
    """A password easy to read aloud and to type from a seat card: « sauge-4821-lin »."""
    return f"{secrets.choice(_WORDS)}-{secrets.randbelow(9000) + 1000}-{secrets.choice(_WORDS)}"
