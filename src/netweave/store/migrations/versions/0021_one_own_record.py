"""A database holds one record of the user (``person.is_me``). Revision 0014 made a second
one when a LinkedIn Profile.csv was imported into a network that had one already; a
backup of such a database could not be restored. Each later record of the user is folded
into the first (the lowest id), as an import of the Profile.csv fills the user's record
now: what the first lacks the later one fills (a profile field left empty, the notes,
each address, job, school, source, conversation, tag and event), and what it said
otherwise (another name, another location) is kept as a line of the notes. The rules are
those of ``netweave.store.migrations.own_records``, frozen there.

A downgrade leaves the one record as it is: the schema does not change.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

from netweave.store.migrations.own_records import fold_into, own_records

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    mine = own_records(conn)
    for other in mine[1:]:
        fold_into(conn, mine[0], other)


def downgrade() -> None:
    """Nothing to take back: the records folded into one stay one."""
