#!/usr/bin/env python3
"""What `gotrap lsp` reuses between checks, read back with its `gotrap/stats` request, and
whether the reused answers are right: after every step the diagnostics of the checked package
equal those of a fresh `gotrap ./...` run over a copy of the module holding the same texts.

The module: package b calls a.Keep(&i) in a loop (Go 1.21: one i for the whole loop), which is a
loop-capture finding only while a.Keep stores its argument (a function summary across packages);
package c is never imported by b, package d imports a and is never opened.

usage: reuse_test.py GOTRAP
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client  # noqa: E402

A_STORES = """package a

var kept []*int

// Keep holds on to p.
func Keep(p *int) {
\tkept = append(kept, p)
}
"""

A_DROPS = """package a

// Keep looks at p and forgets it.
func Keep(p *int) {
\t_ = *p
}
"""

A_HELPER = """package a

func helper() int { return 1 }
"""

B = """package b

import "example.com/m/a"

func Each(n int) {
\tfor i := 0; i < n; i++ {
\t\ta.Keep(&i)
\t}
}
"""

B_MORE = """package b

import "context"

func Other() {
\tctx, cancel := context.WithCancel(context.Background())
\tif ctx.Err() != nil {
\t\treturn
\t}
\tcancel()
}
"""
B_MORE_FIXED = B_MORE.replace("\tif ctx.Err()", "\tdefer cancel()\n\tif ctx.Err()")

C = """package c

func C() {}
"""

D = """package d

import "example.com/m/a"

func D(x int) { a.Keep(&x) }
"""

FILES = {
    "go.mod": "module example.com/m\n\ngo 1.21\n",
    "a/a.go": A_STORES,
    "a/helper.go": A_HELPER,
    "b/b.go": B,
    "b/more.go": B_MORE,
    "c/c.go": C,
    "d/d.go": D,
}

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def write_module(root, texts):
    for rel, text in texts.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def fresh_findings(gotrap, texts, package_dir):
    """(rule, path relative to the module, start line, start column) of a fresh CLI run over the
    whole module, for the files of one package directory."""
    root = tempfile.mkdtemp(prefix="gotrap-lsp-fresh-")
    try:
        write_module(root, texts)
        out = subprocess.run([gotrap, "--format", "json", "--enable", "all", "--no-cache", "--exit-zero", "./..."],
                             cwd=root, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        found = set()
        for f in data["findings"] if isinstance(data, dict) else data:
            rel = os.path.relpath(os.path.join(root, f["path"]), root)
            if os.path.dirname(rel) == package_dir:
                found.add((f["rule"], rel, f["line"], f["column"]))
        return found
    finally:
        shutil.rmtree(root, ignore_errors=True)


def published(diags_by_uri, root, package_dir, texts):
    """The same tuples from the server's last published diagnostics (columns as bytes: the
    fixture is ASCII, so UTF-16 characters are bytes)."""
    found = set()
    for uri, diags in diags_by_uri.items():
        rel = os.path.relpath(uri[len("file://"):], root)
        if os.path.dirname(rel) != package_dir:
            continue
        for d in diags:
            found.add((d["code"], rel, d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1))
    return found


def main():
    gotrap = sys.argv[1]
    root = tempfile.mkdtemp(prefix="gotrap-lsp-reuse-")
    texts = dict(FILES)
    try:
        write_module(root, texts)
        c = Client(gotrap, cwd=root)
        c.call("initialize", {"processId": os.getpid(), "rootUri": "file://" + root, "capabilities": {},
                              "initializationOptions": {"debounceMs": 0}})
        c.notify("initialized", {})
        latest = {}  # uri -> last diagnostics list

        def uri(rel):
            return "file://" + os.path.join(root, rel)

        def drain_stats():
            r = c.call("gotrap/stats", None)
            assert r is not None and "result" in r, r
            return r["result"]

        def wait_checks(expected_dirs, version_of=None):
            """Waits for one check per directory in expected_dirs (in any order), collecting the
            diagnostics published meanwhile; returns {dir: stats}."""
            got = {}
            for _ in range(200):
                m = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics", 0.05)
                if m is not None:
                    latest[m["params"]["uri"]] = m["params"]["diagnostics"]
                    continue
                for one in drain_stats()["checks"]:
                    got.setdefault(os.path.relpath(one["dir"], root), []).append(one)
                if set(got) >= set(expected_dirs):
                    # Let the last publications arrive.
                    while True:
                        m = c.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics", 0.2)
                        if m is None:
                            break
                        latest[m["params"]["uri"]] = m["params"]["diagnostics"]
                    for one in drain_stats()["checks"]:
                        got.setdefault(os.path.relpath(one["dir"], root), []).append(one)
                    return got
            raise AssertionError("checks of %s did not all happen: %s" % (expected_dirs, got))

        def open_doc(rel):
            c.notify("textDocument/didOpen", {"textDocument": {"uri": uri(rel), "languageId": "go", "version": 1,
                                                               "text": texts[rel]}})

        versions = {}

        def change(rel, text):
            versions[rel] = versions.get(rel, 1) + 1
            texts[rel] = text
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri(rel), "version": versions[rel]},
                                                "contentChanges": [{"text": text}]})

        def same_as_fresh(package_dir, what):
            want = fresh_findings(gotrap, texts, package_dir)
            have = published(latest, root, package_dir, texts)
            check(want == have, "%s: diagnostics of %s equal a fresh `gotrap ./...` (%s; server %s)"
                  % (what, package_dir, sorted(want), sorted(have)))
            return have

        # 1. Opening b: b and the package of the module it imports, a, are parsed and analysed.
        open_doc("b/b.go")
        checks = wait_checks(["b"])
        s = checks["b"][-1]
        check(s["packagesAnalysed"] == 2 and s["packagesChecked"] == 1,
              "open b: a and b analysed, only b checked (%s)" % s)
        check(s["filesParsed"] == 4, "open b: the 4 files of a and b parsed (%s)" % s)
        check(s["filesRead"] == 3, "open b: the 3 files not open read from disk (%s)" % s)
        have = same_as_fresh("b", "open b")
        check(any(r == "loop-capture" for r, *_ in have), "open b: a.Keep stores &i: loop-capture in b")

        # 2. A keystroke in b: only b is analysed again, only b.go parsed, nothing read from disk.
        change("b/b.go", B.replace("func Each", "// Each keeps every i.\nfunc Each"))
        checks = wait_checks(["b"])
        check(set(checks) == {"b"}, "edit b: only b checked (%s)" % sorted(checks))
        s = checks["b"][-1]
        check(s["packagesAnalysed"] == 1 and s["packagesReused"] == 1,
              "edit b: b analysed again, a reused (%s)" % s)
        check(s["filesParsed"] == 1 and s["filesRead"] == 0, "edit b: only b.go parsed, no file read (%s)" % s)
        same_as_fresh("b", "edit b")

        # 3. Opening a: its analysis from b's check is reused as it is.
        open_doc("a/a.go")
        checks = wait_checks(["a"])
        s = checks["a"][-1]
        check(s["packagesAnalysed"] == 0 and s["packagesReused"] == 1 and s["filesParsed"] == 0,
              "open a: a's analysis reused, nothing parsed (%s)" % s)
        same_as_fresh("a", "open a")

        # 4. Editing a so that Keep no longer stores p: a is checked, and so is b, which imports
        #    it (its finding depended on a.Keep); each check analyses one package; d, not open,
        #    is not checked.
        change("a/a.go", A_DROPS)
        checks = wait_checks(["a", "b"])
        check(set(checks) == {"a", "b"}, "edit a: a and b checked, nothing else (%s)" % sorted(checks))
        sa, sb = checks["a"][-1], checks["b"][-1]
        check(sa["packagesAnalysed"] == 1 and sa["filesParsed"] == 1,
              "edit a: a's check analyses a and parses a.go only (%s)" % sa)
        check(sb["packagesAnalysed"] == 1 and sb["packagesReused"] == 1 and sb["filesParsed"] == 0,
              "edit a: b's check analyses b again, reuses the new a, parses nothing (%s)" % sb)
        have = same_as_fresh("b", "edit a")
        check(not any(r == "loop-capture" for r, *_ in have), "edit a: a.Keep no longer stores: b's finding is gone")
        same_as_fresh("a", "edit a")

        # 5. Back to storing: the finding in b returns.
        change("a/a.go", A_STORES)
        wait_checks(["a", "b"])
        have = same_as_fresh("b", "undo a")
        check(any(r == "loop-capture" for r, *_ in have), "undo a: loop-capture in b again")

        # 6. A file of b's package not open changes on disk, then b is saved: it is read again.
        check(any(r == "lost-cancel" for r, *_ in published(latest, root, "b", texts)), "before: lost-cancel in more.go")
        with open(os.path.join(root, "b/more.go"), "w") as f:
            f.write(B_MORE_FIXED)
        texts["b/more.go"] = B_MORE_FIXED
        c.notify("textDocument/didSave", {"textDocument": {"uri": uri("b/b.go")}})
        checks = wait_checks(["b"])
        s = checks["b"][-1]
        check(s["filesRead"] == 1 and s["filesParsed"] == 1 and s["packagesAnalysed"] == 1,
              "disk change in b: more.go read and parsed again, b analysed (%s)" % s)
        have = same_as_fresh("b", "disk change")
        check(not any(r == "lost-cancel" for r, *_ in have), "disk change: more.go's lost-cancel is gone")

        c.call("shutdown", None)
        c.notify("exit", None)
        check(c.close() == 0, "clean exit")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
