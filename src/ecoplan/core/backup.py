"""Backup and restore (备份与恢复): the database, the air store and the evidence files in one
``.tar.gz`` with a manifest (format, version, time, counts, a SHA-256 for every file).

Backup copies while the site runs: the SQLite database through SQLite's online backup API, the
DuckDB file of the air store through DuckDB's own ``COPY FROM DATABASE`` (a consistent copy of a
read-only attach), then the hourly Parquet files and the uploaded evidence. The database is
copied first: a file it names is uploaded before its row is written, so every file the copy
names is in the archive. PostgreSQL is not covered: back it up with ``pg_dump``.

Restore checks the manifest and every checksum in a staging folder beside the data, then moves
the parts into place; if a move fails, what was there is put back.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

import duckdb
from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

FORMAT = "ecoplan-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.sqlite3"  # the parts inside the archive: database file, air/…, media/…
AIR, MEDIA = "air", "media"
# the rows counted into the manifest, for a reader to see what a backup holds
COUNTED = ["plans.Plan", "plans.Measure", "supervision.ReportingCycle", "supervision.Report",
           "supervision.Evidence", "auth.User", "auditlog.LogEntry", "monitoring.Station"]


class BackupError(Exception):
    """A backup or restore refused with a message for the operator (nothing was changed)."""


def _ecoplan_version() -> str:
    try:
        return version("ecoplan")
    except PackageNotFoundError:
        return "unknown"


def _sqlite_path() -> Path:
    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("sqlite3"):
        raise BackupError(_("the database is %(engine)s: ecoplan backup and restore cover SQLite only; back "
                            "PostgreSQL up with pg_dump and pg_restore, and the folders %(air)s and %(media)s "
                            "with any file backup") % {"engine": db["ENGINE"].rsplit(".", 1)[-1],
                                                      "air": settings.DATA_DIR / AIR, "media": settings.MEDIA_ROOT})
    return Path(db["NAME"])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- backup ---------------------------------------------------------------------------------------
def _copy_database(source: Path, target: Path) -> None:
    """SQLite's online backup API through a connection of its own: a consistent copy while the site
    writes (in WAL mode a reader never waits for the writer)."""
    name = str(source)
    src = sqlite3.connect(name, uri=name.startswith("file:"), timeout=30)
    copy = sqlite3.connect(target)
    try:
        src.backup(copy)
    finally:
        copy.close()
        src.close()


def _copy_air(source: Path, target: Path) -> None:
    target.mkdir(parents=True)
    database = source / "air.duckdb"
    if database.exists():
        con = duckdb.connect()
        try:
            con.execute("ATTACH ? AS src (READ_ONLY)", [str(database)])
            con.execute("ATTACH ? AS dst", [str(target / "air.duckdb")])
            con.execute("COPY FROM DATABASE src TO dst")
        except duckdb.Error as exc:
            raise BackupError(_("the air store %(path)s could not be read (%(error)s): if an ingest or a "
                                "computation is running, try again when it has finished")
                              % {"path": database, "error": exc}) from exc
        finally:
            con.close()
    for path in sorted(source.rglob("*")):  # the hourly Parquet files (written once, never changed)
        if path.is_file() and not path.name.startswith("air.duckdb"):
            (target / path.relative_to(source)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / path.relative_to(source))


def _count_rows(database: Path) -> dict[str, int]:
    counts = {}
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        for label in COUNTED:
            table = apps.get_model(label)._meta.db_table
            try:
                counts[label] = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            except sqlite3.OperationalError:  # a table this version does not have
                continue
    finally:
        con.close()
    return counts


def _count_air(air: Path) -> dict[str, int]:
    hourly = sorted((air / "hourly").glob("*.parquet"))
    rows = 0
    if hourly:
        con = duckdb.connect()
        try:
            (rows,) = con.execute("SELECT count(*) FROM read_parquet(?)", [[str(p) for p in hourly]]).fetchall()[0]
        finally:
            con.close()
    return {"air hourly files": len(hourly), "air hourly rows": rows}


def create_backup(output: Path) -> dict:
    """Write the archive to ``output`` (through a temporary file: a failed backup leaves nothing)."""
    output = Path(output)
    if output.exists():
        raise BackupError(_("%(path)s already exists: choose another name") % {"path": output})
    if not output.parent.is_dir():
        raise BackupError(_("%(path)s: the folder does not exist") % {"path": output.parent})
    database = _sqlite_path()
    if not str(database).startswith("file:") and not database.is_file():
        raise BackupError(_("%(path)s: there is no database to back up") % {"path": database})
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".ecoplan-backup-") as tmp:
        staging = Path(tmp) / "parts"
        staging.mkdir()
        _copy_database(database, staging / DATABASE)
        _copy_air(settings.DATA_DIR / AIR, staging / AIR)
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir():
            shutil.copytree(media, staging / MEDIA)
        else:
            (staging / MEDIA).mkdir()
        paths = [p.relative_to(staging).as_posix() for p in sorted(staging.rglob("*")) if p.is_file()]
        files = [{"path": path, "size": (staging / path).stat().st_size, "sha256": _sha256(staging / path)}
                 for path in paths]
        counts = {**_count_rows(staging / DATABASE), **_count_air(staging / AIR),
                  "evidence files": sum(1 for path in paths if path.startswith(MEDIA + "/"))}
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "ecoplan_version": _ecoplan_version(),
                    "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "database": "sqlite", "counts": counts, "files": files}
        partial = Path(tmp) / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(body), int(datetime.now(UTC).timestamp())
            archive.addfile(info, io.BytesIO(body))
            for path in paths:
                archive.add(staging / path, arcname=path, recursive=False)
        os.replace(partial, output)
    return manifest


# -- restore --------------------------------------------------------------------------------------
def _read_manifest(archive: tarfile.TarFile, name: str) -> dict:
    try:
        handle = archive.extractfile(archive.getmember(MANIFEST))
        if handle is None:
            raise ValueError("manifest.json is not a file")
        manifest = json.loads(handle.read())
    except (KeyError, ValueError) as exc:
        raise BackupError(_("%(name)s: no readable manifest.json — not an ecoplan backup") % {"name": name}) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("%(name)s: not an ecoplan backup (the manifest names no ecoplan format)") % {"name": name})
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > FORMAT_VERSION:
        raise BackupError(_("%(name)s: backup format %(found)s is newer than this ecoplan reads (%(known)s): "
                            "restore it with the ecoplan that made it (%(version)s)")
                          % {"name": name, "found": manifest.get("format_version"), "known": FORMAT_VERSION,
                             "version": manifest.get("ecoplan_version", "?")})
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
            isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha256"), str)
            and isinstance(f.get("size"), int) for f in files):
        raise BackupError(_("%(name)s: the manifest's file list is damaged") % {"name": name})
    for f in files:
        path = PurePosixPath(f["path"])
        if path.is_absolute() or ".." in path.parts or path.parts[0] not in (DATABASE, AIR, MEDIA):
            raise BackupError(_("%(name)s: the manifest names a file outside the data (%(path)s)")
                              % {"name": name, "path": f["path"]})
    if DATABASE not in {f["path"] for f in files}:
        raise BackupError(_("%(name)s: the backup holds no database") % {"name": name})
    return manifest


def _extract(archive: tarfile.TarFile, manifest: dict, staging: Path, name: str) -> None:
    """Every file of the manifest, with its size and SHA-256 checked; nothing else."""
    expected = {f["path"]: f for f in manifest["files"]}
    seen = set()
    for member in archive:
        if member.name == MANIFEST:
            continue
        if member.name not in expected or not member.isfile():
            raise BackupError(_("%(name)s: %(member)s is not listed in the manifest") % {"name": name,
                                                                                       "member": member.name})
        if member.size != expected[member.name]["size"]:  # before reading: a bigger file is not unpacked
            raise BackupError(_("%(name)s: %(member)s does not match its checksum — the backup is damaged")
                              % {"name": name, "member": member.name})
        target = staging / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        source = archive.extractfile(member)
        assert source is not None  # member.isfile()
        with source, target.open("wb") as out:
            while block := source.read(1 << 20):
                digest.update(block)
                size += len(block)
                out.write(block)
        want = expected[member.name]
        if digest.hexdigest() != want["sha256"] or size != want["size"]:
            raise BackupError(_("%(name)s: %(member)s does not match its checksum — the backup is damaged")
                              % {"name": name, "member": member.name})
        seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(_("%(name)s: %(count)s file(s) of the manifest are missing, first %(first)s")
                          % {"name": name, "count": len(missing), "first": missing[0]})


def _check_database(database: Path, name: str) -> None:
    from django.db.migrations.loader import MigrationLoader

    try:
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            applied = set(con.execute("SELECT app, name FROM django_migrations").fetchall())
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(_("%(name)s: the database in the backup cannot be read (%(error)s)")
                          % {"name": name, "error": exc}) from exc
    if ok != "ok":
        raise BackupError(_("%(name)s: the database in the backup is damaged (%(error)s)") % {"name": name, "error": ok})
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    labels = {c.label for c in apps.get_app_configs()}
    unknown = sorted(f"{app}.{migration}" for app, migration in applied - known if app in labels)
    if unknown:
        raise BackupError(_("%(name)s: made by a newer ecoplan (migration %(migration)s is unknown here): "
                            "upgrade ecoplan first") % {"name": name, "migration": unknown[0]})


def _occupied(data_dir: Path, database: Path, media: Path) -> list[Path]:
    """What a restore would replace or hide."""
    found = [p for p in (data_dir.iterdir() if data_dir.is_dir() else []) if not p.name.startswith(".ecoplan-")]
    for path in (database, media):
        if path.exists() and path.parent != data_dir and path not in found:
            found.append(path)
    return found


def restore_backup(archive_path: Path, force: bool = False) -> dict:
    """Put a backup in place of the data: all of it, or (on any refusal or failure) nothing."""
    archive_path = Path(archive_path)
    name = archive_path.name
    database = _sqlite_path()
    data_dir, media = Path(settings.DATA_DIR), Path(settings.MEDIA_ROOT)
    occupied = _occupied(data_dir, database, media)
    if occupied and not force:
        raise BackupError(_("%(dir)s is not empty (%(first)s …): restore into an empty data folder, or add "
                            "--force to replace what is there") % {"dir": data_dir, "first": occupied[0].name})
    if not archive_path.is_file():
        raise BackupError(_("%(name)s: no such file") % {"name": archive_path})
    data_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=data_dir, prefix=".ecoplan-restore-"))
    try:
        try:
            with tarfile.open(archive_path, "r:gz") as archive:
                manifest = _read_manifest(archive, name)
                _extract(archive, manifest, staging / "new", name)
        except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as exc:
            raise BackupError(_("%(name)s: not a readable .tar.gz backup (%(error)s)")
                              % {"name": name, "error": exc}) from exc
        _check_database(staging / "new" / DATABASE, name)
        (staging / "new" / AIR).mkdir(exist_ok=True)
        (staging / "new" / MEDIA).mkdir(exist_ok=True)
        connections.close_all()
        _swap(staging, [(DATABASE, database), (AIR, data_dir / AIR), (MEDIA, media)])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _swap(staging: Path, parts: list[tuple[str, Path]]) -> None:
    """Move each part into place, what was there aside; on any failure move everything back."""
    old = staging / "old"
    done: list[tuple[Path | None, Path]] = []  # (moved aside to, or None for a part moved in; its place)
    old.mkdir()
    try:
        for part, target in parts:
            companions = [target]
            if part == DATABASE:  # SQLite's journal files belong to the database they sit beside
                companions += [target.with_name(target.name + suffix) for suffix in ("-wal", "-shm", "-journal")]
            for path in companions:
                if path.exists():
                    moved = old / f"{len(done)}-{path.name}"
                    shutil.move(path, moved)
                    done.append((moved, path))
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staging / "new" / part, target)
            done.append((None, target))
    except OSError as exc:
        for aside, path in reversed(done):
            if aside is None:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
            else:
                shutil.move(aside, path)
        raise BackupError(_("the restore could not move its files into place (%(error)s): the data was left as "
                            "it was") % {"error": exc}) from exc
