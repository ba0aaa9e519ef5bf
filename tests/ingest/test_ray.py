"""`--executor ray` on a real Ray cluster: a head and one worker node on 127.0.0.1.

The cluster is started once per pytest worker that runs these tests, and stopped at its end;
every run joins it with --ray-address, as on a real cluster.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from sinks.database import connect, row_counts
from tests.conftest import ROOT, SAMPLES, kill_mid_batch, run_cli
from tests.pdfs import endless_page_pdf
from tests.sinks.support import free_port, table_ids
from tests.sinks.test_concurrent_runs import doubled, run_together

pytestmark = pytest.mark.e2e  # every test here runs the real command

RAY = str(Path(sys.executable).with_name("ray"))
DIGITAL = [str(SAMPLES / f"00{i}.digital.pdf") for i in range(5)]
SCANS = [str(SAMPLES / n) for n in ("001.scan-light.pdf", "000.scan-light.pdf", "004.scan-light.pdf")]


class Cluster:
    """`ray start` of a head and a worker node, each in a process group of its own, stopped by group."""

    def __init__(self) -> None:
        self.temp = Path(tempfile.mkdtemp(prefix="ray-"))  # short: Ray puts unix sockets under it
        # Ray takes "127.0.0.1" for "this machine" and swaps in its routable address; any other
        # loopback address it keeps. The worker node and the runs reach the head there, from 127.0.0.1.
        self.address = f"127.0.0.2:{free_port()}"
        # The cluster's own token, for it and every run that joins it (not the one in ~/.ray).
        self.env = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32),
                    "RAY_USAGE_STATS_ENABLED": "0"}
        self.groups: list[int] = []

    def start(self) -> Cluster:
        host, port = self.address.rsplit(":", 1)
        self._start([RAY, "start", "--head", f"--node-ip-address={host}", f"--port={port}", "--num-cpus=1",
                     f"--temp-dir={self.temp}", "--include-dashboard=false", "--disable-usage-stats"])
        self._start([RAY, "start", f"--address={self.address}", "--num-cpus=1", "--disable-usage-stats"])
        return self

    def _start(self, cmd: list[str]) -> None:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                start_new_session=True, env={**os.environ, **self.env})
        self.groups.append(proc.pid)  # its daemons stay in its group after `ray start` returns
        output, _ = proc.communicate(timeout=180)
        assert proc.returncode == 0, output

    def stop(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for group in self.groups:
                try:
                    os.killpg(group, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and any(_alive(g) for g in self.groups):
                time.sleep(0.2)
        shutil.rmtree(self.temp, ignore_errors=True)


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
        return True
    except ProcessLookupError:
        return False


@pytest.fixture(scope="session")
def ray_cluster():
    cluster = Cluster()
    before = {name: os.environ.get(name) for name in cluster.env}
    os.environ.update(cluster.env)  # for the runs the tests start, which join it
    try:
        yield cluster.start()
    finally:
        cluster.stop()
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def on_ray(cluster: Cluster, *args: str) -> list[str]:
    return [*args, "--executor", "ray", "--ray-address", cluster.address]


def lines(path: Path) -> list[dict]:
    """A JSON Lines output without what differs from run to run (timings)."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record.pop("seconds", None)
        found.append(record)
    return found


def same_outputs(ray_out: Path, local_out: Path, names: list[str] | None = None) -> None:
    """The same lines, in file and page order (the outputs follow the order the inputs were given in)."""
    def key(record: dict) -> tuple[str, int]:
        return _source(record), record.get("page", 0)

    for output in ("files.jsonl", "pages.jsonl", "records.jsonl"):
        ray_lines, local_lines = lines(ray_out / output), lines(local_out / output)
        if names is not None:  # the local run read more files: compare those both read
            local_lines = [r for r in local_lines if Path(_source(r)).name in names]
        assert sorted(ray_lines, key=key) == sorted(local_lines, key=key), output
    assert len(lines(ray_out / "records.jsonl")) > 0


def _source(record: dict) -> str:
    return record.get("path") or record.get("source") or record["document"]["source"]


def test_records_equal_the_local_pools_on_the_samples(ray_cluster, samples_run, tmp_path):
    names = [json.loads(line)["path"] for line in (samples_run.out / "files.jsonl").read_text().splitlines()]
    run = run_cli(*on_ray(ray_cluster, *names, "-q"), out=tmp_path)
    assert run.returncode == samples_run.returncode, run.stderr
    same_outputs(tmp_path, samples_run.out)


def test_killed_ray_run_resumes_with_the_same_records(ray_cluster, samples_run, tmp_path):
    finished = kill_mid_batch(*on_ray(ray_cluster, *DIGITAL, *SCANS, "-q"), out=tmp_path, finished=6)
    assert 6 <= finished < 8, "kill did not land mid-batch"
    resumed = run_cli(*on_ray(ray_cluster, *DIGITAL, *SCANS), out=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert "6 of 8 files already finished" in resumed.stderr or "7 of 8 files already finished" in resumed.stderr
    same_outputs(tmp_path, samples_run.out, names=[Path(p).name for p in DIGITAL + SCANS])


def test_two_ray_runs_into_one_postgresql_equal_local_runs_one_after_the_other(ray_cluster, postgres, tmp_path):
    together, apart = postgres.new_database(), postgres.new_database()
    shared = DIGITAL[:2]
    runs = [shared + [DIGITAL[2]], shared + [str(SAMPLES / "003.scan-light.pdf")]]
    run_together([[sys.executable, "-m", "ingest", "run",
                   *on_ray(ray_cluster, *inputs, "--db", together, "-q"), "--out", str(tmp_path / f"ray-{i}")]
                  for i, inputs in enumerate(runs)], tmp_path / "logs")
    for i, inputs in enumerate(runs):
        local = run_cli(*inputs, "--db", apart, "-q", out=tmp_path / f"local-{i}")
        assert local.returncode == 0, local.stderr

    engine, reference = connect(together), connect(apart)
    counts = row_counts(engine)
    assert counts == row_counts(reference)
    assert counts["files"] == 4 and counts["pages"] > 4 and counts["tracker"] > 0
    assert table_ids(engine) == table_ids(reference)
    assert doubled(engine) == {}


def test_hung_page_is_cancelled_into_the_same_error_record(ray_cluster, tmp_path):
    """As tests/ingest/test_cli.py's: the stuck page takes minutes anywhere; the limit is 20 s, as a
    page's clock starts when it is sent to Ray, Ray's scheduling included."""
    endless = endless_page_pdf(tmp_path / "endless.pdf", operators=40_000_000)
    run = run_cli(*on_ray(ray_cluster, str(endless), DIGITAL[0], "--page-timeout", "20", "-q"), out=tmp_path / "out")
    assert run.returncode == 1, run.stderr
    files = run.files()
    (error,) = files["endless.pdf"]["errors"]
    assert error["type"] == "PageTimeoutError" and error["page"] == 1
    assert files["000.digital.pdf"]["status"] == "ok"


def test_without_ray_the_run_names_the_extra_to_install(tmp_path):
    # The interpreter as it is without the extra: `import ray` fails.
    code = "import sys; sys.modules['ray'] = None; sys.argv[0] = 'ingest'; from ingest.cli import main; main()"
    proc = subprocess.run([sys.executable, "-c", code, "run", DIGITAL[0], "--out", str(tmp_path), "--executor", "ray"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert "--extra ray" in proc.stderr and "ingest[ray]" in proc.stderr


def test_ray_address_without_ray_executor_is_refused(tmp_path):
    run = run_cli(DIGITAL[0], "--ray-address", "127.0.0.1:1", out=tmp_path)
    assert run.returncode == 2 and "--ray-address" in run.stderr


def test_a_memory_limit_no_node_has_is_refused(ray_cluster, tmp_path):
    run = run_cli(*on_ray(ray_cluster, DIGITAL[0], "--worker-memory-mb", str(1 << 30)), out=tmp_path)
    assert run.returncode == 2 and "--worker-memory-mb" in run.stderr and "no node" in run.stderr
