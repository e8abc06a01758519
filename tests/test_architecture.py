"""The layout the README draws: layers point down, features sit in their packages, modules
stay readable in one sitting."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Data, not code: the demo's answer texts and codebook, and generated migrations.
DATA_FILES = {"surveys/demo/answers_part1.py", "surveys/demo/answers_part2.py", "coding/demo/codebook.py"}
MAX_MODULE_LINES = 420
MAX_PACKAGE_LINES = 1850  # "about 1,800"
# Every package in coding/ is a feature except these: the demo's data, the management commands,
# the migrations and the template tags every screen loads.
NOT_FEATURES = {"demo", "management", "migrations", "templatetags"}
FEATURES = sorted(p.name for p in (ROOT / "coding").iterdir()
                  if p.is_dir() and p.name[0] not in "_." and p.name not in NOT_FEATURES)
TEMPLATE_NAME = re.compile(r"coding/(\w+)/[\w/.-]+\.html")


def template_names(paths):
    """The template names under coding/ that these files name ("coding/board/board.html")."""
    return {m.group(0) for p in paths for m in TEMPLATE_NAME.finditer(p.read_text(encoding="utf-8"))}


# What the code and the templates name (a template may be included by another feature's screen).
NAMED_TEMPLATES = template_names([*(ROOT / "coding").rglob("*.py"), *(ROOT / "templates").rglob("*.html")])


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


def test_the_features_are_found():
    """The list above is read from coding/, so a new feature is checked without being named."""
    assert {"workspace", "codebook", "board", "refi", "refi_import", "shortcuts"} <= set(FEATURES)
    assert not NOT_FEATURES & set(FEATURES)


@pytest.mark.parametrize("feature", FEATURES)
def test_each_feature_is_one_package_of_modest_size(feature):
    package = ROOT / "coding" / feature
    assert (package / "__init__.py").exists()
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in package.rglob("*.py"))
    assert lines <= MAX_PACKAGE_LINES


@pytest.mark.parametrize("feature", FEATURES)
def test_each_feature_has_its_tests_in_its_own_folder(feature):
    """tests/coding/<feature>/ mirrors the package: no feature is without tests."""
    assert list((ROOT / "tests" / "coding" / feature).glob("test_*.py"))


@pytest.mark.parametrize("feature", FEATURES)
def test_a_features_screens_are_templates_in_its_own_folder(feature):
    """templates/coding/<feature>/ holds the templates of the feature's screens, and exists only
    when something names one of them: a feature without screens needs no empty folder. The
    feature's code renders only its own templates (or the shared includes)."""
    folder = ROOT / "templates" / "coding" / feature
    own = {name for name in NAMED_TEMPLATES if name.startswith(f"coding/{feature}/")}
    assert [name for name in sorted(own) if not (ROOT / "templates" / name).is_file()] == []
    assert folder.is_dir() == bool(own)
    rendered = template_names((ROOT / "coding" / feature).rglob("*.py"))
    assert {name.split("/")[1] for name in rendered} <= {feature, "includes"}


@pytest.mark.parametrize("feature", FEATURES)
def test_a_features_urls_are_the_coding_apps(feature):
    """A feature with views has its urls.py, and coding/urls.py brings it in (a route left out
    would be missing from the access matrix too, unnoticed)."""
    package = ROOT / "coding" / feature
    if (package / "views.py").exists():
        assert (package / "urls.py").exists()
    if (package / "urls.py").exists():
        tree = ast.parse((ROOT / "coding" / "urls.py").read_text(encoding="utf-8"))
        assert any(isinstance(node, ast.ImportFrom) and node.module == f"coding.{feature}"
                   and "urls" in {alias.name for alias in node.names} for node in ast.walk(tree))


def test_no_template_or_test_folder_is_left_without_its_feature():
    """A feature moved or renamed takes its templates and tests along (includes/ is shared)."""
    templates = {p.name for p in (ROOT / "templates" / "coding").iterdir() if p.is_dir()}
    tests = {p.name for p in (ROOT / "tests" / "coding").iterdir() if p.is_dir() and p.name[0] not in "_."}
    assert templates - {"includes"} <= set(FEATURES)
    assert tests <= set(FEATURES)


@pytest.mark.parametrize("path", sorted((ROOT / "coding" / "refi").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_the_refi_exchange_never_imports_the_refi_import(path):
    """REFI-QDA is two packages, one per direction: the import builds on the exchange's
    vocabulary, page and export, never the other way round."""
    assert not [n for n in imported_names(path) if n == "coding.refi_import" or n.startswith("coding.refi_import.")]


def test_no_feature_module_is_left_at_the_app_root():
    """The coding app's root holds only the shared core."""
    core = {"__init__.py", "apps.py", "models.py", "audit.py", "layers.py", "counts.py", "errors.py",
            "access.py", "hooks.py", "urls.py"}
    assert {p.name for p in (ROOT / "coding").glob("*.py")} <= core
