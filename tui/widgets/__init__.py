"""Reusable panes of the app."""
