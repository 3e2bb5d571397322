"""The rules engine: records, rules, and what they add up to. No I/O, no Textual.

The modules that define records (typing.NamedTuple) do not use `from __future__ import
annotations`: with it, every field's type is a string that typing compiles when the class
is made, ~0.3M instructions per record type, ~9M of the app's start-up in all.
tests/domain/test_record_types.py keeps it that way.
"""
