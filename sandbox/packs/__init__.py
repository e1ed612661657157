"""Context and subject packs: reading, validation, archives and installation."""
