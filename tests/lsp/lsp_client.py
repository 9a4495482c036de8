"""A minimal JSON-RPC client for `gotrap lsp` (tests and the benchmark share it)."""
import json
import os
import select
import subprocess
import time

# A package function whose cancel is skipped on one return: lost-cancel, what the tests edit.
LEAKY = """package svc

import "context"

func Work(ids []string) error {
\tctx, cancel := context.WithCancel(context.Background())
\tif len(ids) == 0 {
\t\treturn nil
\t}
\tif ctx.Err() != nil {
\t\treturn ctx.Err()
\t}
\tcancel()
\treturn nil
}
"""


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, binary, cwd=None):
        self.proc = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd)
        self.buffer = b""
        self.next_id = 1
        self.queue = []  # messages read while waiting for something else

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        self.send_raw(frame(message))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid

    def _read_one(self, deadline):
        fd = self.proc.stdout.fileno()
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                length = None
                for line in self.buffer[:end].split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                assert length is not None, "server sent a header without Content-Length"
                if len(self.buffer) >= end + 4 + length:
                    body = self.buffer[end + 4:end + 4 + length]
                    self.buffer = self.buffer[end + 4 + length:]
                    return json.loads(body)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.buffer += chunk

    def wait_for(self, predicate, timeout=10.0):
        """The first message (queued or new) matching predicate; None on timeout or EOF."""
        for i, message in enumerate(self.queue):
            if predicate(message):
                return self.queue.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_one(deadline)
            if message is None:
                return None
            if predicate(message):
                return message
            self.queue.append(message)

    def response(self, rid, timeout=10.0):
        return self.wait_for(lambda m: m.get("id") == rid and "method" not in m, timeout)

    def call(self, method, params, timeout=10.0):
        return self.response(self.request(method, params), timeout)

    def diagnostics(self, uri, timeout=10.0):
        m = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri, timeout)
        return None if m is None else m["params"]

    def close(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        return self.proc.wait(timeout=10)
