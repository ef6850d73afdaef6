"""Deterministic synthetic networks for the demo, tests and benchmarks."""

from netweave.demo.build import build_demo

__all__ = ["build_demo"]
