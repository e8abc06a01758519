"""Answers a corrected re-import changed after they were coded: the badge, the previous text
beside the new one with the difference marked, and "mark as reviewed" with its history. The
answer list's filter "Changed since coded" lives with the other filters (workspace/queries.py)."""
