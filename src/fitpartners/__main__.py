"""`python -m fitpartners`."""

from .cli.entry import main

main()
