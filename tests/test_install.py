"""--install-completion and --show-completion: the shell named is the one installed, from any
shell; every file the installer writes is written whole or not at all, under a lock, with
the user's bytes, mode, owner and links kept and the line added once, quoted for the shell
that reads it; a failure names the file; and real shells complete after the install."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SCRIPT, clean_environ, one_line, read_until, run
from fitpartners.cli import install as installer
from fitpartners.cli import patches
from fitpartners.cli.app import with_optional_values

# A start-up file of the user's own: a byte that is no UTF-8 (latin-1 é), no final line feed.
BASHRC = b"# my settings\nexport EDITOR=vi\nalias caf\xe9='ls -l'\nPS1='\\u@\\h '"
NO_SPACE = os.strerror(errno.ENOSPC)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME, with an apostrophe and a space in its name; the shell this runs in is bash."""
    path = tmp_path / "o'brien home"
    path.mkdir()
    monkeypatch.setenv("HOME", str(path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setattr(patches, "detect_shell", lambda: "bash")
    return path


def bash_line(home: Path) -> bytes:
    return os.fsencode(f"source {shlex.quote(str(home / '.bash_completions' / 'fitpartners.sh'))}\n")


def script_of(shell: str) -> bytes:
    extra = installer.ZSH_FIRST_TAB if shell == "zsh" else ""
    return (patches.completion_script("fitpartners", shell) + "\n" + extra).encode()


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (links as where they point), by path from it."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(folder))] = f"-> {os.readlink(path)}".encode()
        elif path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


# -- what is written -------------------------------------------------------------------------


def test_bash_gets_the_script_and_one_line_after_the_users_bytes(home):
    (home / ".bashrc").write_bytes(BASHRC)
    r = run("--install-completion", "bash")
    assert r.code == 0 and r.err == ""
    script = home / ".bash_completions" / "fitpartners.sh"
    assert files(home) == {
        ".bash_completions/fitpartners.sh": script_of("bash"),
        ".bashrc": BASHRC + b"\n" + bash_line(home),  # no lock file, no temporary file left
    }
    assert r.out == (
        f"bash completion installed in {script}, loaded by {home / '.bashrc'}: open a new shell, "
        f"or in this one run: source {shlex.quote(str(script))}\n"
    )


def test_a_second_install_writes_nothing(home):
    (home / ".bashrc").write_bytes(BASHRC)
    assert run("--install-completion", "bash").code == 0
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in home.rglob("*") if p.is_file()}
    assert run("--install-completion", "bash").code == 0
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in home.rglob("*") if p.is_file()}
    assert after == before
    assert (home / ".bashrc").read_bytes().count(b"fitpartners.sh") == 1


def test_every_byte_of_the_start_up_file_is_kept_whatever_its_encoding(home):
    # Typer read the file as UTF-8 text: one byte that is not stopped it (exit 70).
    original = bytes(range(256)) * 4  # every byte, NUL and CR too; no final line feed
    (home / ".bashrc").write_bytes(original)
    r = run("--install-completion", "bash")
    assert r.code == 0, r.err
    assert (home / ".bashrc").read_bytes() == original + b"\n" + bash_line(home)


def test_a_new_start_up_file_holds_the_line_alone(home):
    assert run("--install-completion", "bash").code == 0
    assert (home / ".bashrc").read_bytes() == bash_line(home)


def test_the_line_is_one_word_for_bash_whatever_the_home(home):
    # Typer wrote source '/…/o'brien home/…': a quote left open in every new shell.
    (home / ".bashrc").write_bytes(BASHRC)
    assert run("--install-completion", "bash").code == 0
    line = (home / ".bashrc").read_bytes().splitlines()[-1].decode()
    assert shlex.split(line) == ["source", str(home / ".bash_completions" / "fitpartners.sh")]


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_reads_the_start_up_file_and_binds_the_completion(home):
    (home / ".bashrc").write_bytes(b"PS1='$ '\n")
    assert run("--install-completion", "bash").code == 0
    probe = "source ~/.bashrc && complete -p fitpartners"
    r = subprocess.run(["bash", "--norc", "-c", probe], env={**os.environ}, capture_output=True, text=True)
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout == "complete -o default -F _fitpartners_completion fitpartners\n"


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
@pytest.mark.parametrize(
    "name", ["a\nb", "$(touch pwned)", "`touch pwned`", "-x; y", "caf\udce9", "\\'\"", "*"]
)  # a line feed, commands, a dash, a byte that is no UTF-8, quotes and backslashes, a glob
def test_any_home_gets_one_line_that_bash_reads(tmp_path, monkeypatch, name):
    home = tmp_path / name
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for _ in range(2):
        assert run("--install-completion", "bash").code == 0
    assert (home / ".bashrc").read_bytes() == bash_line(home)  # once
    probe = 'source "$HOME/.bashrc" && complete -p fitpartners'
    r = subprocess.run(["bash", "--norc", "-c", probe], env={**os.environ}, capture_output=True, cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, b"")
    assert not (tmp_path / "pwned").exists()


def test_typers_own_line_counts_as_the_line(tmp_path, monkeypatch):
    # Installed with 0.2.0 (Typer's installer), where the path has no quote to break it.
    home = tmp_path / "plain"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    typers = f"\nsource '{home}/.bash_completions/fitpartners.sh'\n".encode()
    (home / ".bashrc").write_bytes(BASHRC + typers)
    assert run("--install-completion", "bash").code == 0
    assert (home / ".bashrc").read_bytes() == BASHRC + typers


def test_zsh_gets_its_function_and_lines_once(home):
    (home / ".zshrc").write_bytes(BASHRC)
    r = run("--install-completion", "zsh")
    assert r.code == 0 and r.err == ""
    functions = shlex.quote(str(home / ".zfunc"))
    lines = f"fpath+={functions}; autoload -Uz compinit; compinit\n"  # no style: the user's shell is theirs
    assert files(home) == {".zfunc/_fitpartners": script_of("zsh"), ".zshrc": BASHRC + b"\n" + lines.encode()}
    assert r.out.endswith(f"loaded by {home / '.zshrc'}: open a new shell, or in this one run: exec zsh\n")
    assert run("--install-completion", "zsh").code == 0
    assert (home / ".zshrc").read_bytes() == BASHRC + b"\n" + lines.encode()


def test_zsh_keeps_the_users_style_and_typers_line(home):
    mine = b"zstyle ':completion:*' menu no\nfpath+=~/.zfunc; autoload -Uz compinit; compinit\n"
    (home / ".zshrc").write_bytes(mine)
    assert run("--install-completion", "zsh").code == 0
    assert (home / ".zshrc").read_bytes() == mine


@pytest.mark.skipif(shutil.which("zsh") is None, reason="no zsh")
def test_zsh_reads_the_start_up_file_and_finds_the_function(home):
    assert run("--install-completion", "zsh").code == 0
    # No style set: we wrote Typer's menu selection for every command in the user's shell.
    probe = "source ~/.zshrc && print -r -- $_comps[fitpartners] && zstyle -L"
    r = subprocess.run(["zsh", "-f", "-c", probe], env={**os.environ}, capture_output=True, text=True)
    assert (r.returncode, r.stderr, r.stdout) == (0, "", "_fitpartners\n")


OLD_STYLE = "zstyle ':completion:*' menu select\n"  # what Typer's installer and our earlier ones wrote


@pytest.mark.parametrize("ours", [True, False], ids=["our earlier install", "Typer's"])
def test_an_earlier_installs_menu_style_stays_and_is_named(home, ours):
    # Nothing marks it as ours (the user may have written it, or kept it): every byte stays,
    # and the install says what it does and that it may go, each time it finds it.
    functions = shlex.quote(str(home / ".zfunc")) if ours else "~/.zfunc"
    before = BASHRC + f"\nfpath+={functions}; autoload -Uz compinit; compinit\n{OLD_STYLE}".encode()
    (home / ".zshrc").write_bytes(before)
    for _ in range(2):
        r = run("--install-completion", "zsh")
        assert r.code == 0 and r.out.startswith("zsh completion installed")
        assert r.err == (
            f"fitpartners: {home / '.zshrc'} has {OLD_STYLE.strip()}, which an earlier install may have "
            "added: it sets menu selection for every command, and fitpartners does not need it "
            "(remove the line if you do not want it)\n"
        )
        assert (home / ".zshrc").read_bytes() == before
    (home / ".zshrc").write_bytes(before.replace(OLD_STYLE.encode(), b""))  # the user took it away
    r = run("--install-completion", "zsh")
    assert (r.code, r.err) == (0, "")
    (home / ".zshrc").write_bytes(before)
    r = run("--install-completion", "zsh", env={"FITPARTNERS_LANG": "nl"})
    assert r.code == 0 and r.err.startswith(f"fitpartners: {home / '.zshrc'} bevat {OLD_STYLE.strip()}, dat ")


def test_fish_gets_its_script_in_fishs_folder_and_no_start_up_line(home, monkeypatch):
    r = run("--install-completion", "fish")
    assert r.code == 0 and r.err == ""
    script = home / ".config" / "fish" / "completions" / "fitpartners.fish"
    assert files(home) == {".config/fish/completions/fitpartners.fish": script_of("fish")}
    quoted = "'" + str(script).replace("'", "\\'") + "'"  # fish reads \' in single quotes
    assert r.out == (
        f"fish completion installed in {script}: open a new shell, or in this one run: source {quoted}\n"
    )
    config = home / "elsewhere"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))  # fish's folder follows it
    assert run("--install-completion", "fish").code == 0
    assert (config / "fish" / "completions" / "fitpartners.fish").read_bytes() == script_of("fish")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("/home/ann/x.fish", "/home/ann/x.fish"),
        ("/home/o'brien/x", "'/home/o\\'brien/x'"),
        ("/a b/x", "'/a b/x'"),
        ("/a\\b/$HOME", "'/a\\\\b/$HOME'"),
        ("~/x", "'~/x'"),
    ],
)
def test_fish_quoting(text, quoted):
    assert installer.fish_quote(text) == quoted


@pytest.mark.skipif(shutil.which("fish") is None, reason="no fish installed (.ci/run installs it)")
def test_fish_reads_each_quoted_word_back_as_it_was():
    # Where fish and POSIX shells differ: fish reads \\ and \' inside single quotes.
    words = [
        "/home/o'brien/x",
        "/a b/x",
        "/a\\b",
        "/a\\\\b",
        "/a\\'b",
        "$HOME*",
        "~/x",
        "/é/(x)",
        "a\nb",
        "%self",
    ]
    probe = "; ".join(f"printf '%s\\0' {installer.fish_quote(word)}" for word in words)
    r = subprocess.run(["fish", "--no-config", "-c", probe], capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (0, "")
    assert r.stdout.split("\0")[:-1] == words


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444])
def test_the_start_up_files_mode_is_kept(home, mode):
    (home / ".bashrc").write_bytes(BASHRC)
    (home / ".bashrc").chmod(mode)
    assert run("--install-completion", "bash").code == 0
    assert (home / ".bashrc").stat().st_mode & 0o7777 == mode


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_the_start_up_files_owner_is_kept(home):
    (home / ".bashrc").write_bytes(BASHRC)
    os.chown(home / ".bashrc", 4321, 4322)  # sudo with the user's HOME: the file stays the user's
    assert run("--install-completion", "bash").code == 0
    stat = (home / ".bashrc").stat()
    assert (stat.st_uid, stat.st_gid) == (4321, 4322)


def test_a_linked_start_up_file_stays_a_link(home):
    # A dotfiles manager's link: the file it points to gets the line.
    (home / "dotfiles").mkdir()
    (home / "dotfiles" / "bashrc").write_bytes(BASHRC)
    (home / ".bashrc").symlink_to(home / "dotfiles" / "bashrc")
    assert run("--install-completion", "bash").code == 0
    assert os.readlink(home / ".bashrc") == str(home / "dotfiles" / "bashrc")
    assert (home / "dotfiles" / "bashrc").read_bytes() == BASHRC + b"\n" + bash_line(home)


# -- the shell named is the one installed ----------------------------------------------------------


def test_fish_named_in_bash_installs_fish_and_leaves_bash_alone(home):
    (home / ".bashrc").write_bytes(BASHRC)
    r = run("--install-completion", "fish")
    assert r.code == 0 and r.out.startswith("fish completion installed in ") and r.err == ""
    assert files(home) == {".bashrc": BASHRC, ".config/fish/completions/fitpartners.fish": script_of("fish")}


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_from_a_real_bash_the_shell_named_or_the_shell_detected(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = clean_environ(HOME=str(home), PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}")
    env.pop("XDG_CONFIG_HOME", None)
    # '; true': bash runs the command as its child (a last command alone it would exec).
    named = subprocess.run(
        ["bash", "-c", "fitpartners --install-completion fish; true"], env=env, capture_output=True, text=True
    )
    assert named.stderr == "" and named.stdout.startswith("fish completion installed")
    assert sorted(files(home)) == [".config/fish/completions/fitpartners.fish"]
    detected = subprocess.run(
        ["bash", "-c", "fitpartners --install-completion; true"], env=env, capture_output=True, text=True
    )
    assert detected.stderr == "fitpartners: no shell named: installing for bash, the shell this runs in\n"
    assert detected.stdout.startswith("bash completion installed")
    assert ".bashrc" in files(home)


@pytest.mark.parametrize(
    ("detected", "message"),
    [
        (None, "cannot tell which shell this runs in; name one after --install-completion "
         "(valid: bash, zsh, fish)"),
        ("tcsh", "no completion for tcsh, the shell this runs in; name one after --install-completion "
         "(valid: bash, zsh, fish)"),
    ],
)  # fmt: skip
def test_without_a_name_in_a_shell_we_cannot_serve(home, monkeypatch, detected, message):
    monkeypatch.setattr(patches, "detect_shell", lambda: detected)
    r = run("--install-completion")
    assert (r.code, r.out, r.err) == (2, "", f"fitpartners: {message}\n")
    assert files(home) == {}


def test_a_shell_we_do_not_install_is_a_bad_value(home):
    r = run("--install-completion", "powershell")
    assert r.code == 2 and r.err == (
        "fitpartners: invalid value for --install-completion: 'powershell' (valid: bash, zsh, fish)\n"
    )
    assert files(home) == {}


def test_the_name_takes_any_case_and_the_equals_sign(home):
    assert run("--install-completion=ZSH").out.startswith("zsh completion installed")


def test_in_dutch(home, monkeypatch):
    r = run("--install-completion", env={"FITPARTNERS_LANG": "nl"})
    assert r.code == 0
    assert r.err == "fitpartners: geen shell genoemd: installatie voor bash, de shell waarin dit draait\n"
    assert r.out.startswith("bash-aanvulling geïnstalleerd in ")
    (home / ".bashrc").unlink()
    monkeypatch.setattr(os, "write", full_disk)
    r = run("--install-completion", "bash", env={"FITPARTNERS_LANG": "nl"})
    assert r.err == f"fitpartners: kan {home / '.bashrc'} niet schrijven: {NO_SPACE}\n"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--install-completion"], ["--install-completion="]),
        (["--install-completion", "fish"], ["--install-completion", "fish"]),
        (["--install-completion", "-h"], ["--install-completion=", "-h"]),
        (["--version", "--show-completion"], ["--version", "--show-completion="]),
        (["--show-completion", "--install-completion"], ["--show-completion=", "--install-completion="]),
        (["list", "--install-completion"], ["list", "--install-completion"]),  # a command's own
        (["--", "--install-completion"], ["--", "--install-completion"]),
    ],
)
def test_an_option_without_its_shell_gets_an_empty_one(argv, expected):
    assert with_optional_values(argv) == expected


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("fitpartners --install-completion ", ["bash", "zsh", "fish"]),
        ("fitpartners --show-completion p", ["powershell", "pwsh"]),
    ],
)
def test_the_shells_are_offered_after_the_options(words, offered):
    env = {"_FITPARTNERS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": "2"}
    r = run(env=env)
    assert (r.code, r.out.split()) == (0, offered)


# -- --show-completion -----------------------------------------------------------------------------


@pytest.mark.parametrize("shell", patches.COMPLETION_SHELLS)
def test_show_completion_prints_the_script_of_the_shell_named(home, shell):
    r = run("--show-completion", shell)
    assert (r.code, r.err) == (0, "")
    assert r.out == patches.completion_script("fitpartners", shell) + "\n"
    assert files(home) == {}


def test_show_completion_without_a_name_prints_the_script_of_this_shell(home, monkeypatch):
    monkeypatch.setattr(patches, "detect_shell", lambda: "zsh")
    r = run("--show-completion")
    assert (r.code, r.err) == (0, "")
    assert r.out == patches.completion_script("fitpartners", "zsh") + "\n"
    monkeypatch.setattr(patches, "detect_shell", lambda: None)
    r = run("--show-completion")
    assert r.code == 2 and one_line(r.err) and "name one after --show-completion" in r.err


# -- whole or not at all ---------------------------------------------------------------------------


def full_disk(*args: object, **kwargs: object) -> int:
    raise OSError(errno.ENOSPC, NO_SPACE)


@pytest.mark.parametrize("call", ["write", "fsync", "replace"])
def test_a_full_disk_leaves_the_file_as_it_was_and_the_message_names_it(home, monkeypatch, call):
    # Typer truncated ~/.bashrc and wrote it again: a full disk left it without the line,
    # and the message blamed stdout.
    (home / ".bashrc").write_bytes(BASHRC)
    assert run("--install-completion", "bash").code == 0
    (home / ".bashrc").write_bytes(BASHRC)  # the script is in place: only .bashrc is written
    before, inode = files(home), (home / ".bashrc").stat().st_ino
    monkeypatch.setattr(os, call, full_disk)
    r = run("--install-completion", "bash")
    assert (r.code, r.out) == (1, "")
    assert r.err == f"fitpartners: cannot write {home / '.bashrc'}: {NO_SPACE}\n"
    assert files(home) == before and (home / ".bashrc").stat().st_ino == inode


def test_a_script_that_cannot_be_written_adds_no_line(home, monkeypatch):
    # The script first: a line that sources a missing script would complain in every shell.
    (home / ".bashrc").write_bytes(BASHRC)
    monkeypatch.setattr(os, "write", full_disk)
    r = run("--install-completion", "bash")
    script = home / ".bash_completions" / "fitpartners.sh"
    assert r.code == 1 and r.err == f"fitpartners: cannot write {script}: {NO_SPACE}\n"
    assert files(home) == {".bashrc": BASHRC}


def test_a_start_up_file_that_cannot_be_read_is_named(home):
    (home / ".bashrc").mkdir()
    r = run("--install-completion", "bash")
    assert (
        r.code == 1 and r.err == f"fitpartners: cannot read {home / '.bashrc'}: {os.strerror(errno.EISDIR)}\n"
    )


@pytest.mark.parametrize("value", ["", "relative/home"])
def test_a_home_that_is_no_absolute_path_is_refused(home, monkeypatch, value):
    monkeypatch.setenv("HOME", value)
    r = run("--install-completion", "bash")
    assert (r.code, r.err) == (2, f"fitpartners: HOME must be an absolute path, not {value!r}\n")


def test_ctrl_c_waits_until_the_file_is_whole(home, monkeypatch):
    # entry.py's handler ends the process at once (os._exit): a signal that came in the
    # middle of a write would leave the temporary file behind. It is held until the rename.
    (home / ".bashrc").write_bytes(BASHRC)
    seen: list[list[str]] = []

    def handler(signum: int, frame: object) -> None:
        seen.append([name for name in files(home) if name.endswith(".tmp")])

    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, in the middle of each write
        return real_write(fd, data)

    previous = signal.signal(signal.SIGINT, handler)
    monkeypatch.setattr(os, "write", write)
    try:
        installer.install("bash")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert seen == [[], []]  # once a file, when no temporary file was left
    assert (home / ".bashrc").read_bytes() == BASHRC + b"\n" + bash_line(home)


# -- one at a time ---------------------------------------------------------------------------------


def lock_is_held(path: Path) -> bool:
    """Whether another open file holds the flock on `path` (flock locks conflict between
    open files, in one process too)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_files_are_read_and_replaced_under_the_lock(home, monkeypatch):
    lock = home / ".bash_completions" / installer.LOCK_NAME
    seen: list[tuple[str, bool]] = []
    real_read, real_replace = installer.read, os.replace

    def read(path: str) -> bytes | None:
        seen.append((os.path.basename(path), lock_is_held(lock)))
        return real_read(path)

    def replace(source: str, target: str) -> None:
        seen.append((os.path.basename(target), lock_is_held(lock)))
        real_replace(source, target)

    monkeypatch.setattr(installer, "read", read)
    monkeypatch.setattr(os, "replace", replace)
    assert run("--install-completion", "bash").code == 0
    assert seen == [("fitpartners.sh", True), ("fitpartners.sh", True), (".bashrc", True), (".bashrc", True)]
    assert not lock.exists()


def test_a_lock_file_removed_while_waiting_for_it_is_locked_again(tmp_path, monkeypatch):
    # The run before ends and removes its lock file while this one waits on it; a third run
    # makes a new one. Holding the removed file would let this run and the third overlap.
    path = tmp_path / installer.LOCK_NAME
    real_flock = fcntl.flock
    waited: list[int] = []

    def flock(fd: int, operation: int) -> None:
        if not waited:
            path.unlink()
            path.write_bytes(b"")
        waited.append(fd)
        real_flock(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flock)
    with installer.locked(str(tmp_path)):
        monkeypatch.undo()
        assert len(waited) == 2 and lock_is_held(path)
    assert not path.exists()


CHILD = r"""
import os, sys
from fitpartners.cli.app import run
os.write(int(sys.argv[1]), b".")  # ready
os.read(int(sys.argv[2]), 1)  # go: every child at once, when the test closes the pipe
sys.exit(run(["--install-completion", "bash"]))
"""


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
def test_ten_installs_at_once_leave_the_file_whole_with_the_line_once(home):
    # Typer's installer, 10 at once: a 30 KB ~/.bashrc cut to its source line, 5 times in 5.
    original = BASHRC * (30_000 // len(BASHRC))
    (home / ".bashrc").write_bytes(original)
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    env = clean_environ(HOME=str(home))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(ready_w), str(go_r)],
            pass_fds=(ready_w, go_r),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(10)
    ]
    os.close(ready_w)
    os.close(go_r)
    ready = b""
    while len(ready) < 10:
        chunk = os.read(ready_r, 10)
        if not chunk:  # a child ended before it was ready
            break
        ready += chunk
    os.close(go_w)
    os.close(ready_r)
    outcomes = [(child.wait(timeout=120), child.stderr.read()) for child in children]  # type: ignore[union-attr]
    for child in children:
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    assert ready == b"." * 10 and outcomes == [(0, b"")] * 10
    assert files(home) == {
        ".bash_completions/fitpartners.sh": script_of("bash"),
        ".bashrc": original + b"\n" + bash_line(home),
    }


# -- real shells complete after the install ------------------------------------------------------


def type_tab(argv: list[str], home: Path, typed: bytes, expected: bytes) -> bytes:
    """Run the interactive shell `argv` in a terminal (a pty) with HOME `home`; once its
    prompt ('READY> ', set in its start-up file) is shown, type `typed` and a TAB; return
    the screen once `expected` or a bell shows up after it (or after 60 s, the bound)."""
    env = {"HOME": str(home), "PATH": f"{SCRIPT.parent}{os.pathsep}/usr/bin:/bin", "TERM": "dumb"}
    env.update({k: v for k, v in clean_environ().items() if k.startswith("FITPARTNERS_")})
    pid, fd = pty.fork()
    if pid == 0:  # the child: the shell
        os.execvpe(argv[0], argv, env)
    screen = b""
    deadline = time.monotonic() + 60

    try:
        screen = read_until(fd, screen, lambda s: b"READY> " in s, deadline)
        start = len(screen)
        os.write(fd, typed + b"\t")
        screen = read_until(fd, screen, lambda s: expected in s[start:] or b"\x07" in s[start:], deadline)
        return screen[start:]
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


PROMPTS = {
    "bash": (".bashrc", b"PS1='READY> '\n"),
    "zsh": (".zshrc", b"PS1='READY> '\n"),
    "fish": (".config/fish/config.fish", b"function fish_prompt; echo -n 'READY> '; end\n"),
}


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_real_shell_completes_a_partner_after_the_install(home, shell):
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} installed (.ci/run installs it)")
    rc, prompt = PROMPTS[shell]
    (home / rc).parent.mkdir(parents=True, exist_ok=True)
    (home / rc).write_bytes(prompt)
    r = run("--install-completion", shell)
    assert r.code == 0, r.err
    screen = type_tab([shell, "-i"], home, b"fitpartners show vo", b"show voka ")
    assert b"show voka " in screen, screen


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize("shell", ["bash", "fish"])
def test_the_command_suggested_for_this_shell_pastes_as_it_is(home, shell):
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} installed (.ci/run installs it)")
    r = run("--install-completion", shell)
    command = r.out.rstrip("\n").rsplit("in this one run: ", 1)[1]
    probe = {
        "bash": f"{command} && COMP_WORDS=(fitpartners show vo); COMP_CWORD=2; "
        '_fitpartners_completion fitpartners && printf "%s\\n" "${COMPREPLY[@]}"',
        "fish": f"{command}; and complete -C 'fitpartners show vo'",
    }[shell]
    env = clean_environ(HOME=str(home), PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}")
    argv = [shell, "--norc", "-c", probe] if shell == "bash" else [shell, "--no-config", "-c", probe]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.split("\t")[0].split() == ["voka"]
