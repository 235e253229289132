"""Accounts of a team server: users with a role, API tokens, browser sessions, and the write log.

Passwords and API tokens are stored only as argon2id hashes (argon2-cffi, its default parameters);
a token is shown once, when it is made.  A token reads ``otr_<public id>_<secret>``: the public id
finds its row without trying every hash, and is what ``token list`` shows and ``token revoke`` takes.
Session cookies are random 256-bit keys stored as SHA-256 (they are looked up on every request; a
random key has no dictionary to guess from, so a slow hash would buy nothing there).

Functions take a connection, so the caller chooses the transaction; :func:`account_writes` gives
one that may write these tables even on a store opened read-only (a read-only server still records
who logged in).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..errors import AccountError, NotFoundError, StoreError
from . import schema

#: Roles, least first: each may do what the ones before it may.
ROLES = ("reader", "editor", "admin")
#: The shortest password accepted (NIST SP 800-63B's floor).
MIN_PASSWORD = 8
#: How long a token lives unless told otherwise (``token create --expires``).
DEFAULT_TOKEN_DAYS = 90
#: How long a browser session lives after logging in.
SESSION_HOURS = 12
TOKEN_PREFIX = "otr"
MAX_NAME = 200
#: A user name: letters, digits and ``_ . @ + -``, spaces inside (the API's schema says the same).
USER_NAME = r"^[\w.@+-](?:[\w .@+-]{0,198}[\w.@+-])?$"


def now_iso(now: dt.datetime | None = None) -> str:
    """UTC time as the account tables store it (fixed width, so strings compare as times)."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def default_hasher() -> PasswordHasher:
    """argon2id with argon2-cffi's default (RFC 9106 low-memory) parameters."""
    return PasswordHasher()


@dataclass(frozen=True)
class Account:
    """A user as the server sees one: who, and what they may do."""

    id: int
    name: str
    role: str
    created_at: str

    def can(self, role: str) -> bool:
        """Whether this account has ``role``'s rights (an admin is also an editor and a reader)."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "created_at": self.created_at}


@dataclass(frozen=True)
class TokenRecord:
    """An API token as listed: never its secret, which is not stored."""

    id: str
    user: str
    created_at: str
    expires_at: str | None
    revoked_at: str | None

    def state(self, at: str | None = None) -> str:
        at = at or now_iso()
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires_at is not None and self.expires_at <= at else "active"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "user": self.user, "created_at": self.created_at, "expires_at": self.expires_at,
                "revoked_at": self.revoked_at, "state": self.state()}


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``token`` is the only copy of its secret."""

    token: str
    record: TokenRecord


@dataclass(frozen=True)
class Session:
    """A browser login: ``key`` is the cookie's value, ``csrf`` the token its forms carry."""

    key: str
    csrf: str
    account: Account
    expires_at: str


# -- users ---------------------------------------------------------------------------------------------------

def check_name(name: str) -> str:
    """A user name as :data:`USER_NAME` says.  Raises AccountError."""
    if not re.fullmatch(USER_NAME.strip("^$"), name):
        raise AccountError(f"{name!r}: a user name is 1-{MAX_NAME} letters, digits, spaces (not at either end) "
                           "and _ . @ + -")
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"{role!r}: the role is one of {', '.join(ROLES)}")
    return role


def _account(row: Any) -> Account:
    return Account(int(row.id), row.name, row.role, row.created_at)


def add_user(conn: Connection, name: str, role: str, password: str, hasher: PasswordHasher | None = None) -> Account:
    """A new user.  Raises AccountError for a bad name, role or password, or a name already taken."""
    check_name(name)
    check_role(role)
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"{name}: the password is shorter than {MIN_PASSWORD} characters")
    if conn.execute(select(schema.users.c.id).where(schema.users.c.name == name)).first() is not None:
        raise AccountError(f"{name}: there is already a user of that name")
    created = now_iso()
    digest = (hasher or default_hasher()).hash(password)
    uid = conn.execute(insert(schema.users).values(name=name, role=role, password_hash=digest, created_at=created)
                       .returning(schema.users.c.id)).scalar_one()
    return Account(int(uid), name, role, created)


def get_user(conn: Connection, name: str) -> Account:
    row = conn.execute(select(schema.users).where(schema.users.c.name == name)).first()
    if row is None:
        raise NotFoundError(f"{name}: no user of that name (see `ontherecord user list`)")
    return _account(row)


def list_users(conn: Connection) -> list[Account]:
    return [_account(r) for r in conn.execute(select(schema.users).order_by(schema.users.c.name))]


def has_users(conn: Connection) -> bool:
    return bool(conn.execute(select(func.count()).select_from(schema.users)).scalar_one())


def remove_user(conn: Connection, name: str) -> Account:
    """Remove a user with their tokens and sessions (their name stays in the logs they wrote)."""
    account = get_user(conn, name)
    for table in (schema.api_tokens, schema.sessions):
        conn.execute(delete(table).where(table.c.user_id == account.id))
    conn.execute(delete(schema.users).where(schema.users.c.id == account.id))
    return account


#: Verified against when a login names no user, so an unknown name takes as long as a wrong password.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$+9PZYHsHXiSG0OZezQ9lLA$MDrXzGaruBuBoEKscua+8PwLfECZDrL6P8cA+xoTL2w"


def check_password(conn: Connection, name: str, password: str, hasher: PasswordHasher | None = None) -> Account | None:
    """The account whose name and password these are, else ``None`` (an unknown name costs the same)."""
    row = conn.execute(select(schema.users).where(schema.users.c.name == name)).first()
    if not _verify(hasher, row.password_hash if row is not None else _DUMMY_HASH, password) or row is None:
        return None
    return _account(row)


def _verify(hasher: PasswordHasher | None, digest: str, secret: str) -> bool:
    try:
        return bool((hasher or default_hasher()).verify(digest, secret))
    except (VerificationError, InvalidHashError):
        return False


# -- API tokens ----------------------------------------------------------------------------------------------

def _token_record(row: Any) -> TokenRecord:
    return TokenRecord(row.public_id, row.name, row.created_at, row.expires_at, row.revoked_at)


def _tokens_query() -> Any:
    t, u = schema.api_tokens, schema.users
    return select(t.c.public_id, t.c.created_at, t.c.expires_at, t.c.revoked_at, t.c.secret_hash, u.c.id,
                  u.c.name, u.c.role, u.c.created_at.label("user_created_at")).join(u, u.c.id == t.c.user_id)


def create_token(conn: Connection, name: str, days: float | None = DEFAULT_TOKEN_DAYS,
                 hasher: PasswordHasher | None = None, now: dt.datetime | None = None) -> NewToken:
    """A new token acting as user ``name``, expiring after ``days`` (``None``: never)."""
    account = get_user(conn, name)
    at = now or dt.datetime.now(dt.timezone.utc)
    expires = now_iso(at + dt.timedelta(days=days)) if days is not None else None
    for _ in range(5):  # a clash of 48 random bits is rare; try again rather than fail
        public_id = secrets.token_hex(6)
        token = f"{TOKEN_PREFIX}_{public_id}_{secrets.token_urlsafe(32)}"
        try:
            with conn.begin_nested():
                conn.execute(insert(schema.api_tokens).values(
                    public_id=public_id, user_id=account.id, secret_hash=(hasher or default_hasher()).hash(token),
                    created_at=now_iso(at), expires_at=expires))
        except IntegrityError:
            continue
        return NewToken(token, TokenRecord(public_id, account.name, now_iso(at), expires, None))
    raise AccountError("could not pick a new token id; try again")


def list_tokens(conn: Connection, name: str | None = None) -> list[TokenRecord]:
    query = _tokens_query().order_by(schema.api_tokens.c.id)
    if name is not None:
        query = query.where(schema.users.c.id == get_user(conn, name).id)
    return [_token_record(r) for r in conn.execute(query)]


def revoke_token(conn: Connection, public_id: str) -> TokenRecord:
    """Revoke a token by its id (the first part, as ``token list`` shows it); it stops working at once."""
    public_id = public_id.strip()
    if public_id.startswith(f"{TOKEN_PREFIX}_"):  # the whole token pasted: its id is the second part
        public_id = public_id.split("_")[1]
    row = conn.execute(_tokens_query().where(schema.api_tokens.c.public_id == public_id)).first()
    if row is None:
        raise NotFoundError(f"{public_id}: no token with that id (see `ontherecord token list`)")
    if row.revoked_at is None:
        conn.execute(update(schema.api_tokens).where(schema.api_tokens.c.public_id == public_id)
                     .values(revoked_at=now_iso()))
    return _token_record(conn.execute(_tokens_query().where(schema.api_tokens.c.public_id == public_id)).one())


class VerifiedTokens:
    """Tokens whose hash this process has already verified (SHA-256 of the token -> its id), so a script's
    every request costs one indexed read, not one argon2 verification.  Expiry and revocation are still
    read from the store on every request.  Bounded; owned by one app."""

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self.known: dict[bytes, str] = {}

    def seen(self, token: str, public_id: str) -> bool:
        return self.known.get(hashlib.sha256(token.encode()).digest()) == public_id

    def add(self, token: str, public_id: str) -> None:
        if len(self.known) >= self.size:
            self.known.pop(next(iter(self.known)))
        self.known[hashlib.sha256(token.encode()).digest()] = public_id


def token_account(conn: Connection, token: str, verified: VerifiedTokens | None = None,
                  hasher: PasswordHasher | None = None, at: str | None = None) -> Account | None:
    """The account an unrevoked, unexpired token acts as, else ``None``."""
    parts = token.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or len(token) > 512:
        return None
    row = conn.execute(_tokens_query().where(schema.api_tokens.c.public_id == parts[1])).first()
    if row is None or row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= (at or now_iso())):
        return None
    if not (verified is not None and verified.seen(token, parts[1])):
        if not _verify(hasher, row.secret_hash, token):
            return None
        if verified is not None:
            verified.add(token, parts[1])
    return Account(int(row.id), row.name, row.role, row.user_created_at)


# -- sessions ------------------------------------------------------------------------------------------------

def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start_session(conn: Connection, account: Account, hours: float = SESSION_HOURS) -> Session:
    """A new browser session for ``account`` (and expired sessions forgotten)."""
    at = dt.datetime.now(dt.timezone.utc)
    conn.execute(delete(schema.sessions).where(schema.sessions.c.expires_at <= now_iso(at)))
    key, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires = now_iso(at + dt.timedelta(hours=hours))
    conn.execute(insert(schema.sessions).values(key_hash=_key_hash(key), user_id=account.id, csrf=csrf,
                                                created_at=now_iso(at), expires_at=expires))
    return Session(key, csrf, account, expires)


def session_for(conn: Connection, key: str, at: str | None = None) -> Session | None:
    """The live session whose cookie value is ``key``, else ``None``."""
    if not key or len(key) > 128:
        return None
    s, u = schema.sessions, schema.users
    row = conn.execute(select(s.c.csrf, s.c.expires_at, u.c.id, u.c.name, u.c.role, u.c.created_at)
                       .join(u, u.c.id == s.c.user_id).where(s.c.key_hash == _key_hash(key))).first()
    if row is None or row.expires_at <= (at or now_iso()):
        return None
    return Session(key, row.csrf, _account(row), row.expires_at)


def end_session(conn: Connection, key: str) -> None:
    conn.execute(delete(schema.sessions).where(schema.sessions.c.key_hash == _key_hash(key)))


def same_secret(given: str | None, expected: str | None) -> bool:
    """Constant-time comparison of two secrets (CSRF tokens); nothing matches a missing one."""
    return bool(given and expected) and hmac.compare_digest(str(given).encode(), str(expected).encode())


# -- the write log -------------------------------------------------------------------------------------------

def log_write(conn: Connection, author: str, action: str, target: dict[str, Any]) -> None:
    """Record who wrote what, and when."""
    conn.execute(insert(schema.write_log).values(created_at=now_iso(), author=author, action=action,
                                                 target=json.dumps(target, ensure_ascii=False, sort_keys=True)))


def write_log(conn: Connection, limit: int = 100) -> list[dict[str, Any]]:
    """The latest entries of the write log, newest first."""
    w = schema.write_log
    rows = conn.execute(select(w).order_by(w.c.id.desc()).limit(limit))
    return [{"id": r.id, "created_at": r.created_at, "author": r.author, "action": r.action,
             "target": json.loads(r.target)} for r in rows]


@contextmanager
def account_writes(store: Any) -> Iterator[Connection]:
    """A write transaction on the account tables of ``store``, even one opened read-only: a read-only
    server records logins and logouts, and nothing else.  A database error is one StoreError line."""
    try:
        with store.engine.connect() as conn:
            sqlite = conn.dialect.name == "sqlite"
            was = conn.exec_driver_sql("PRAGMA query_only").scalar() if sqlite else 0
            if was:
                conn.exec_driver_sql("PRAGMA query_only=OFF")
            conn.commit()  # ends the transaction the pragmas began
            try:
                conn.execution_options(store_write=True)
                with conn.begin():
                    if not sqlite:
                        conn.exec_driver_sql("SET TRANSACTION READ WRITE")
                    yield conn
            finally:
                if was:
                    conn.exec_driver_sql("PRAGMA query_only=ON")
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(f"{store.url}: cannot record the login: {' '.join(str(reason).split())[:300]}") from None
