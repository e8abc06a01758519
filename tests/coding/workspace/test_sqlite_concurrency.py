"""The embedded SQLite default takes a working group saving at the same moment: four coders,
simultaneous rounds over HTTP against a `./run`-like server (runserver, DEBUG on, a SQLite
file), no server error and every acknowledged coding stored. The full figure (4 × 25) comes
from benchmarks/sqlite_concurrency.py."""

import sqlite3

import pytest
from django.db import OperationalError

from benchmarks import sqlite_concurrency
from coding.workspace import actions
from veiledning import settings as project_settings


def test_four_coders_saving_at_once_lose_nothing():
    figures = sqlite_concurrency.measure(coders=4, rounds=8)
    assert figures["journal_mode"] == "wal"
    assert figures["server_errors"] == 0, figures["errors"]
    assert figures["refusals"] == 0, figures["errors"]
    assert figures["acknowledged"] == 4 * 8
    assert figures["missing"] == 0


def test_the_embedded_database_queues_writes_instead_of_failing(tmp_path):
    options = project_settings.sqlite_database(tmp_path / "db.sqlite3")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    conn.executescript(options["init_command"])
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert conn.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL


def test_a_locked_write_is_tried_again(monkeypatch):
    monkeypatch.setattr(actions.connection, "vendor", "sqlite")
    monkeypatch.setattr(actions.time, "sleep", lambda seconds: None)
    calls = []

    @actions.retry_when_locked
    def write():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("database is locked")
        return "stored"

    assert write() == "stored" and len(calls) == 3


def test_a_write_locked_every_time_gives_up_and_other_errors_are_not_retried(monkeypatch):
    monkeypatch.setattr(actions.connection, "vendor", "sqlite")
    monkeypatch.setattr(actions.time, "sleep", lambda seconds: None)
    calls = []

    @actions.retry_when_locked
    def locked():
        calls.append(1)
        raise OperationalError("database is locked")

    with pytest.raises(OperationalError):
        locked()
    assert len(calls) == actions.LOCKED_ATTEMPTS

    @actions.retry_when_locked
    def broken():
        calls.append(2)
        raise OperationalError("no such table: coding_coding")

    with pytest.raises(OperationalError):
        broken()
    assert calls.count(2) == 1
