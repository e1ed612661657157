"""Activity events: captured generically at the data layer, read by the console."""
