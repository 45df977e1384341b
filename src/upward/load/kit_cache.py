"""A checked kit kept on disk, so the next run over the same files skips reading and checking.

Reading a kit means parsing every YAML file, validating it against the model and checking every
reference and placeholder: about 0.1 s of the 0.3 s a site build spends before MkDocs starts,
done again by every `upward build`, `upward tailor` and `upward validate` over files that rarely
change between two runs. As Sphinx keeps its pickled environment, this keeps the loaded kit, in
Upward's private cache folder (upward.cache_folder), under a key made of:

- every file and folder in the kit (and the workspace's overrides), by name and content;
- the kit's path and the working folder (problems and origins name files relative to it);
- Upward's own code (every module's size and modification time) and the versions of Python,
  pydantic, PyYAML and Jinja that read the files.

So an edited file, an added stray, another folder, or an edited module gives another key, and
the kit is read afresh. Only a kit that loaded without problems is kept: problems are always
found by reading. One file per kit and working folder, replaced when the key changes, so the
folder does not grow with every edit. A file that cannot be read back is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
import pydantic
import pydantic_core
import yaml

from upward.cache_folder import cache_folder, forget_all_but, keep, read_kept
from upward.load.located import LoadedKit
from upward.load.yamlfile import MAX_BYTES
from upward.model import Kit
from upward.model.kinds import KINDS, items

_SKIPPED = {"examples"}  # the kit's example inputs (applications, returns): never read by load
_PACKAGE = Path(__file__).resolve().parents[1]


def cached_load(
    load: Callable[[Path, Path | None], LoadedKit], kit_dir: Path, overrides: Path | None
) -> LoadedKit:
    """`load(kit_dir, overrides)`, or what it returned last time for the same inputs."""
    folder = cache_folder()
    if folder is None:
        return load(kit_dir, overrides)
    try:
        key = _key(kit_dir, overrides)
    except OSError:  # a file that cannot be read: let loading report it
        return load(kit_dir, overrides)
    slot = folder / f"upward-kit-{_slot(kit_dir, overrides)}.pickle"
    kept = _read(slot, key)
    if kept is not None:
        return kept
    loaded = load(kit_dir, overrides)  # raises ProblemsFound: nothing is kept
    _write(slot, key, loaded)
    return loaded


def _slot(kit_dir: Path, overrides: Path | None) -> str:
    where = f"{Path.cwd()}\0{kit_dir.resolve()}\0{overrides and overrides.resolve()}"
    return hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _key(kit_dir: Path, overrides: Path | None) -> bytes:
    digest = hashlib.sha256()
    digest.update(_code_version())
    digest.update(f"{Path.cwd()}\0{kit_dir}\0{overrides}\0".encode("utf-8", "surrogateescape"))
    for root in (kit_dir, overrides):
        if root is not None and root.is_dir():
            _add_tree(digest, root, top=True)
    return digest.digest()


def _add_tree(digest: hashlib._Hash, folder: Path, *, top: bool = False) -> None:
    """Every entry of the kit's two levels (its files and folders, and each kind folder's
    files: all that loading reads) by name, kind and, for files, content, in a fixed order."""
    for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
        if top and entry.name in _SKIPPED:
            continue
        name = entry.name.encode("utf-8", "surrogateescape")
        if entry.is_dir():  # follows links, as loading does
            digest.update(b"d\0" + name + b"\0")
            if top:
                _add_tree(digest, Path(entry.path))
        elif entry.is_file() and entry.stat().st_size <= MAX_BYTES:
            data = Path(entry.path).read_bytes()
            digest.update(b"f\0" + name + b"\0" + len(data).to_bytes(8, "big") + data)
        else:  # a broken link, a pipe, a file too large: loading reports it; no reuse past it
            raise OSError(f"not a file to read: {entry.path}")


_CODE_VERSION: bytes | None = None


def _code_version() -> bytes:
    """Upward's modules (size and modification time of each) and the readers' versions."""
    global _CODE_VERSION
    if _CODE_VERSION is None:
        versions = (sys.version, pydantic.VERSION, pydantic_core.__version__)
        digest = hashlib.sha256(
            "\0".join((*versions, yaml.__version__, jinja2.__version__)).encode()
        )
        for path in sorted(_PACKAGE.rglob("*")):
            if path.suffix in {".py", ".yaml"}:
                info = path.stat()
                digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        _CODE_VERSION = digest.digest()
    return _CODE_VERSION


def _read(slot: Path, key: bytes) -> LoadedKit | None:
    kept = read_kept(slot, key)
    if kept is None:
        return None
    kit, pairs = kept
    # origins are keyed by each item's id(), which is new in this process: key them again
    return LoadedKit(kit, {id(item): origin for item, origin in pairs})


def _write(slot: Path, key: bytes, loaded: LoadedKit) -> None:
    held = {id(item): item for item in _items(loaded.kit)}
    if not held.keys() >= loaded.origins.keys():  # an origin of something not walked here
        return
    keep(slot, key, (loaded.kit, [(held[n], origin) for n, origin in loaded.origins.items()]))
    forget_all_but(slot.parent, "upward-kit-*.pickle", KEPT_KITS)


KEPT_KITS = 20
"""Kits kept at most (about 1 MB each): the ones used last; tests and tried-out copies come and go."""


def _items(kit: Kit) -> Iterator[object]:
    """Everything in the kit that may have an origin: each kind's items, and the holder of the
    kinds that come from one file."""
    for kind in KINDS:
        yield from items(kit, kind)
        if kind.file and getattr(kit, kind.attribute) is not None:
            yield getattr(kit, kind.attribute)
