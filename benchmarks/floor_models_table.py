"""Start-up floor for table commands: floor_models.py, and a one-row Rich table in place
of the JSON line (the least a terminal view asks: Rich's console and table).

`startup.py` measures every command that draws a table or a card against it.
"""

import gc
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer()


class Format(StrEnum):
    table = "table"
    json = "json"


class Lang(StrEnum):
    en = "en"
    nl = "nl"


@app.command()
def show(
    name: str,
    data: Optional[str] = None,
    fmt: Annotated[Optional[Format], typer.Option("--format")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    jq: Optional[str] = None,
    fields: Optional[str] = None,
    lang: Lang = Lang.en,
    labels: bool = False,
    no_headers: bool = False,
    quiet: bool = False,
) -> None:
    from rich.console import Console
    from rich.table import Table

    from fitpartners.dataset import models

    bundled = Path(models.__file__).parents[1] / "data" / "partners.json"
    dataset = models.Dataset.model_validate_json(bundled.read_bytes())
    partner = next(p for p in dataset.partners if p.name == name)
    table = Table()
    table.add_column("name")
    table.add_row(partner.name)
    Console().print(table)


if __name__ == "__main__":
    # As fitpartners does: no Pydantic plugins (entry.py).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
        app()
    finally:
        gc.freeze()
