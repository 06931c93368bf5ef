"""The article index: entity, topic, country and story partitions in one DynamoDB table.

Pure logic in ``entries`` (what an article yields) and ``story`` (same-story grouping); the DynamoDB adapter in
``table``; ``indexer`` applies stream changes; ``query`` reads it (``article-pipeline query``).
"""
