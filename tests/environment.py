"""Loaded by pytest before Django (`-p tests.environment` in pyproject.toml): the test
environment's defaults. Tests run with DEBUG off, like production, but over plain HTTP."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("VEILEDNING_HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "*")
# Playwright's sync API runs an event loop in the test thread; Django's ORM would refuse to
# run there (SynchronousOnlyOperation) without this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
