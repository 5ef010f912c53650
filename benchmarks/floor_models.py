"""Reference, not a floor: the least the design asks of `show Voka --json`.

Python + Typer with the ten parameters of `show`, the dataset's Pydantic models (every
record a model instance, the schema defined once), their validation of the bundled file
and one partner's JSON. None of fitpartners' own work: no cross-record rules, no sources
resolved, no status, no name resolution. What this costs beyond the JSON floor is the
part of the start-up budget that the design's models take before any of our code runs.
"""

import gc
import os
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
    from fitpartners.loader import bundled_path
    from fitpartners.models import Dataset

    dataset = Dataset.model_validate_json(bundled_path().read_bytes())
    partner = next(p for p in dataset.partners if p.name == name)
    sys.stdout.write(partner.model_dump_json() + "\n")


if __name__ == "__main__":
    # As fitpartners does: no pydantic plugins, and no scan of live objects at exit.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
        app()
    finally:
        gc.freeze()
