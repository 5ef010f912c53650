"""The output wing: one renderer per run; machine formats, plain text, terminal views.

Imports nothing, so that touching one module of the wing loads only that module."""
