"""Run the command line with ``python -m netweave``."""

from netweave.cli.app import main

main()
