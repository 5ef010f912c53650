"""Allow ``python -m fitpartners``."""

from fitpartners.cli import main

main()
