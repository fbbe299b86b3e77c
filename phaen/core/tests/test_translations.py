"""Every user-facing message has its Thai and English translation, compiled.

Catalogues live per app in ``phaen/<app>/locale/{th,en}/LC_MESSAGES/django.po``
(``make messages`` / ``scripts/messages`` extracts, fills English and compiles).
"""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from phaen.conftest import require_or_skip
from phaen.env import REPO_ROOT

PHAEN = REPO_ROOT / "phaen"
APPS = sorted(p.parent for p in PHAEN.glob("*/apps.py"))
CATALOGUES = sorted(PHAEN.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_every_app_with_messages_has_both_catalogues():
    for po_path in CATALOGUES:
        app_locale = po_path.parents[2]
        for lang in ("th", "en"):
            assert (app_locale / lang / "LC_MESSAGES" / "django.po").exists(), po_path


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(PHAEN)))
def test_every_message_is_translated_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert not untranslated, f"{po_path}: missing translations: {untranslated[:10]}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is not compiled (run scripts/messages)"
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in polib.mofile(str(mo_path))
    }
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        assert key in compiled, f"{mo_path} is stale: {entry.msgid!r} not compiled"


def _extract(app: Path, workdir: Path) -> set[tuple[str | None, str]]:
    copy = workdir / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("static", "locale", "__pycache__"))
    (copy / "locale").mkdir()
    env = {
        **os.environ,
        "PHAEN_DEBUG": "1",
        "PHAEN_IGNORE_LOCAL_ENV": "1",
        "PHAEN_DATABASE_URL": "sqlite://:memory:",
        "DJANGO_SETTINGS_MODULE": "phaen.settings",
    }
    subprocess.run(
        [
            str(REPO_ROOT / ".venv" / "bin" / "phaen"),
            "makemessages",
            "-l",
            "th",
            "--ignore",
            "tests/*",
            "--ignore",
            "migrations/*",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    po_path = copy / "locale" / "th" / "LC_MESSAGES" / "django.po"
    if not po_path.exists():
        return set()
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path))}


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_no_message_in_the_code_is_missing_from_the_catalogue(app, tmp_path):
    require_or_skip(shutil.which("xgettext") is not None, "xgettext (gettext) is not installed")
    in_code = _extract(app, tmp_path)
    po_path = app / "locale" / "th" / "LC_MESSAGES" / "django.po"
    in_catalogue = (
        {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path))} if po_path.exists() else set()
    )
    missing = sorted(msgid for _, msgid in in_code - in_catalogue)
    assert not missing, (
        f"{app.name}: not in its catalogue (run scripts/messages {app.name}): {missing[:10]}"
    )
