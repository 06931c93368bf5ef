"""Thin boto3 adapters. Clients are passed in; nothing here creates a client at import time."""
