"""The search wing: the words people type (filters, countries, vocabulary) and the ranking.

Imports nothing, so that touching one module of the wing loads only that module."""
