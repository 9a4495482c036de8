#!/usr/bin/env python3
"""10 000 edits to one buffer of `gotrap lsp`: resident memory after them stays within 8 MB of
what it was after the first 500 (the server keeps one analysis per open package, not per edit).

usage: memory_test.py GOTRAP
"""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import LEAKY as SOURCE, Client  # noqa: E402

BOUND_KB = 8 * 1024


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main():
    root = tempfile.mkdtemp(prefix="gotrap-lsp-mem-")
    try:
        os.makedirs(os.path.join(root, "svc"))
        with open(os.path.join(root, "go.mod"), "w") as f:
            f.write("module example.com/m\n\ngo 1.22\n")
        path = os.path.join(root, "svc", "work.go")
        with open(path, "w") as f:
            f.write(SOURCE)
        uri = "file://" + path
        c = Client(sys.argv[1], cwd=root)
        c.call("initialize", {"processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {},
                              "initializationOptions": {"debounceMs": 1}})
        c.notify("initialized", {})
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": SOURCE}})
        assert c.diagnostics(uri) is not None, "no diagnostics after didOpen"
        lines = SOURCE.count("\n")
        version = 1
        rss = {}
        for n in range(1, 10001):
            version += 1
            if n % 2:  # insert a line with a growing comment, then remove it
                change = {"range": {"start": {"line": lines, "character": 0}, "end": {"line": lines, "character": 0}},
                          "text": "// edit %d\n" % n}
            else:
                change = {"range": {"start": {"line": lines, "character": 0}, "end": {"line": lines + 1, "character": 0}},
                          "text": ""}
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            if n % 10 == 0:  # a burst of ten keystrokes, then the diagnostics of the last one
                m = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                               and m["params"].get("version") == version, 60)
                assert m is not None, "no diagnostics for version %d" % version
                assert [d["code"] for d in m["params"]["diagnostics"]] == ["lost-cancel"], m
                c.queue.clear()
            if n in (500, 10000):
                rss[n] = rss_kb(c.proc.pid)
        growth = rss[10000] - rss[500]
        print("VmRSS after 500 edits %d kB, after 10000 edits %d kB (growth %d kB, bound %d kB)"
              % (rss[500], rss[10000], growth, BOUND_KB))
        c.call("shutdown", None)
        c.notify("exit", None)
        assert c.close() == 0
        if growth > BOUND_KB:
            print("FAIL: memory grew beyond the bound")
            return 1
        print("ok")
        return 0
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
