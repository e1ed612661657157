"""E5 Sandbox: the reference site (site vitrine + boutique), seats, packs and activity events."""
