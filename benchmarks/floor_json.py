"""Start-up floor for JSON output: Python + Typer, one command printing one JSON line."""

import gc
import json
import sys

import typer

# Typer's defaults, shell completion included, as any Typer app has them.
app = typer.Typer()


@app.command()
def main(name: str = "Voka") -> None:
    sys.stdout.write(json.dumps({"name": name}) + "\n")


if __name__ == "__main__":
    try:
        app()
    finally:
        # As fitpartners does at exit: the last collection need not scan what is alive.
        gc.freeze()
