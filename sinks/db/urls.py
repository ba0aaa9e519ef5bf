"""Database URLs as the command line takes them: checked and redacted with the standard library
alone, so that a bad `--db` is refused before any work starts (SQLAlchemy loads later)."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

# backend -> the drivers installed for it ("" is the default one)
BACKENDS = {"sqlite": {"", "pysqlite"}, "postgresql": {"", "psycopg"}, "postgres": {""}}
_SECRET_KEY = re.compile(r"pass|secret|token", re.I)  # query parameters that carry credentials
HIDDEN = "***"


def check(url: str) -> None:
    """Raise ValueError saying what is wrong with a URL no sink can open; a plain path (SQLite) passes."""
    if "://" not in url:
        return
    scheme = url.partition("://")[0]
    backend, _, driver = scheme.lower().partition("+")
    if backend not in BACKENDS:
        raise ValueError(f"{redact(url)}: unknown database {scheme!r}; "
                         "give a SQLite path or a postgresql://user@host/dbname URL")
    if driver not in BACKENDS[backend]:
        raise ValueError(f"{redact(url)}: driver {driver!r} is not installed; write {backend}://...")
    try:
        urlsplit(url).port  # a port that is not a number raises here
    except ValueError as exc:
        raise ValueError(f"{redact(url)}: {exc}") from None


def redact(url: str) -> str:
    """The URL with its password, and any query parameter that carries a credential, hidden.

    Still names the database (backend, user, host, port, database), so it can stand for it in
    the files a run keeps (which database a file was loaded into) without holding a secret.
    """
    if "://" not in url:
        return url
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            userinfo, _, host = netloc.rpartition("@")
            netloc = f"{userinfo.partition(':')[0]}:{HIDDEN}@{host}"
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        secret = any(_SECRET_KEY.search(k) for k, _ in pairs)
    except ValueError:  # unparseable: keep no more than the scheme
        return url.partition("://")[0] + f"://{HIDDEN}"
    if netloc == parts.netloc and not secret:
        return url
    query = urlencode([(k, HIDDEN if _SECRET_KEY.search(k) else v) for k, v in pairs], safe="*/")
    return (f"{url.partition('://')[0]}://{netloc}{parts.path}" + (f"?{query}" if query else "")
            + (f"#{parts.fragment}" if parts.fragment else ""))
