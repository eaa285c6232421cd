"""`kb serve` runs the app under waitress and prints where."""

from __future__ import annotations

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


def test_kb_serve_answers_on_localhost(tmp_path):
    index_dir = write_index(tmp_path / "index", fixture_articles()[:4])
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kb.cli", "serve", "--index", str(index_dir),
         "--corpus", str(tmp_path), "--port", str(port), "--threads", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        first_line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first_line
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/recherche?q=sant%C3%A9",
                                            timeout=5) as response:
                    body = response.read().decode()
                    assert response.status == 200
                    assert response.headers["Server"] == "resonances-kb"
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.2)
        assert "La santé mentale des jeunes à Sarcelles" in body
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()
        process.stderr.close()
