import re

from phaen.env import REPO_ROOT

TEST_ONLY = {"PHAEN_A", "PHAEN_B", "PHAEN_C", "PHAEN_OK", "PHAEN_SURELY_UNSET_VARIABLE"}


def test_every_environment_variable_is_documented():
    used = set()
    for folder in ("phaen", "scripts", ".ci"):
        for path in (REPO_ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ""} and "static" not in path.parts:
                used |= set(re.findall(r"PHAEN_[A-Z_]+[A-Z]", path.read_text(errors="ignore")))
    documented = (REPO_ROOT / "docs" / "configuration.md").read_text()
    missing = sorted(v for v in used - TEST_ONLY if v not in documented)
    assert not missing, f"document these in docs/configuration.md: {missing}"
