"""Models on disk: ``DATA_DIR/models/PROJECT/DATASET/MODEL/{model.json,arrays.npz}``.

Parameters are numpy arrays in an ``.npz`` read with ``allow_pickle=False`` and everything else is
JSON, so loading a model never runs code from the data directory. A model is replaced by renaming a
fully written directory into place.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import uuid
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from bqhouse import errors
from bqhouse.ml.sqltext import ModelRef

_NAME = re.compile(r"^[A-Za-z0-9_\-]{1,1024}$")
_lock = threading.Lock()


def _checked(part: str, what: str) -> str:
    if not _NAME.match(part) or part in {".", ".."}:
        raise errors.Invalid(f"Invalid {what} ID: {part}")
    return part


class ModelStore:
    """Save, load, list and delete the models of one data directory."""

    def __init__(self, data_dir: str | Path) -> None:
        self.root = Path(data_dir) / "models"

    def path(self, ref: ModelRef) -> Path:
        return (
            self.root
            / _checked(ref.project, "project")
            / _checked(ref.dataset, "dataset")
            / _checked(ref.model, "model")
        )

    def exists(self, ref: ModelRef) -> bool:
        return (self.path(ref) / "model.json").is_file()

    def save(self, ref: ModelRef, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> None:
        final = self.path(ref)
        final.parent.mkdir(parents=True, exist_ok=True)
        staging = final.parent / f".{ref.model}.{uuid.uuid4().hex}"
        staging.mkdir()
        stored: dict[str, Any] = dict(arrays)
        np.savez(staging / "arrays.npz", **stored)
        (staging / "model.json").write_bytes(orjson.dumps(meta, option=orjson.OPT_SERIALIZE_NUMPY))
        with _lock:
            old = final.parent / f".{ref.model}.old.{uuid.uuid4().hex}"
            if final.exists():
                os.replace(final, old)
            os.replace(staging, final)
        shutil.rmtree(old, ignore_errors=True)

    def load_meta(self, ref: ModelRef) -> dict[str, Any]:
        try:
            data: dict[str, Any] = orjson.loads((self.path(ref) / "model.json").read_bytes())
        except FileNotFoundError as exc:
            raise not_found(ref) from exc
        return data

    def save_meta(self, ref: ModelRef, meta: dict[str, Any]) -> None:
        target = self.path(ref) / "model.json"
        if not target.is_file():
            raise not_found(ref)
        staging = target.with_name(f".model.{uuid.uuid4().hex}.json")
        staging.write_bytes(orjson.dumps(meta, option=orjson.OPT_SERIALIZE_NUMPY))
        os.replace(staging, target)

    def load_arrays(self, ref: ModelRef) -> dict[str, np.ndarray]:
        try:
            with np.load(self.path(ref) / "arrays.npz", allow_pickle=False) as data:
                return {name: data[name] for name in data.files}
        except FileNotFoundError as exc:
            raise not_found(ref) from exc

    def delete(self, ref: ModelRef) -> bool:
        path = self.path(ref)
        if not path.exists():
            return False
        trash = path.parent / f".{ref.model}.deleted.{uuid.uuid4().hex}"
        os.replace(path, trash)
        shutil.rmtree(trash, ignore_errors=True)
        return True

    def list(self, project: str, dataset: str) -> list[str]:
        folder = self.root / _checked(project, "project") / _checked(dataset, "dataset")
        if not folder.is_dir():
            return []
        return sorted(
            p.name
            for p in folder.iterdir()
            if not p.name.startswith(".") and (p / "model.json").is_file()
        )


def not_found(ref: ModelRef) -> errors.NotFound:
    return errors.NotFound(f"Not found: Model {ref}")
