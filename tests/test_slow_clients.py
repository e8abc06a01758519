"""Slow clients do not block others: gunicorn with one sync worker behind
deploy/nginx.conf — the docker-compose proxy's own file, pointed at loopback ports — answers
/healthz at once while three slowloris connections dribble their headers, or the body of a
form post. The same three connections straight at gunicorn block it: that is what the proxy
is for (and with `proxy_request_buffering off` the slow bodies would reach the worker)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
pytestmark = pytest.mark.skipif(not os.path.exists(NGINX), reason="nginx is not installed (.ci/system.sh installs it)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture
def deployment(tmp_path):
    web, proxy = free_port(), free_port()
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": "slow-client-test-" + "k3y-" * 12, "ALLOWED_HOSTS": "*",
           "VEILEDNING_HTTPS": "0", "BEHIND_PROXY": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "veiledning.wsgi", "-b", f"127.0.0.1:{web}", "-w", "1", "--timeout", "30"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server web:8000;" in conf and "listen 8080;" in conf
    conf = conf.replace("server web:8000;", f"server 127.0.0.1:{web};")
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{proxy};")
    conf = conf.replace("worker_processes auto;", f"worker_processes 1;\npid {tmp_path / 'nginx.pid'};\n"
                        f"error_log {tmp_path / 'error.log'};")
    conf = conf.replace("http {", f"http {{\n    access_log off;\n    client_body_temp_path {tmp_path / 'body'};\n"
                        f"    proxy_temp_path {tmp_path / 'proxy'};\n", 1)
    (tmp_path / "nginx.conf").write_text(conf)
    nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for(web)
        wait_for(proxy)
        warm_up(web)  # the worker imports Django after the port is open
        yield {"web": web, "proxy": proxy}
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def warm_up(port, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return healthz(port, timeout=5)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def csrf_token(port):
    """A CSRF cookie from the login page, so a POST reaches the view, which reads its body."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=10) as response:
        cookie = next(v for k, v in response.getheaders() if k == "Set-Cookie" and v.startswith("csrftoken="))
    return cookie.split(";", 1)[0].split("=", 1)[1]


def slow_headers(port):
    return b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: "


def slow_body(port):
    """Complete headers of a form post (an upload) of whose body only the start arrives."""
    token = csrf_token(port).encode()
    return (b"POST /login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Cookie: csrftoken=" + token + b"\r\nX-CSRFToken: " + token + b"\r\n"
            b"Content-Length: 100000\r\n\r\nusername=kari&password=")


def slowloris(port, count=3, start=slow_headers):
    """Connections that send the start of a request and then nothing more."""
    sockets, payload = [], start(port)
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(payload)
        sockets.append(s)
    time.sleep(0.3)
    return sockets


def healthz(port, timeout):
    started = time.monotonic()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=timeout) as response:
        assert response.status == 200 and response.read() == b"ok"
    return time.monotonic() - started


@pytest.mark.parametrize("start", [slow_headers, slow_body], ids=["slow-headers", "slow-body"])
def test_slow_clients_do_not_block_others_behind_the_proxy(deployment, start):
    assert healthz(deployment["proxy"], timeout=5) < 2
    held = slowloris(deployment["proxy"], start=start)
    try:
        for _ in range(5):
            assert healthz(deployment["proxy"], timeout=3) < 2
    finally:
        for s in held:
            s.close()


@pytest.mark.parametrize("start", [slow_headers, slow_body], ids=["slow-headers", "slow-body"])
def test_without_the_proxy_the_same_clients_block_the_worker(deployment, start):
    held = slowloris(deployment["web"], start=start)
    try:
        with pytest.raises(OSError):  # a timeout: the one sync worker waits for the slow client
            healthz(deployment["web"], timeout=2)
    finally:
        for s in held:
            s.close()
