"""The ``netweave`` command: global options, error handling, and the command groups."""

import datetime as dt
import gc
import re
import signal
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from netweave import __version__
from netweave.cli import export, misc, outreach, serve
from netweave.cli.output import aside, error, tolerate_encodings
from netweave.cli.state import State, state
from netweave.cli.stopping import (
    INTERRUPTED,
    NOTHING_SAVED,
    ended,
    exit_status,
    forget_unhandled_interrupt,
    stop,
    stopped_line,
    unraisable,
)
from netweave.cli.suggest import with_suggestion
from netweave.errors import NetweaveError
from netweave.logic.parse import DATE_RANGE

#: Command groups, each loaded only when its name is on the command line (or for --help):
#: building every group's options on each start would cost more than the work of most
#: commands. name → (module, attribute holding its Typer app).
GROUPS = {
    "people": ("netweave.cli.people", "app"),
    "orgs": ("netweave.cli.orgs", "app"),
    "events": ("netweave.cli.events", "app"),
    "tasks": ("netweave.cli.events", "tasks_app"),
    "campaign": ("netweave.cli.campaigns", "campaign_app"),
    "goals": ("netweave.cli.campaigns", "goals_app"),
    "import": ("netweave.cli.imports", "app"),
    "export": ("netweave.cli.export", "app"),
    "config": ("netweave.cli.config", "app"),
    "tags": ("netweave.cli.config", "tags_app"),
    "db": ("netweave.cli.db", "app"),
    "targets": ("netweave.cli.jobs", "targets_app"),
    "leads": ("netweave.cli.jobs", "leads_app"),
    "knows": ("netweave.cli.knows", "app"),
    "intros": ("netweave.cli.intros", "app"),
    "graph": ("netweave.cli.graph", "app"),
    "conversations": ("netweave.cli.conversations", "app"),
    "asks": ("netweave.cli.asks", "app"),
}


#: Long enough for any command's first sentence in the list of commands.
_WHOLE_SENTENCE = 1000


class NetweaveGroup(TyperGroup):
    """Loads command groups on demand; turns every netweave error into one line on stderr."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted({*super().list_commands(ctx), *GROUPS})

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in GROUPS and cmd_name not in self.commands:
            import importlib

            from typer.main import get_group

            module, attribute = GROUPS[cmd_name]
            sub = getattr(importlib.import_module(module), attribute)
            sub.rich_markup_mode = None  # plain help, as the top level's
            group = get_group(sub)
            group.name = cmd_name
            self.add_command(group, cmd_name)
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            from netweave.cli.metavars import name_values

            name_values(command)
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The list of commands, each with the whole first sentence of its help, wrapped
        (Click would cut it off at the width left beside the names, "…")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=_WHOLE_SENTENCE)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(
        self, args: Sequence[str] | None = None, prog_name: str | None = None,
        complete_var: str | None = None, standalone_mode: bool = True,
        windows_expand_args: bool = True, **extra: Any,
    ) -> Any:  # fmt: skip
        """Run the command; a usage error (an unknown option, a missing argument, a value
        out of range) is one ``netweave: error:`` line and exit 2, as every other error."""
        run = {"args": args, "prog_name": prog_name, "complete_var": complete_var,
               "windows_expand_args": windows_expand_args, **extra}  # fmt: skip
        if not standalone_mode:
            return super().main(standalone_mode=False, **run)
        import sys

        try:
            code = super().main(standalone_mode=False, **run)
        except _CLICK["ClickException"] as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                exc.show()  # a group named alone: its help, as --help prints it
            elif (where := _global_option(exc)) is not None:
                error(where)
            elif isinstance(exc, _CLICK["UsageError"]) and exc.ctx is not None:
                message = _plain(exc.format_message())
                if hasattr(exc.ctx.command, "list_commands"):  # every command of the group,
                    # those of groups not loaded yet too
                    names = exc.ctx.command.list_commands(exc.ctx)
                    message = with_suggestion(message, names)
                message = message.rstrip(".")
                error(f"{message} (see '{exc.ctx.command_path} --help')")
            else:
                error(_plain(exc.format_message()))
            sys.exit(exc.exit_code)
        except typer.Abort:  # "n" at a confirmation: the user's choice, not an error, but
            # nothing was done (exit 1, as for a refusal)
            aside("Stopped; nothing was changed.")
            sys.exit(1)
        if code == INTERRUPTED and not self.stop_said:  # before the command began
            error(NOTHING_SAVED)
        sys.exit(code if isinstance(code, int) else 0)
        return None  # not reached: sys.exit raises

    #: Whether the line of an interrupted command was said (by ``invoke``).
    stop_said = False

    def invoke(self, ctx: Any) -> Any:
        """Run the command; Ctrl-C or a SIGTERM says what of its work was saved."""
        from netweave.store.ledger import Ledger, keeping

        with keeping(Ledger()) as ledger:
            try:
                return self._invoke(ctx)
            except KeyboardInterrupt as exc:  # a Terminated, too
                self.stop_said = True
                error(stopped_line(ledger))
                forget_unhandled_interrupt()
                raise typer.Exit(exit_status(exc)) from None
            finally:
                ended()

    def _invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NetweaveError as exc:
            _discard_new_database(ctx)
            if _debug(ctx):
                raise
            for line in exc.lines():
                error(line)
            raise typer.Exit(exc.exit_code) from None
        except Exception as exc:
            from sqlalchemy.exc import SQLAlchemyError

            if _debug(ctx) or not isinstance(exc, SQLAlchemyError):
                raise
            hint = "run with --debug for details"
            where = ctx.obj.where() if isinstance(ctx.obj, State) else None
            _discard_new_database(ctx)
            if "database is locked" in str(exc):
                hint = "another command is writing to it: run this one again once it is done"
            elif _FOREIGN.search(str(exc)):  # a record it names went while it wrote
                hint = "a record this command names was removed by another command at the "
                hint += "same time (an undo, a merge): nothing was saved; look it up again"
            elif _UNIQUE.search(str(exc)):  # records are checked before they are written
                hint = "another command may have written the same records at the same time; "
                hint += "what this one was writing was not saved: run it again"
            place = f" in {where}" if where else ""
            if "database or disk is full" in str(exc):
                error(f"no space left on the disk of {where or 'the database'}: nothing was "
                      "saved; free some space and run the command again")  # fmt: skip
                raise typer.Exit(1) from None
            error(f"database error{place}: {_first_line(exc)} ({hint})")
            raise typer.Exit(1) from None
        finally:
            if isinstance(ctx.obj, State):
                ctx.obj.close()


#: Click's exception classes, as the installed Typer raises them (it may carry its own Click).
_CLICK: dict[str, Any] = {cls.__name__: cls for cls in typer.BadParameter.__mro__}


#: Click's words for a number out of place, and the plain ones said instead.
_CLICK_WORDS = (
    (re.compile(r"is not a valid (?:int|integer)(?: range)?"), "is not a whole number"),
    (re.compile(r"is not a valid float(?: range)?"), "is not a number"),
    (re.compile(r"is not in the range (-?[\d.]+)<=x<=(-?[\d.]+)"), r"is not from \1 to \2"),
    (re.compile(r"is not in the range x>=(-?[\d.]+)"), r"is less than \1"),
)


def _plain(message: str) -> str:
    """A usage error's message in netweave's words rather than Click's."""
    for pattern, words in _CLICK_WORDS:
        message = pattern.sub(words, message)
    return message


#: The options of ``netweave`` itself, given before any command.
GLOBAL_OPTIONS = ("--db", "--as-of", "--debug")


def _global_option(exc: Exception) -> str | None:
    """The message for a global option given after the command (``today --as-of DAY``)."""
    name = getattr(exc, "option_name", None)
    if type(exc).__name__ != "NoSuchOption" or name not in GLOBAL_OPTIONS:
        return None
    value = " DAY" if name == "--as-of" else " PATH" if name == "--db" else ""
    ctx = getattr(exc, "ctx", None)
    root = ctx.find_root().command_path if ctx is not None else "netweave"
    command = ctx.command_path[len(root) :].strip() if ctx is not None else "COMMAND"
    return f"{name} goes before the command: {root} {name}{value} {command} …"


def _discard_new_database(ctx: Any) -> None:
    """A command that failed leaves no database it made behind (a mistyped ``--db``)."""
    if isinstance(ctx.obj, State):
        ctx.obj.discard_new_database()


def _debug(ctx: Any) -> bool:
    return isinstance(ctx.obj, State) and ctx.obj.debug


#: A unique key that failed (SQLite's wording, PostgreSQL's).
_UNIQUE = re.compile(r"UNIQUE constraint failed|duplicate key value violates unique constraint")
#: A database's words for a row naming one another command removed meanwhile.
_FOREIGN = re.compile(r"FOREIGN KEY constraint failed|violates foreign key constraint")


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


app = typer.Typer(
    cls=NetweaveGroup,
    name="netweave",
    help="Keep your professional network woven: people, conversations, introductions, job search.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netweave {__version__}")
        raise typer.Exit()


#: The days ``--as-of`` accepts: those of every date a user types.
AS_OF_RANGE = DATE_RANGE


def _as_of(value: str | None) -> dt.date | None:
    """The day ``--as-of`` names, read as every date option is (the same words for a date
    that is not one); a usage error, as the command has not begun."""
    if value is None:
        return None
    from netweave.errors import InvalidInput
    from netweave.logic.parse import parse_date

    try:
        # Due dates are computed years ahead of "today": near the calendar's end they
        # overflow, so --as-of keeps to AS_OF_RANGE (that of every date typed).
        return parse_date(value, "--as-of")
    except InvalidInput as exc:
        words = str(exc).removeprefix("--as-of").removeprefix(":").strip()
        raise typer.BadParameter(words, param_hint="'--as-of'") from None


#: What ``--db`` says of itself.
DB_HELP = (
    "SQLite file or SQLAlchemy URL [env: NETWEAVE_DB]. A new file is made by a command that "
    "writes (people add, import, demo, restore, db upgrade); one that only reads refuses a "
    "file that is not there."
)


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH|URL",
            help=DB_HELP,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Pretend today is this date."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Keep your professional network woven: people, conversations, introductions, job search."""
    current = state(ctx)
    current.db = db
    current.as_of = _as_of(as_of)
    current.debug = debug


app.command("restore")(export.restore_command)
outreach.register(app)
misc.register(app)
app.command("serve")(serve.serve)


def main() -> None:
    """Console-script entry point."""
    # The objects made by importing live as long as the process: the collector need not
    # walk them again and again while a short command runs.
    gc.freeze()
    tolerate_encodings()
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not when ignored
        signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)  # stopped as Ctrl-C stops it (serve: uvicorn's)
    import sys

    sys.unraisablehook = unraisable  # an interrupt a finalizer swallowed: raised again
    app()
