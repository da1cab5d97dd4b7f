"""Elasticsearch for the best-practice finder (filled in below)."""


def register_signal_handlers():
    pass
