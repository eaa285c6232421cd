"""`kb serve` runs the app under waitress and prints where."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

from tests.webui_archive import fixture_articles, write_index


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(tmp_path, *extra: str) -> tuple[subprocess.Popen, int]:
    index_dir = write_index(tmp_path / "index", fixture_articles()[:4])
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kbcli", "serve", "--index", str(index_dir),
         "--corpus", str(tmp_path), "--port", str(port), "--threads", "2", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    return process, port


def fetch(process: subprocess.Popen, request: urllib.request.Request | str):
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, dict(response.headers), response.read().decode()
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(10)
    process.stdout.close()
    process.stderr.close()


def test_kb_serve_answers_on_localhost(tmp_path):
    process, port = start_server(tmp_path)
    try:
        first_line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first_line
        status, headers, body = fetch(process, f"http://127.0.0.1:{port}/recherche?q=sant%C3%A9")
        assert status == 200
        assert headers["Server"] == "resonances-kb"
        assert "La santé mentale des jeunes à Sarcelles" in body
    finally:
        stop(process)


def test_behind_a_trusted_proxy_links_carry_its_scheme_host_and_prefix(tmp_path):
    process, port = start_server(tmp_path, "--behind-proxy")
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "archives.example",
                 "X-Forwarded-Prefix": "/resonances"}
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/opensearch.xml", headers=forwarded)
        status, _, body = fetch(process, request)
        assert status == 200
        assert "https://archives.example/resonances/recherche" in body
    finally:
        stop(process)


def test_forwarded_headers_are_ignored_unless_behind_a_proxy(tmp_path):
    process, port = start_server(tmp_path)
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/opensearch.xml",
            headers={"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"})
        _, _, body = fetch(process, request)
        assert "evil.example" not in body
        assert f"http://127.0.0.1:{port}/recherche" in body
    finally:
        stop(process)


def test_forged_host_is_not_echoed_and_base_url_is_used(tmp_path):
    process, port = start_server(tmp_path, "--base-url", "https://archives.example/resonances")
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/opensearch.xml",
                                         headers={"Host": "evil.example"})
        status, _, body = fetch(process, request)
        assert status == 200
        assert "evil.example" not in body
        assert "https://archives.example/resonances/recherche?q={searchTerms}" in body
    finally:
        stop(process)


def test_slow_clients_are_bounded_by_waitress_settings(tmp_path):
    """An idle connection that never finishes its headers is closed after the channel
    timeout, not kept for waitress's default two minutes."""
    process, port = start_server(tmp_path, "--channel-timeout", "2", "--connection-limit", "50")
    try:
        fetch(process, f"http://127.0.0.1:{port}/")  # up and answering
        with socket.create_connection(("127.0.0.1", port), timeout=15) as slow:
            slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never end
            started = time.monotonic()
            assert slow.recv(1024) == b""  # closed by the server
            assert time.monotonic() - started < 12
    finally:
        stop(process)


def test_an_invalid_base_url_is_refused_in_french(tmp_path, capsys):
    from kbcli import main

    index_dir = write_index(tmp_path / "index", fixture_articles()[:1])
    code = main(["serve", "--index", str(index_dir), "--corpus", str(tmp_path),
                 "--base-url", "archives.example/resonances"])
    assert code == 2
    assert "adresse publique invalide" in capsys.readouterr().err


def test_kb_serve_takes_a_new_generation_once_warmed_without_restart(tmp_path):
    """The server warms a new generation in the background (indexer/search/warming.py),
    answering from the previous one meanwhile, then serves it."""
    from bench.synthetic import make_article
    from kbcli.reindex import index_articles

    process, port = start_server(tmp_path)
    url = f"http://127.0.0.1:{port}/api/recherche?q=ludoth%C3%A8que"
    try:
        process.stdout.readline()
        status, _, body = fetch(process, url)
        assert status == 200 and json.loads(body)["total"] == 0
        index_articles([make_article("Une ludothèque au centre social", number=990,
                                     date="2024-06-01")], tmp_path / "index", full=False)
        deadline = time.monotonic() + 20
        while True:
            status, _, body = fetch(process, url)
            assert status == 200
            if json.loads(body)["total"] == 1:
                break
            assert time.monotonic() < deadline, "nouvelle génération jamais servie"
            time.sleep(0.2)
    finally:
        stop(process)
