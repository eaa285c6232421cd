"""Files built to cost the extractors as much as possible (tools/issuegen/hostile_files.py).

Each is read, or refused with its reason, within bounded time and memory. Costs are
checked without timing ratios: the heavy cases run in a subprocess under a generous
timeout (a quadratic or exponential path takes minutes there, not seconds) and report
their peak memory.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kb import geo, nlp, textclean
from kb.errors import ExtractionError
from kb.extract import extract
from kb.extract.html_tree import MAX_DEPTH
from kb.extract.pdf_limits import MAX_PAGE_SIZE, check_streams, clamp_page_size
from tools.issuegen import hostile_files

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    for name, writer in hostile_files.CASES.items():
        if name not in ("stream_bomb.pdf", "long_word.txt"):  # built where they are used
            (out / name).write_bytes(writer())
    return out


def run_isolated(code: str, timeout: float = 20) -> dict:
    """Run `code` in a fresh interpreter; it prints one JSON line. The peak memory of
    the child (MB) is added as "peak_mb"."""
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child forked from a
    # big pytest process would report the parent's size.
    script = textwrap.dedent(code) + textwrap.dedent("""
        import re as _re
        _status = open("/proc/self/status").read()
        _peak = int(_re.search(r"VmHWM:\\s+(\\d+) kB", _status).group(1)) // 1024
        print(json.dumps({**result, "peak_mb": _peak}))
    """)
    done = subprocess.run([sys.executable, "-c", "import json\n" + script], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- PDF ---------------------------------------------------------------------------------


def test_a_line_running_off_the_page_does_not_refuse_the_pdf(hostile):
    document = extract(hostile / "offpage.pdf")
    text = "\n".join(block.text for block in document.blocks)
    assert "https://www.exemple-de-centre-de-ressources.fr/" in text
    assert "Un atelier réunit les acteur·rice·s de la santé." in text


def test_page_size_is_clamped():
    assert clamp_page_size(3e8) == MAX_PAGE_SIZE
    assert clamp_page_size(595.3) == 595.3
    assert clamp_page_size(-5) == 1.0


def test_a_page_3e8_points_wide_is_read_in_bounded_memory(hostile):
    result = run_isolated(f"""
        from kb.extract import extract
        document = extract({str(hostile / "wide_mediabox.pdf")!r})
        result = {{"text": " ".join(block.text for block in document.blocks)}}
    """, timeout=60)
    assert "acteur·rice·s de la santé" in result["text"]
    assert result["peak_mb"] < 400  # 2.4 GB before the clamp


def test_a_decompression_bomb_is_refused_with_its_reason(tmp_path):
    bomb = tmp_path / "stream_bomb.pdf"
    bomb.write_bytes(hostile_files.stream_bomb_pdf())
    assert bomb.stat().st_size < 1_200_000
    result = run_isolated(f"""
        from kb.errors import ExtractionError
        from kb.extract import extract
        try:
            extract({str(bomb)!r})
            result = {{"reason": None}}
        except ExtractionError as error:
            result = {{"reason": error.reason}}
    """, timeout=60)
    assert "bombe de décompression" in result["reason"]
    assert "256 Mo" in result["reason"]
    assert result["peak_mb"] < 400  # 2.1 GB before the check


def test_stream_budget_counts_inflated_bytes(monkeypatch):
    small_bomb = hostile_files.stream_bomb_pdf(inflated_mb=3)
    with pytest.raises(ExtractionError, match="dépassent 1 Mo"):
        check_streams(small_bomb, "bombe.pdf", budget=1 << 20)
    check_streams(small_bomb, "bombe.pdf", budget=8 << 20)  # within budget: no error
    monkeypatch.setenv("KB_PDF_MAX_INFLATE_MB", "2")
    with pytest.raises(ExtractionError, match="dépassent 2 Mo"):
        check_streams(small_bomb, "bombe.pdf")


def test_ordinary_pdfs_pass_the_stream_check(hostile):
    for name in ("offpage.pdf", "wide_mediabox.pdf"):
        check_streams((hostile / name).read_bytes(), name)


# --- HTML --------------------------------------------------------------------------------


def test_html_nested_16000_deep_is_read_with_a_warning(hostile):
    result = run_isolated(f"""
        from kb.extract import extract
        document = extract({str(hostile / "deep.html")!r})
        result = {{"texts": [block.text for block in document.blocks],
                   "warnings": list(document.warnings)}}
    """, timeout=30)
    assert "RENCONTRE À MANTES-LA-JOLIE" in result["texts"]
    assert "Au fond des boîtes." in result["texts"]
    assert any(f"plus de {MAX_DEPTH} niveaux" in warning for warning in result["warnings"])


def test_shallow_html_has_no_depth_warning(tmp_path):
    page = tmp_path / "n.html"
    page.write_bytes(hostile_files.deep_html(depth=50))
    assert extract(page).warnings == ()


# --- text --------------------------------------------------------------------------------


def test_utf16_without_bom_is_read(hostile, tmp_path):
    document = extract(hostile / "utf16_nobom.txt")
    assert document.blocks[0].text == "Résonances n°12 – mars 2024"
    big_endian = tmp_path / "be.txt"
    big_endian.write_bytes(hostile_files.ISSUE_TEXT.encode("utf-16-be"))
    assert "Val Fourré" in " ".join(block.text for block in extract(big_endian).blocks)
    page = tmp_path / "page.html"
    page.write_bytes(hostile_files.deep_html(depth=2).decode().encode("utf-16-le"))
    assert "Au fond des boîtes." in [block.text for block in extract(page).blocks]


def test_nul_bytes_that_are_not_utf16_are_still_binary(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ExtractionError, match="binaire"):
        extract(binary)


# --- one very long word ------------------------------------------------------------------

LONG = "a" * 150_000


def test_addresses_beside_a_long_word_are_still_found():
    text = f"{LONG} écrire à pole@exemple.fr ou voir www.exemple.fr/page et exemple.gouv.fr"
    assert [m.group() for m in textclean.EMAIL_RE.finditer(text)] == ["pole@exemple.fr"]
    assert [m.group() for m in nlp.EMAIL_RE.finditer(text)] == ["pole@exemple.fr"]
    assert [m.group() for m in nlp.URL_RE.finditer(text)] == [
        "exemple.fr", "www.exemple.fr/page", "exemple.gouv.fr"]
    masked = [text[start:end] for start, end in (m.span() for m in geo.MASKED.finditer(text))]
    assert masked == ["pole@exemple.fr", "www.exemple.fr/page", "exemple.gouv.fr"]
    # The long word itself is no address, and keeps its length through masking.
    assert nlp.mask(text).text.startswith(LONG + " ")


ADDRESS_PATTERNS = {
    "textclean.EMAIL_RE": textclean.EMAIL_RE, "nlp.EMAIL_RE": nlp.EMAIL_RE,
    "nlp.URL_RE": nlp.URL_RE, "geo.MASKED": geo.MASKED,
}


@pytest.mark.parametrize("name", ADDRESS_PATTERNS)
def test_address_patterns_have_no_unbounded_run_a_start_position_can_rescan(name):
    """What a match attempt scans from any start position, before its anchor (the `@`,
    the top-level domain), is bounded (`{m,n}`): an unbounded run (`+`, `*`) there is
    rescanned from each position of a long word. After a literal prefix (`https?://`,
    `www.`) or the anchor, a run is scanned once per address."""
    pattern = ADDRESS_PATTERNS[name].pattern
    for alternative in re.split(r"\|(?![^(]*\))", pattern):
        opening = alternative.lstrip("<?").removeprefix(r"\b")
        if opening.startswith(("(?:https?://|www\\.)", "https?://")):
            continue
        head = re.split(r"@|\\\.\(\?:(?:fr|org)\|", alternative)[0]
        assert head != alternative, f"{name}: no anchor found in {alternative!r}"
        runs = re.findall(r"\][+*]", head)
        assert not runs, f"{name}: unbounded run in {head!r}"


def test_a_200000_character_word_is_read_and_masked_in_linear_time(tmp_path):
    result = run_isolated(f"""
        from pathlib import Path
        from kb import nlp, textclean
        from kb.enrich import article_text, shared_place_linker
        from kb.extract import html
        from kb.organisations import PERSON_THEN_BODY_RE
        from kb.pipeline import read_file
        from tools.issuegen.hostile_files import long_word_text
        linker = shared_place_linker()
        lengths = {{}}
        for unit in ("a", "a-", "a.", "A", "a@"):
            path = Path({str(tmp_path)!r}) / "long_word.txt"
            path.write_bytes(long_word_text(200_000, unit))
            text = "\\n\\n".join(map(article_text, read_file(str(path)).articles))
            linker.link(nlp.mask(text).text)
            textclean.fold(text)
            for pattern in (textclean.EMAIL_RE, nlp.EMAIL_RE, nlp.URL_RE, html._HAS_ADDRESS,
                            PERSON_THEN_BODY_RE):
                sum(1 for _ in pattern.finditer(text))
            lengths[unit] = len(text)
        result = {{"lengths": lengths}}
    """, timeout=60)  # about 8 s here; the quadratic patterns took tens of minutes
    assert all(length > 200_000 for length in result["lengths"].values())
