// wg-deferred-done: Wait() in a function whose only Done() calls it defers itself.
#include <algorithm>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "rules/rule.h"
#include "rules/support/facts.h"
#include "rules/support/goroutines.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# wg-deferred-done

**What.** A function calls `wg.Wait()` while the only `wg.Done()` calls run in functions it defers
itself (directly or from a loop). Reported at `Wait()`, whatever the Go version, with the deferred
`Done` as related location.

**Why.** Deferred calls run when the function returns, and it cannot return before `Wait` does:
`Wait` blocks forever. With nothing else running the program dies with "all goroutines are asleep -
deadlock!"; in a server the request hangs and its goroutine leaks.

```go
for _, e := range emails {
	wg.Add(1)
	defer func() { send(e); wg.Done() }()
}
wg.Wait() // never returns
// fixed:
for _, e := range emails {
	wg.Add(1)
	go func(e string) { defer wg.Done(); send(e) }(e)
}
wg.Wait()
```

Also reported, at the call: a function that defers `x.wg.Done()` and then calls a method of the
package on `x` that waits on its receiver's `wg`, even in a deferred `Wait` or in the function it hands
to a `sync.Once`'s `Do`, which runs it before returning (a goroutine stopping its own owner on an error:
`defer k.wg.Done()` ... `k.stop()` where `stop` calls `k.wg.Wait()`).

**Fix.** None automatic: the work has to move into goroutines (or the WaitGroup away).

**Quiet when** a `Done` runs anywhere else (a goroutine, a helper, a plain call), the WaitGroup is
handed to other code (`&wg` as an argument, stored), the function itself adds nothing before
`Wait`, the deferral comes after `Wait`, or sema knows the type and it is not `sync.WaitGroup`.
)md";

const RuleInfo kInfo{
    .name = "wg-deferred-done",
    .summary = "WaitGroup.Wait blocks forever when the only Done calls are deferred by the same function",
    .doc = kDoc,
    .severity = Severity::error,
};

enum class Where { direct, deferred, other };

struct WgCall {
  const CallExpr* call;
  const Expr* recv;
  std::string_view method;
  Where where;
  Pos defer_pos;  // deferred calls: position of their defer statement
};

struct FuncScan {
  std::vector<WgCall> calls;
  std::vector<const Expr*> other_refs;  // selector/ident chains used other than as Add/Done/Wait receiver
};

// Where a node inside function body `fn` runs, judging by the literals between them.
Where where_of(std::span<const Node* const> anc, size_t fn_index, Pos* defer_pos) {
  Where w = Where::direct;
  for (size_t i = fn_index + 1; i < anc.size(); ++i) {
    if (auto* d = as<DeferStmt>(anc[i]); d && w == Where::direct) {
      // defer x.Done() itself, or defer func(){ ... }() — the literal is the callee.
      if (i + 2 < anc.size() && anc[i + 1] == d->call && anc[i + 2] == d->call->fun &&
          is<FuncLit>(d->call->fun)) {
        *defer_pos = d->pos();
        w = Where::deferred;
        i += 2;
        continue;
      }
      if (i + 1 == anc.size() || anc[i + 1] == d->call) {
        *defer_pos = d->pos();
        w = Where::deferred;
        continue;
      }
    }
    if (is<FuncLit>(anc[i]) || is<GoStmt>(anc[i])) return Where::other;
  }
  return w;
}

// Identifiers that name something rather than use the WaitGroup: declared names, selector
// names, composite-literal keys.
bool is_declaration_or_name(const Node* n, std::span<const Node* const> anc) {
  if (anc.empty()) return false;
  const Node* parent = anc.back();
  if (auto* sel = as<SelectorExpr>(parent)) return sel->sel == n;
  if (is<ValueSpec>(parent)) return is<Ident>(n);
  if (auto* kv = as<KeyValueExpr>(parent)) return kv->key == n && is<Ident>(n);
  if (auto* as_ = as<AssignStmt>(parent); as_ && as_->tok == Tok::DEFINE)
    for (Expr* l : as_->lhs)
      if (l == n) return true;
  return false;
}

void scan(const Node* fn, FuncScan& out) {
  const BlockStmt* body = support::func_body(fn);
  support::inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
    auto* call = as<CallExpr>(n);
    if (call) {
      auto* sel = as<SelectorExpr>(support::unparen(call->fun));
      if (sel && call->args.size() <= 1 &&
          (sel->sel->name == "Add" || sel->sel->name == "Done" || sel->sel->name == "Wait")) {
        Pos defer_pos = kNoPos;
        // anc[0] is the body; the literals between it and the call decide where it runs.
        std::vector<const Node*> chain(anc.begin(), anc.end());
        chain.push_back(n);
        Where w = where_of(chain, 0, &defer_pos);
        if (w == Where::deferred && defer_pos == kNoPos) w = Where::other;
        out.calls.push_back({call, sel->x, sel->sel->name, w, defer_pos});
        for (Expr* a : call->args) support::for_each_node(a, [&](const Node* m) {
          if (is<Ident>(m) || is<SelectorExpr>(m)) out.other_refs.push_back(m);
        });
        return Visit::skip;
      }
    }
    if ((is<Ident>(n) || is<SelectorExpr>(n)) && !is_declaration_or_name(n, anc))
      out.other_refs.push_back(n);
    return Visit::descend;
  });
}

bool is_wait_group(const Pass& pass, const Expr* recv) {
  const sema::Type* t = support::type_of(pass, recv);
  if (!t) return true;  // unknown: the Add/deferred Done/Wait protocol itself identifies it
  return support::is_wait_group_type(t);
}

// A finding needs `x.Wait()` and a deferred `x.Done()` in one function: a top-level declaration
// whose text lacks one of these words has none.
bool may_hold_finding(const PassFile& file, const Node* decl) {
  return support::may_mention(file, decl, "Wait") && support::may_mention(file, decl, "Done") &&
         support::may_mention(file, decl, "defer");
}

// The functions (FuncDecl or FuncLit with a body) that directly contain a call shaped `x.Wait()`,
// in preorder, within the top-level declarations that may hold a finding: the only ones
// check_func can report on.
std::vector<const Node*> functions_calling_wait(const PassFile& file) {
  std::vector<const Node*> out;
  support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
    if (anc.size() == 1 && (!support::may_name(file, n, facts::Word::Wait) || !may_hold_finding(file, n)))
      return Visit::skip;
    auto* call = as<CallExpr>(n);
    if (!call || !call->args.empty()) return Visit::descend;
    auto* sel = as<SelectorExpr>(support::unparen(call->fun));
    if (!sel || !sel->sel || sel->sel->name != "Wait") return Visit::descend;
    const Node* fn = support::enclosing_func(anc);
    if (fn && support::func_body(fn) && std::find(out.begin(), out.end(), fn) == out.end())
      out.push_back(fn);
    return Visit::descend;
  });
  // Outer functions start before the literals inside them: position order is preorder.
  std::sort(out.begin(), out.end(), [](const Node* a, const Node* b) { return a->pos() < b->pos(); });
  return out;
}

// `lit` is the function handed to `x.Do(lit)` where x is a sync.Once: Do runs it before it
// returns, in the caller's goroutine.
bool run_by_once_do(const Pass& pass, const FuncLit* lit, std::span<const Node* const> anc) {
  if (anc.empty()) return false;
  auto* call = as<CallExpr>(anc.back());
  if (!call || call->args.size() != 1 || support::unparen(call->args[0]) != lit) return false;
  auto* sel = as<SelectorExpr>(support::unparen(call->fun));
  if (!sel || !sel->sel || sel->sel->name != "Do") return false;
  return support::is_named(support::type_of(pass, sel->x), "sync", "Once", true);
}

// Visits the nodes of `fn`'s body that run in its own frame before it returns: like
// support::for_each_in_frame, and also the bodies of literals a sync.Once's Do runs.
void for_each_run_in_frame(const Pass& pass, const Node* fn,
                           const std::function<void(const Node*, std::span<const Node* const>)>& visit) {
  support::inspect(support::func_body(fn), [&](const Node* n, std::span<const Node* const> anc) {
    if (auto* lit = as<FuncLit>(n); lit && !run_by_once_do(pass, lit, anc)) return Visit::skip;
    visit(n, anc);
    return Visit::descend;
  });
}

class WgDeferredDone final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    for (const PassFile& file : pass.files()) {
      // Findings sit on `x.Wait()` calls next to a deferred `Done()`: a file that names neither
      // has nothing to check, and only the functions calling Wait need the full scan.
      if (!support::may_mention(file, nullptr, "Wait") || !support::may_mention(file, nullptr, "Done"))
        continue;
      for (const Node* fn : functions_calling_wait(file)) check_func(pass, file, fn);
    }
    if (!pass.sema()) return;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file || !support::may_mention(file, nullptr, "Done")) continue;
      // Each check starts from a deferred Done call.
      for (const Decl* decl : file.parsed->file->decls) {
        if (!support::may_hold(file, decl, Kind::DeferStmt) || !support::may_name(file, decl, facts::Word::Done))
          continue;
        support::for_each_node(decl, [&](const Node* n) {
          if ((is<FuncDecl>(n) || is<FuncLit>(n)) && support::func_body(n)) check_waiting_call(pass, file, n);
        });
      }
    }
  }

 private:
  // The field names of a reference chain `root.f1.f2` from the root on, and its root identifier.
  static const Ident* field_path(const Expr* e, std::vector<std::string_view>& fields) {
    fields.clear();
    e = support::unparen(e);
    while (auto* sel = as<SelectorExpr>(e)) {
      fields.push_back(sel->sel->name);
      e = support::unparen(sel->x);
    }
    std::reverse(fields.begin(), fields.end());
    return as<Ident>(e);
  }

  // A function that defers `x.f.Done()` and then calls, in its own frame, a method of the package
  // on `x` whose body waits on its receiver's `f`: the Wait waits for this very Done.
  void check_waiting_call(Pass& pass, const PassFile& file, const Node* fn) const {
    struct Deferred {
      support::WgCall call;
      const DeferStmt* stmt;
    };
    std::vector<Deferred> deferred;
    std::vector<const CallExpr*> plain_calls;
    support::for_each_in_frame(fn, [&](const Node* n, std::span<const Node* const> a) {
      if (a.empty()) return;
      if (auto* d = as<DeferStmt>(n)) {
        support::WgCall c = support::wait_group_call(pass, d->call);
        if (c.method == support::WgMethod::done) deferred.push_back({c, d});
        return;
      }
      auto* call = as<CallExpr>(n);
      if (!call) return;
      for (const Node* x : a)
        if (is<GoStmt>(x) || is<DeferStmt>(x)) return;
      plain_calls.push_back(call);
    });
    if (deferred.empty() || plain_calls.empty()) return;
    std::vector<std::string_view> done_fields, wait_fields;
    for (const Deferred& d : deferred) {
      const Ident* root = field_path(d.call.recv, done_fields);
      if (!root || done_fields.empty()) continue;
      for (const CallExpr* call : plain_calls) {
        if (call->pos() < d.stmt->pos()) continue;
        auto* sel = as<SelectorExpr>(support::unparen(call->fun));
        auto* rx = sel ? as<Ident>(support::unparen(sel->x)) : nullptr;
        if (!rx || pass.sema()->use_of(rx) != pass.sema()->use_of(root) || !pass.sema()->use_of(rx)) continue;
        const sema::Object* m = pass.sema()->use_of(sel->sel);
        if (!m || m->kind != sema::ObjectKind::Func || m->package() != pass.sema()) continue;
        auto* decl = as<FuncDecl>(m->decl);
        if (!decl || !decl->body || !decl->recv || decl->recv->list.empty() ||
            decl->recv->list[0]->names.empty())
          continue;
        const sema::Object* recv = pass.sema()->def_of(decl->recv->list[0]->names[0]);
        if (!recv) continue;
        const CallExpr* wait = nullptr;
        for_each_run_in_frame(pass, decl, [&](const Node* n, std::span<const Node* const> a) {
          if (wait) return;
          // A Wait the callee defers still runs before it returns to this caller.
          for (const Node* x : a)
            if (is<GoStmt>(x)) return;
          support::WgCall c = support::wait_group_call(pass, n);
          if (c.method != support::WgMethod::wait) return;
          const Ident* r = field_path(c.recv, wait_fields);
          if (r && pass.sema()->use_of(r) == recv && wait_fields == done_fields) wait = c.call;
        });
        if (!wait) continue;
        const syntax::ParsedFile* callee_file = m->file();
        std::string name(support::text_of(file, d.call.recv));
        Finding f;
        f.path = std::string(file.path);
        f.start = call->pos();
        f.end = call->end();
        f.message = "this call can block forever: " + std::string(m->name) + "() waits on " + name +
                    ", and the " + name + ".Done() this function defers runs only after it returns";
        f.related.push_back({std::string(file.path), d.call.call->pos(), d.call.call->end(), "Done deferred here"});
        if (callee_file == file.parsed)
          f.related.push_back({std::string(file.path), wait->pos(), wait->end(), "waits here"});
        pass.report(std::move(f));
        return;
      }
    }
  }

  void check_func(Pass& pass, const PassFile& file, const Node* fn) const {
    FuncScan s;
    scan(fn, s);
    for (const WgCall& wait : s.calls) {
      if (wait.method != "Wait" || wait.where != Where::direct || !wait.call->args.empty()) continue;
      bool added_before = false, escaped = false, other_done = false;
      const WgCall* first_deferred = nullptr;
      for (const WgCall& c : s.calls) {
        if (!support::same_ref(c.recv, wait.recv)) continue;
        if (c.method == "Add" && c.call->pos() < wait.call->pos() && c.where != Where::other)
          added_before = true;
        if (c.method == "Done") {
          if (c.where != Where::deferred) other_done = true;
          else if (c.defer_pos < wait.call->pos() && !first_deferred) first_deferred = &c;
        }
      }
      for (const Expr* r : s.other_refs)
        if (support::same_ref(r, wait.recv)) escaped = true;
      // A chain like b.wg also escapes when b.wg's parts are handed out whole: `&b.wg` is caught
      // above; `b` alone being passed around is fine (other methods pair their own Add and Done).
      if (!added_before || escaped || other_done || !first_deferred) continue;
      if (!is_wait_group(pass, wait.recv)) continue;
      std::string name(support::text_of(file, wait.recv));
      Finding f;
      f.path = std::string(file.path);
      f.start = wait.call->pos();
      f.end = wait.call->end();
      f.message = name + ".Wait() blocks forever: the only " + name +
                  ".Done() calls are deferred by this function and run only after it returns";
      f.related.push_back({std::string(file.path), first_deferred->call->pos(),
                           first_deferred->call->end(), "Done deferred here"});
      pass.report(std::move(f));
    }
  }
};

}  // namespace

const Rule* wg_deferred_done_rule() {
  static const WgDeferredDone rule;
  return &rule;
}

}  // namespace gotrap::rules
