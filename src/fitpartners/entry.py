"""The console script's entry point: Ctrl-C handling first, then the heavy imports.

Installed before Typer, Rich or Pydantic is imported, so that an interrupt at any moment
ends the run with one line and exit code 130, never a traceback. The process leaves at
once without flushing stdout, so nothing half-written is added after the interrupt.
"""

# The C module, not `signal`: that one imports enum first, and every millisecond before
# the handler is in place is one in which Ctrl-C ends Python with a traceback.
import _signal  # type: ignore[import-not-found]
import os
import sys


def _interrupted(signum: int, frame: object) -> None:
    try:
        os.write(2, b"fitpartners: interrupted\n")
    finally:
        os._exit(130)


def main() -> None:
    _signal.signal(_signal.SIGINT, _interrupted)
    # Pydantic looks for plugins, in the entry points of every installed distribution,
    # when it builds its first validator: 1.3 ms (time.perf_counter around
    # pydantic.plugin._loader.get_plugins after Typer had run a command, median of 25
    # processes, wheel install), for plugins that have nothing to observe in a run. Typer
    # switches them off the same way for the validators it builds (typer/_adapters.py).
    # A value the user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    import contextlib
    import gc

    from .cli import run

    code = run(sys.argv[1:])
    # Python collects garbage once more as it exits, scanning every object still alive
    # (the libraries' modules and classes) for cycles it would not free anyway: freezing
    # them skips that scan. `show Voka --json` on a wheel install: 189.7 ms without, 145.3
    # ms with (median of 25 alternating runs, time.perf_counter around subprocess.run).
    gc.freeze()
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass
    except OSError:
        code = code or 1
    # Leave stdout to a reader that went away: no error at interpreter exit.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
