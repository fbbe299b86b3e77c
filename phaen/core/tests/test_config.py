"""Configuration: secure defaults, loud one-line errors, var/local.env precedence."""

import os
import subprocess
import sys

import pytest

from phaen import env
from phaen.env import REPO_ROOT

STRONG_SECRET = "k" * 40 + "-not-a-real-secret-0123456789"


def run_phaen(*args: str, tmp_path, **variables: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PHAEN_")
        and k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.update({"PHAEN_IGNORE_LOCAL_ENV": "1", "PHAEN_VAR_DIR": str(tmp_path), **variables})
    return subprocess.run(
        [sys.executable, "-m", "phaen", *args],
        cwd=REPO_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_when_debug_is_off(tmp_path):
    result = run_phaen("check", tmp_path=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "PHAEN_SECRET_KEY" in lines[0]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PHAEN_DEBUG", "maybe"),
        ("PHAEN_DATABASE_URL", "nosuchdb://x"),
        ("PHAEN_MAX_UPLOAD_MB", "ten"),
        ("PHAEN_JOBS_BACKEND", "carrier-pigeon"),
    ],
)
def test_a_bad_value_stops_with_one_line_naming_it(tmp_path, variable, value):
    result = run_phaen(
        "check", tmp_path=tmp_path, PHAEN_SECRET_KEY=STRONG_SECRET, **{variable: value}
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0], result.stderr


def test_check_deploy_reports_no_issues_with_production_settings(tmp_path):
    result = run_phaen(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        PHAEN_DEBUG="0",
        PHAEN_SECRET_KEY=STRONG_SECRET,
        PHAEN_ALLOWED_HOSTS="phaen.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_defaults_to_off():
    assert env.env_bool("PHAEN_SURELY_UNSET_VARIABLE", False) is False


def test_local_env_file_is_read_but_real_variables_win(tmp_path, monkeypatch):
    path = tmp_path / "local.env"
    path.write_text('# comment\nPHAEN_A=from-file\nexport PHAEN_B="quoted value"\nPHAEN_C=file\n')
    monkeypatch.delenv("PHAEN_IGNORE_LOCAL_ENV", raising=False)
    monkeypatch.delenv("PHAEN_A", raising=False)
    monkeypatch.delenv("PHAEN_B", raising=False)
    monkeypatch.setenv("PHAEN_C", "real")
    env.load_local_env(path)
    assert os.environ["PHAEN_A"] == "from-file"
    assert os.environ["PHAEN_B"] == "quoted value"
    assert os.environ["PHAEN_C"] == "real"


def test_a_malformed_local_env_line_is_named(tmp_path):
    path = tmp_path / "local.env"
    path.write_text("PHAEN_OK=1\nthis line is wrong\n")
    with pytest.raises(env.ConfigError, match="line 2"):
        env.parse_env_file(path)


def test_a_short_secret_is_refused(monkeypatch):
    monkeypatch.setenv("PHAEN_SECRET_KEY", "short")
    with pytest.raises(env.ConfigError, match="PHAEN_SECRET_KEY"):
        env.env_secret("PHAEN_SECRET_KEY", required=True, fallback="")


def test_time_zone_and_languages(settings):
    assert settings.TIME_ZONE == "Asia/Bangkok" and settings.USE_TZ
    assert settings.LANGUAGE_CODE == "th"
    assert [code for code, _ in settings.LANGUAGES] == ["th", "en"]
