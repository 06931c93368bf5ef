"""Pure stages of the pipeline: bytes and text in, plain data out. No boto3 here."""
