"""Start-up floor for JSON commands: what the design asks of `show Voka --json` before any
of fitpartners' own work.

Python + Typer with the parameters of `show` (NAME and the shared options), the dataset's
Pydantic models (every record a model instance, the schema defined once), their validation
of the bundled file and one partner's JSON. Of fitpartners it imports only `models` (and
`labels`, which models imports): no cross-record rules, no sources resolved, no status, no
name resolution, no output policy. `startup.py` measures every JSON command against it.
"""

import gc
import os
import sys
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
    from fitpartners.dataset import models

    # The file inside the installed package, found without fitpartners' loader.
    bundled = Path(models.__file__).parents[1] / "data" / "partners.json"
    dataset = models.Dataset.model_validate_json(bundled.read_bytes())
    partner = next(p for p in dataset.partners if p.name == name)
    sys.stdout.write(partner.model_dump_json() + "\n")


if __name__ == "__main__":
    # As fitpartners does: no Pydantic plugins (entry.py).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    try:
        app()
    finally:
        # As fitpartners does at exit: the last collection need not scan what is alive.
        gc.freeze()
