"""Admin blueprint."""
