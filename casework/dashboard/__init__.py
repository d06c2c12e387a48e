"""Dashboard blueprint."""
