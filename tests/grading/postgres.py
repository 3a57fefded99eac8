"""A real PostgreSQL server for the tests: initdb in a temporary folder, a Unix socket only, stopped at the end."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

SERVER_USER = "postgres"  # PostgreSQL refuses to run as root


def server_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries are missing: apt-get install postgresql")
    return Path(found[-1]).parent


def _as_server_user(command: list[str]) -> None:
    done = subprocess.run(["runuser", "-u", SERVER_USER, "--", *command], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stdout} {done.stderr}")


@contextmanager
def postgres_server(port: int = 5432):  # Unix socket only, in a folder of its own: no clash
    """Yield a function that makes a fresh database and returns its nbgrader db_url.

    The server's folder is made directly in the temporary folder, not under pytest's
    (which is private to root, and which other pytest sessions may lock again).
    """
    bin_dir = server_bin()
    entry = pwd.getpwnam(SERVER_USER)
    folder = Path(tempfile.mkdtemp(prefix="codensocial-pg-"))
    folder.chmod(0o711)
    data, sockets, logs = folder / "data", folder / "sockets", folder / "logs"
    for path in (data, sockets, logs):
        path.mkdir()
        os.chown(path, entry.pw_uid, entry.pw_gid)
    _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"])
    options = f"-k {sockets} -p {port} -c listen_addresses='' -c fsync=off"
    _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l", str(logs / "server.log"), "start"])
    made = []

    def new_database(name: str) -> str:
        _as_server_user([str(bin_dir / "createdb"), "-h", str(sockets), "-p", str(port), name])
        made.append(name)
        return f"postgresql+psycopg2://postgres@/{name}?host={sockets}&port={port}"

    try:
        yield new_database
    finally:
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(folder, ignore_errors=True)
