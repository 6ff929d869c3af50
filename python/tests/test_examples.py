"""The examples run (against the in-process sandbox)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import PYTHON_DIR


def test_lifecycle_example(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(PYTHON_DIR / "examples" / "lifecycle.py")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(tmp_path),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "approved" in result.stdout and "issued certificate" in result.stdout


def test_import_is_cheap() -> None:
    # `import certcentral` loads the extension and the model, nothing else heavy.
    heavy = ("json", "typing", "asyncio", "dataclasses", "inspect")
    code = f"import sys, certcentral; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout
