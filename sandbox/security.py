"""Password hashing (Argon2id; seat passwords: a keyed hash) and generated seat passwords."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP's minimum Argon2id setting (19 MiB, 2 passes): strong, and fast enough for seat creation.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)

# Seat passwords are not hashed with Argon2id but with HMAC-SHA256 under a key of the data folder
# (``sandbox.seats.seat_key``), which no seat database and no evidence archive contains. Why this is
# at least as safe: a seat password is generated (« sauge-4821-lin », ~22 bits), printed on the seat
# card and kept in clear in the seat's private JSON file next to that key; the hash in the seat
# database only matters when that database travels alone (an evidence archive). There, an Argon2id
# hash of 22 bits falls to a few core-hours of guessing, whereas a keyed hash gives nothing without the
# key. And it costs microseconds instead of ~40 ms per seat, which made seat creation 6× the file copy.
# Passwords people choose themselves (accounts, the candidate changing theirs) stay Argon2id.
SEAT_HASH_PREFIX = "$e5seat-hmac-sha256$"

# Plain ASCII: a seat card is typed on whatever keyboard the room has (no « é » on a QWERTY one).
_WORDS = ["lin", "coton", "drap", "plaid", "nappe", "torchon", "housse", "taie", "laine", "lange",
          "ocre", "sauge", "indigo", "craie", "sable", "brume", "mousse", "argile", "perle", "olive"]


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return _hasher.hash(password)


def _seat_mac(key: bytes, salt: bytes, password: str) -> bytes:
    return hmac.new(key, salt + password.encode("utf-8"), hashlib.sha256).digest()


def hash_seat_password(key: bytes, password: str) -> str:
    """Hash a generated seat password under the data folder's seat key (see SEAT_HASH_PREFIX)."""
    salt = secrets.token_bytes(16)
    encode = base64.urlsafe_b64encode
    return f"{SEAT_HASH_PREFIX}{encode(salt).decode()}${encode(_seat_mac(key, salt, password)).decode()}"


def _check_seat_hash(stored_hash: str, password: str, key: bytes | None) -> bool:
    try:
        parts = stored_hash[len(SEAT_HASH_PREFIX):].split("$")
        salt, mac = (base64.urlsafe_b64decode(part) for part in parts)
    except ValueError:
        return False
    return key is not None and hmac.compare_digest(mac, _seat_mac(key, salt, password or ""))


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


def check_password(stored_hash: str | None, password: str, seat_key: bytes | None = None) -> bool:
    """Whether the password matches the stored hash (False, after the same work, for no or a foreign hash).

    ``seat_key``: the data folder's seat key, needed to check a seat password's keyed hash.
    """
    if stored_hash and stored_hash.startswith(SEAT_HASH_PREFIX):
        return _check_seat_hash(stored_hash, password, seat_key)
    with HASH_SLOTS:
        try:
            return _hasher.verify(stored_hash or _dummy(), password or "") and bool(stored_hash)
        except (VerificationError, InvalidHashError):
            return False


def generate_password() -> str:
    """A password easy to read aloud and to type from a seat card: « sauge-4821-lin »."""
    return f"{secrets.choice(_WORDS)}-{secrets.randbelow(9000) + 1000}-{secrets.choice(_WORDS)}"
