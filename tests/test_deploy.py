"""The production deployment files: docker-compose.yml is accepted by the docker client."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def compose_command():
    """`docker compose` (v2 plugin) when it runs, else the standalone `docker-compose`."""
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_compose_file_is_valid(tmp_path):
    command = compose_command()
    if command is None:
        pytest.skip("no docker compose client on this machine")
    secrets = tmp_path / "secrets"
    secrets.mkdir()
    for name in ("secret_key", "db_password", "database_url"):
        (secrets / name).write_text("x")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copytree(ROOT / "deploy", tmp_path / "deploy")
    result = subprocess.run([*command, "config", "-q"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    services = subprocess.run([*command, "config", "--services"], cwd=tmp_path, capture_output=True, text=True)
    assert set(services.stdout.split()) == {"db", "web", "worker", "proxy"}


def test_compose_keeps_secrets_in_files_and_no_state_on_web():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "SECRET_KEY_FILE" in text and "DATABASE_URL_FILE" in text and "POSTGRES_PASSWORD_FILE" in text
    assert "pgdata:/var/lib/postgresql/data" in text
    web = text.split("  web:")[1]
    assert "volumes:" not in web.split("\nvolumes:")[0]  # the web service mounts nothing


def test_compose_puts_the_buffering_proxy_in_front_of_web():
    text = (ROOT / "docker-compose.yml").read_text()
    proxy = text.split("  proxy:")[1].split("\nvolumes:")[0]
    assert "image: nginx:" in proxy and "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in proxy
    web = text.split("  web:")[1].split("  proxy:")[0]
    assert "ports:" not in web  # only the proxy is published
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_request_buffering on;" in conf and "client_header_timeout" in conf
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf


def service(name):
    """The lines of one service of docker-compose.yml (no YAML parser is installed)."""
    text = (ROOT / "docker-compose.yml").read_text()
    block = text.split(f"\n  {name}:\n")[1]
    return block.split("\n\n")[0]


def test_compose_runs_a_worker_beside_web_that_scales_like_it():
    """N web + N workers + PostgreSQL: the worker is the same image running `db_worker`, reads
    the same secrets, keeps no state (no volume, no published port), starts after web has
    migrated, and may finish its job when stopped."""
    worker, web = service("worker"), service("web")
    assert "build: ." in worker and "build: ." in web
    assert '"manage.py", "db_worker"' in worker and '"--no-reload"' in worker
    assert "SECRET_KEY_FILE: /run/secrets/secret_key" in worker
    assert "DATABASE_URL_FILE: /run/secrets/database_url" in worker
    assert 'DEBUG: "0"' in worker
    assert "volumes:" not in worker and "ports:" not in worker and "container_name" not in worker
    assert "web:\n        condition: service_healthy" in worker and "stop_grace_period:" in worker
    header = (ROOT / "docker-compose.yml").read_text().split("services:")[0]
    assert "--scale worker=" in header


def test_the_image_holds_what_the_worker_needs():
    """One image serves both: the worker imports the same code and pinned packages."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements.txt" in dockerfile and "COPY . ." in dockerfile
    assert "django-tasks-db==" in (ROOT / "requirements.txt").read_text()


def test_run_starts_a_worker_beside_the_server_and_stops_it_with_the_server():
    run = (ROOT / "run").read_text()
    assert "manage.py db_worker --no-reload" in run and "WORKER=$!" in run
    assert "trap stop_worker EXIT" in run and "exec " not in run.split("trap stop_worker EXIT")[1]
