// defer-in-loop: a defer directly inside a loop body runs only when the function returns.
#include <map>
#include <optional>
#include <set>
#include <string>

#include "rules/rule.h"
#include "rules/support/facts.h"
#include "rules/support/flow.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# defer-in-loop

**What.** A `defer` statement directly inside a loop body (including `if`, `switch` and `select`
blocks in it), not inside a func literal called per iteration.

**Why.** Deferred calls run when the function returns, not when the iteration ends: a loop over
files keeps every file open, a loop over locks holds all of them, until the function is done, and
forever in a `for { select {...} }` server loop.

```go
for _, p := range paths {
	f, _ := os.Open(p)
	defer f.Close() // runs only when the function returns
}
// fixed: each iteration's defers run at its end
for _, p := range paths {
	if err := process(p); err != nil { ... } // process opens, defers Close, returns
}
```

**Fix.** None automatic: move the loop body into a function (named, or a literal called at once).

Deferred completion signals (`wg.Done()`, a channel send, `close(ch)`, directly or in a deferred
literal) are always reported: the waiting side gets them only after the loop, or never.

**Quiet when** the `defer` is inside a func literal, outside any loop, or cannot run twice: the
statements after it always leave the function (`return`, `panic`, `os.Exit`, `log.Fatal`), or break
out of the outermost loop, before the loop could start its next iteration. Also quiet when the
`defer` is the whole loop body (the loop collects cleanups for the function's end, as in
`for _, c := range closers { defer c.Close() }`), when it sits in a lazy
initialisation `if x == nil { x = ...; defer ... }`, and in `_test.go` files, where deferring
per-case cleanups to the end of the test is the usual intent.
)md";

const RuleInfo kInfo{
    .name = "defer-in-loop",
    .summary = "defer inside a loop runs only when the function returns, not per iteration",
    .doc = kDoc,
    .severity = Severity::warning,
};

// The identifier at the root of a receiver chain: f in f.Close, resp in resp.Body.Close, mus in
// mus[i].Unlock.
const Ident* root_ident(const Expr* e) {
  for (;;) {
    e = support::unparen(e);
    if (auto* id = as<Ident>(e)) return id;
    if (auto* sel = as<SelectorExpr>(e)) e = sel->x;
    else if (auto* ix = as<IndexExpr>(e)) e = ix->x;
    else if (auto* st = as<StarExpr>(e)) e = st->x;
    else return nullptr;
  }
}

// What a deferred call releases, when it has the shape of a per-iteration release: X.Close(),
// X.Body.Close(), X.Stop(), X.Unlock()/RUnlock() after X.Lock() in the loop, or cancel() of a
// context made in the loop. Other deferred calls (cleanups collected on purpose, recover
// literals, scope pops) are not this rule's business.
struct Released {
  const Ident* root = nullptr;
  bool is_lock = false;
  std::string_view method;
};

std::optional<Released> released(const DeferStmt* d) {
  const CallExpr* call = d->call;
  if (!call || !call->args.empty()) return std::nullopt;
  const Expr* fun = support::unparen(call->fun);
  if (auto* id = as<Ident>(fun)) {
    if (id->name.find("ancel") == std::string_view::npos) return std::nullopt;
    return Released{id, false, id->name};
  }
  auto* sel = as<SelectorExpr>(fun);
  if (!sel) return std::nullopt;
  std::string_view m = sel->sel->name;
  bool lock = m == "Unlock" || m == "RUnlock";
  if (!lock && m != "Close" && m != "Stop") return std::nullopt;
  const Ident* root = root_ident(sel->x);
  if (!root) return std::nullopt;
  return Released{root, lock, m};
}

// Names declared inside the loop body by := or var (what an iteration acquires).
void loop_declared(const Node* loop, std::set<std::string_view>& names,
                   std::map<std::string_view, const AssignStmt*>& defs) {
  support::for_each_node(support::loop_body(loop), [&](const Node* n) {
    if (auto* a = as<AssignStmt>(n); a && a->tok == Tok::DEFINE) {
      for (const Expr* l : a->lhs)
        if (auto* id = as<Ident>(l)) names.insert(id->name), defs[id->name] = a;
    } else if (auto* r = as<RangeStmt>(n); r && r->tok == Tok::DEFINE) {
      if (auto* k = as<Ident>(r->key)) names.insert(k->name);
      if (auto* v = as<Ident>(r->value)) names.insert(v->name);
    } else if (auto* vs = as<ValueSpec>(n)) {
      for (const Ident* id : vs->names) names.insert(id->name);
    }
  });
}

// True when a value named `name` leaves the iteration: stored in something declared outside it
// (field, index, outer variable), appended, sent, put in a composite literal, returned, or used
// by a goroutine. Then it is meant to outlive the iteration and releasing it at function end is
// the intent.
bool leaves_iteration(const Node* loop, std::string_view name, const std::set<std::string_view>& local) {
  bool out = false;
  support::inspect(loop, [&](const Node* n, std::span<const Node* const> anc) {
    if (out) return Visit::stop;
    auto* id = as<Ident>(n);
    if (!id || id->name != name || anc.empty()) return Visit::descend;
    if (auto* sel = as<SelectorExpr>(anc.back()); sel && sel->sel == id) return Visit::descend;
    for (size_t i = anc.size(); i-- > 0;) {
      if (is<GoStmt>(anc[i])) {
        out = true;
        return Visit::stop;
      }
      if (support::is_stmt_node(anc[i])) break;
    }
    const Node* child = n;
    for (size_t i = anc.size(); i-- > 0; child = anc[i]) {
      const Node* a = anc[i];
      if (is<GoStmt>(a) || is<SendStmt>(a) || is<ReturnStmt>(a) || is<CompositeLit>(a) ||
          (is<UnaryExpr>(a) && as<UnaryExpr>(a)->op == Tok::AND)) {
        out = true;
        break;
      }
      if (auto* call = as<CallExpr>(a)) {
        auto* f = as<Ident>(support::unparen(call->fun));
        if (f && f->name == "append" && child != call->fun) {
          out = true;
          break;
        }
        if (child != call->fun) break;  // handed to a call for the iteration's work
      }
      if (auto* as_ = as<AssignStmt>(a)) {
        bool in_rhs = false;
        for (const Expr* r : as_->rhs) in_rhs |= r == child;
        if (!in_rhs) break;
        for (const Expr* l : as_->lhs) {
          auto* lid = as<Ident>(support::unparen(l));
          if (!lid || (lid->name != "_" && !local.count(lid->name))) out = true;
        }
        break;
      }
      if (support::is_stmt_node(a)) break;
    }
    return Visit::descend;
  });
  return out;
}

// `if x == nil { x = ...; defer release(x) }`, `if !done { done = true; defer ... }`: once.
bool in_once_guard(const DeferStmt* d, std::span<const Node* const> anc, const Node* loop) {
  for (size_t i = anc.size(); i-- > 0 && anc[i] != loop;) {
    auto* ifs = as<IfStmt>(anc[i]);
    if (!ifs) continue;
    const Expr* cond = support::unparen(ifs->cond);
    const Expr* guard = nullptr;
    if (auto* b = as<BinaryExpr>(cond); b && b->op == Tok::EQL) {
      auto* y = as<Ident>(support::unparen(b->y));
      auto* lit = as<BasicLit>(support::unparen(b->y));
      if ((y && y->name == "nil") || (lit && (lit->value == "\"\"" || lit->value == "0"))) guard = b->x;
    } else if (auto* u = as<UnaryExpr>(cond); u && u->op == Tok::NOT) {
      guard = u->x;
    } else if (is<Ident>(cond) || is<SelectorExpr>(cond)) {
      guard = cond;
    }
    if (!guard) continue;
    bool assigned = false;
    support::for_each_node(ifs->body, [&](const Node* n) {
      if (auto* a = as<AssignStmt>(n))
        for (const Expr* l : a->lhs) assigned |= support::same_ref(l, guard);
    });
    if (assigned) return true;
  }
  return false;
}

// For Unlock: the loop locks `recv` itself, and does not search-and-return while holding the
// locks (a chain walk that returns with every lock held is deliberate).
bool locks_per_iteration(const Node* loop, const DeferStmt* d, std::string_view recv,
                         const PassFile& file) {
  bool locked = false, returns_after = false;
  support::for_each_node(support::loop_body(loop), [&](const Node* n) {
    if (is<ReturnStmt>(n) && n->pos() > d->pos()) returns_after = true;
    auto* call = as<CallExpr>(n);
    if (!call || call->pos() > d->pos()) return;
    auto* sel = as<SelectorExpr>(support::unparen(call->fun));
    if (sel && (sel->sel->name == "Lock" || sel->sel->name == "RLock") &&
        support::text_of(file, sel->x) == recv)
      locked = true;
  });
  return locked && !returns_after;
}

// True when the deferred call tells someone that this iteration's work is done: wg.Done(), a
// send, close(ch). Deferred to the function's end, the signal arrives after the loop (or never,
// when the function itself waits for it), which is never what a loop body means.
bool signals_completion(const DeferStmt* d) {
  auto is_signal = [](const Node* n) {
    if (is<SendStmt>(n)) return true;
    auto* call = as<CallExpr>(n);
    if (!call) return false;
    const Expr* fun = support::unparen(call->fun);
    if (auto* sel = as<SelectorExpr>(fun)) return sel->sel->name == "Done" && call->args.empty();
    auto* id = as<Ident>(fun);
    return id && id->name == "close" && call->args.size() == 1;
  };
  if (!d->call) return false;
  if (is_signal(d->call)) return true;
  auto* lit = as<FuncLit>(support::unparen(d->call->fun));
  if (!lit || !lit->body) return false;
  bool found = false;
  support::inspect(lit->body, [&](const Node* n, std::span<const Node* const>) {
    if (found) return Visit::stop;
    if (is<FuncLit>(n)) return Visit::skip;  // runs on its own schedule
    if (is_signal(n)) found = true;
    return Visit::descend;
  });
  return found;
}

bool worth_reporting(const PassFile& file, const DeferStmt* d, std::span<const Node* const> anc,
                     const Node* loop) {
  if (in_once_guard(d, anc, loop)) return false;
  if (signals_completion(d)) return true;
  auto rel = released(d);
  if (!rel) return false;
  auto* sel = as<SelectorExpr>(support::unparen(d->call->fun));
  if (rel->is_lock) return sel && locks_per_iteration(loop, d, support::text_of(file, sel->x), file);
  std::set<std::string_view> local;
  std::map<std::string_view, const AssignStmt*> defs;
  loop_declared(loop, local, defs);
  if (!local.count(rel->root->name)) return false;  // not acquired in the iteration
  // The loop's own variables are local too (for stores), but were not acquired by the body.
  if (auto* r = as<RangeStmt>(loop); r && r->tok == Tok::DEFINE) {
    if (auto* k = as<Ident>(r->key)) local.insert(k->name);
    if (auto* v = as<Ident>(r->value)) local.insert(v->name);
  }
  if (leaves_iteration(loop, rel->root->name, local)) return false;
  // cancel(): the context made with it must not leave the iteration either.
  if (!sel) {
    auto it = defs.find(rel->root->name);
    if (it == defs.end()) return false;
    for (const Expr* l : it->second->lhs)
      if (auto* id = as<Ident>(l); id && id->name != rel->root->name && id->name != "_" &&
                                   leaves_iteration(loop, id->name, local))
        return false;
  }
  return true;
}

class DeferInLoop final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    for (const PassFile& file : pass.files()) {
      // Tests defer per-case cleanups to the end of the test on purpose; a few open files or
      // servers until the test returns are harmless.
      if (file.is_test) continue;
      // Only defer statements are reported: skip the declarations (or files) that have none.
      if (!support::may_mention(file, nullptr, "defer")) continue;
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        auto* d = as<DeferStmt>(n);
        if (!d) {
          bool top_level = anc.size() == 1;
          return top_level && !support::may_mention(file, n, "defer") ? Visit::skip : Visit::descend;
        }
        const Node* loop = support::enclosing_loop(anc);
        if (!loop || !support::may_run_again(d, anc, pass.sema())) return Visit::skip;
        if (!worth_reporting(file, d, anc, loop)) return Visit::skip;
        std::string what = "deferred call";
        if (d->call && d->call->fun) {
          if (is<FuncLit>(d->call->fun)) what = "deferred func literal";
          else {
            std::string_view callee = file.text.substr(d->call->fun->pos(),
                                                       d->call->fun->end() - d->call->fun->pos());
            if (callee.size() <= 40) what = std::string(callee) + "()";
          }
        }
        pass.report(file, d->pos(), d->end(),
                    "defer in a loop: " + what + " runs only when the function returns, not at the "
                    "end of each iteration; move the loop body into a function");
        return Visit::skip;
      });
    }
  }
};

}  // namespace

const Rule* defer_in_loop_rule() {
  static const DeferInLoop rule;
  return &rule;
}

}  // namespace gotrap::rules
