"""The command-line wing: the entry point, the app and its commands, the shared options.

Imports nothing, so that touching one module of the wing loads only that module."""
