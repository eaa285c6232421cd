"""The place linker as a package: its modules kept small, one-way, and every name other
modules import from kb.geo still there."""

from __future__ import annotations

from pathlib import Path

import kb.geo
from tests.package_checks import imported_modules

FOLDER = Path(kb.geo.__file__).parent
# Each module imports only those before it.
ORDER = ["tokens", "index", "context", "areas", "far", "matching", "linker"]
# Names imported from kb.geo elsewhere: kb.enrich, kb.organisations, the tests, tools.
IMPORTED_ELSEWHERE = ["PlaceLinker", "BRACKET_AFTER", "STREET_NOUNS", "_common_names",
                      "key_word", "MASKED", "BIG_TOWN"]
LATER = {"kb.organisations", "kb.people", "kb.enrich", "indexer", "webui"}


def test_every_module_of_the_package_stays_under_450_lines():
    sizes = {path.name: len(path.read_text(encoding="utf-8").splitlines())
             for path in FOLDER.glob("*.py")}
    assert set(sizes) == {"__init__.py", *(f"{name}.py" for name in ORDER)}
    assert all(lines < 450 for lines in sizes.values()), sizes


def test_the_names_other_modules_import_are_still_importable_from_kb_geo():
    from kb.geo import BRACKET_AFTER, STREET_NOUNS, PlaceLinker, _common_names, key_word

    assert key_word("St") == "saint" and "rue" in STREET_NOUNS
    assert BRACKET_AFTER.match(" (Vienne)").group(1) == "Vienne"
    assert callable(_common_names) and callable(PlaceLinker.link)
    for name in IMPORTED_ELSEWHERE:
        assert hasattr(kb.geo, name), name
    for name in kb.geo.__all__:
        assert hasattr(kb.geo, name), name


def test_the_package_imports_one_way_and_nothing_later():
    for position, name in enumerate(ORDER):
        imports = imported_modules(FOLDER / f"{name}.py")
        inside = {m.removeprefix("kb.geo.") for m in imports if m.startswith("kb.geo")}
        assert inside <= set(ORDER[:position]), (name, inside)
        assert not {m for m in imports if m.split(".")[0] in LATER or m in LATER}, name
    assert not {m for m in imported_modules(FOLDER / "__init__.py")
                if m.split(".")[0] in LATER or m in LATER}
