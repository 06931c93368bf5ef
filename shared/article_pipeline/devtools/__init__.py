"""Developer and operator tools: `article-pipeline local-aws | upload | reprocess | status`.

Each module has ``main(argv) -> int`` that parses its own arguments (prog "article-pipeline <sub>"), so the
CLI only dispatches. boto3 is imported lazily: these tools are never part of the Lambda's import path.
"""
