"""The layout the README draws: layers point down, features sit in their packages, modules
stay readable in one sitting."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Data, not code: the demo's answer texts and codebook, and generated migrations.
DATA_FILES = {"surveys/demo/answers_part1.py", "surveys/demo/answers_part2.py", "coding/demo/codebook.py"}
MAX_MODULE_LINES = 420
MAX_PACKAGE_LINES = 1850  # "about 1,800"
FEATURES = ["workspace", "codebook", "board", "dashboards", "exports", "agreement", "refi", "refi_import"]


def modules(app):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def imported_names(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path", modules("surveys"), ids=lambda p: str(p.relative_to(ROOT)))
def test_surveys_never_imports_coding(path):
    assert not [n for n in imported_names(path) if n == "coding" or n.startswith("coding.")]


@pytest.mark.parametrize("path", modules("veiledning"), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_project_package_imports_neither_app_at_import_time(path):
    """veiledning may look a survey up inside a function (roles.get_survey_for), never import
    coding."""
    assert not [n for n in imported_names(path) if n == "coding" or n.startswith("coding.")]


def test_the_import_check_finds_an_import():
    """The check above can fail: it sees a `from coding…` line."""
    source = ROOT / "coding" / "urls.py"
    assert any(n.startswith("coding.") for n in imported_names(source))


@pytest.mark.parametrize("path", modules("surveys") + modules("coding") + modules("veiledning"),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_too_long_to_read_in_one_sitting(path):
    if str(path.relative_to(ROOT)) in DATA_FILES:
        return
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("feature", FEATURES)
def test_each_feature_is_one_package_of_modest_size(feature):
    package = ROOT / "coding" / feature
    assert (package / "__init__.py").exists() and (package / "urls.py").exists()
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in package.rglob("*.py"))
    assert lines <= MAX_PACKAGE_LINES
    assert (ROOT / "templates" / "coding" / feature).is_dir()
    assert (ROOT / "tests" / "coding" / feature).is_dir()


@pytest.mark.parametrize("path", sorted((ROOT / "coding" / "refi").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_refi_exchange_never_imports_the_refi_import(path):
    """REFI-QDA is two packages, one per direction: the import builds on the exchange's
    vocabulary, page and export, never the other way round."""
    assert not [n for n in imported_names(path) if n == "coding.refi_import" or n.startswith("coding.refi_import.")]


def test_no_feature_module_is_left_at_the_app_root():
    """The coding app's root holds only the shared core."""
    core = {"__init__.py", "apps.py", "models.py", "audit.py", "layers.py", "counts.py", "errors.py",
            "access.py", "hooks.py", "urls.py"}
    assert {p.name for p in (ROOT / "coding").glob("*.py")} <= core
