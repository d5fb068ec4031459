"""The auditor's checker and the pure core it uses import no Django: they run on a
machine with nothing but Python and `cryptography`."""

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_the_checker_imports_nothing_of_django():
    code = (
        "import sys\n"
        "import expediente.integrity.offline, expediente.integrity.merkle\n"
        "import expediente.integrity.notes, expediente.integrity.leaf\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(SRC)!r})\n{code}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"
