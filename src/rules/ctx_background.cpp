// ctx-background: a call gets context.Background()/TODO() although the function has a context at
// hand (a context.Context parameter, an *http.Request, or a receiver's context field).
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/keeps.h"
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
`*http.Request`, or a receiver with a `context.Context` field (go-zero's logic structs) — a call
receives `context.Background()` or `context.TODO()`, directly, through a `With*` wrapper, or through
a local variable.

**Why.** The caller's cancellation and deadline stop at this call: when the client hangs up or the
request times out, the work below goes on, holding connections and goroutines.

```go
func (h *Handler) Lookup(ctx context.Context, id string) (*Site, error) {
	return h.sites.GetSite(context.Background(), id) // ctx is ignored
}
// fixed:
	return h.sites.GetSite(ctx, id)
```

**Fix.** Replaces the root call with the available context (`ctx`, `r.Context()`, `l.ctx`). Inside
a `go` statement there is no fix: the goroutine may outlive the caller, so the caller's context
could cancel it early; the message suggests `context.WithoutCancel(ctx)` (Go 1.21+), which keeps
the values but not the cancellation.

**When the fix is safe.** Never: the call then stops when the caller's context ends, which is the
point, but a change of behaviour a reviewer must accept, so the fix is always unsafe (applied only
with `--unsafe-fixes`). It is not offered at all where it is known to break or stop work that must
outlive the caller: where the context is nil (`if ctx == nil { ... }`, the else of `ctx != nil`):
passing it would panic; on a shutdown path (the function, or one of this package it calls, calls
`os.Exit`, `log.Fatal*` or `(*http.Server).Shutdown`/`Close`); when the callee (of this package)
keeps the context beyond the call (a watcher goroutine, a stored field); when the name of the
context is declared more than once in the function; and when the root call is the file's last use
of the `context` import.

**Quiet when** no context is available (process entry points, constructors, types without a
context field), the root context only replaces a nil one (`if ctx == nil { ctx =
context.Background() }`), inside `defer`red cleanup (which usually must run after the caller's
context is done), and in tests.
)md",
    .severity = Severity::warning,
};

const Node* parent_of(std::span<const Node* const> anc, size_t up = 0) {
  return anc.size() > up ? anc[anc.size() - 1 - up] : nullptr;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Calls that usually get a fresh context on purpose: cleanup that must finish after the caller's
// context is done, and resources whose whole lifetime the context would bound.
bool detached_on_purpose(std::string_view callee) {
  static constexpr std::string_view kPrefixes[] = {
      "Release", "Close", "Cleanup", "cleanup", "delete", "remove", "Kill", "kill", "Stop",
      "stop", "Shutdown", "shutdown", "Unlock", "unlock", "Abort", "abort", "Rollback",
      "rollback", "Cancel", "cancel", "Signal", "Open", "CommandContext"};
  for (std::string_view p : kPrefixes)
    if (starts_with(callee, p)) return true;
  return false;
}

// The path from a root context call up to the statement that consumes it.
struct Flow {
  const CallExpr* receiver = nullptr;  // first call taking it as an argument
  const Node* outer = nullptr;         // outermost expression of the argument chain
  const Node* holder = nullptr;        // the node holding `outer`
};

Flow trace_up(const Node* root, std::span<const Node* const> anc) {
  Flow flow;
  const Node* child = root;
  size_t up = 0;
  for (; up < anc.size(); ++up) {
    const Node* p = parent_of(anc, up);
    if (is<ParenExpr>(p)) {
      child = p;
      continue;
    }
    auto* call = as<CallExpr>(p);
    bool is_arg = false;
    if (call)
      for (const Expr* a : call->args) is_arg |= a == child;
    if (!is_arg) break;
    if (!flow.receiver) flow.receiver = call;
    child = p;
  }
  flow.outer = child;
  flow.holder = parent_of(anc, up);
  return flow;
}

// The identifiers `outer` is bound to by `v := outer` / `v, cancel := outer` / `var v = outer`;
// empty when it is bound some other way (`=`: stored or reassigned).
std::vector<const Ident*> defined_by(const Node* outer, const Node* holder, bool* assigned) {
  std::vector<const Ident*> out;
  *assigned = false;
  if (auto* a = as<AssignStmt>(holder)) {
    if (a->tok != Tok::DEFINE) {
      *assigned = true;
      return out;
    }
    bool multi = a->rhs.size() == 1 && a->lhs.size() > 1;
    for (uint32_t i = 0; i < a->lhs.size(); ++i)
      if (multi || (i < a->rhs.size() && a->rhs[i] == outer))
        if (auto* id = as<Ident>(a->lhs[i])) out.push_back(id);
  } else if (auto* v = as<ValueSpec>(holder)) {
    bool multi = v->values.size() == 1 && v->names.size() > 1;
    for (uint32_t i = 0; i < v->names.size(); ++i)
      if (multi || (i < v->values.size() && v->values[i] == outer)) out.push_back(v->names[i]);
  }
  return out;
}

// The first call in `fn` that receives the local `name` as an argument.
const CallExpr* call_receiving(const Node* fn, std::string_view name) {
  const CallExpr* found = nullptr;
  support::inspect(fn, [&](const Node* n, std::span<const Node* const>) {
    if (auto* call = as<CallExpr>(n)) {
      for (const Expr* a : call->args)
        if (auto* id = as<Ident>(support::unparen(a)); id && id->name == name) found = call;
    }
    return found ? support::Visit::stop : support::Visit::descend;
  });
  return found;
}

// Some call in `fn` that receives the local `name` is one that wants a fresh context.
bool calls_detached_receiver(const Node* fn, std::string_view name) {
  bool found = false;
  support::for_each_node(fn, [&](const Node* n) {
    auto* call = as<CallExpr>(n);
    if (!call) return;
    for (const Expr* a : call->args)
      if (auto* id = as<Ident>(support::unparen(a)); id && id->name == name)
        found |= detached_on_purpose(support::callee_name(call));
  });
  return found;
}

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

bool mentions_context(const std::string& comment) {
  for (std::string_view w : {"context", "ctx", "cancel", "background", "todo", "detach"})
    if (comment.find(w) != std::string::npos) return true;
  return false;
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

// A call that ends the process or shuts a server down: os.Exit, syscall.Exit, log.Fatal*,
// (*http.Server).Shutdown/Close.
bool is_shutdown_call(const sema::PackageInfo* info, const CallExpr* call) {
  const Expr* fun = support::unparen(call->fun);
  const Ident* name = as<Ident>(fun);
  if (auto* sel = as<SelectorExpr>(fun)) name = sel->sel;
  const sema::Object* o = name && info ? info->use_of(name) : nullptr;
  if (!o) return false;
  std::string_view pkg = o->pkg_path(), n = o->name;
  if ((pkg == "os" || pkg == "syscall") && n == "Exit") return true;
  if (pkg == "log" && n.starts_with("Fatal")) return true;
  if (pkg == "net/http" && o->is_method && o->owner == "Server" && (n == "Shutdown" || n == "Close"))
    return true;
  return false;
}

// `fn` (or a function of this package it calls, a few levels down) shuts the process or a
// server down: code on a shutdown path, where the caller's context is about to end anyway.
bool on_shutdown_path(const sema::PackageInfo* info, const Node* fn, int depth = 0) {
  if (!info || !fn || depth > 2) return false;
  bool found = false;
  support::inspect(fn, [&](const Node* n, std::span<const Node* const>) {
    if (found) return support::Visit::stop;
    auto* call = as<CallExpr>(n);
    if (!call) return support::Visit::descend;
    if (is_shutdown_call(info, call)) {
      found = true;
      return support::Visit::stop;
    }
    const Expr* fun = support::unparen(call->fun);
    const Ident* name = as<Ident>(fun);
    if (auto* sel = as<SelectorExpr>(fun)) name = sel->sel;
    const sema::Object* o = name ? info->use_of(name) : nullptr;
    if (o && o->kind == sema::ObjectKind::Func && o->package() == info && o->decl != fn)
      if (auto* decl = as<FuncDecl>(o->decl); decl && decl->body && on_shutdown_path(info, decl, depth + 1))
        found = true;
    return found ? support::Visit::stop : support::Visit::descend;
  });
  return found;
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

class CtxBackground final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    support::StructTypes structs = support::package_struct_types(pass);
    support::for_each_checked_function(pass, "context", "context", false, [&](const PassFile& file,
                                                                          const FuncDecl* fd,
                                                                          const support::Resolver& r) {
      // Findings sit on context.Background()/TODO() calls: a function never naming either has none.
      if (!support::mentions_root_call(file, fd)) return;
      support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
        if (is<DeferStmt>(n)) return support::Visit::skip;
        ContextCall kind = support::classify_context_call(r, n);
        if (support::is_root(kind)) check_root(pass, file, r, structs, as<CallExpr>(n), kind, anc);
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
  //  - the root call sits where that context is known to be nil (`if ctx == nil { ... }`):
  //    passing it would panic;
  //  - the function, or a function of this package it calls, shuts the process or a server
  //    down (os.Exit, log.Fatal, (*http.Server).Shutdown): a shutdown must outlive the request
  //    that asked for it;
  //  - the callee keeps the context beyond the call (a watcher goroutine, a stored field), as
  //    far as this package's code shows: the caller's cancellation would stop it at start-up;
  //  - the root call is the file's last use of its import (the import would be left unused).
  static std::optional<Fix> make_fix(const PassFile& file, const support::Resolver& r, const CallExpr* root,
                                     std::span<const Node* const> anc,
                                     const support::AvailableContext& avail, const Node* top,
                                     const Flow& flow, const CallExpr* receiver, std::string_view via) {
    if (declarations_of(top, avail.base) != 1) return std::nullopt;
    if (under_nil_guard(file.text, root, anc, avail)) return std::nullopt;
    if (!r.sema) return std::nullopt;  // callees and shutdown paths need resolution
    if (on_shutdown_path(r.sema, support::enclosing_func(anc))) return std::nullopt;
    // The call consuming the context: the first call taking it as an argument (directly or
    // through the local it is kept in); a context-package call there derives a new context,
    // whose further life this does not follow (unknown).
    const CallExpr* consumer = flow.receiver ? flow.receiver : receiver;
    if (!consumer) return std::nullopt;
    if (on_shutdown_path(r.sema, consumer)) return std::nullopt;
    support::Keeps keeps = support::Keeps::maybe;
    if (support::classify_context_call(r, consumer) == support::ContextCall::none) {
      for (size_t i = 0; i < consumer->args.size(); ++i) {
        const Expr* a = consumer->args[i];
        auto* id = as<Ident>(support::unparen(a));
        bool is_it = flow.receiver ? support::contains(a, root) : (id && id->name == via);
        if (is_it) keeps = support::callee_keeps_arg(r.sema, consumer, i);
      }
    }
    if (keeps == support::Keeps::yes) return std::nullopt;
    if (import_uses(file, r, root) <= 1) return std::nullopt;
    return Fix{"Pass " + avail.expr + " (the call then stops with the caller)",
               {{root->pos(), root->end(), avail.expr}}, FixSafety::unsafe};
  }

  static void check_root(Pass& pass, const PassFile& file, const support::Resolver& r,
                         const support::StructTypes& structs, const CallExpr* root,
                         ContextCall kind, std::span<const Node* const> anc) {
    support::AvailableContext avail = support::available_context(r, structs, anc);
    if (avail.expr.empty()) return;
    const Node* top = anc.empty() ? avail.func : anc.front();
    // Test helpers run under the test's own deadline.
    for (const Node* a : anc)
      if ((is<FuncDecl>(a) || is<FuncLit>(a)) && has_testing_param(r, a)) return;
    if (watches_context_end(avail.func, avail.base)) return;
    if (mentions_context(support::comment_above(file.text, root->pos()))) return;

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

    Flow flow = trace_up(root, anc);
    std::string_view via;
    const CallExpr* receiver = flow.receiver;
    bool assigned = false;
    std::vector<const Ident*> bound = defined_by(flow.outer, flow.holder, &assigned);
    if (assigned) return;  // stored in a field or replacing a variable: a lifetime of its own
    const Node* fn = support::enclosing_func(anc);
    // A derived context (or the root itself) kept in a local must stay inside this function's
    // calls, and its cancel function must be this function's to call.
    bool derived = flow.outer == root || support::classify_context_call(r, flow.outer) != ContextCall::none;
    for (size_t i = 0; derived && i < bound.size(); ++i) {
      if (bound[i]->name == "_") continue;
      // The first is the context, a second one its cancel function.
      bool ok = i == 0 ? support::only_passed_here(fn, bound[i], r.sema)
                       : support::only_called_here(fn, bound[i], r.sema);
      if (!ok) return;
    }
    if (!receiver) {
      if (bound.empty() || flow.outer != root) return;
      via = bound[0]->name;
      receiver = call_receiving(fn, via);
      if (!receiver) return;
    }
    std::string callee(support::callee_name(receiver));
    if (detached_on_purpose(callee)) return;
    // A context kept in a local and handed to cleanup calls is detached on purpose too.
    if (!bound.empty() && bound[0]->name != "_" && calls_detached_receiver(fn, bound[0]->name)) return;

    std::string root_text = "context." + std::string(support::context_func_name(kind)) + "()";
    Finding f;
    f.path = std::string(file.path);
    f.start = root->pos();
    f.end = root->end();
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
                (via.empty() ? std::string() : " through " + std::string(via)) + " instead of " +
                avail.expr + ": the caller's cancellation and deadline stop at this call";
    if (auto fix = make_fix(file, r, root, anc, avail, top, flow, receiver, via)) f.fixes.push_back(std::move(*fix));
    pass.report(std::move(f));
  }
};

}  // namespace

const Rule* ctx_background_rule() {
  static const CtxBackground rule;
  return &rule;
}

}  // namespace gotrap::rules
