"""An organization's key keeps the marks that make letters of their own from now on:
Japanese ガ is not カ (nor パ バ), Cyrillic Й is not И, and the vowel signs of Hindi or Thai
are part of their words, not punctuation. Names told apart only by such a mark were one
organization's key before ("ガス株式会社" and "カス株式会社"): the people at each were put at
one employer. The keys already stored follow (``normalized_name`` of organizations and
communities), as this version of netweave reads them (``normalize_org``); the rule before is
frozen here. Only names that are not plain ASCII can change, so SQL picks those out first.

Organizations merged by the old key stay one row: which people meant which cannot be told
now. A downgrade gives each row the key the rule before made. The schema does not change.

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

from netweave.logic.normalize import clean, fold, legacy_org_key, normalize_org
from netweave.store.migrations.rekey import rekey

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _before(name: str) -> str:
    """The key of revision 0016: accents and every other mark folded away, and the letters'
    marks that are no \\w taken as punctuation."""
    return legacy_org_key(fold(clean(name)))


def upgrade() -> None:
    conn = op.get_bind()
    for table in ("organization", "community"):
        rekey(conn, table, _before, normalize_org)


def downgrade() -> None:
    conn = op.get_bind()
    for table in ("organization", "community"):
        rekey(conn, table, normalize_org, _before)
