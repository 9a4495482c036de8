// defer-in-loop: a defer directly inside a loop body runs only when the function returns.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "facts/assign.h"
#include "facts/flow.h"
#include "facts/packages.h"
#include "facts/remote.h"
#include "facts/types.h"
#include "rules/rule.h"
#include "sema/cfg.h"
#include "rules/support/facts.h"
#include "rules/support/flow.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# defer-in-loop

**What.** A `defer` inside a loop body (including `if`, `switch` and `select` blocks in it, not
inside a func literal called per iteration) that releases something the same iteration acquired:
the deferred call's receiver, argument or called function value (or those of the calls in a
deferred literal) is a variable the loop body declared with a value — `f, err := os.Open(p)` then
`defer f.Close()`, `it := db.NewIterator()` then `defer it.Release()`, `defer t.close()`,
`defer os.Remove(name)`, `defer func() { _ = f.Close() }()`, `defer func(f *os.File) {...}(f)`,
`defer cancel()` — and the defer can run again: the control-flow graph has a path from it back to
itself. A copy (`g := f`) holds what it copies; what a deferred literal declares itself is made
when it runs, not by the iteration.

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

Deferred completion signals (a `sync.WaitGroup`'s `Done()`, a channel send, `close(ch)`, directly
or in a deferred literal) are reported: the waiting side gets them only after the loop, or never.
`defer mu.Unlock()` (a `sync.Mutex` or `sync.RWMutex`) is reported when the iteration locks `mu`
itself and works under the lock after the defer. A deferred call of a function value counts as a
release when the value is a context's cancel function (`context.WithCancel`, `WithTimeout`...).

**Quiet when** the `defer` is inside a func literal or outside any loop; no path leads from it
back to it (every path after it returns, breaks out or ends the process), counting only the
branches the conditions that lead to it allow (`if err == nil { defer ... }` followed by
`switch { case err == nil: break loop ... }`: `err` unchanged, a success leaves the loop); what it releases was
not acquired by the iteration (a loop variable handed out by the loop or a copy of one, a value
from outside the loop: cleanups collected for the function's end); the resource, or what a cancel function was made
with, leaves the iteration (stored, appended, sent, returned, put in a value that leaves, or used by a goroutine started in
the loop, which may use it until a later `wg.Wait()`); the same call is also made directly later
in the iteration (the defer only covers early returns); the loop only locks and defers the
unlocks (lock every key, then work with all of them held); the channel a deferred `close`
signals was made by the iteration and handed to its goroutine (it learns that the function is
over); each statement of the deferred literal is an `if` on a named result of the function (it acts on
the function's outcome, like `if err != nil { release() }`); what is stopped is a callback armed for later (`time.AfterFunc`,
`context.AfterFunc`), or what a call handed a function returned (a subscription or consumer that
works by calling its handler), kept running for the rest of the function; the deferred function value came
from the user's own function (a restore or cleanup hook: nothing says what it releases); a lazy
initialisation `if x == nil { x = ...; defer ... }`, or a once-per-key one (`if !seen[k] {
seen[k] = true; ...; defer ... }`: the code tracks each registration it keeps until return); and in `_test.go` files and packages under a test, e2e or
testutil directory, where deferring per-case cleanups to the end of the test is the usual intent.
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

// The identifiers whose resources a deferred call releases: the root of a method call's receiver
// (f in f.Close(), resp in resp.Body.Close()), the identifier arguments of the call (name in
// os.Remove(name), buf in pool.Put(buf)), a called function value (cancel in cancel()), and the
// same for every call inside a deferred literal (`defer func() { _ = f.Close() }()`).
void subjects_of(const Pass& pass, const CallExpr* call, std::vector<const Ident*>& out) {
  if (!call) return;
  const Expr* fun = support::unparen(call->fun);
  if (auto* lit = as<FuncLit>(fun)) {
    std::vector<const Ident*> inner;
    support::inspect(lit->body, [&](const Node* n, std::span<const Node* const>) {
      if (is<FuncLit>(n)) return Visit::skip;
      if (auto* c = as<CallExpr>(n)) subjects_of(pass, c, inner);
      return Visit::descend;
    });
    for (const Ident* id : inner) {
      const sema::Object* o = pass.sema() ? pass.sema()->use_of(id) : nullptr;
      if (!o || !o->ident || !support::contains(lit, o->ident)) {
        out.push_back(id);
        continue;
      }
      // Declared by the literal itself: a local is made when the deferred call runs, not by the
      // iteration; a parameter stands for the argument the defer statement evaluates now.
      size_t k = 0;
      if (lit->type && lit->type->params)
        for (const Field* f : lit->type->params->list)
          for (const Ident* p : f->names) {
            if (p == o->ident && k < call->args.size())
              if (const Ident* r = root_ident(call->args[k])) out.push_back(r);
            ++k;
          }
    }
    return;
  }
  if (auto* id = as<Ident>(fun)) out.push_back(id);
  if (auto* sel = as<SelectorExpr>(fun)) {
    const Ident* root = root_ident(sel->x);
    const sema::Object* o = root && pass.sema() ? pass.sema()->use_of(root) : nullptr;
    // A method releases its receiver; `config.apply(tc)` does not release tc.
    if (root && !(o && o->kind == sema::ObjectKind::PkgName)) return out.push_back(root);
    if (!o) return;
  }
  // A function (os.Remove(name), a package's Close(x)) releases what it is handed.
  for (const Expr* a : call->args)
    if (const Ident* r = root_ident(a)) out.push_back(r);
}

// The loop variables of `loop` itself (range key/value, a three-clause loop's init variables):
// the loop hands them out, the body does not acquire them.
bool is_loop_variable(const Node* loop, const Ident* decl) {
  if (auto* r = as<RangeStmt>(loop)) return r->key == decl || r->value == decl;
  if (auto* f = as<ForStmt>(loop))
    if (auto* a = as<AssignStmt>(f->init))
      for (const Expr* l : a->lhs)
        if (l == decl) return true;
  return false;
}

// The declaring identifier of `use` when it is a variable the loop body acquires: declared inside
// the body with a value (`f, err := os.Open(p)`, `t := newThing()`, `var x = ...`); else null.
const Ident* acquired_in_iteration(const Pass& pass, const Node* loop, const Ident* use,
                                   const std::set<std::string_view>& declared_by_name, int depth = 0) {
  const BlockStmt* body = support::loop_body(loop);
  if (pass.sema()) {
    const sema::Object* o = pass.sema()->use_of(use);
    if (!o || o->kind != sema::ObjectKind::Var || !o->ident || !support::contains(body, o->ident)) return nullptr;
    if (is_loop_variable(loop, o->ident)) return nullptr;
    auto* a = as<AssignStmt>(o->decl);
    auto* v = as<ValueSpec>(o->decl);
    // A copy of another variable (`seal := seal`, `f := file`) holds what that variable holds:
    // acquired by the iteration only when that one was.
    const Expr* value = nullptr;
    if (a && a->lhs.size() == a->rhs.size())
      for (size_t k = 0; k < a->lhs.size(); ++k)
        if (a->lhs[k] == o->ident) value = a->rhs[k];
    if (v && v->names.size() == v->values.size())
      for (size_t k = 0; k < v->names.size(); ++k)
        if (v->names[k] == o->ident) value = v->values[k];
    if (auto* src = as<Ident>(support::unparen(value)); src && depth < 8)
      return acquired_in_iteration(pass, loop, src, declared_by_name, depth + 1) ? o->ident : nullptr;
    if ((a && !a->rhs.empty()) || (v && !v->values.empty())) return o->ident;
    // Declared without a value and assigned later in the body: look for a write with a value.
    bool valued = false;
    facts::for_each_write(body, [&](const facts::Write& w) {
      if (w.value && pass.sema()->object_of(w.target) == o) valued = true;
    });
    return valued ? o->ident : nullptr;
  }
  return declared_by_name.count(use->name) ? use : nullptr;
}

// Names declared inside the loop body by := or var; with `valued`, only those declared with a
// value (what an iteration acquires, without sema).
std::set<std::string_view> loop_declared(const Node* loop, bool valued) {
  std::set<std::string_view> names;
  support::for_each_node(support::loop_body(loop), [&](const Node* n) {
    if (auto* a = as<AssignStmt>(n); a && a->tok == Tok::DEFINE) {
      for (const Expr* l : a->lhs)
        if (auto* id = as<Ident>(l)) names.insert(id->name);
    } else if (auto* vs = as<ValueSpec>(n); vs && (!valued || !vs->values.empty())) {
      for (const Ident* id : vs->names) names.insert(id->name);
    } else if (auto* r = as<RangeStmt>(n); r && r->tok == Tok::DEFINE && !valued) {
      if (auto* k = as<Ident>(r->key)) names.insert(k->name);
      if (auto* v = as<Ident>(r->value)) names.insert(v->name);
    }
  });
  return names;
}

// True when a value named `name` leaves the iteration: stored in something declared outside it
// (field, index, outer variable), appended, sent, put in a composite literal, returned, or used
// by a goroutine. Then it is meant to outlive the iteration and releasing it at function end is
// the intent. A field read that holds no pointers (`total += resp.ContentLength`) carries nothing
// of the value away.
bool leaves_iteration(const Pass& pass, const Node* loop, std::string_view name,
                      const std::set<std::string_view>& local, int depth = 0) {
  bool out = false;
  support::inspect(loop, [&](const Node* n, std::span<const Node* const> anc) {
    if (out) return Visit::stop;
    auto* id = as<Ident>(n);
    if (!id || id->name != name || anc.empty()) return Visit::descend;
    if (auto* sel = as<SelectorExpr>(anc.back()); sel && sel->sel == id) return Visit::descend;
    if (auto* sel = as<SelectorExpr>(anc.back()); sel && sel->x == id && pass.sema()) {
      const sema::Object* field = pass.sema()->use_of(sel->sel);
      if (field && field->kind == sema::ObjectKind::Var && facts::holds_pointers(field) == false)
        return Visit::descend;
    }
    // Used by a goroutine started in the loop (directly or in its literal): the goroutine may
    // use it until a later wg.Wait or for ever; releasing it at the function's end is the intent.
    for (size_t i = anc.size(); i-- > 0;) {
      if (is<GoStmt>(anc[i])) {
        out = true;
        return Visit::stop;
      }
      if (anc[i] == loop) break;
    }
    const Node* child = n;
    bool wrapped = false;  // carried by a composite literal or an address built here
    for (size_t i = anc.size(); i-- > 0; child = anc[i]) {
      const Node* a = anc[i];
      if (auto* send = as<SendStmt>(a)) {
        out = child == send->value;  // sent away; sending on it keeps it here
        break;
      }
      if (is<GoStmt>(a) || is<ReturnStmt>(a)) {
        out = true;
        break;
      }
      // Put in a composite literal or its address taken: the new value carries it on, and
      // leaves when that value does (`r := reader{body: resp.Body}` used in the iteration
      // does not).
      if (is<CompositeLit>(a) || is<KeyValueExpr>(a)) {
        wrapped = true;
        continue;
      }
      if (auto* u = as<UnaryExpr>(a); u && u->op == Tok::AND) {
        if (is<CompositeLit>(child)) continue;  // &T{...}: the value built around it
        if (depth == 0) {  // the resource's own address is taken: it may be kept anywhere
          out = true;
          break;
        }
        continue;  // a wrapper's address (`read(&counter)`): used where the wrapper is
      }
      if (auto* call = as<CallExpr>(a)) {
        auto* f = as<Ident>(support::unparen(call->fun));
        if (f && f->name == "append" && child != call->fun) {
          out = true;
          break;
        }
        if (child != call->fun) {
          // Handed to a call for the iteration's work; a value built around it and handed over
          // (`list.PushBack(&entry{f})`) is taken to be kept.
          out = wrapped;
          break;
        }
      }
      if (auto* as_ = as<AssignStmt>(a)) {
        bool in_rhs = false;
        for (const Expr* r : as_->rhs) in_rhs |= r == child;
        if (!in_rhs) break;
        for (const Expr* l : as_->lhs) {
          auto* lid = as<Ident>(support::unparen(l));
          if (!lid || (lid->name != "_" && !local.count(lid->name))) out = true;
          // A local of the iteration given a value built around it: it leaves when that does.
          else if (wrapped && lid->name != "_" && lid->name != name &&
                   (depth >= 4 || leaves_iteration(pass, loop, lid->name, local, depth + 1)))
            out = true;
        }
        break;
      }
      if (support::is_stmt_node(a)) break;
    }
    return Visit::descend;
  });
  return out;
}

// The same variable, field or map element: `seen[k]` and `seen[k]` (keys compared as references
// or literals).
bool same_place(const Expr* a, const Expr* b) {
  a = support::unparen(a), b = support::unparen(b);
  auto* ia = as<IndexExpr>(a);
  auto* ib = as<IndexExpr>(b);
  if (ia || ib) return ia && ib && same_place(ia->x, ib->x) && same_place(ia->index, ib->index);
  auto* la = as<BasicLit>(a);
  auto* lb = as<BasicLit>(b);
  if (la || lb) return la && lb && la->value == lb->value;
  return support::same_ref(a, b);
}

// `if x == nil { x = ...; defer release(x) }`, `if !done { done = true; defer ... }`: once.
// `if !seen[k] { seen[k] = true; defer ... }`: once per key, the code keeping track of each
// registration it holds until the function returns.
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
    // `if _, ok := seen[k]; !ok { seen[k] = ...; defer ... }`: the guard is the map element.
    if (auto* init = as<AssignStmt>(ifs->init); init && init->lhs.size() == 2 && init->rhs.size() == 1 &&
                                                is<IndexExpr>(support::unparen(init->rhs[0])) &&
                                                support::same_ref(init->lhs[1], guard))
      guard = init->rhs[0];
    bool assigned = false;
    support::for_each_node(ifs->body, [&](const Node* n) {
      if (auto* a = as<AssignStmt>(n))
        for (const Expr* l : a->lhs) assigned |= same_place(l, guard);
    });
    if (assigned) return true;
  }
  return false;
}

// For Unlock: the loop locks `recv` itself, and does not search-and-return while holding the
// locks (a chain walk that returns with every lock held is deliberate).
bool locks_per_iteration(const Pass& pass, const Node* loop, const DeferStmt* d, std::string_view recv,
                         const PassFile& file) {
  bool locked = false, returns_after = false;
  support::for_each_node(support::loop_body(loop), [&](const Node* n) {
    if (is<ReturnStmt>(n) && n->pos() > d->pos()) returns_after = true;
    auto* call = as<CallExpr>(n);
    if (!call || call->pos() > d->pos()) return;
    auto* sel = as<SelectorExpr>(support::unparen(call->fun));
    if (sel && facts::calls_package_func(pass.sema(), call, "sync", {"Lock", "RLock"}) && support::text_of(file, sel->x) == recv)
      locked = true;
  });
  return locked && !returns_after;
}

// The channel of a send or close(ch) (null for wg.Done()).
const Expr* signalled_channel(const Node* n) {
  if (auto* send = as<SendStmt>(n)) return send->chan;
  auto* call = as<CallExpr>(n);
  auto* id = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
  return id && id->name == "close" && call->args.size() == 1 ? call->args[0] : nullptr;
}

// True when the deferred call tells someone that this iteration's work is done: a
// sync.WaitGroup's Done(), a send, close(ch). Deferred to the function's end, the signal arrives
// after the loop (or never, when the function itself waits for it), which is never what a loop
// body means. `channels` receives the signalled channels.
bool signals_completion(const Pass& pass, const DeferStmt* d, std::vector<const Expr*>& channels) {
  auto is_signal = [&](const Node* n) {
    if (const Expr* ch = signalled_channel(n)) {
      channels.push_back(ch);
      return true;
    }
    auto* call = as<CallExpr>(n);
    return call && call->args.empty() && facts::calls_package_func(pass.sema(), call, "sync", {"Done"});
  };
  if (!d->call) return false;
  if (is_signal(d->call)) return true;
  auto* lit = as<FuncLit>(support::unparen(d->call->fun));
  if (!lit || !lit->body) return false;
  bool found = false;
  support::inspect(lit->body, [&](const Node* n, std::span<const Node* const>) {
    if (is<FuncLit>(n)) return Visit::skip;  // runs on its own schedule
    if (is_signal(n)) found = true;
    return Visit::descend;
  });
  return found;
}

// A deferred literal that only acts on the function's outcome: each statement of its body is an
// `if` whose condition reads a named result of the enclosing function (`defer func() { if err !=
// nil { release(x) } }()`), so it is meant to run at return. A literal that releases
// unconditionally and merely records the error (`if cerr := f.Close(); err == nil { err = cerr }`)
// does not count.
bool acts_on_outcome(const Pass& pass, const DeferStmt* d, const Node* fn) {
  auto* lit = d->call ? as<FuncLit>(support::unparen(d->call->fun)) : nullptr;
  const FuncType* type = nullptr;
  if (auto* decl = as<FuncDecl>(fn)) type = decl->type;
  if (auto* outer = as<FuncLit>(fn)) type = outer->type;
  if (!lit || !lit->body || lit->body->list.empty() || !type || !type->results || !pass.sema()) return false;
  std::set<const sema::Object*> named;
  for (const Field* f : type->results->list)
    for (const Ident* id : f->names)
      if (const sema::Object* o = pass.sema()->def_of(id)) named.insert(o);
  if (named.empty()) return false;
  for (const Stmt* st : lit->body->list) {
    auto* ifs = as<IfStmt>(st);
    if (!ifs || ifs->init) return false;
    bool reads = false;
    support::for_each_node(ifs->cond, [&](const Node* n) {
      if (auto* id = as<Ident>(n); id && named.count(pass.sema()->use_of(id))) reads = true;
    });
    if (!reads) return false;
  }
  return true;
}

// The call whose result the iteration assigned to `decl`'s variable: its declaration's value, or
// a later write in the loop body (`var cancel context.CancelFunc; ctx, cancel = ...`).
const CallExpr* acquiring_call(const Pass& pass, const Node* loop, const Ident* decl) {
  const sema::Object* o = pass.sema() ? pass.sema()->def_of(decl) : nullptr;
  if (!o) return nullptr;
  const CallExpr* found = nullptr;
  facts::for_each_write(support::loop_body(loop), [&](const facts::Write& w) {
    if (!found && w.value && pass.sema()->object_of(w.target) == o) found = as<CallExpr>(support::unparen(w.value));
  });
  return found;
}

// What the iteration acquired is a callback armed to run later (time.AfterFunc, context.AfterFunc):
// deferring its stop keeps it armed for the rest of the function, which is what such code wants.
// So is what a call made with a function argument returns (`sub, _ := Subscribe(subj, handler)`,
// `cc, _ := cons.Consume(func(m Msg) {...})`): a subscription or consumer that does its work by
// calling that function for as long as it lives; stopping it at return keeps it running for the
// rest of the function, on purpose.
bool is_armed_callback(const Pass& pass, const CallExpr* acquired) {
  if (facts::calls_package_func(pass.sema(), acquired, "time", {"AfterFunc"}) ||
      facts::calls_package_func(pass.sema(), acquired, "context", {"AfterFunc"}))
    return true;
  if (!acquired) return false;
  for (const Expr* arg : acquired->args) {
    const Expr* e = support::unparen(arg);
    // A literal, a literal wrapped in a conversion or call (`Handler(func(...) {...})`,
    // `func(id int) Handler { ... }(i)`), or a value of function type.
    if (auto* c = as<CallExpr>(e)) {
      if (is<FuncLit>(support::unparen(c->fun))) return true;
      if (c->args.size() == 1) e = support::unparen(c->args[0]);
    }
    if (is<FuncLit>(e)) return true;
    const sema::Type* t = pass.sema() ? pass.sema()->type_of(arg) : nullptr;
    t = t ? sema::underlying(sema::unalias(t)) : nullptr;
    if (t && t->kind == sema::TypeKind::Func) return true;
  }
  return false;
}

// A function value the iteration got from a call: a context's cancel function is a known release
// (context.WithCancel, WithTimeout, ...); what a function of the user's returns (a restore or
// cleanup hook) may be meant for the function's end, and nothing says what it releases.
bool is_context_cancel(const Pass& pass, const CallExpr* acquired) {
  const sema::Object* callee = acquired ? facts::callee_of(pass.sema(), acquired) : nullptr;
  return callee && facts::is_package(callee->pkg_path(), "context");
}

// True when the iteration does more after the defer than the rest of a lock-all loop: any
// statement of the loop body that follows the defer (at any depth).
bool works_after(const Node* loop, const DeferStmt* d) {
  bool found = false;
  support::for_each_node(support::loop_body(loop), [&](const Node* n) {
    if (support::is_stmt_node(n) && n->pos() > d->end() && !is<BlockStmt>(n)) found = true;
  });
  return found;
}

// The deferred call is also made directly later in the iteration (`cancel()` at the end of the
// body, the defer covering only the early returns): released per iteration.
bool released_again(const PassFile& file, const Node* loop, const DeferStmt* d) {
  if (!d->call) return false;
  // The deferred call, or for a deferred literal (`defer func() { if !closed { w.Close() } }()`)
  // the calls in it.
  std::vector<std::string_view> deferred;
  if (auto* lit = as<FuncLit>(support::unparen(d->call->fun))) {
    support::for_each_node(lit->body, [&](const Node* n) {
      if (auto* c = as<CallExpr>(n); c && is<SelectorExpr>(support::unparen(c->fun)))
        deferred.push_back(support::text_of(file, c));
    });
  } else {
    deferred.push_back(support::text_of(file, d->call));
  }
  bool found = false;
  support::inspect(support::loop_body(loop), [&](const Node* n, std::span<const Node* const>) {
    if (found) return Visit::stop;
    if (is<FuncLit>(n) || is<DeferStmt>(n)) return Visit::skip;
    auto* c = as<CallExpr>(n);
    if (!c || n->pos() <= d->end()) return Visit::descend;
    std::string_view text = support::text_of(file, c);
    for (std::string_view t : deferred)
      if (!t.empty() && t == text) found = true;
    return Visit::descend;
  });
  return found;
}

bool worth_reporting(const Pass& pass, const PassFile& file, const DeferStmt* d,
                     std::span<const Node* const> anc, const Node* loop, const Node* fn) {
  if (in_once_guard(d, anc, loop)) return false;
  std::set<std::string_view> local = loop_declared(loop, false);
  if (auto* r = as<RangeStmt>(loop); r && r->tok == Tok::DEFINE) {
    if (auto* k = as<Ident>(r->key)) local.insert(k->name);
    if (auto* v = as<Ident>(r->value)) local.insert(v->name);
  }
  std::vector<const Expr*> channels;
  if (signals_completion(pass, d, channels)) {
    // A channel the iteration made and handed to a goroutine or stored: closing it at the
    // function's end tells that goroutine the function is over, on purpose.
    for (const Expr* ch : channels) {
      const Ident* root = root_ident(ch);
      if (root && acquired_in_iteration(pass, loop, root, {}) && leaves_iteration(pass, loop, root->name, local))
        return false;
    }
    return true;
  }
  if (!d->call) return false;
  if (acts_on_outcome(pass, d, fn)) return false;
  auto* sel = as<SelectorExpr>(support::unparen(d->call->fun));
  // Locks (sync's API): the loop must lock the same value itself, and do work under the lock in
  // the iteration; a loop that only locks and defers the unlocks holds every lock until the
  // function returns on purpose.
  if (sel && facts::calls_package_func(pass.sema(), d->call, "sync", {"Unlock", "RUnlock"}))
    return locks_per_iteration(pass, loop, d, support::text_of(file, sel->x), file) && works_after(loop, d);
  if (released_again(file, loop, d)) return false;
  std::vector<const Ident*> subjects;
  subjects_of(pass, d->call, subjects);
  std::set<std::string_view> declared = pass.sema() ? std::set<std::string_view>() : loop_declared(loop, true);
  // `local`: where a value may go and still stay in the iteration, any variable the body declares.
  bool paired = false;
  for (const Ident* subject : subjects) {
    const Ident* decl = acquired_in_iteration(pass, loop, subject, declared);
    if (!decl) continue;
    // The resource (or, for a cancel function, what was made with it) must stay in the iteration.
    if (leaves_iteration(pass, loop, subject->name, local)) return false;
    const CallExpr* acquired = acquiring_call(pass, loop, decl);
    if (is_armed_callback(pass, acquired)) return false;
    // A function value made with something else (`ctx, cancel := context.WithCancel(...)`): what
    // it was made with must stay in the iteration too.
    bool called = support::unparen(d->call->fun) == subject;
    if (called && pass.sema() && !is_context_cancel(pass, acquired)) continue;
    const sema::Object* dobj = called && pass.sema() ? pass.sema()->def_of(decl) : nullptr;
    if (auto* a = as<AssignStmt>(dobj ? dobj->decl : nullptr))
      for (const Expr* l : a->lhs)
        if (auto* id = as<Ident>(l); id && id->name != subject->name && id->name != "_" &&
                                     leaves_iteration(pass, loop, id->name, local))
          return false;
    paired = true;
  }
  return paired;
}

class DeferInLoop final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    sema::Cfg cfg;
    const BlockStmt* cfg_of = nullptr;
    // End-to-end suites and test frameworks defer per-case cleanups like _test.go files do.
    if (pass.sema() && facts::is_test_package(pass.sema()->import_path)) return;
    for (const PassFile& file : pass.files()) {
      // Tests defer per-case cleanups to the end of the test on purpose; a few open files or
      // servers until the test returns are harmless.
      if (file.is_test) continue;
      // Only defer statements are reported: skip the declarations (or files) that have none.
      // ... and only those inside a loop.
      if (!support::may_hold(file, nullptr, Kind::DeferStmt) || !support::may_mention(file, nullptr, "defer")) continue;
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        auto* d = as<DeferStmt>(n);
        if (!d) {
          bool top_level = anc.size() == 1;
          bool skip = top_level && (!support::may_hold(file, n, Kind::DeferStmt) ||
                                    !(support::may_hold(file, n, Kind::ForStmt) ||
                                      support::may_hold(file, n, Kind::RangeStmt)) ||
                                    !support::may_mention(file, n, "defer"));
          return skip ? Visit::skip : Visit::descend;
        }
        const Node* loop = support::enclosing_loop(anc);
        if (!loop) return Visit::skip;
        const Node* fn = support::enclosing_func(anc);
        const BlockStmt* body = support::func_body(fn);
        if (!body) return Visit::skip;
        if (cfg_of != body) build_cfg(body, pass.sema(), cfg), cfg_of = body;
        if (!facts::may_run_again(cfg, d, anc, pass.sema())) return Visit::skip;
        if (!worth_reporting(pass, file, d, anc, loop, fn)) return Visit::skip;
        std::string what = "deferred call";
        if (d->call && d->call->fun) {
          if (is<FuncLit>(d->call->fun)) what = "deferred func literal";
          else {
            std::string_view call = support::text_of(file, d->call);
            if (!call.empty() && call.size() <= 40 && call.find('\n') == std::string_view::npos)
              what = std::string(call);
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
