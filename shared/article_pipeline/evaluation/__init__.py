"""Evaluation of the pipeline against the committed development corpus (``article-pipeline eval``).

- :mod:`.gold`    loads the hand annotations and the texts they were made on;
- :mod:`.metrics` pure scoring functions (entity/topic/money matching, the extraction-benchmark metric);
- :mod:`.peers`   optional reference systems (spaCy's small English model, trafilatura), imported lazily;
- :mod:`.report`  the side-by-side table and the JSON dump;
- :mod:`.runner`  ``run_eval`` and the command-line entry ``main``.

Nothing here is imported by the Lambda handlers; it is a developer tool.
"""
