"""How the help names each value: every argument in upper case, no option as ``<str>``."""

from __future__ import annotations

from typing import Any

#: The name of an option's text value, by option (a text option not here shows ``TEXT``,
#: as ``--note TEXT`` does).
_OPTION_VALUES = {
    "--email": "EMAIL", "--remove-email": "EMAIL", "--phone": "NUMBER",
    "--remove-phone": "NUMBER", "--remove-tag": "TAG", "--url": "URL", "--domain": "DOMAIN",
    "--format": "FORMAT", "--role": "ROLE", "--org": "ORG", "--name": "NAME", "--by": "NAME",
    "--source": "SOURCE", "--stage": "STAGE", "--kind": "KIND", "--method": "METHOD",
    "--ask": "KIND", "--place": "PLACE", "--location": "PLACE", "--focus": "TOPIC",
}  # fmt: skip


def name_values(command: Any) -> None:
    """Give every parameter of ``command`` (and of its sub-commands) a metavar in the one
    style of the help: an argument's own name in upper case (``{NAME}``, ``[NAME]``,
    ``NAME...``), a text option's value a word in upper case (``--place PLACE``), where
    Typer would show ``name`` and ``<str>``. A metavar a parameter names stays."""
    for param in command.params:
        if param.metavar is not None:
            continue
        if param.param_type_name == "argument":
            param.metavar = (param.name or "").upper() + ("..." if param.nargs != 1 else "")
        elif not getattr(param, "is_flag", False) and param.type.name in {"text", "str"}:
            param.metavar = _OPTION_VALUES.get(param.opts[0], "TEXT")
    for sub in getattr(command, "commands", {}).values():
        name_values(sub)
