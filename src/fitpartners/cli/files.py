"""A file written for the user whole or not at all (`fitpartners init`): a temporary file
beside it, synced, then linked to its name, which fails if a file of that name exists
(nothing is overwritten by a race), or renamed over it where the user said --force. On any
failure, Ctrl-C included, the temporary file is removed and the name is as it was."""

from __future__ import annotations

import contextlib
import os

from ..dataset.loader import _quoted, shown_name
from ..errors import PROG, FileError, FitError
from ..messages import Msg, Whole
from ..output.stream import write_all


class Exists(FitError):
    """The file is there and --force was not given: exit 1, nothing written."""


def write_new(path: str, data: bytes, *, force: bool) -> None:
    """Make `path` hold `data`, whole or not at all; an existing file only with `force`."""
    folder = os.path.dirname(os.path.abspath(path))
    if not force and os.path.lexists(path):
        raise _exists(path)
    temporary = ""
    try:
        temporary, fd = temporary_beside(folder, os.path.basename(path))
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # refuses a name taken meanwhile, as O_EXCL would
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        raise FileError("write", shown_name(path), exc.strerror or str(exc)) from None
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _exists(path: str) -> Exists:
    return Exists(
        Msg(
            "{path} exists: nothing written; to replace it: {command}",
            path=shown_name(path),
            command=Whole(f"{PROG} init {_quoted(path)} --force"),
        )
    )


def temporary_beside(folder: str, name: str) -> tuple[str, int]:
    """A new file beside `name` in `folder`, open for writing: its path and descriptor.
    Hidden, and named so that no shell reads it (zsh's compinit loads only names that start
    with '_'; fish only names that end in '.fish'); O_EXCL, so never a file of someone else's.
    os.urandom, not secrets: `secrets` would import `random` and `hashlib` on every run."""
    while True:
        path = os.path.join(folder, f".{name.lstrip('.')}.{PROG}-{os.urandom(4).hex()}.tmp")
        try:
            return path, os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue
