"""The privacy package stays a plain library: no Flask, no database."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_guard_loads_neither_flask_nor_sqlalchemy():
    code = (
        "import sys, casework.privacy, casework.privacy.logscrub; "
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy')]; "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
