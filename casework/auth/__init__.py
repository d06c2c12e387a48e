"""Signing in: passwords, TOTP, sessions, first-run setup."""
