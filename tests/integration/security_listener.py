"""A local HTTP listener on 127.0.0.1 that the server must never contact.

It answers every request with a valid SPARQL JSON result (one row, ``?leak``), so a query
that reached it would get data back: the worst case the tests guard against. It counts
connections (not requests), so even a connection that sends nothing is seen.
"""

from __future__ import annotations

import socket
import threading

ANSWER = b'{"head":{"vars":["leak"]},"results":{"bindings":[{"leak":{"type":"literal","value":"internal secret"}}]}}'


class Listener:
    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.connections = 0
        self.requests: list[bytes] = []
        self._stopped = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _run(self) -> None:
        while not self._stopped:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            with conn:
                conn.settimeout(1)
                try:
                    self.requests.append(conn.recv(65536))
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Content-Length: " + str(len(ANSWER)).encode() + b"\r\nConnection: close\r\n\r\n" + ANSWER)
                except OSError:
                    pass

    def close(self) -> None:
        self._stopped = True
        self._thread.join(timeout=2)
        self.sock.close()
