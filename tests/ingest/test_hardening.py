"""Issue 11, hardening: what the command refuses before working, what it says when it cannot
write, what a killed run leaves, inputs of one name, oversized images, the progress rate on
resume, and a time limit on each document's extraction. All through the real command."""
from __future__ import annotations

import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import EXTERNAL, ROOT, SAMPLES, run_cli
from tests.ingest.test_samples import gt_pages
from tests.pdfs import text_pdf

pytestmark = pytest.mark.e2e  # every test here runs the real command

DIGITAL = [str(SAMPLES / f"00{i}.digital.pdf") for i in range(5)]
TEMPORARY = re.compile(r"\..+\.[0-9a-f]{12}")  # an atomic writer's temporary name


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


# -- 1. usage errors: exit 2, one line, before any work ------------------------------------

@pytest.mark.parametrize("args, says", [
    (["--dpi", "10"], "--dpi"),
    (["--dpi", "5000"], "--dpi"),
    (["--tables", "xls"], "'xls' is not one of 'csv', 'parquet'"),
    (["--tables", "csv,xls"], "'xls'"),
    (["--workers", "-1"], "--workers"),
    (["--workers", "0"], "--workers"),
    (["--page-timeout", "0"], "--page-timeout"),
    (["--page-timeout", "nan"], "--page-timeout"),
    (["--extract-timeout", "0"], "--extract-timeout"),
    (["--db", "postgresql://u:s3cret@localhost:port/db"], "--db"),
    (["--db", "mysql://u@localhost/db"], "unknown database 'mysql'"),
    (["--db", "postgresql+asyncpg://u@localhost/db"], "driver 'asyncpg'"),
])
def test_bad_options_are_one_line_and_exit_2_before_any_work(tmp_path, args, says):
    run = run_cli(str(SAMPLES / "000.digital.pdf"), *args, out=tmp_path / "out")
    assert run.returncode == 2
    line = one_line(run.stderr)
    assert line.startswith("error: ") and says in line
    assert "s3cret" not in line  # a malformed URL is quoted without its password
    assert not (tmp_path / "out").exists()  # refused before anything was made


def test_a_folder_with_no_supported_file_is_a_usage_error(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a document")
    (folder / "gold.json").write_text("{}")
    run = run_cli(str(folder), out=tmp_path / "out")
    assert run.returncode == 2
    line = one_line(run.stderr)
    assert str(folder) in line and "nothing to read" in line and "2 other file(s) skipped" in line
    assert not (tmp_path / "out").exists()


# -- 1. outputs that cannot be written: exit 73, one line naming the path ------------------

def in_own_mount(options: str, mount: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m ingest run ARGS` with a fresh tmpfs (mount -o OPTIONS) at `mount`, seen by that
    command alone (a private mount namespace; as another user than root, in a user namespace too)."""
    mount.mkdir(parents=True, exist_ok=True)
    namespace = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        namespace[1:1] = ["--user", "--map-root-user"]
    script = 'mount -t tmpfs -o "$1" tmpfs "$2" && shift 2 && exec "$@"'
    cmd = [*namespace, "sh", "-c", script, "sh", options, str(mount), sys.executable, "-m", "ingest", "run", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_a_read_only_output_folder_is_a_clear_error(tmp_path):
    out = tmp_path / "read-only"
    proc = in_own_mount("ro", out, str(SAMPLES / "000.digital.pdf"), "--out", str(out))
    assert proc.returncode == 73
    line = one_line(proc.stderr)
    assert line == f"error: {out}: cannot write: Read-only file system"


def test_a_full_disk_is_a_clear_error_naming_the_file(tmp_path):
    disk = tmp_path / "small-disk"
    proc = in_own_mount("size=64k", disk, *DIGITAL, "--out", str(disk / "out"),
                        "--db", str(tmp_path / "ingest.db"), "-q")
    assert proc.returncode == 73
    line = one_line(proc.stderr)
    assert re.fullmatch(rf"error: {re.escape(str(disk / 'out'))}/\S+: cannot write: No space left on device", line)


# -- 2. secrets: environment variables ---------------------------------------------------

def test_password_and_database_from_the_environment(tmp_path):
    name = "pysample-libreoffice-writer-password.pdf"
    db = tmp_path / "elsewhere" / "batch.db"
    run = run_cli(str(EXTERNAL / name), "-q", out=tmp_path / "out",
                  env={"INGEST_PDF_PASSWORD": "openpassword", "INGEST_DB": str(db)})
    assert run.returncode == 0, run.stderr
    assert run.files()[name]["status"] == "ok"
    assert db.exists() and not (tmp_path / "out" / "ingest.db").exists()


# -- 3. eval/ names ----------------------------------------------------------------------

def test_inputs_of_one_name_in_two_folders_get_two_stable_eval_files(tmp_path):
    for folder, sample in (("a", "000.digital.pdf"), ("b", "003.digital.pdf")):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLES / sample, tmp_path / folder / "informe.pdf")
    inputs = [str(tmp_path / "a" / "informe.pdf"), str(tmp_path / "b" / "informe.pdf")]
    first = run_cli(*inputs, "-q", out=tmp_path / "out")
    assert first.returncode == 0, first.stderr
    written = sorted((tmp_path / "out" / "eval").iterdir())
    assert len(written) == 2
    for path in written:
        # The format's matching rule: the stem up to the first '.' or '_' is the input's.
        assert re.split(r"[._]", path.name)[0] == "informe"
        assert json.loads(path.read_text(encoding="utf-8"))["source"] == "informe.pdf"
    types = {json.loads(p.read_text(encoding="utf-8"))["doc_type"] for p in written}
    assert len(types) == 2  # one letter, one report: neither overwrote the other
    shutil.rmtree(tmp_path / "out" / "eval")
    again = run_cli(*inputs, "-q", out=tmp_path / "out")  # reused files, eval/ written again
    assert again.returncode == 0, again.stderr
    assert sorted((tmp_path / "out" / "eval").iterdir()) == written


# -- 4. what a killed run leaves -----------------------------------------------------------

def leftovers(out: Path) -> list[str]:
    found = [p for p in out.rglob("*") if p.is_file() and TEMPORARY.fullmatch(p.name)]
    parts = out / ".parts"
    for suffix in (".pages.jsonl", ".records.json"):
        found += [p for p in parts.glob(f"*{suffix}")
                  if not p.with_name(p.name[:-len(suffix)] + ".finished.json").exists()]
    return sorted(str(p.relative_to(out)) for p in found)


def test_what_a_killed_run_left_is_removed_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    # A run killed while its scan is in flight: that file's part has no finishing marker.
    cmd = [sys.executable, "-m", "ingest", "run", str(SAMPLES / "001.scan-light.pdf"), "--out", str(out), "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / ".parts").glob("*.pages.jsonl")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    # Writers killed inside their atomic writes, as a kill in any of the run's folders would leave them.
    for target in ("files.jsonl", "eval/x.pdf.0a1b2c3d.json", ".parts/outputs.json", "tables/files.jsonl",
                   "review/index.html", "review/crops/0123456789abcdef0123.png"):
        writer = (f"import os, signal; from pathlib import Path; from sinks.jsonl import atomic_writer\n"
                  f"with atomic_writer(Path({str(out / target)!r})) as fh:\n"
                  f"    fh.write('half'); fh.flush(); os.kill(os.getpid(), signal.SIGKILL)")
        assert subprocess.run([sys.executable, "-c", writer], cwd=ROOT).returncode == -signal.SIGKILL
    left = leftovers(out)
    assert len(left) == 7 and any(name.endswith(".pages.jsonl") for name in left), left
    (out / "notes.txt").write_text("the user's")
    (out / ".settings.0123456789abcdef").write_text("not a temporary: 16 hex digits")

    run = run_cli(str(SAMPLES / "000.digital.pdf"), "-q", out=out)  # another input: nothing is overwritten
    assert run.returncode == 0, run.stderr
    assert leftovers(out) == []
    assert (out / "notes.txt").exists() and (out / ".settings.0123456789abcdef").exists()


def test_a_second_run_into_a_folder_in_use_is_refused(tmp_path):
    import fcntl

    out = tmp_path / "out"
    (out / ".parts").mkdir(parents=True)
    with open(out / ".parts" / "lock", "w") as held:  # as a run in progress holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        run = run_cli(str(SAMPLES / "000.digital.pdf"), out=out)
    assert run.returncode == 2
    assert "another run is writing into this folder" in one_line(run.stderr)
    assert not (out / "files.jsonl").exists()


# -- 6. images over the pixel budget ------------------------------------------------------

def test_an_image_over_the_pixel_budget_is_scaled_down_and_read(tmp_path):
    """A 600 dpi scan of 169 Mpx (the budget is 40 Mpx; over 160 Mpx used to be refused)."""
    page = Image.open(SAMPLES / "000.scan-light.tif").convert("L")
    page = page.crop((0, 0, page.width, page.height // 3)).resize((page.width * 2, page.height // 3 * 2))
    canvas = Image.new("1", (13_000, 13_000), 1)
    canvas.paste(page.point(lambda v: 255 if v > 128 else 0).convert("1"), (200, 200))
    big = tmp_path / "poster.tif"
    canvas.save(big, compression="group4", dpi=(600, 600))
    run = run_cli(str(big), "-q", out=tmp_path / "out")
    assert run.returncode == 0, run.stderr
    (record,) = run.pages()["poster.tif"]
    width, height = record["image_size"]
    assert record["method"] == "ocr" and width * height <= 40_000_000
    assert record["dpi"] < 600
    assert "Guatemala, 24 de Enero de 2020" in gt_pages("000")[0]  # the top of the page, pasted above
    assert "Guatemala" in record["text"] and "Alcalde Municipal" in record["text"]


# -- 7. the progress bar on resume --------------------------------------------------------

def in_terminal(cmd: list[str]) -> str:
    """The command's output as a terminal shows it (rich draws its bar only for a terminal)."""
    main, child = pty.openpty()
    proc = subprocess.Popen(cmd, stdin=child, stdout=child, stderr=child, cwd=ROOT, close_fds=True,
                            env={**os.environ, "COLUMNS": "160", "TERM": "xterm"})
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=300)
    os.close(main)
    text = b"".join(chunks).decode(errors="replace")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "\n")


def test_on_resume_the_bar_counts_reused_pages_but_the_rate_only_this_runs(tmp_path):
    out = tmp_path / "out"
    first = run_cli(*DIGITAL, "-q", out=out)
    assert first.returncode == 0, first.stderr
    reused = sum(len(pages) for pages in first.pages().values())
    started = time.monotonic()
    screen = in_terminal([sys.executable, "-m", "ingest", "run", *DIGITAL, str(SAMPLES / "001.scan-light.pdf"),
                          "--out", str(out)])
    wall = time.monotonic() - started
    bars = re.findall(r"pages .*? (\d+)/(\d+) \((\d+) reused\)\s+(\S+) pages/min (\d+):(\d\d):(\d\d)", screen)
    assert bars, screen
    done, total, shown_reused, rate, h, m, s = bars[-1]
    assert (int(done), int(total), int(shown_reused)) == (reused + 1, reused + 1, reused)
    elapsed = int(h) * 3600 + int(m) * 60 + int(s)  # shown rounded down
    rate = float(rate)
    # One page read in this run, over this run's time: the reused pages are not in the rate.
    assert rate >= 60 / wall * 0.99
    if elapsed:
        assert rate <= 60 / elapsed * 1.01


# -- 8. a time limit on each document's extraction ----------------------------------------

def test_a_document_over_the_extraction_time_limit_is_an_error_record_and_the_batch_goes_on(tmp_path):
    """Twenty pages of a real report's text take seconds to extract; a one-line letter, milliseconds."""
    report = (SAMPLES / "gt" / "003.gt.txt").read_text(encoding="utf-8").replace("\f", "\n")
    slow = text_pdf(tmp_path / "slow.pdf", [report] * 20, size=3)
    letter = text_pdf(tmp_path / "letter.pdf", ["Guatemala, 24 de enero de 2020.\nSeñor Alcalde: reciba un saludo."])
    run = run_cli(str(slow), str(letter), "--extract-timeout", "0.5", "-q", out=tmp_path / "out")
    assert run.returncode == 1
    files = run.files()
    (error,) = files["slow.pdf"]["errors"]
    assert error["type"] == "ExtractionTimeoutError" and error["page"] is None
    assert files["slow.pdf"]["status"] == "partial" and files["slow.pdf"]["pages_ok"] == 20
    assert "slow.pdf" in run.stderr and "took longer than 0.5 s" in run.stderr
    assert files["letter.pdf"]["status"] == "ok"
    records = [json.loads(line) for line in (tmp_path / "out" / "records.jsonl").read_text().splitlines()]
    assert [r["document"]["source"] for r in records] == [str(letter)]
