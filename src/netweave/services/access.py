"""Access to the web app: the password, stored argon2-hashed as a setting."""

from __future__ import annotations

from sqlalchemy import select

from netweave.errors import InvalidInput
from netweave.services.context import Context
from netweave.store.models import Setting

PASSWORD_KEY = "web.password_hash"
MIN_PASSWORD_LENGTH = 8


def _stored_hash(ctx: Context) -> str | None:
    with ctx.db.reading() as session:
        row = session.scalars(select(Setting).where(Setting.key == PASSWORD_KEY)).first()
        value = row.value.get("value") if row is not None else None
    return value if isinstance(value, str) else None


def has_password(ctx: Context) -> bool:
    """Whether a web password has been set (``netweave serve --set-password``)."""
    return _stored_hash(ctx) is not None


def set_password(ctx: Context, password: str) -> None:
    """Store the argon2 hash of a new web password (never the password itself)."""
    from argon2 import PasswordHasher

    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    digest = PasswordHasher().hash(password)
    with ctx.db.transaction() as session:
        row = session.scalars(select(Setting).where(Setting.key == PASSWORD_KEY)).first()
        if row is None:
            session.add(Setting(key=PASSWORD_KEY, value={"value": digest}))
        else:
            row.value = {"value": digest}


def check_password(ctx: Context, password: str) -> bool:
    """Whether ``password`` matches the stored hash (``False`` when none is set)."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    digest = _stored_hash(ctx)
    if digest is None:
        return False
    try:
        return PasswordHasher().verify(digest, password)
    except (VerificationError, InvalidHashError):
        return False
