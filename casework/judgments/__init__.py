"""Judgments blueprint."""
