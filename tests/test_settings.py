from kb.settings import DEFAULT_CORPUS, DEFAULT_INDEX, corpus_dir_from_env, index_dir_from_env
from kbcli import build_parser, index_dir


def test_defaults_when_the_environment_says_nothing(monkeypatch):
    monkeypatch.delenv("KB_INDEX", raising=False)
    monkeypatch.setenv("KB_CORPUS", "")  # empty counts as unset
    assert index_dir_from_env() == DEFAULT_INDEX == "var/index"
    assert corpus_dir_from_env() == DEFAULT_CORPUS == "corpus"


def test_environment_overrides_and_the_cli_option_overrides_both(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_INDEX", str(tmp_path / "idx"))
    monkeypatch.setenv("KB_CORPUS", str(tmp_path / "src"))
    assert index_dir_from_env() == str(tmp_path / "idx")
    assert corpus_dir_from_env() == str(tmp_path / "src")
    parser = build_parser()
    assert index_dir(parser.parse_args(["search", "santé"])) == str(tmp_path / "idx")
    assert index_dir(parser.parse_args(["search", "santé", "--index", "ailleurs"])) == "ailleurs"
    assert parser.parse_args(["serve"]).corpus == str(tmp_path / "src")
