"""Accounts: ``users`` (a name, a role, an argon2 password hash), ``api_tokens`` (hashed, with expiry and
revocation), ``sessions`` (browser logins: a hashed key, the forms' CSRF token, an expiry) and
``write_log`` (who wrote what through the server, and when).

Frozen literal DDL, as ``metadata.create_all`` emitted it for these tables when released.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

DIALECT = {"sqlite": {"serial": "INTEGER"}, "postgresql": {"serial": "SERIAL"}}

DDL = """
CREATE TABLE users (
    id {serial} NOT NULL,
    name VARCHAR(200) NOT NULL,
    role VARCHAR(16) NOT NULL,
    password_hash TEXT NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_users_name UNIQUE (name)
);
CREATE TABLE api_tokens (
    id {serial} NOT NULL,
    public_id VARCHAR(32) NOT NULL,
    user_id INTEGER NOT NULL,
    secret_hash TEXT NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    expires_at VARCHAR(40),
    revoked_at VARCHAR(40),
    PRIMARY KEY (id),
    CONSTRAINT uq_api_tokens_public_id UNIQUE (public_id),
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);
CREATE TABLE sessions (
    key_hash VARCHAR(64) NOT NULL,
    user_id INTEGER NOT NULL,
    csrf VARCHAR(64) NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    expires_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (key_hash),
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX ix_sessions_user ON sessions (user_id);
CREATE TABLE write_log (
    id {serial} NOT NULL,
    created_at VARCHAR(40) NOT NULL,
    author TEXT NOT NULL,
    action VARCHAR(32) NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (id)
);
"""


def apply(conn: Connection) -> None:
    for statement in DDL.format(**DIALECT[conn.dialect.name]).split(";"):
        if statement.strip():
            conn.execute(text(statement))
