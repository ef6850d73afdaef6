"""The command line: parses arguments, calls a service, renders the result."""
