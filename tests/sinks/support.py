"""Helpers of the sink tests: sample runs, a throwaway PostgreSQL server, writers."""
from __future__ import annotations

import glob
import multiprocessing
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from dedup import Reading, build_tracker, group_readings, merge_mentions
from schemas.page import FileRecord, Page
from schemas.records import DocumentRecords
from sinks import ids
from sinks.db.rows import BatchView
from sinks.jsonl import read_jsonl

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    files: list[FileRecord]
    pages: list[Page]
    documents: list[DocumentRecords]

    def only(self, paths: set[str]) -> "Run":
        return Run([f for f in self.files if f.path in paths],
                   [p for p in self.pages if p.source in paths],
                   [d for d in self.documents if d.document.source in paths])

    @property
    def paths(self) -> list[str]:
        return [f.path for f in self.files]

    def args(self) -> tuple:
        return self.files, self.pages, self.documents


def load_run(out: Path) -> Run:
    """The records a real run left in `out`."""
    return Run(list(read_jsonl(out / "files.jsonl", FileRecord)),
               list(read_jsonl(out / "pages.jsonl", Page)),
               list(read_jsonl(out / "records.jsonl", DocumentRecords)))


def batch_view(run: Run) -> BatchView:
    """The run's batch view, made as the pipeline makes it."""
    readings = []
    for records in run.documents:
        pages = [p for p in run.pages if p.source == records.document.source]
        confidences = [p.ocr_confidence for p in pages if p.method == "ocr" and p.ocr_confidence is not None]
        readings.append(Reading(records=records, text="\n".join(p.text for p in pages),
                                ocr_confidence=sum(confidences) / len(confidences) if confidences else None))
    groups = group_readings(readings)
    return BatchView(files=run.files, groups=groups, tracker=build_tracker(groups),
                     merged=merge_mentions(groups))


def expected_counts(run: Run, view: BatchView | None = None) -> dict[str, int]:
    """Row counts computed from the records themselves, not through the sink's code."""
    docs = run.documents
    groups = view.groups if view else []
    return {
        "files": len(run.files),
        "documents": len({f.sha256 for f in run.files if f.sha256 and f.pages_ok}),
        "pages": len(run.pages),
        "commitments": sum(len(d.commitments) for d in docs),
        "milestones": sum(len(d.milestones) for d in docs),
        "activities": sum(len(d.activities) for d in docs),
        "mentions": sum(len(getattr(d, name)) for d in docs for name in ids.MENTIONS),
        "count_claims": sum(len(d.count_claims) for d in docs),
        "flags": sum(len(d.flags) for d in docs),
        "document_groups": len({r.records.document.sha256 for g in groups for r in g.readings}),
        "tracker": len({(e.commitment, e.milestone, e.activity) for e in view.tracker}) if view else 0,
        "merged_mentions": len({(m.kind, m.value) for m in view.merged}) if view else 0,
    }


def relocate(run: Run, old: str, new: str) -> Run:
    """The run with the file at `old` found at `new` instead."""
    files = [f.model_copy(update={"path": new}) if f.path == old else f for f in run.files]
    pages = [p.model_copy(update={"source": new}) if p.source == old else p for p in run.pages]
    docs = [d.model_copy(update={"document": d.document.model_copy(update={"source": new})})
            if d.document.source == old else d for d in run.documents]
    return Run(files, pages, docs)


def edited(run: Run, path: str, sha256: str) -> Run:
    """The run as if the file at `path` were edited: new content, fewer records."""
    files = [f.model_copy(update={"sha256": sha256}) if f.path == path else f for f in run.files]
    pages = [p.model_copy(update={"sha256": sha256}) for p in run.pages if p.source == path][:-1]
    pages = [p for p in run.pages if p.source != path] + pages
    docs = []
    for d in run.documents:
        if d.document.source == path:
            d = d.model_copy(update={"document": d.document.model_copy(update={"sha256": sha256}),
                                     "organizations": d.organizations[: len(d.organizations) // 2],
                                     "activities": d.activities[:1]})
        docs.append(d)
    return Run(files, pages, docs)


def table_ids(engine: sa.Engine) -> dict[str, set[str]]:
    from sinks.db import schema
    with engine.connect() as conn:
        return {t.name: set(conn.scalars(sa.select(t.c[next(iter(t.primary_key)).name])))
                for t in schema.ALL}


def table_rows(engine: sa.Engine, name: str) -> list[dict]:
    from sinks.db import schema
    table = schema.metadata.tables[name]
    key = table.c[next(iter(table.primary_key)).name]
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(table).order_by(key))]


# -- a real PostgreSQL server in a temporary directory ---------------------------------

def pg_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return candidates[-1] if candidates else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl start on a free port; records why if it could not start."""

    def __init__(self) -> None:
        self.error: str | None = None
        self.base: Path | None = None
        self.port = 0
        self._databases = 0

    def _as_postgres(self, argv: list[str]) -> list[str]:
        if os.geteuid() != 0:
            return argv
        if shutil.which("runuser"):
            return ["runuser", "-u", "postgres", "--", *argv]
        return ["su", "postgres", "-c", shlex.join(argv)]

    def _run(self, argv: list[str], timeout: float = 60) -> None:
        proc = subprocess.run(self._as_postgres(argv), capture_output=True, text=True, timeout=timeout)
        if proc.returncode:
            raise RuntimeError(f"{shlex.join(argv)} exited {proc.returncode}:\n{proc.stderr}{proc.stdout}")

    def start(self) -> "PostgresServer":
        try:
            self._start()
        except Exception as exc:  # the tests report this, loudly, instead of skipping
            self.error = (f"could not start a PostgreSQL server for the tests: {exc}\n"
                          "Install the Debian package `postgresql` (initdb and pg_ctl live in "
                          "/usr/lib/postgresql/<version>/bin) and, when running as root, make sure "
                          "the `postgres` user exists.\n" + self._log_tail())
        return self

    def _start(self) -> None:
        initdb, pg_ctl = pg_binary("initdb"), pg_binary("pg_ctl")
        if not (initdb and pg_ctl):
            raise RuntimeError("initdb/pg_ctl not found on PATH nor in /usr/lib/postgresql/*/bin")
        self.base = Path(tempfile.mkdtemp(prefix="sinks-pg-"))
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")  # KeyError: no such user
            os.chown(self.base, user.pw_uid, user.pw_gid)
        self._run([initdb, "-D", str(self.base / "data"), "-A", "trust", "-U", "postgres",
                   "-E", "UTF8", "--no-sync"], timeout=120)
        for attempt in range(3):  # another process may grab the free port first
            self.port = free_port()
            options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            try:
                self._run([pg_ctl, "-D", str(self.base / "data"), "-l", str(self.base / "log"),
                           "-w", "-t", "60", "-o", options, "start"], timeout=90)
                return
            except RuntimeError:
                if attempt == 2:
                    raise

    def _log_tail(self) -> str:
        log = self.base / "log" if self.base else None
        return log.read_text(errors="replace")[-2000:] if log and log.exists() else ""

    def stop(self) -> None:
        if self.base is None:
            return
        if not self.error:
            subprocess.run(self._as_postgres([pg_binary("pg_ctl"), "-D", str(self.base / "data"),
                                              "-m", "immediate", "-w", "stop"]), capture_output=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh empty database; fails the calling test if the server is not up."""
        if self.error:
            import pytest
            pytest.fail(self.error, pytrace=False)
        self._databases += 1
        name = f"sinks_{os.getpid()}_{self._databases}"
        engine = sa.create_engine(self.url().replace("postgresql://", "postgresql+psycopg://"),
                                  isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        engine.dispose()
        return self.url(name)


# -- writers in other processes ---------------------------------------------------------

def writer_processes():
    """Processes forked from a server that imported the sink once (a fresh interpreter
    per writer would spend seconds on imports; forking pytest itself is unsafe)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["sinks.database", "tests.sinks.support"])
    return ctx


def write_rounds(url: str, run: Run, barrier, rounds: int) -> None:
    from sinks.database import write_run
    barrier.wait(timeout=120)
    for _ in range(rounds):
        write_run(url, *run.args())


def race(url: str, runs: list[Run], rounds: int) -> list[int]:
    """Start writers together (on a fresh database, migrations race too); their exit codes."""
    ctx = writer_processes()
    barrier = ctx.Barrier(len(runs))
    processes = [ctx.Process(target=write_rounds, args=(url, run, barrier, rounds)) for run in runs]
    for p in processes:
        p.start()
    for p in processes:
        p.join(180)
    return [p.exitcode for p in processes]


def write_then_crash(url: str, run: Run, crash_document: str) -> None:
    """Load the run but die, like a killed process, in the middle of one document."""
    from sinks.database import write_run
    from sinks.db import writer

    replace = writer.replace_children

    def dying(connection, table, document_id, rows):
        replace(connection, table, document_id, rows)
        if table.name == "mentions" and document_id == crash_document:
            os._exit(7)

    writer.replace_children = dying
    write_run(url, *run.args())
