"""The console script's entry point: the process-level concerns, in one place.

- Ctrl-C: the handler (interrupts.py) is installed before Typer, Rich or Pydantic is
  imported, so that from the moment our code runs an interrupt ends the run with one line
  and exit code 130, never a traceback; inside libjq and pydantic-core, which hold the
  interpreter, by the system's default (a shell reports 130). It leaves at once without
  flushing stdout, so nothing half-written is added after the interrupt.
- The garbage collector: a run is short, and the objects it makes (the dataset's models,
  the records it prints) live until it ends and form few cycles, which reference
  counting frees anyway. The cyclic collector would only scan them again and again as
  they grow, and once more at exit; it is off for the run and the survivors are frozen
  before exit. docs/performance.md has the figures.
- Pydantic plugins: Pydantic looks for plugins in the entry points of every installed
  distribution when it builds its first validator, for plugins that have nothing to observe
  in a run; they are off, as Typer has them for its own validators. A value the user set
  is kept.
- stdout at exit: a reader that went away (`| head -1`) gets no error at exit.
- A TAB (`_FITPARTNERS_COMPLETE=complete_*`): answered by cli/complete.py's short path
  before the app is imported, when it can; else the full path, as any run.
"""

import contextlib
import gc
import os
import sys

from ..errors import install_ctrl_c


def main() -> None:
    install_ctrl_c()
    if os.environ.get("_FITPARTNERS_COMPLETE", "").startswith("complete_"):
        # Door: the short path of shell completion (cli/complete.py and its generated table),
        # before Typer and the models: a TAB answered in a fraction of a run's start.
        from .complete import answer

        answered = answer()
        if answered is not None:
            _leave(answered)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    # Door: the app imports Typer, Pydantic and the dataset's models; the handler comes first.
    from .app import run

    gc.disable()
    code = run(sys.argv[1:])
    gc.freeze()
    _leave(code)


def _leave(code: int) -> None:
    """Flush stdout, leave it to a reader that went away, and exit with `code`."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass
    except OSError as exc:  # what was left to write, refused (a full disk)
        if not code:
            os.write(2, f"fitpartners: cannot write to stdout: {exc.strerror or exc}\n".encode())
            code = 1
    # Leave stdout to a reader that went away: no error at interpreter exit.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
