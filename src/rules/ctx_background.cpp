// ctx-background: a call gets context.Background()/TODO() although the function has a context at
// hand (a context.Context parameter, an *http.Request, or a receiver's context field).
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <vector>

#include "facts/assign.h"
#include "facts/context.h"
#include "facts/remote.h"
#include "facts/summary.h"
#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/walk.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::ContextCall;

const RuleInfo kInfo{
    .name = "ctx-background",
    .summary = "context.Background()/TODO() passed to a call where a context is available",
    .doc = R"md(# ctx-background

**What.** In a function that has a context at hand — a `context.Context` parameter, an
`*http.Request` (in a handler), or a receiver with a `context.Context` field (go-zero's logic
structs) — a call that may wait on its context receives `context.Background()` or
`context.TODO()`, directly, through a `With*` derivation, through a function of the module that
wraps it, or through a local variable. The message names the call and the context at hand.

A function that is given a context and throws it away (`_ context.Context`, or an unnamed
parameter) had the caller's context at hand too: a call below it that may wait on a fresh root
context is reported the same way, without a fix (there is no name to pass), unless the root
context gets a deadline of its own right away (`context.WithTimeout(context.Background(), d)`):
having set the caller's context aside and bounded the work itself, the function chose its own
bound.

**Why.** The caller's cancellation and deadline stop at this call: when the client hangs up or the
request times out, the work below goes on, holding connections and goroutines.

```go
func (h *Handler) Lookup(ctx context.Context, id string) (*Site, error) {
	return h.sites.GetSite(context.Background(), id) // ctx is ignored
}
// fixed:
	return h.sites.GetSite(ctx, id)
```

**How it decides.** The root context is followed to where it goes, and each call receiving it is
judged from what it does with its context (function summaries of the analysed module, bottom-up):
a call reports when it may wait on the context (asks `Done`/`Err`, hands it on to a call not known
to ignore it, or has no body gotrap can read). It stays quiet when no call waits on it:

- the callee never waits on its context (it only reads values from it, or does not use it), or it
  is a well-known API that takes a context without waiting on it (OpenTelemetry metric
  instruments and propagators, the global one from `otel.GetTextMapPropagator()` too, `log/slog`,
  `net.ListenConfig.Listen`). An interface method is judged by its implementations in the
  interface's own package (the named types whose method sets have the interface's methods): quiet
  when there is at least one and none waits on, keeps or returns the context (such as a library's
  logger behind its `Logging` interface); otherwise it counts as a call gotrap cannot read (code
  elsewhere may implement it);
- the context is kept running beyond the call, for work that must outlive a call's context: a
  goroutine started with it (here or in the callee), a hook the callee stores, a field or a
  container. (With a receiver's context field, which lives as long as the component, this does
  not apply.) A goroutine that only watches the context until told to stop honours it, and does
  not count; nor does one that gets only the context's values, through a wrapper whose `Done`,
  `Err` and `Deadline` read another context (a pool building a resource on its own lifetime with
  the caller's values): the caller's cancellation ends only the caller's wait;
- it reaches a shutdown: a call that ends the process (`os.Exit`) or shuts an `http.Server` down,
  itself or in a function it calls;
- it is returned: the function builds a context for its callers, who decide what it bounds;
- the context at hand is nil (`if ctx == nil { ... }`, the else of `ctx != nil`) or done already
  (`if ctx.Err() != nil`, also through a local that holds only ctx outside that branch:
  `abort := ctx; if abort.Err() != nil { abort = context.Background() }`), or the root call sits
  on the failure path of a call given that context
  (`if err := f(ctx); err != nil { release(context.Background()) }`), where it may be done: a
  release or cleanup needs a context of its own there;
- it releases what a call given the context at hand acquired: the root context is the only
  argument of a method of a local that holds only such a call's result
  (`l, err := k.lock(ctx, key)` ... `l.Unlock(context.Background())`), the method's result is
  dropped or is just an error, and nothing uses the local afterwards. The release must run even
  when the context it was acquired with has ended (often why the work stopped);
- the call also receives the context at hand (`cmp.Or(ctx, context.Background())`, a helper
  copying a span into a fresh context): it was passed over on purpose.

Inside a goroutine literal the message says what is lost (the caller's cancellation and values)
and suggests `context.WithoutCancel(ctx)` (Go 1.21+), which keeps the values but not the
cancellation; there is no fix.

**Fix.** Replaces the root call with the available context (`ctx`, `r.Context()`, `l.ctx`).

**When the fix is safe.** Never: the call then stops when the caller's context ends, which is the
point, but a change of behaviour a reviewer must accept, so the fix is always unsafe (applied only
with `--unsafe-fixes`). It is not offered at all where the context is kept beyond the call, where
the function (or one it calls, two levels down) ends the process or shuts a server down, when the
name of the context is declared more than once in the function, and when the root call is the
file's last use of the `context` import.

**Quiet also** where no context is available (process entry points, constructors, types without a
context field), inside `defer`red cleanup (which usually must run after the caller's context is
done), in functions that watch their context's end themselves (`ctx.Done()`, `ctx.Err()`), and in
tests and test helpers.
)md",
    .severity = Severity::warning,
};


bool has_testing_param(const support::Resolver& r, const Node* fn) {
  const FuncType* t = nullptr;
  if (auto* d = as<FuncDecl>(fn)) t = d->type;
  if (auto* l = as<FuncLit>(fn)) t = l->type;
  if (!t || !t->params) return false;
  for (const Field* f : t->params->list) {
    const Expr* type = support::unparen(f->type);
    if (auto* star = as<StarExpr>(type)) type = star->x;
    if (!r.member_of(type, "testing").empty()) return true;
  }
  return false;
}

// A context.Context parameter that the function cannot use: blank (`_ context.Context`) or
// unnamed.
bool discarded_context_param(const support::Resolver& r, const FuncType* t) {
  if (!t || !t->params) return false;
  for (const Field* f : t->params->list) {
    if (!f->type || !facts::is_context_type(r.sema, f->type)) continue;
    bool blank = true;
    for (const Ident* id : f->names) blank = blank && id->name == "_";
    if (blank) return true;
  }
  return false;
}

// The root call is the parent of a WithTimeout/WithDeadline derivation.
bool bounded_here(const support::Resolver& r, const CallExpr* root, std::span<const Node* const> anc) {
  const Node* child = root;
  size_t i = anc.size();
  while (i > 0 && is<ParenExpr>(anc[i - 1])) child = anc[--i];
  auto* call = i > 0 ? as<CallExpr>(anc[i - 1]) : nullptr;
  return call && !call->args.empty() && call->args[0] == child &&
         support::sets_deadline(support::classify_context_call(r, call));
}

// The function mentions `base.Done()` or `base.Err()`: it handles the end of its context itself,
// so a fresh context elsewhere in it is deliberate.
bool watches_context_end(const Node* fn, std::string_view base) {
  bool found = false;
  support::for_each_node(fn, [&](const Node* n) {
    auto* sel = as<SelectorExpr>(n);
    if (!sel || !sel->sel || (sel->sel->name != "Done" && sel->sel->name != "Err")) return;
    const Expr* x = support::unparen(sel->x);
    if (auto* call = as<CallExpr>(x)) {  // r.Context().Done()
      if (auto* inner = as<SelectorExpr>(call->fun)) x = inner->x;
    }
    if (auto* inner = as<SelectorExpr>(x)) x = inner->x;  // l.ctx.Done()
    if (auto* id = as<Ident>(x); id && id->name == base) found = true;
  });
  return found;
}

// Counts declarations of `name` in `fn` (parameters, :=, var), to know the fix's name is the one
// the reader sees.
int declarations_of(const Node* fn, std::string_view name) {
  int count = 0;
  support::for_each_node(fn, [&](const Node* n) {
    if (auto* f = as<Field>(n)) {
      for (const Ident* id : f->names) count += id->name == name;
    } else if (auto* a = as<AssignStmt>(n); a && a->tok == Tok::DEFINE) {
      for (const Expr* e : a->lhs)
        if (auto* id = as<Ident>(e)) count += id->name == name;
    } else if (auto* v = as<ValueSpec>(n)) {
      for (const Ident* id : v->names) count += id->name == name;
    } else if (auto* r = as<RangeStmt>(n); r && r->tok == Tok::DEFINE) {
      for (const Expr* e : {r->key, r->value})
        if (auto* id = as<Ident>(e)) count += id->name == name;
    }
  });
  return count;
}


// `e` is `x == nil` (want_nil) or `x != nil`, or an `||` (`&&` for !=) chain holding one, where
// x is the available context's expression or its base identifier.
bool tests_nil(std::string_view text, const Expr* e, const support::AvailableContext& avail, bool want_nil) {
  e = support::unparen(e);
  auto* b = as<BinaryExpr>(e);
  if (!b) return false;
  if ((want_nil && b->op == Tok::LOR) || (!want_nil && b->op == Tok::LAND))
    return tests_nil(text, b->x, avail, want_nil) || tests_nil(text, b->y, avail, want_nil);
  if (b->op != (want_nil ? Tok::EQL : Tok::NEQ)) return false;
  for (auto [x, y] : {std::pair{b->x, b->y}, std::pair{b->y, b->x}}) {
    auto* nil = as<Ident>(support::unparen(y));
    if (!nil || nil->name != "nil") continue;
    std::string_view xt = support::node_text(text, support::unparen(x));
    if (xt == avail.expr || xt == avail.base) return true;
  }
  return false;
}

// `e` is `x.Err() != nil` where x is the available context, or a local holding just it
// (`abort := ctx`): the context is done already.
// `within` is the branch the test guards: a local's writes there do not change what it held
// when the test ran (`abort := ctx; if abort.Err() != nil { abort = context.Background() }`).
bool holds_available(std::string_view text, const Ident* id, const support::AvailableContext& avail,
                     const facts::Writes* writes, const Node* within) {
  if (!writes) return false;
  std::span<const facts::Write> ws = writes->of(id);
  bool any = false;
  for (const facts::Write& w : ws) {
    if (w.zero_decl()) continue;
    if (within && support::contains(within, w.stmt)) continue;
    if (!w.value || w.index >= 0 || support::node_text(text, support::unparen(w.value)) != avail.expr) return false;
    any = true;
  }
  return any;
}

bool tests_done(std::string_view text, const Expr* e, const support::AvailableContext& avail,
                const support::LocalValues& locals, const facts::Writes* writes = nullptr,
                const Node* within = nullptr) {
  auto* b = as<BinaryExpr>(support::unparen(e));
  if (!b) return false;
  if (b->op == Tok::LAND || b->op == Tok::LOR)  // `||`: either; `&&`: both hold in the branch
    return tests_done(text, b->x, avail, locals, writes, within) ||
           (b->op == Tok::LAND && tests_done(text, b->y, avail, locals, writes, within));
  if (b->op != Tok::NEQ) return false;
  auto* call = as<CallExpr>(support::unparen(b->x));
  auto* nil = as<Ident>(support::unparen(b->y));
  auto* sel = call ? as<SelectorExpr>(support::unparen(call->fun)) : nullptr;
  if (!sel || !sel->sel || sel->sel->name != "Err" || !nil || nil->name != "nil") return false;
  const Expr* x = support::unparen(sel->x);
  if (support::node_text(text, x) == avail.expr) return true;
  auto* id = as<Ident>(x);
  const Expr* v = id ? locals.value_of(id->name) : nullptr;
  if (v && support::node_text(text, support::unparen(v)) == avail.expr) return true;
  return id && holds_available(text, id, avail, writes, within);
}

// The root call sits in the then-branch of `if ctx.Err() != nil`: the available context is done
// there, and the root context stands in for it (so that cleanup can still run).
bool under_done_guard(std::string_view text, const CallExpr* root, std::span<const Node* const> anc,
                      const support::AvailableContext& avail, const support::LocalValues& locals,
                      const sema::PackageInfo* info, const Node* top) {
  std::optional<facts::Writes> writes;
  for (size_t i = anc.size(); i-- > 0 && anc[i] != avail.func;)
    if (auto* i_ = as<IfStmt>(anc[i]))
      if (i_->body && support::contains(i_->body, root)) {
        if (!writes) writes.emplace(top, info);
        if (tests_done(text, i_->cond, avail, locals, &*writes, i_->body)) return true;
      }
  return false;
}

// The root call sits where the available context is known to be nil: the then-branch of
// `if ctx == nil`, the else-branch of `if ctx != nil`, a `case ctx == nil:` clause.
bool under_nil_guard(std::string_view text, const CallExpr* root, std::span<const Node* const> anc,
                     const support::AvailableContext& avail) {
  for (size_t i = anc.size(); i-- > 0 && anc[i] != avail.func;) {
    if (auto* i_ = as<IfStmt>(anc[i])) {
      if (i_->body && support::contains(i_->body, root) && tests_nil(text, i_->cond, avail, true)) return true;
      if (i_->else_stmt && support::contains(i_->else_stmt, root) && tests_nil(text, i_->cond, avail, false))
        return true;
    }
    if (auto* cc = as<CaseClause>(anc[i])) {
      auto* sw = i >= 2 ? as<SwitchStmt>(anc[i - 2]) : nullptr;
      if (sw && !sw->tag)
        for (const Expr* e : cc->list)
          if (tests_nil(text, e, avail, true)) return true;
    }
  }
  return false;
}

// `call` receives the available context itself as an argument.
bool receives_available(std::string_view text, const CallExpr* call, const support::AvailableContext& avail) {
  for (const Expr* a : call->args) {
    std::string_view t = support::node_text(text, support::unparen(a));
    if (t == avail.expr) return true;
  }
  return false;
}

// The statement assigns an error variable named `err` from a call that receives the available
// context.
bool sets_from_call_with_context(std::string_view text, const Stmt* st, std::string_view err,
                                 const support::AvailableContext& avail) {
  auto* a = as<AssignStmt>(st);
  if (!a || a->rhs.size() != 1) return false;
  auto* call = as<CallExpr>(support::unparen(a->rhs[0]));
  if (!call || !receives_available(text, call, avail)) return false;
  for (const Expr* l : a->lhs)
    if (auto* id = as<Ident>(l); id && id->name == err) return true;
  return false;
}

// The root call sits on the failure path of a call given the available context: inside
// `if err != nil { ... }` where err was just set by that call (in the if's init or the statement
// before it). There the context may be done already (often the very cause of the failure), so
// what must still happen (a release, a cleanup, a report) needs a context of its own.
bool on_failure_of_call_with_context(std::string_view text, const CallExpr* root,
                                     std::span<const Node* const> anc,
                                     const support::AvailableContext& avail) {
  for (size_t i = anc.size(); i-- > 0 && anc[i] != avail.func;) {
    auto* ifs = as<IfStmt>(anc[i]);
    if (!ifs || !ifs->body || !support::contains(ifs->body, root)) continue;
    auto* cond = as<BinaryExpr>(support::unparen(ifs->cond));
    if (!cond || cond->op != Tok::NEQ) continue;
    auto* err = as<Ident>(support::unparen(cond->x));
    auto* nil = as<Ident>(support::unparen(cond->y));
    if (!err || !nil || nil->name != "nil") continue;
    if (ifs->init && sets_from_call_with_context(text, ifs->init, err->name, avail)) return true;
    auto* block = i > 0 ? as<BlockStmt>(anc[i - 1]) : nullptr;
    if (!block) continue;
    for (size_t k = 1; k < block->list.size(); ++k)
      if (block->list[k] == ifs && sets_from_call_with_context(text, block->list[k - 1], err->name, avail))
        return true;
  }
  return false;
}

// The root context is the only argument of a method call that releases what a call given the
// available context acquired: `lock, err := k.lockPath(ctx, key)` ... `lock.Unlock(root)`, where
// the receiver is a local holding only that call's result, the call's result is dropped (or is
// just an error), and nothing uses the receiver after it. A release must run even when the
// context it was acquired with has ended (often the reason the work stopped), so it takes a
// context of its own.
bool releases_acquired(std::string_view text, const support::Resolver& r, const CallExpr* root,
                       std::span<const Node* const> anc, const support::AvailableContext& avail, const Node* top) {
  size_t i = anc.size();
  const Node* child = root;
  while (i > 0 && is<ParenExpr>(anc[i - 1])) child = anc[--i];
  auto* call = i > 0 ? as<CallExpr>(anc[i - 1]) : nullptr;
  if (!call || call->args.size() != 1 || call->args[0] != child || !r.sema) return false;
  auto* sel = as<SelectorExpr>(support::unparen(call->fun));
  auto* recv = sel ? as<Ident>(support::unparen(sel->x)) : nullptr;
  const sema::Object* var = recv ? r.sema->use_of(recv) : nullptr;
  if (!var || var->kind != sema::ObjectKind::Var || var->package_level || var->is_param) return false;
  // What the call gives back is dropped, or is only an error to check.
  const Node* stmt = i > 1 ? anc[i - 2] : nullptr;
  if (!is<ExprStmt>(stmt)) {
    auto* a = as<AssignStmt>(stmt);
    if (!a || a->lhs.size() != 1 || a->rhs.size() != 1 || a->rhs[0] != call) return false;
    const sema::Object* callee = facts::callee_of(r.sema, call);
    const sema::Type* sig = callee ? callee->type : nullptr;
    const sema::Type* result = sig && sig->kind == sema::TypeKind::Func && sig->results.size() == 1
                                   ? sema::unalias(sig->results[0].type)
                                   : nullptr;
    if (!result || result->kind != sema::TypeKind::Named || result->name != "error" || !result->pkg_path().empty())
      return false;
  }
  // The receiver holds only the result of a call given the available context.
  facts::Writes writes(top, r.sema);
  bool acquired = false;
  for (const facts::Write& w : writes.of(recv)) {
    if (w.zero_decl()) continue;
    auto* from = w.value ? as<CallExpr>(support::unparen(w.value)) : nullptr;
    if (!from || !receives_available(text, from, avail)) return false;
    acquired = true;
  }
  if (!acquired) return false;
  // Its last use.
  bool later = false;
  support::for_each_node(top, [&](const Node* n) {
    if (auto* id = as<Ident>(n); id && id->pos() > call->end() && r.sema->use_of(id) == var) later = true;
  });
  return !later;
}

// The call the root context is an argument of also receives another context: cmp.Or(ctx,
// root) (the root stands in for a nil one), or a helper deriving a detached context from both
// (`CopySpan(root, ctx)`). Either way the other context was at hand and passed over on purpose.
bool combined_with_a_context(const support::Resolver& r, const CallExpr* root, std::span<const Node* const> anc) {
  const Node* child = root;
  size_t i = anc.size();
  while (i > 0 && is<ParenExpr>(anc[i - 1])) child = anc[--i];
  auto* call = i > 0 ? as<CallExpr>(anc[i - 1]) : nullptr;
  if (!call) return false;
  bool is_arg = false;
  for (const Expr* a : call->args) is_arg |= a == child;
  if (!is_arg) return false;
  for (const Expr* a : call->args) {
    if (a == child) continue;
    if (support::is_root(support::classify_context_call(r, a))) continue;
    if (facts::is_context_value(r.sema, a)) return true;
  }
  return false;
}

// Mentions of the import that the root call's package selector resolves to, in the whole file:
// when the root call is the only one, replacing it would leave the import unused.
int import_uses(const PassFile& file, const support::Resolver& r, const CallExpr* root) {
  auto* sel = as<SelectorExpr>(support::unparen(root->fun));
  auto* pkg = sel ? as<Ident>(support::unparen(sel->x)) : nullptr;
  if (!pkg) return 0;
  const sema::Object* o = r.sema ? r.sema->use_of(pkg) : nullptr;
  int count = 0;
  support::for_each_node(file.parsed->file, [&](const Node* n) {
    auto* id = as<Ident>(n);
    if (!id || id->name != pkg->name) return;
    if (o ? r.sema->use_of(id) == o : true) ++count;
  });
  return count;
}

// Where a root context goes in its function, followed through parentheses, context.With*
// derivations, functions of the analysed module that hand it back (a value wrapper, a struct
// holding it), locals it is kept in, composite literals and `&`: the calls that receive it and
// what each does with its context (facts/summary.h), and the places where it outlives the call.
class Destinations {
 public:
  Destinations(const sema::PackageInfo* info, facts::Summaries& summaries, const FuncDecl* top)
      : info_(info), summaries_(summaries) {
    support::inspect(top, [&](const Node* n, std::span<const Node* const> anc) {
      if (!anc.empty()) parents_[n] = anc.back();
      if (auto* id = as<Ident>(n))
        if (const sema::Object* o = info_->use_of(id); o && o->kind == sema::ObjectKind::Var && !o->package_level)
          uses_[o].push_back(id);
      return support::Visit::descend;
    });
  }

  struct Result {
    const CallExpr* honouring = nullptr;  // the first call that may wait on it
    std::string_view via;                 // the local it reached that call through, if any
    const CallExpr* keeper = nullptr;     // a call that keeps it beyond the call (a goroutine it
                                          // starts, a field, a registered hook)
    bool stored = false;                  // kept by this function: a field, a global, a
                                          // container, a channel, a goroutine
    bool returned = false;                // handed back to this function's caller, as a context
    const CallExpr* exits = nullptr;      // a call that ends the process (os.Exit) or shuts an
                                          // HTTP server down, itself or
                                          // in a function it calls
    bool outlives() const { return stored || keeper; }
  };

  Result follow(const Expr* root) {
    Result r;
    visited_.clear();
    value(root, {}, 0, r, true);
    return r;
  }

 private:
  const Node* parent(const Node* n) const {
    auto it = parents_.find(n);
    return it == parents_.end() ? nullptr : it->second;
  }

  // The use `n` sits in a function literal run by a go statement (below the function).
  bool in_goroutine(const Node* n) const {
    for (const Node* p = parent(n); p; p = parent(p))
      if (is<GoStmt>(p)) return true;
    return false;
  }

  // `is_context`: `e` is still a context (the root, or derived from it), not a value holding one.
  void value(const Expr* e, std::string_view via, int depth, Result& r, bool is_context) {
    if (depth > 12) return;
    const Node* child = e;
    const Node* p = parent(child);
    while (is<ParenExpr>(p) || (is<UnaryExpr>(p) && as<UnaryExpr>(p)->op == Tok::AND) ||
           is<KeyValueExpr>(p) || is<CompositeLit>(p)) {
      if (auto* kv = as<KeyValueExpr>(p); kv && kv->value != child) return;
      if (!is<ParenExpr>(p)) is_context = false;
      child = p;
      p = parent(child);
    }
    if (!p) return;
    if (auto* call = as<CallExpr>(p)) {
      size_t k = 0;
      while (k < call->args.size() && call->args[k] != child) ++k;
      if (k == call->args.size()) return;  // the callee itself, or a method's receiver
      return argument(call, k, via, depth, r);
    }
    if (auto* ret = as<ReturnStmt>(p)) {
      (void)ret;
      if (is_context) r.returned = true;
      return;
    }
    if (auto* send = as<SendStmt>(p)) {
      if (send->value == child) r.stored = true;
      return;
    }
    const Expr* lhs = nullptr;
    if (auto* a = as<AssignStmt>(p)) {
      for (size_t k = 0; k < a->rhs.size(); ++k)
        if (a->rhs[k] == child)
          lhs = a->lhs.size() == a->rhs.size() ? a->lhs[k] : a->lhs.empty() ? nullptr : a->lhs[0];
    } else if (auto* v = as<ValueSpec>(p)) {
      for (size_t k = 0; k < v->values.size(); ++k)
        if (v->values[k] == child)
          lhs = v->names.size() == v->values.size() ? v->names[k] : v->names.empty() ? nullptr : v->names[0];
    } else {
      return;  // read through (a selector, a comparison): it goes no further
    }
    auto* id = as<Ident>(lhs ? support::unparen(lhs) : nullptr);
    if (!id) {
      if (lhs) r.stored = true;  // a field, an element, a dereference
      return;
    }
    if (id->name == "_") return;
    const sema::Object* o = info_->def_of(id);
    if (!o) o = info_->use_of(id);
    if (!o || o->kind != sema::ObjectKind::Var) return;
    if (o->package_level) {
      r.stored = true;
      return;
    }
    if (!visited_.insert(o).second) return;
    auto it = uses_.find(o);
    if (it == uses_.end()) return;
    for (const Ident* use : it->second) {
      if (in_goroutine(use)) {
        r.stored = true;
        continue;
      }
      value(use, id->name, depth + 1, r, is_context);
    }
  }

  void argument(const CallExpr* call, size_t k, std::string_view via, int depth, Result& r) {
    if (auto* g = as<GoStmt>(parent(call)); g && g->call == call) {
      r.stored = true;  // `go f(ctx)`: the goroutine keeps it
      return;
    }
    if (facts::context_call(info_, call) != facts::ContextCall::none) return value(call, via, depth + 1, r, true);
    if (facts::ignores_cancellation(info_, call)) return;
    const sema::Object* callee = facts::callee_of(info_, call);
    if (!callee) {
      // `append(list, ctx)`: kept in a container.
      if (auto* f = as<Ident>(support::unparen(call->fun)); f && f->name == "append") {
        const sema::Object* o = info_->use_of(f);
        if (!o || o->builtin != sema::Builtin::None) {
          r.stored = true;
          return;
        }
      }
    } else if (callee->builtin != sema::Builtin::None) {
      if (callee->name == "append") r.stored = true;
      return;
    }
    if (callee && callee->is_method && callee->pkg_path() == "net/http" && callee->owner == "Server" &&
        callee->name == "Shutdown") {
      if (!r.exits) r.exits = call;  // the server's own shutdown outlives its requests
      return;
    }
    const facts::FuncSummary* s =
        callee && callee->kind == sema::ObjectKind::Func ? summaries_.of(callee) : nullptr;
    // An interface method: its package's implementations may clear the call (none waits on the
    // context); they do not excuse it otherwise (code elsewhere may implement it), so a call
    // they do not clear counts as one gotrap cannot read.
    if (!s && callee && callee->kind == sema::ObjectKind::Func) {
      const facts::FuncSummary* impls = summaries_.of_implementations(callee);
      uint16_t bits = impls ? impls->of_arg(k) : 0;
      if ((bits & facts::kCtxParam) && !(bits & (facts::kCtxHonoured | facts::kKeptRunning | facts::kReturned)))
        return;
    }
    if (!s) {
      if (!r.honouring) r.honouring = call, r.via = via;
      return;
    }
    if (s->exit_distance <= 1 && !r.exits) r.exits = call;
    uint16_t bits = s->of_arg(k);
    if ((bits & facts::kKeptRunning) && !r.keeper) r.keeper = call;
    bool ignored = (bits & facts::kCtxParam) && !(bits & facts::kCtxHonoured);
    if (!ignored && !r.honouring) r.honouring = call, r.via = via;
    // A callee that hands it back (a context wrapper, a struct holding it): where the result
    // goes. A wrapper taking its cancellation from another context (kCtxDetached) hands on only
    // its values: nothing of its cancellation goes further.
    if ((bits & facts::kReturned) && !(bits & facts::kCtxDetached))
      value(call, via, depth + 1, r, facts::is_context_value(info_, call));
  }

  const sema::PackageInfo* info_;
  facts::Summaries& summaries_;
  std::unordered_map<const Node*, const Node*> parents_;
  std::unordered_map<const sema::Object*, std::vector<const Ident*>> uses_;
  std::unordered_set<const sema::Object*> visited_;
};

class CtxBackground final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;  // where the context goes needs resolution
    facts::Summaries local;
    facts::Summaries& summaries = pass.summaries() ? *pass.summaries() : local;
    support::StructTypes structs = support::package_struct_types(pass);
    support::for_each_checked_function(pass, "context", "context", false, [&](const PassFile& file,
                                                                          const FuncDecl* fd,
                                                                          const support::Resolver& r) {
      // Findings sit on context.Background()/TODO() calls: a function never naming either has none.
      if (!support::mentions_root_call(file, fd)) return;
      std::optional<Destinations> dest;
      support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
        if (is<DeferStmt>(n)) return support::Visit::skip;
        ContextCall kind = support::classify_context_call(r, n);
        if (support::is_root(kind)) {
          if (!dest) dest.emplace(pass.sema(), summaries, fd);
          check_root(pass, file, r, structs, summaries, *dest, as<CallExpr>(n), kind, anc);
        }
        return support::Visit::descend;
      });
    });
  }

 private:
  // The fix replaces the root call with the available context. That is never safe: the call
  // below then stops when the caller's context is cancelled or times out, which is the point of
  // the fix but a change of behaviour all the same (a reviewer decides), so it is offered as
  // unsafe, and not at all where it is known to break or change more than that:
  //  - the available context's name is declared more than once in the function (the name
  //    written may be another variable);
  //  - the function, or a function it calls, ends the process (os.Exit): a shutdown must
  //    outlive the request that asked for it;
  //  - the root context is kept beyond the call (a goroutine, a field, a callee that keeps it):
  //    the caller's cancellation would stop it at start-up;
  //  - the root call is the file's last use of its import (the import would be left unused).
  static std::optional<Fix> make_fix(const PassFile& file, const support::Resolver& r, const CallExpr* root,
                                     const support::AvailableContext& avail, const Node* top,
                                     facts::Summaries& summaries, const Destinations::Result& dest) {
    if (declarations_of(top, avail.base) != 1) return std::nullopt;
    if (dest.outlives()) return std::nullopt;
    if (auto* fd = as<FuncDecl>(top)) {
      const facts::FuncSummary* s = summaries.of(r.sema, fd);
      if (!s || s->exit_distance <= 2) return std::nullopt;
    }
    if (import_uses(file, r, root) <= 1) return std::nullopt;
    return Fix{"Pass " + avail.expr + " (the call then stops with the caller)",
               {{root->pos(), root->end(), avail.expr}}, FixSafety::unsafe};
  }

  static void check_root(Pass& pass, const PassFile& file, const support::Resolver& r,
                         const support::StructTypes& structs, facts::Summaries& summaries,
                         Destinations& destinations, const CallExpr* root, ContextCall kind,
                         std::span<const Node* const> anc) {
    support::AvailableContext avail = support::available_context(r, structs, anc);
    // The function is given a context and throws it away (`_ context.Context`, or unnamed): the
    // caller's context was at hand all the same. No name to pass, so no fix.
    bool discarded = false;
    if (avail.expr.empty()) {
      const FuncDecl* fd = anc.empty() ? nullptr : as<FuncDecl>(anc.front());
      if (!fd || support::enclosing_func(anc) != fd || !discarded_context_param(r, fd->type)) return;
      avail = {"_", "_", fd, support::AvailableContext::Source::param};
      discarded = true;
    }
    const Node* top = anc.empty() ? avail.func : anc.front();
    // Test helpers run under the test's own deadline.
    for (const Node* a : anc)
      if ((is<FuncDecl>(a) || is<FuncLit>(a)) && has_testing_param(r, a)) return;
    if (watches_context_end(avail.func, avail.base)) return;
    // Where the available context is nil there is none to pass: the root context replaces it.
    if (under_nil_guard(file.text, root, anc, avail)) return;
    if (under_done_guard(file.text, root, anc, avail, support::LocalValues(r, top), r.sema, top)) return;
    // `cmp.Or(ctx, context.Background())`: the root context only replaces a nil one.
    // `trace.CopySpan(context.Background(), ctx)`: the call is given both, so it derives a
    // context detached from the caller's on purpose, keeping what it copies from it.
    if (combined_with_a_context(r, root, anc)) return;
    // On the failure path of a call given that context, which may be done already.
    if (on_failure_of_call_with_context(file.text, root, anc, avail)) return;
    // A release of what a call given that context acquired: it must run even if the context ended.
    if (releases_acquired(file.text, r, root, anc, avail, top)) return;

    // A goroutine started between the context's owner and this call may outlive the owner; any
    // other literal in between is a callback that may run after the owner returned.
    bool in_goroutine = false;
    for (size_t i = anc.size(); i-- > 0 && anc[i] != avail.func;) {
      if (is<GoStmt>(anc[i])) in_goroutine = true;
      if (auto* lit = as<FuncLit>(anc[i])) {
        auto* call = i > 0 ? as<CallExpr>(anc[i - 1]) : nullptr;
        bool invoked = call && call->fun == lit;
        if (!invoked) return;
      }
    }

    Destinations::Result dest = destinations.follow(root);
    // Handed back to the caller: a context constructor, whose callers decide what it bounds.
    if (dest.returned) return;
    // Handed to a shutdown: it must outlive the request that asked for it.
    if (dest.exits) return;
    // Kept beyond this call (a goroutine, a field, a hook a callee registers): work that must
    // outlive a call's context. A receiver's context field lives as long as the component, so
    // it would not cut such work short.
    if (dest.outlives() && avail.source != support::AvailableContext::Source::field) return;
    // Only calls that ignore cancellation (or none) receive it: which context they get changes
    // no wait.
    if (!dest.honouring) return;
    // A cancel function of a derived context that this function does not own alone.
    if (!cancel_owned_here(r, support::enclosing_func(anc), root, anc)) return;

    std::string callee(support::callee_name(dest.honouring));
    std::string root_text = "context." + std::string(support::context_func_name(kind)) + "()";
    Finding f;
    f.path = std::string(file.path);
    f.start = root->pos();
    f.end = root->end();
    if (discarded) {
      if (in_goroutine) return;
      // The function chose not to use the caller's context and bounds the work with a deadline
      // of its own (`context.WithTimeout(context.Background(), d)`): a deliberate choice, where
      // with a named parameter at hand it would be an oversight.
      if (bounded_here(r, root, anc)) return;
      f.message = root_text + " passed to " + callee +
                  (dest.via.empty() ? std::string() : " through " + std::string(dest.via)) +
                  " in a function that discards the context it is given (`_ context.Context`): the "
                  "caller's cancellation and deadline stop at this call";
      pass.report(std::move(f));
      return;
    }
    if (in_goroutine) {
      f.message = root_text + " in a goroutine started by a function that has " + avail.expr +
                  ": " + callee + " is cut off from the caller's cancellation and values";
      if (file.go_version.at_least(1, 21))
        f.message += "; use context.WithoutCancel(" + avail.expr +
                     ") to keep the values while outliving the caller, or " + avail.expr +
                     " if the goroutine should stop with it";
      else
        f.message += "; pass " + avail.expr + " if the goroutine should stop with the caller";
      pass.report(std::move(f));
      return;
    }
    f.message = root_text + " passed to " + callee +
                (dest.via.empty() ? std::string() : " through " + std::string(dest.via)) + " instead of " +
                avail.expr + ": the caller's cancellation and deadline stop at this call";
    if (auto fix = make_fix(file, r, root, avail, top, summaries, dest)) f.fixes.push_back(std::move(*fix));
    pass.report(std::move(f));
  }

  // `x, cancel := context.WithCancel(root)`: the cancel function is only called here (not
  // stored, returned or handed on), so this function owns the derived context's lifetime.
  static bool cancel_owned_here(const support::Resolver& r, const Node* fn, const CallExpr* root,
                                std::span<const Node* const> anc) {
    const Node* child = root;
    for (size_t up = anc.size(); up-- > 0;) {
      const Node* p = anc[up];
      if (is<ParenExpr>(p)) {
        child = p;
        continue;
      }
      auto* call = as<CallExpr>(p);
      if (call && support::classify_context_call(r, call) != ContextCall::none) {
        child = p;
        continue;
      }
      auto* a = as<AssignStmt>(p);
      if (!a || a->rhs.size() != 1 || a->rhs[0] != child || a->lhs.size() < 2) return true;
      auto* cancel = as<Ident>(a->lhs[1]);
      if (!cancel || cancel->name == "_") return true;
      return support::only_called_here(fn, cancel, r.sema);
    }
    return true;
  }
};

}  // namespace

const Rule* ctx_background_rule() {
  static const CtxBackground rule;
  return &rule;
}

}  // namespace gotrap::rules
