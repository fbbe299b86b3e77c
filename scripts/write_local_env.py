"""Write var/local.env once: a generated secret key and the local profile.

Run by ``make run``; never overwrites an existing file (your key and choices stay).
"""

import secrets
import sys
from pathlib import Path

path = Path(__file__).resolve().parent.parent / "var" / "local.env"
if path.exists():
    sys.exit(0)
path.parent.mkdir(parents=True, exist_ok=True)
path.write_text(
    "# Written once by `make run`. Real environment variables take precedence.\n"
    "# Every variable is described in docs/configuration.md.\n"
    "PHAEN_PROFILE=local\n"
    f"PHAEN_SECRET_KEY={secrets.token_urlsafe(50)}\n"
    "PHAEN_DEBUG=1\n"
    "PHAEN_ALLOWED_HOSTS=127.0.0.1,localhost,[::1]\n"
    "PHAEN_JOBS_BACKEND=database\n",
    encoding="utf-8",
)
path.chmod(0o600)
print(f"wrote {path}")
