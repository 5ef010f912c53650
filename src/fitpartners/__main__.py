"""`python -m fitpartners`."""

from .entry import main

main()
