"""Take the network away from a query process, so no query can reach any host.

pyoxigraph follows ``SERVICE <url>`` and ``LOAD <url>`` by itself. A text check can refuse
them (:mod:`kg.web.guard`), but a check that reads the query differently from the parser
can be bypassed; a process without a network cannot be. So each query process, before it
opens the store or starts a thread, moves into a network namespace of its own
(``unshare(CLONE_NEWNET)``, Linux): it has only a loopback interface that is down, and
every connection fails at once, 127.0.0.1 included.

Creating a network namespace needs ``CAP_SYS_ADMIN``: root has it; an ordinary user gets it
inside a new user namespace (``CLONE_NEWUSER``), where the kernel allows unprivileged user
namespaces. Where neither works (another OS, a container that forbids both), the process
runs with the network and only the text check stands between queries and the network; the
server logs a warning saying so once per query process.
"""

from __future__ import annotations

import ctypes
import os

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000

NAMESPACE = "network namespace"
USER_NAMESPACE = "user and network namespace"


def _unshare(flags: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(flags) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def _map_self(uid: int, gid: int) -> None:
    """Keep our own ids inside the new user namespace (files stay readable as before)."""
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as f:
        f.write(f"{gid} {gid} 1")


def isolate_network() -> str:
    """Leave the network; return how (``NAMESPACE``, ``USER_NAMESPACE``) or ``none: <reason>``.

    Must run while the process has a single thread (the kernel refuses a user namespace
    otherwise).
    """
    try:
        _unshare(CLONE_NEWNET)
        return NAMESPACE
    except (OSError, AttributeError) as exc:
        first = exc
    uid, gid = os.getuid(), os.getgid()
    try:
        _unshare(CLONE_NEWUSER | CLONE_NEWNET)
        _map_self(uid, gid)
        return USER_NAMESPACE
    except (OSError, AttributeError) as exc:
        return f"none: no network namespace ({first}) and no user namespace ({exc})"
