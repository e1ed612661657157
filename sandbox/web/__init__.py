"""Web layer of a seat: blueprints by audience, all under /s/<seat>/."""
