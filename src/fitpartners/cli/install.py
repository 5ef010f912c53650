"""`--install-completion [bash|zsh|fish]`: the completion script, and the line in the
shell's start-up file that loads it. Imported only for that option (a door in app.py).

A user's files are theirs:

- Each file is written whole or not at all: the new bytes go to a temporary file in the
  same folder, which is synced and then renamed over the file (`os.replace`), keeping the
  file's mode and owner. A full disk or a refused write leaves the file as it was, and the
  message names the file and the reason. Ctrl-C waits until the rename is done.
- One install at a time: a second run waits for the lock (`fcntl.flock` on a lock file
  beside the completion script, removed when the run ends).
- The start-up file is read and written as bytes, whatever their encoding: its bytes are
  kept as they were, the line is added once (a run that finds it writes nothing), and a
  symbolic link (a dotfiles manager's) is followed, not replaced.
- A path goes into a line quoted for the shell that reads it (shlex for bash and zsh, fish's
  own quoting for the command we suggest to fish users).

The scripts and their places are Typer's (typer/_completion_shared.py), so that what it
installed before is found and replaced: bash's script in ~/.bash_completions, sourced from
~/.bashrc; zsh's in ~/.zfunc, put on `fpath` from ~/.zshrc; fish's in fish's completions
folder, which fish reads by itself. zsh's script also completes the first TAB (ZSH_FIRST_TAB).

Typer's installer also writes `zstyle ':completion:*' menu select` into ~/.zshrc (as did our
installs before): a style for every command in the user's shell, which our completion does
not need. We no longer write it; a line of it already in the file stays (nothing marks it as
ours, and every byte of the file is kept): the install says that it is there and may go.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shlex
import signal
import stat
from collections.abc import Iterator
from dataclasses import dataclass

from ..dataset.loader import shown_name
from ..errors import PROG, FileError, UsageError, os_reason
from ..messages import Msg
from ..output.stream import write_all
from . import patches
from .files import temporary_beside

SHELLS = ("bash", "zsh", "fish")
# Typer's zsh script only binds its function when compinit autoloads the file, at the first
# TAB, which then completes nothing: the file installed also completes that TAB (as Click's
# own zsh script does). Sourced (`--show-completion zsh`), it only binds.
ZSH_FIRST_TAB = f"""
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _{PROG}_completion "$@"
fi
"""
# The menu style for every command that Typer's installer writes (and ours did).
GLOBAL_STYLE = b"zstyle ':completion:*' menu select"
LOCK_NAME = f".{PROG}-completion.lock"
# Signals whose default action or whose handler (entry.py: Ctrl-C) ends the run at once:
# held back while a file is being replaced, so that no temporary file is left behind.
HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@dataclass(frozen=True)
class Line:
    """A line for a start-up file: added at its end unless the file holds one of `same` as a
    whole line (blanks around it aside)."""

    text: bytes
    same: frozenset[bytes]


@dataclass(frozen=True)
class Plan:
    """What an install of one shell writes."""

    shell: str
    script: str  # the completion script's path
    text: bytes  # its content
    rc: str | None  # the start-up file that loads it; None: the shell finds it by itself
    lines: tuple[Line, ...]  # for rc
    now: str  # what loads the completion in the shell the user is in, to paste


def install(shell: str) -> tuple[Msg, list[Msg]]:
    """Install the completion of `shell` (one of SHELLS) for this user; what to tell them,
    and notes on what it found."""
    plan = make_plan(shell, home(), os.environ.get("XDG_CONFIG_HOME", ""))
    folder = os.path.dirname(plan.script)
    make_folder(folder)
    with locked(folder):
        # The script first: a start-up file that sources a script that is not there yet
        # would print an error in every new shell.
        if read(plan.script) != plan.text:
            replace(plan.script, plan.text)
        after = None
        if plan.rc is not None:
            before = read(plan.rc)
            after = with_lines(before or b"", plan.lines)
            if after != before:
                replace(plan.rc, after)
    notes = [] if after is None else _notes(shell, plan.rc or "", after)
    if plan.rc is None:
        return Msg(
            "{shell} completion installed in {script}: open a new shell, or in this one run: {command}",
            shell=shell,
            script=shown_name(plan.script),
            command=shown_name(plan.now),
        ), notes
    return Msg(
        "{shell} completion installed in {script}, loaded by {rc}: open a new shell, "
        "or in this one run: {command}",
        shell=shell,
        script=shown_name(plan.script),
        rc=shown_name(plan.rc),
        command=shown_name(plan.now),
    ), notes


def _notes(shell: str, rc: str, content: bytes) -> list[Msg]:
    """What to tell about the start-up file `rc` as it is now: the menu style for every
    command that an earlier install may have added to ~/.zshrc."""
    if shell != "zsh" or GLOBAL_STYLE not in {raw.strip() for raw in content.splitlines()}:
        return []
    return [
        Msg(
            "{rc} has {line}, which an earlier install may have added: it sets menu selection for "
            "every command, and {prog} does not need it (remove the line if you do not want it)",
            rc=shown_name(rc),
            line=GLOBAL_STYLE.decode(),
            prog=PROG,
        )
    ]


def home() -> str:
    """The user's home folder (HOME, else the password database's), which must be
    absolute: an empty or relative one would put the files in / or wherever the command
    is run."""
    raw = os.environ.get("HOME")
    path = os.path.expanduser("~") if raw is None else raw
    if not os.path.isabs(path):
        raise UsageError(Msg("{env} must be an absolute path, not {raw!r}", env="HOME", raw=path))
    return path


def make_plan(shell: str, home: str, xdg_config_home: str = "") -> Plan:
    """The files and lines of `shell`'s completion for a user whose home is `home`."""
    script_text = (patches.completion_script(PROG, shell) + "\n").encode()
    if shell == "bash":
        script = os.path.join(home, ".bash_completions", f"{PROG}.sh")
        line = f"source {shlex.quote(script)}"
        typers = f"source '{script}'"  # Typer's line: right unless the path has a quote
        same = {line, typers} if "'" not in script else {line}
        return Plan(
            shell,
            script,
            script_text,
            os.path.join(home, ".bashrc"),
            (Line(os.fsencode(line), frozenset(os.fsencode(s) for s in same)),),
            f"source {shlex.quote(script)}",
        )
    if shell == "zsh":
        script_text += ZSH_FIRST_TAB.encode()
        functions = os.path.join(home, ".zfunc")
        line = f"fpath+={shlex.quote(functions)}; autoload -Uz compinit; compinit"
        typers = "fpath+=~/.zfunc; autoload -Uz compinit; compinit"  # right for any home
        return Plan(
            shell,
            os.path.join(functions, f"_{PROG}"),
            script_text,
            os.path.join(home, ".zshrc"),
            (Line(os.fsencode(line), frozenset({os.fsencode(line), typers.encode()})),),
            "exec zsh",
        )
    if shell == "fish":
        # fish's own configuration folder: $XDG_CONFIG_HOME/fish, else ~/.config/fish (a
        # relative XDG_CONFIG_HOME is ignored, as the XDG specification says).
        config = xdg_config_home if os.path.isabs(xdg_config_home) else os.path.join(home, ".config")
        script = os.path.join(config, "fish", "completions", f"{PROG}.fish")
        return Plan(shell, script, script_text, None, (), f"source {fish_quote(script)}")
    raise ValueError(f"no completion to install for {shell!r}")


def with_lines(content: bytes, lines: tuple[Line, ...]) -> bytes:
    """`content` with each of `lines` added at its end where it is not there yet. Every
    byte of `content` is kept as it was."""
    have = {raw.strip() for raw in content.splitlines()}
    framed = b"\n" + content + b"\n"  # a line with a line feed in a quoted path spans two
    added = b""
    for line in lines:
        if have & line.same or any(b"\n" + same + b"\n" in framed for same in line.same):
            continue
        added += line.text + b"\n"
    if not added:
        return content
    if content and not content.endswith(b"\n"):
        content += b"\n"
    return content + added


_FISH_PLAIN = re.compile(r"[\w@+,./:=-]+", re.ASCII)


def fish_quote(text: str) -> str:
    """`text` as one word for fish: as it is when it holds only plain characters, else in
    single quotes, where fish reads only \\\\ and \\' as escapes."""
    if _FISH_PLAIN.fullmatch(text):
        return text
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


# -- files, whole or not at all ------------------------------------------------------------------


def _refused(action: str, path: str, exc: OSError) -> FileError:
    return FileError(action, shown_name(path), os_reason(exc))


def make_folder(folder: str) -> None:
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise _refused("write", folder, exc) from None


def read(path: str) -> bytes | None:
    """The bytes of `path`, None if there is no such file."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _refused("read", path, exc) from None


@contextlib.contextmanager
def locked(folder: str) -> Iterator[None]:
    """Held by one process at a time: an exclusive flock on `folder`/LOCK_NAME. The lock
    file is removed on the way out; a process that locked it meanwhile finds that the name
    now stands for another file (or none), and locks again."""
    path = os.path.join(folder, LOCK_NAME)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise _refused("write", path, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            mine = os.fstat(fd)
            try:
                there = os.stat(path)
            except FileNotFoundError:
                there = None
        except OSError as exc:
            os.close(fd)
            raise _refused("write", path, exc) from None
        if there is not None and (there.st_dev, there.st_ino) == (mine.st_dev, mine.st_ino):
            break
        os.close(fd)  # removed by the process before us: lock the file that is there now
    try:
        yield
    finally:
        with contextlib.suppress(OSError):  # a lock file left behind is harmless
            os.unlink(path)
        os.close(fd)


def replace(path: str, data: bytes) -> None:
    """Make `path` hold `data`, whole or not at all: a temporary file in the same folder,
    synced, then renamed over it. Through a symbolic link, the file it points to is
    replaced. The mode and owner of the file it replaces are kept; a new file gets the
    mode the umask gives. On failure the temporary file is removed and `path` is as it was."""
    target = os.path.realpath(path)
    folder, name = os.path.split(target)
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise _refused("write", path, exc) from None
    held = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    temporary = ""
    try:
        temporary, fd = temporary_beside(folder, name)
        try:
            write_all(fd, data)
            if old is not None:
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
                if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                    os.fchown(fd, old.st_uid, old.st_gid)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
        temporary = ""
        _sync_folder(folder)
    except OSError as exc:
        raise _refused("write", path, exc) from None
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _sync_folder(folder: str) -> None:
    # The rename is done; this makes it last through a crash where the file system can
    # promise that (some refuse to sync a folder: the file is in place all the same).
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
