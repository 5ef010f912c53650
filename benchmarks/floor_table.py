"""Start-up floor for table output: Python + Typer + Rich, printing a one-row table."""

import gc

import typer
from rich.console import Console
from rich.table import Table

# Typer's defaults, shell completion included, as any Typer app has them.
app = typer.Typer()


@app.command()
def main(name: str = "Voka") -> None:
    table = Table()
    table.add_column("name")
    table.add_row(name)
    Console().print(table)


if __name__ == "__main__":
    try:
        app()
    finally:
        # As fitpartners does at exit: the last collection need not scan what is alive.
        gc.freeze()
