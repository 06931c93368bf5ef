"""Reliability tooling: fault injection into boto3 clients, the soak run and its reconciliation.

Local tooling only (tests, `article-pipeline soak`): nothing here is imported by the Lambda handler.
"""
