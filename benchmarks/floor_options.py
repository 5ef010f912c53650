"""Start-up floor with the options of `fitpartners list`: Python + Typer, one command that
declares the same 15 parameters (the same kinds: three repeatable filters, five flags,
five optional strings, two choices) and prints one JSON line.

Typer builds a Pydantic adapter for each parameter of the command it runs, so this is
what Typer alone costs a command with as many options as ours.
"""

import gc
import json
import sys
from enum import StrEnum
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
def main(
    type_: Annotated[list[str], typer.Option("--type")] = [],  # noqa: B006
    domain: Annotated[list[str], typer.Option("--domain")] = [],  # noqa: B006
    country: Annotated[list[str], typer.Option("--country")] = [],  # noqa: B006
    all_sectors: bool = False,
    sort: str = "number",
    period: Optional[str] = None,
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
    sys.stdout.write(json.dumps({"name": "Voka", "json": as_json}) + "\n")


if __name__ == "__main__":
    try:
        app()
    finally:
        # As fitpartners does at exit: the last collection need not scan what is alive.
        gc.freeze()
