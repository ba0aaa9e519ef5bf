"""Helpers shared by the benchmark scripts: timed runs with peak memory of a process tree."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import threading
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def tree_at(ref: str, folder: Path, *paths: str) -> Path:
    """The project's files (or only `paths`) as they were at commit `ref`, for a baseline run beside this tree."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, *paths], check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _tree_kb(pid: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants, from /proc: the sum of their RSS, and
    the sum of their PSS (each shared page divided among the processes sharing it, as forked
    workers share their parent's pages: what the tree occupies, counted once)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/smaps_rollup") as fh:
                text = fh.read()
        except OSError:
            continue
        fields = dict(re.findall(r"^(Rss|Pss):\s+(\d+)", text, re.M))
        rss, pss = rss + int(fields.get("Rss", 0)), pss + int(fields.get("Pss", 0))
    return rss, pss


@dataclass
class Run:
    seconds: float
    peak_rss_mib: float  # the largest sum of the tree's RSS sampled
    peak_pss_mib: float  # the largest sum of its PSS
    exit_code: int


def measure(cmd: list[str], env: dict | None = None, cwd: Path = ROOT, sample_memory: bool = True) -> Run:
    """Run a command in `cwd`, sampling its process tree's memory every 0.1 s (without
    `sample_memory`, not: the sampler reads every process's smaps, CPU a baseline timed beside the
    run does not pay, about 0.5 s of an 11 s OCR batch on 2 cores; the peaks are then 0)."""
    peak_rss = peak_pss = 0
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    done = threading.Event()

    def sample():
        nonlocal peak_rss, peak_pss
        while not done.is_set():
            rss, pss = _tree_kb(proc.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    if sample_memory:
        sampler.start()
    _, err = proc.communicate()
    done.set()
    if sample_memory:
        sampler.join()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return Run(wall, peak_rss / 1024, peak_pss / 1024, proc.returncode)


def timed(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, float, int]:
    """Run a command in `cwd`; return (wall seconds, peak tree RSS in MiB, exit code)."""
    run = measure(cmd, env, cwd)
    return run.seconds, run.peak_rss_mib, run.exit_code


def wall_seconds(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> float:
    """Run a command in `cwd` alone, as the baseline it is compared with runs; its wall seconds."""
    return measure(cmd, env, cwd, sample_memory=False).seconds


def load() -> str:
    """The machine's load, printed beside the figures: other jobs sharing the cores slow every run."""
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def ingest_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "ingest", "run", *args, "-q"]
