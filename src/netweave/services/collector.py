"""Fewer runs of Python's cyclic garbage collector while an import works through a file
(or the duplicate finder through every name).

An import makes millions of small objects, and reference counting frees nearly all of them
at once. But a thousand new people are held at a time (the bulk buffer), so at the
collector's default pace (a run every 700 new objects) they outlive two runs, reach its
oldest generation, and every few thousand rows it walks the whole heap again: about a tenth
of a large import's time, for no garbage. While any import runs, the collector runs every
``FIRST`` new objects instead; the threshold it had comes back when the last one ends
(imports may overlap in the web app's threads).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: New objects between two runs of the collector's youngest generation during an import.
FIRST = 20_000

_lock = threading.Lock()
_running = 0
_saved: tuple[int, ...] = ()


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the collector's first threshold at least ``FIRST``."""
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = gc.get_threshold()
            first, *rest = _saved
            if 0 < first < FIRST:  # 0: collection turned off, and left so
                gc.set_threshold(FIRST, *rest)
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_saved)
