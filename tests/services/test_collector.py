"""The collector runs less often while imports run, and as before once the last one ends."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from netweave.services.collector import FIRST, fewer_collections


@pytest.fixture(autouse=True)
def _thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_the_first_threshold_is_raised_and_then_restored() -> None:
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (FIRST, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_overlapping_imports_restore_it_when_the_last_ends() -> None:
    gc.set_threshold(700, 10, 10)
    outer = fewer_collections()
    outer.__enter__()
    with fewer_collections():
        assert gc.get_threshold()[0] == FIRST
    assert gc.get_threshold()[0] == FIRST  # the outer import still runs
    outer.__exit__(None, None, None)
    assert gc.get_threshold() == (700, 10, 10)


def test_an_error_restores_it_too() -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(ValueError, match="a bad row"), fewer_collections():
        raise ValueError("a bad row")
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_or_collection_turned_off_is_left_alone() -> None:
    for thresholds in ((0, 10, 10), (FIRST * 2, 10, 10)):
        gc.set_threshold(*thresholds)
        with fewer_collections():
            assert gc.get_threshold() == thresholds
        assert gc.get_threshold() == thresholds
