"""The dataset wing: the schema (models), reading a file (loader), the cross-record rules.

Imports nothing, so that touching one module of the wing loads only that module."""
