"""fitpartners: query the structural partners of Flanders Investment & Trade (FIT)."""

__version__ = "0.1.0"
