"""Article ingestion pipeline: decode, clean, classify and extract articles into validated records."""

__version__ = "0.6.0"
PIPELINE_VERSION = __version__
