#!/usr/bin/env python3
"""Latency from didChange to publishDiagnostics of `gotrap lsp`, and its resident memory over a
long editing session.

usage: lsp_bench.py GOTRAP FILE EDITS MEMORY_EDITS
Opens FILE (its package is the one re-checked), then EDITS times appends or removes a comment
line at its end and waits for the diagnostics of that version (debounce 0: the analysis itself).
Then MEMORY_EDITS more edits, sent in bursts of 10 with the default debounce, and VmRSS.
"""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "lsp"))
from lsp_client import Client  # noqa: E402


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main():
    gotrap, path, edits, memory_edits = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    root = os.path.dirname(path)
    uri = "file://" + path
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    lines = text.count("\n")
    c = Client(gotrap, cwd=root)
    c.call("initialize", {"processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {},
                          "initializationOptions": {"debounceMs": 0}})
    c.notify("initialized", {})
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": text}})
    first = c.diagnostics(uri, timeout=120)
    assert first is not None, "no diagnostics after didOpen"
    files = len([n for n in os.listdir(root) if n.endswith(".go")])
    print("package: %s (%d .go files in the directory), %d diagnostics in the opened file"
          % (root, files, len(first["diagnostics"])))
    version = 1
    added = False

    def edit():
        nonlocal version, added
        version += 1
        if added:
            change = {"range": {"start": {"line": lines, "character": 0}, "end": {"line": lines + 1, "character": 0}}, "text": ""}
        else:
            change = {"range": {"start": {"line": lines, "character": 0}, "end": {"line": lines, "character": 0}},
                      "text": "// edit %d\n" % version}
        added = not added
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})

    def wait_version(v):
        m = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                       and m["params"]["uri"] == uri and m["params"].get("version") == v, 120)
        assert m is not None, "no diagnostics for version %d" % v
        c.queue.clear()

    latencies = []
    for _ in range(edits):
        start = time.perf_counter()
        edit()
        wait_version(version)
        latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
    print("didChange -> publishDiagnostics over %d edits (debounce off): median %.1f ms, p95 %.1f ms, max %.1f ms"
          % (len(latencies), statistics.median(latencies), p95, latencies[-1]))

    # Memory: edits in bursts (as typing arrives), the server coalescing each burst.
    rss_start = rss_kb(c.proc.pid)
    samples = []
    done = 0
    while done < memory_edits:
        for _ in range(min(10, memory_edits - done)):
            edit()
            done += 1
        wait_version(version)
        if done % (memory_edits // 5 or 1) == 0:
            samples.append((done, rss_kb(c.proc.pid)))
    print("resident memory: %.1f MB after the first analyses; %s"
          % (rss_start / 1024, ", ".join("%.1f MB after %d more edits" % (kb / 1024, n) for n, kb in samples)))
    c.call("shutdown", None)
    c.notify("exit", None)
    status = c.close()
    assert status == 0, "server exit status %d" % status


if __name__ == "__main__":
    main()
