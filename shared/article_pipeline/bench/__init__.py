"""`article-pipeline bench`: measured speed, memory, size and cost."""
