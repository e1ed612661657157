"""The académie stack on loopback for benchmarks: a throw-away PostgreSQL cluster from Debian's packages,
then (bench_academie) two `e5 serve` processes and nginx. Everything started here is stopped here."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.grading.http_client import free_port

PG_USER = "e5-postgres"  # initdb refuses root: the cluster belongs to an unprivileged system account


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", PG_USER, "--", *command] if os.geteuid() == 0 else command


class ThrowawayPostgres:
    """A PostgreSQL cluster in a temporary folder (default durability settings), removed by stop()."""

    def __init__(self, folder: Path, max_connections: int = 1500, options: str = ""):
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise SystemExit("PostgreSQL manque : apt-get install postgresql")
        self.bin, self.folder = Path(found[-1]).parent, folder
        self.port, self.max_connections, self.options = free_port(), max_connections, options

    @property
    def url(self) -> str:
        """The address e5 --database / E5_DATABASE takes."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> ThrowawayPostgres:
        """initdb then pg_ctl start, on loopback, trust authentication (nothing else can reach it)."""
        self.folder.mkdir(parents=True)
        self.folder.chmod(0o755)
        if os.geteuid() == 0:
            missing = subprocess.run(["id", PG_USER], capture_output=True, check=False).returncode
            if missing:
                subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                                PG_USER], check=True)
            shutil.chown(self.folder, PG_USER)
        made = subprocess.run(_as_owner([str(self.bin / "initdb"), "-D", str(self.folder / "data"), "-A",
                                         "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]),
                              capture_output=True, text=True, check=False)
        if made.returncode:
            raise SystemExit(f"initdb a échoué : {made.stdout}{made.stderr}")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   f"-c max_connections={self.max_connections} -c shared_buffers=256MB {self.options}")
        subprocess.run(_as_owner([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-l",
                                  str(self.folder / "server.log"), "-w", "-o", options, "start"]),
                       check=True, capture_output=True)
        return self

    def cpu_seconds(self) -> float:
        """CPU time used so far by the whole cluster: the postmaster, its live backends, and the backends
        that already exited (reaped by the postmaster, so counted in its children's time) — Linux /proc."""
        try:
            postmaster = (self.folder / "data" / "postmaster.pid").read_text().split()[0]
        except (OSError, IndexError):
            return 0.0
        tick, total = os.sysconf("SC_CLK_TCK"), 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if stat.parent.name == postmaster:
                total += sum(int(value) for value in fields[11:15]) / tick  # its own and reaped children's
            elif fields[1] == postmaster:
                total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def checkpoint(self) -> None:
        """Write every dirty page now: the seats just made (``CREATE DATABASE``) are not written back by the
        checkpointer during the load, on the load's account."""
        import psycopg

        with psycopg.connect(self.url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute("CHECKPOINT")

    def connections(self) -> int:
        """Client connections open on the cluster now (every database, the asking one excepted)."""
        import psycopg

        with psycopg.connect(self.url.replace("+psycopg", ""), autocommit=True) as conn:
            return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                                "AND pid <> pg_backend_pid()").fetchone()[0]

    def stop(self) -> None:
        """Fast shutdown, folder removed."""
        subprocess.run(_as_owner([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                                  "-w", "stop"]), check=False, capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def pid(self) -> int:
        """The postmaster's process id (its backends are its children)."""
        return int((self.folder / "data" / "postmaster.pid").read_text().split()[0])


@contextlib.contextmanager
def bench_folder(prefix: str, engine: str,
                 options: str = "") -> Iterator[tuple[Path, ThrowawayPostgres | None]]:
    """A temporary folder and, for ``engine`` "postgresql", a throw-away cluster in it whose address
    E5_DATABASE gives this process and the servers it starts; both removed at the end."""
    folder, cluster = Path(tempfile.mkdtemp(prefix=prefix)), None
    try:
        if engine == "postgresql":
            folder.chmod(0o755)  # the cluster's own account goes through it (the data folder stays 0700)
            cluster = ThrowawayPostgres(folder / "postgres", options=options).start()
            os.environ["E5_DATABASE"] = cluster.url
        yield folder, cluster
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
