"""``gs://`` URIs of load and extract jobs, resolved inside the configured buckets directory.

``gs://BUCKET/OBJECT`` is the file ``BUCKETS_DIR/BUCKET/OBJECT``. A URI never leads out of its
bucket directory (no ``..``, no symlinks pointing elsewhere) and no other scheme is read: a load job
must not become a way to read the server's files. One ``*`` wildcard is allowed in the object name,
as BigQuery allows: https://cloud.google.com/bigquery/docs/batch-loading-data#load-wildcards
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from bqhouse import errors

_SCHEME = "gs://"
# Extract shards replace ``*`` with a 12-digit, zero-padded number, as BigQuery does:
# https://cloud.google.com/bigquery/docs/exporting-data#exporting_data_into_one_or_more_files
_SHARD_WIDTH = 12


def _split(uri: str) -> tuple[str, str]:
    """``gs://bucket/a/b`` -> ``("bucket", "a/b")``; anything else is refused."""
    if not uri.startswith(_SCHEME):
        raise errors.AccessDenied(f"Access Denied: URI {uri}: only gs:// URIs can be read")
    bucket, _, name = uri[len(_SCHEME) :].partition("/")
    if not bucket or not name or bucket in (".", "..") or "\\" in bucket:
        raise errors.Invalid(f"Invalid URI: {uri}")
    if name.count("*") > 1:
        raise errors.Invalid(f"Invalid URI: {uri}: only one * wildcard is allowed")
    return bucket, name


def _inside(root: Path, path: Path, uri: str) -> Path:
    """``path`` with symlinks resolved, provided it stays under ``root``."""
    real = path.resolve()
    if real != root and root not in real.parents:
        raise errors.AccessDenied(f"Access Denied: URI {uri}")
    return real


def _bucket_root(buckets_dir: Path, bucket: str, uri: str) -> Path:
    root = buckets_dir.resolve()
    return _inside(root, root / bucket, uri)


def _matches(root: Path, name: str) -> list[Path]:
    """Files under ``root`` whose relative name matches ``name`` (``*`` spans ``/`` like GCS)."""
    if "*" not in name:
        return [root / name] if (root / name).is_file() else []
    prefix = name.split("*", 1)[0]
    base = root / prefix.rsplit("/", 1)[0] if "/" in prefix else root
    if not base.is_dir():
        return []
    found = [
        p
        for p in base.rglob("*")
        if p.is_file() and fnmatch.fnmatchcase(p.relative_to(root).as_posix(), name)
    ]
    return sorted(found)


def resolve_uri(buckets_dir: Path, uri: str) -> list[Path]:
    """The files a source URI names, sorted; refuses anything outside the bucket.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "b").mkdir()
    >>> _ = (d / "b" / "x.csv").write_text("1")
    >>> [p.name for p in resolve_uri(d, "gs://b/*.csv")]
    ['x.csv']
    """
    bucket, name = _split(uri)
    root = _bucket_root(buckets_dir, bucket, uri)
    # Lexical check first: ``..`` is refused even when the target happens not to exist.
    if any(part == ".." for part in name.split("/")):
        raise errors.AccessDenied(f"Access Denied: URI {uri}")
    found = [_inside(root, p, uri) for p in _matches(root, name)]
    if not found:
        raise errors.NotFound(f"Not found: URI {uri}")
    return found


def resolve_output(buckets_dir: Path, uri: str, shard: int = 0) -> Path:
    """Where an extract writes ``uri`` (shard ``shard`` replaces ``*``); creates parent dirs."""
    bucket, name = _split(uri)
    root = _bucket_root(buckets_dir, bucket, uri)
    if any(part == ".." for part in name.split("/")):
        raise errors.AccessDenied(f"Access Denied: URI {uri}")
    name = name.replace("*", str(shard).zfill(_SHARD_WIDTH))
    target = root / name
    # Check before creating directories (so nothing is made outside) and again after.
    _inside(root, target.parent, uri)
    target.parent.mkdir(parents=True, exist_ok=True)
    _inside(root, target.parent, uri)
    if target.is_symlink():
        _inside(root, target, uri)
    return target
