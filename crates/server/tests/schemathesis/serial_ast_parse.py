"""Loaded by schemathesis (SCHEMATHESIS_HOOKS) before it runs: one `ast.parse` at a time.

CPython 3.11 counts the depth of the tree it converts in state all threads share, which two
threads parsing at once corrupt (python/cpython issue 106905). With two workers, hypothesis describes filters by parsing their source
in both threads at once, and the parser then fails with "AST constructor recursion depth
mismatch": the tool's own crash, which ended whole runs. Parsing serially removes the race;
it costs nothing measurable, as descriptions are parsed once and cached.
"""

import ast
import threading

_parse = ast.parse
_one_at_a_time = threading.Lock()


def _serial_parse(*args, **kwargs):
    with _one_at_a_time:
        return _parse(*args, **kwargs)


ast.parse = _serial_parse
