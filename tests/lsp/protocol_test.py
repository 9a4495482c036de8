#!/usr/bin/env python3
"""Protocol-level tests of `gotrap lsp`: speaks JSON-RPC to the binary over pipes.

usage: protocol_test.py GOTRAP
"""
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import LEAKY, Client, frame  # noqa: E402

GOTRAP = os.path.abspath(sys.argv[1])
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)
    else:
        print("ok:", what)



# lost-cancel inside a loop: its `defer cancel()` fix is unsafe (defers pile up in the loop).
LOOP = """package svc

import "context"

func Loop(ids []string) {
\tfor range ids {
\t\tctx, cancel := context.WithCancel(context.Background())
\t\tif ctx.Err() != nil {
\t\t\treturn
\t\t}
\t\tcancel()
\t}
}
"""

OTHER = """package svc

// Ünïcode 𝄞 text before a finding exercises UTF-16 columns.
func Other() {}
"""


def make_module(root):
    os.makedirs(os.path.join(root, "svc"))
    with open(os.path.join(root, "go.mod"), "w") as f:
        f.write("module example.com/m\n\ngo 1.22\n")
    with open(os.path.join(root, "svc", "work.go"), "w") as f:
        f.write(LEAKY)
    with open(os.path.join(root, "svc", "loop.go"), "w") as f:
        f.write(LOOP)
    with open(os.path.join(root, "svc", "other.go"), "w") as f:
        f.write(OTHER)


def snapshot(root):
    out = {}
    for d, _, files in os.walk(root):
        for name in files:
            p = os.path.join(d, name)
            with open(p, "rb") as f:
                out[p] = f.read()
    return out


def start(root, options=None):
    c = Client(GOTRAP, cwd=root)
    r = c.call("initialize", {"processId": os.getpid(), "rootUri": "file://" + root,
                              "workspaceFolders": [{"uri": "file://" + root, "name": "m"}],
                              "capabilities": {}, "initializationOptions": options or {}})
    c.notify("initialized", {})
    return c, r


def main():
    root = tempfile.mkdtemp(prefix="gotrap-lsp-")
    try:
        make_module(root)
        before = snapshot(root)
        path = os.path.join(root, "svc", "work.go")
        uri = "file://" + path
        c, init = start(root)
        caps = init["result"]["capabilities"] if init and "result" in init else {}
        check(caps.get("textDocumentSync", {}).get("change") == 2, "initialize: incremental sync")
        check("source.fixAll.gotrap" in caps.get("codeActionProvider", {}).get("codeActionKinds", []),
              "initialize: fixAll code action kind")
        check(caps.get("hoverProvider") is True, "initialize: hover")

        # The buffer differs from the disk: the server must analyse the buffer. On disk the cancel
        # is lost; the opened buffer has it too, one line lower (a blank line added at the top).
        text = "\n" + LEAKY
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "go", "version": 1,
                                                           "text": text}})
        d = c.diagnostics(uri)
        diags = d["diagnostics"] if d else []
        lost = [x for x in diags if x.get("code") == "lost-cancel"]
        check(len(lost) == 1, "didOpen: one lost-cancel diagnostic")
        if lost:
            x = lost[0]
            check(x["range"]["start"] == {"line": 6, "character": 1}, "lost-cancel range from the buffer (line 6, character 1)")
            check(x["codeDescription"]["href"].endswith("/docs/rules/lost-cancel.md"), "codeDescription href")
            check(x.get("severity") == 2 and x.get("source") == "gotrap", "severity warning, source gotrap")
            rel = x.get("relatedInformation", [])
            check(len(rel) == 1 and rel[0]["location"]["range"]["start"]["line"] == 8,
                  "relatedInformation: the return that skips cancel (line 8)")
            check(d.get("version") == 1, "diagnostics carry the document version")

        # Hover on the flagged range shows the rule's documentation.
        h = c.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 6, "character": 8}})
        value = (h or {}).get("result", {}) or {}
        value = value.get("contents", {}).get("value", "")
        check("lost-cancel" in value and "context" in value and len(value) > 200, "hover: the rule's doc")
        h2 = c.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        check(h2 is not None and h2.get("result") is None, "hover elsewhere: null")

        # Code actions on the finding's line: the quickfix (defer cancel), the suppression, and fixAll.
        ca = c.call("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                "range": {"start": {"line": 6, "character": 1}, "end": {"line": 6, "character": 1}},
                                                "context": {"diagnostics": lost}})
        actions = (ca or {}).get("result") or []
        quick = [a for a in actions if a["kind"] == "quickfix" and "Suppress" not in a["title"]]
        supp = [a for a in actions if "Suppress" in a["title"]]
        fixall = [a for a in actions if a["kind"] == "source.fixAll.gotrap"]
        check(len(quick) >= 1, "codeAction: a quickfix for lost-cancel")
        if quick:
            edits = quick[0]["edit"]["changes"][uri]
            new_text = apply(text, edits)
            check("defer cancel()" in new_text and new_text.count("cancel()") >= 1, "quickfix edit adds defer cancel()")
        check(len(supp) == 1, "codeAction: a suppression action")
        if supp:
            new_text = apply(text, supp[0]["edit"]["changes"][uri])
            line = new_text.split("\n")[6]
            check(line.endswith("//gotrap:ignore lost-cancel -- "), "suppression at the end of the line")
        check(len(fixall) == 1, "codeAction: fix all in file")
        only = c.call("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                  "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                                                  "context": {"diagnostics": [], "only": ["source.fixAll"]}})
        kinds = [a["kind"] for a in (only or {}).get("result") or []]
        check(kinds == ["source.fixAll.gotrap"], "codeAction only source.fixAll: just fixAll")

        # didChange (incremental) that fixes it: insert `defer cancel()` after the WithCancel line.
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                            "contentChanges": [{"range": {"start": {"line": 7, "character": 0},
                                                                          "end": {"line": 7, "character": 0}},
                                                                "text": "\tdefer cancel()\n"}]})
        d = c.diagnostics(uri)
        check(d is not None and d["diagnostics"] == [] and d.get("version") == 2, "didChange fixing it: empty diagnostics")

        # Out-of-order change (an older version) is ignored: diagnostics stay empty.
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 1},
                                            "contentChanges": [{"text": LEAKY}]})
        log = c.wait_for(lambda m: m.get("method") == "window/logMessage" and "ignored didChange" in m["params"]["message"], 5)
        check(log is not None, "stale didChange version ignored (logged)")
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                            "contentChanges": [{"range": {"start": {"line": 0, "character": 0},
                                                                          "end": {"line": 1, "character": 0}}, "text": ""}]})
        d = c.diagnostics(uri)
        check(d is not None and d["diagnostics"] == [] and d.get("version") == 3, "newer change after a stale one applies")

        # A syntax error in the buffer is shown as the engine's diagnostic.
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 4},
                                            "contentChanges": [{"range": {"start": {"line": 4, "character": 0},
                                                                          "end": {"line": 4, "character": 0}}, "text": "func (\n"}]})
        d = c.diagnostics(uri)
        check(d is not None and any(x["code"] == "syntax-error" for x in d["diagnostics"]), "syntax error diagnostic")

        # Malformed messages: a body that is not JSON, a header without Content-Length.
        c.send_raw(b"Content-Length: 5\r\n\r\n{oops")
        e = c.wait_for(lambda m: "error" in m and m["error"]["code"] == -32700, 5)
        check(e is not None, "malformed JSON: ParseError")
        c.send_raw(b"Content-Type: x\r\n\r\n")
        e = c.wait_for(lambda m: "error" in m and m["error"]["code"] == -32700, 5)
        check(e is not None, "header without Content-Length: ParseError")
        c.send({"jsonrpc": "2.0", "id": 99, "params": {}})
        e = c.response(99, 5)
        check(e is not None and e.get("error", {}).get("code") == -32600, "request without method: InvalidRequest")

        # A new buffer not yet on disk joins its package: its finding is published, and a
        # name it declares is seen by the rest of the package (no file is created).
        new_path = os.path.join(root, "svc", "fresh.go")
        new_uri = "file://" + new_path
        c.notify("textDocument/didOpen", {"textDocument": {"uri": new_uri, "languageId": "go", "version": 1,
                                                           "text": LEAKY.replace("func Work(", "func Fresh(")}})
        d = c.diagnostics(new_uri)
        check(d is not None and [x["code"] for x in d["diagnostics"]] == ["lost-cancel"],
              "unsaved new file: analysed with its package")
        c.notify("textDocument/didClose", {"textDocument": {"uri": new_uri}})
        d = c.diagnostics(new_uri)
        check(d is not None and d["diagnostics"] == [], "didClose: its diagnostics cleared")
        check(not os.path.exists(new_path), "the new buffer was not written")

        # Parameters of the wrong shape: InvalidParams for a request; a notification is dropped
        # (logged) and the buffer is left as it was.
        r = c.call("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {"end": {}}})
        check(r is not None and r.get("error", {}).get("code") == -32602, "codeAction without range.start: InvalidParams")
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 50},
                                            "contentChanges": [{"range": {"end": {"line": 0}}, "text": "x"}]})
        log = c.wait_for(lambda m: m.get("method") == "window/logMessage" and "invalid params" in m["params"]["message"], 5)
        check(log is not None, "didChange with a bad range: logged, not applied")

        # Unknown methods: an error for a request, nothing for a notification.
        r = c.call("gotrap/noSuchMethod", {})
        check(r is not None and r.get("error", {}).get("code") == -32601, "unknown request: MethodNotFound")
        c.notify("gotrap/noSuchNotification", {})
        r = c.call("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
        check(r is not None and "result" in r, "server still answers after an unknown notification")

        # Shutdown then exit: status 0.
        r = c.call("shutdown", None)
        check(r is not None and r.get("result", 1) is None, "shutdown: null result")
        c.notify("exit", None)
        check(c.proc.wait(timeout=10) == 0, "exit after shutdown: status 0")

        # A client that disappears: EOF with a pending (debounced) analysis; the server exits on
        # its own, status 1 (no shutdown), without crashing.
        c, _ = start(root)
        c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": LEAKY}})
        c.proc.stdin.close()
        try:
            status = c.proc.wait(timeout=10)
        except Exception:
            c.proc.kill()
            status = "hung"
        check(status == 1, "EOF on stdin: clean exit with status 1 (got %s)" % status)
        err = c.proc.stderr.read().decode()
        check("fatal" not in err, "EOF: nothing fatal on stderr")

        # Unsafe fixes only with {"unsafeFixes": true}.
        # ... and with the severity gotrap.toml gives (read afresh for each analysis).
        with open(os.path.join(root, "gotrap.toml"), "w") as f:
            f.write('[severity]\nlost-cancel = "error"\n')
        before[os.path.join(root, "gotrap.toml")] = b'[severity]\nlost-cancel = "error"\n'
        loop_uri = "file://" + os.path.join(root, "svc", "loop.go")
        for unsafe in (False, True):
            c, _ = start(root, {"unsafeFixes": True} if unsafe else None)
            c.notify("textDocument/didOpen", {"textDocument": {"uri": loop_uri, "languageId": "go", "version": 1, "text": LOOP}})
            d = c.diagnostics(loop_uri)
            check(d is not None and [(x["code"], x["severity"]) for x in d["diagnostics"]] == [("lost-cancel", 1)],
                  "loop.go: lost-cancel with severity error from gotrap.toml")
            r = c.call("textDocument/codeAction", {"textDocument": {"uri": loop_uri},
                                                   "range": {"start": {"line": 6, "character": 2}, "end": {"line": 6, "character": 2}},
                                                   "context": {"diagnostics": []}})
            titles = [a["title"] for a in (r or {}).get("result") or [] if a["kind"] == "quickfix" and "Suppress" not in a["title"]]
            if unsafe:
                check(len(titles) == 1 and "[unsafe]" in titles[0], "unsafeFixes true: the unsafe fix is offered")
            else:
                check(titles == [], "unsafeFixes unset: no unsafe fix offered")
            c.call("shutdown", None)
            c.notify("exit", None)
            c.close()
        check(snapshot(root) == before, "no file was written")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("all passed")
    return 0


def apply(text, edits):
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def off(p):  # ASCII-only test texts: UTF-16 units equal bytes
        return starts[p["line"]] + p["character"]
    for e in sorted(edits, key=lambda e: off(e["range"]["start"]), reverse=True):
        text = text[:off(e["range"]["start"])] + e["newText"] + text[off(e["range"]["end"]):]
    return text


if __name__ == "__main__":
    sys.exit(main())
