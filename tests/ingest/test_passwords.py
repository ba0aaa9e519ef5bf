"""--password opens encrypted PDFs whose password the user knows."""
from __future__ import annotations

import pytest

from tests.conftest import EXTERNAL, run_cli

pytestmark = pytest.mark.e2e  # every test here runs the real command


@pytest.mark.parametrize("name, method, phrase", [
    ("pysample-libreoffice-writer-password.pdf", "text", "Lorem ipsum"),
    ("ocrmypdf-skew-encrypted.pdf", "ocr", "England"),
])
def test_right_password_opens(tmp_path, name, method, phrase):
    password = {"pysample-libreoffice-writer-password.pdf": "openpassword",
                "ocrmypdf-skew-encrypted.pdf": "password"}[name]
    run = run_cli(str(EXTERNAL / name), "--password", password, "-q", out=tmp_path)
    assert run.returncode == 0, run.stderr
    (page,) = run.pages()[name]
    assert page["method"] == method and phrase in page["text"]


def test_wrong_password_is_a_typed_error(tmp_path):
    name = "pysample-libreoffice-writer-password.pdf"
    run = run_cli(str(EXTERNAL / name), str(EXTERNAL / "ocrmypdf-encrypted_algo4.pdf"),
                  "--password", "nope", "-q", out=tmp_path)
    assert run.returncode == 1
    files = run.files()
    assert files[name]["errors"][0]["type"] == "PasswordRequiredError"
    assert "wrong" in files[name]["errors"][0]["message"]
    # An empty user password still opens silently, whatever --password says.
    assert files["ocrmypdf-encrypted_algo4.pdf"]["status"] == "ok"
