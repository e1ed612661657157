"""Database layer: declarative base, exact money types and per-seat storage."""
