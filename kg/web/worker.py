"""The gunicorn worker of ``kg serve``: gthread, with deadlines for slow clients.

gunicorn's threaded worker gives a connection a thread once its first bytes arrive, and
then waits without limit for the rest of the request and for the client to take the
answer. A dozen connections that send a header line now and then, or that ask for a large
answer and never read it, held every thread (and every query process, whose answer waits
on the socket): the server answered no one until they hung up. Here

* a connection that has sent nothing yet waits in the worker's poller (closed after the
  keep-alive time), not in a thread: gunicorn let each wait 5 s in a thread, so a thousand
  idle connections kept every thread busy for minutes;
* the request line and headers must arrive within :data:`HEAD_SECONDS` of the connection
  having bytes to read; past it the worker's main loop shuts the socket, which wakes the
  thread;
* the body must arrive within :data:`CLIENT_SECONDS` in all (a read past it fails, and
  the app answers 400);
* each write of the answer must be taken by the client within :data:`CLIENT_SECONDS`
  (a socket timeout); otherwise the connection is dropped and its query process freed.
"""

from __future__ import annotations

import socket
import threading
import time

from gunicorn.workers.gthread import _DEFER, ThreadWorker

#: seconds a client has to send the request line and headers
HEAD_SECONDS = 10.0
#: seconds a thread gives a connection that queued past its head's deadline
GRACE_SECONDS = 1.0
#: seconds a client has to send the whole body, and to take each piece of the answer
CLIENT_SECONDS = 30.0


class _TimedBody:
    """The request body (gunicorn's ``Body``), read under one deadline for all of it."""

    def __init__(self, body, sock: socket.socket, deadline: float) -> None:
        self.body = body
        self.sock = sock
        self.deadline = deadline

    def _timed(self, read, *args):
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the request body did not arrive within {CLIENT_SECONDS:g} s")
        self.sock.settimeout(left)
        try:
            return read(*args)
        finally:
            self.sock.settimeout(CLIENT_SECONDS)

    def read(self, size=None):
        return self._timed(self.body.read, size)

    def readline(self, size=None):
        return self._timed(self.body.readline, size)

    def readlines(self, size=None):
        return self._timed(self.body.readlines, size)

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line


class DeadlineWorker(ThreadWorker):
    """gthread with :data:`HEAD_SECONDS` for the head, :data:`CLIENT_SECONDS` for body and writes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._heads: dict = {}  # connection -> when its head must have arrived
        self._heads_lock = threading.Lock()

    def enqueue_req(self, conn):
        conn.ready_at = time.monotonic()  # new, kept-alive or pending connection with bytes to read
        super().enqueue_req(conn)

    def handle(self, conn):
        # the head is due HEAD_SECONDS after the connection queued for a thread, so a crowd
        # of slow connections cannot renew the wait by queueing; one already sent is read
        # at once, however long it queued
        if not conn.initialized and not conn.data_ready and not conn.wait_for_data(0):
            return _DEFER  # nothing sent yet: wait in the poller, not in a thread
        now = time.monotonic()
        with self._heads_lock:
            self._heads[conn] = max(getattr(conn, "ready_at", now) + HEAD_SECONDS, now + GRACE_SECONDS)
        try:
            return super().handle(conn)
        finally:
            with self._heads_lock:
                self._heads.pop(conn, None)

    def handle_request(self, req, conn):
        with self._heads_lock:
            self._heads.pop(conn, None)
        conn.sock.settimeout(CLIENT_SECONDS)
        req.body = _TimedBody(req.body, conn.sock, time.monotonic() + CLIENT_SECONDS)
        return super().handle_request(req, conn)

    def murder_pending(self):
        """Also close the connections whose head is late (the main loop calls this every second)."""
        super().murder_pending()
        now = time.monotonic()
        with self._heads_lock:
            for conn in [c for c, deadline in self._heads.items() if deadline <= now]:
                del self._heads[conn]
                try:
                    conn.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
