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
    assert set(services.stdout.split()) == {"db", "web", "proxy"}


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
