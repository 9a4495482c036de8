// ctx-no-deadline: a call to another component with a context made from Background/TODO through
// WithCancel/WithValue only, so nothing bounds how long it can block.
#include <string>
#include <vector>

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
    .name = "ctx-no-deadline",
    .summary = "call to another component with a context that can be cancelled but has no deadline",
    .doc = R"md(# ctx-no-deadline

**What.** A call to another component — a method of an interface or of a client value, or a
function of another package, taking the context first — made with a local context derived only
from `context.Background()`/`TODO()` through `WithCancel` or `WithValue`, whose cancel function is
only called by this function itself (deferred or at the end).

**Why.** Such a context can be cancelled but never expires, and nobody cancels it while the call
waits: if the other side hangs, the caller hangs with it. A background refresher stuck on one
lookup stops refreshing everything.

```go
ctx, cancel := context.WithCancel(context.Background())
defer cancel()
site, err := w.sites.GetSite(ctx, id) // nothing bounds how long this can block
// fixed:
ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
```

**Fix.** None automatic: the right budget is a decision; derive the context with `WithTimeout` or
`WithDeadline`.

**Quiet when** `WithTimeout`/`WithDeadline` is on the context's path, the callee is a function or
method of the same package, the context comes from the caller, the cancel function is handed to
someone else (stored, passed, called from another goroutine: the lifetime is managed there),
the callee derives contexts or starts spans rather than waiting (`With*`, `New*`, `*Context`,
`Start*`), the callee is meant to last as long as its context (`Watch`, `Subscribe`, `Listen`,
`Serve`, `Wait`, `Stream`, `Recv`, `Run`, `Lock`, `KeepAlive`, ...), its single result is kept
in a variable (a value built from the context, such as a token source), in tests and test support, or when ctx-background already reports the construct (a context is at hand).
)md",
    .severity = Severity::warning,
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Callees that take a context to derive from it rather than to wait on it.
bool derives_rather_than_waits(std::string_view name) {
  return starts_with(name, "With") || starts_with(name, "New") || starts_with(name, "Start") ||
         name.find("Context") != std::string_view::npos ||
         name.find("Ctx") != std::string_view::npos || starts_with(name, "From") ||
         starts_with(name, "Go");
}

// Calls that are meant to last as long as their context: streams, watches, servers, waits.
bool long_lived_by_design(std::string_view name) {
  for (std::string_view p : {"Watch", "Subscribe", "Listen", "Serve", "Wait", "Stream", "Recv",
                             "Run", "Follow", "Tail", "Notify", "Observe", "Balance", "Lock",
                             "Campaign", "KeepAlive"})
    if (starts_with(name, p) || name.find(p) != std::string_view::npos) return true;
  return false;
}

// The cancel variables of the With* calls on `e`'s path, or false when the path has a cancel that
// is not simply called by this function (discarded, stored, passed, used in a literal).
bool cancels_are_local(const support::Resolver& r, const Node* fn, const Expr* e, int depth = 0) {
  if (depth > 16) return false;
  e = support::unparen(e);
  if (auto* call = as<CallExpr>(e)) {
    ContextCall c = support::classify_context_call(r, call);
    if (support::is_root(c)) return true;
    if (call->args.empty()) return false;
    return cancels_are_local(r, fn, call->args[0], depth + 1);
  }
  auto* id = as<Ident>(e);
  if (!id) return false;
  // Find the assignment that defined it (LocalValues made sure there is exactly one).
  const Node* def = nullptr;
  const Ident* cancel = nullptr;
  const Expr* value = nullptr;
  support::for_each_node(fn, [&](const Node* n) {
    if (def) return;
    auto* a = as<AssignStmt>(n);
    if (a && !a->lhs.empty()) {
      auto* first = as<Ident>(a->lhs[0]);
      if (!first || first->name != id->name) return;
      def = a;
      if (a->rhs.size() == 1) value = a->rhs[0];
      if (a->lhs.size() == 2) cancel = as<Ident>(a->lhs[1]);
      return;
    }
    auto* v = as<ValueSpec>(n);
    if (v && !v->names.empty() && v->names[0]->name == id->name) {
      def = v;
      if (v->values.size() == 1) value = v->values[0];
      if (v->names.size() == 2) cancel = v->names[1];
    }
  });
  if (!def || !value) return false;
  ContextCall c = support::classify_context_call(r, value);
  if (support::returns_cancel(c)) {
    if (!cancel || cancel->name == "_") return false;
    if (!support::only_called_here(fn, cancel, r.sema)) return false;
  }
  auto* call = as<CallExpr>(support::unparen(value));
  if (!call || call->args.empty()) return false;
  return cancels_are_local(r, fn, call->args[0], depth + 1);
}

// `x := c.Source(ctx)`: one result kept in one variable (not an error) is a value built from the
// context for later use (a token source, a client), not a call that waits on it.
bool builds_a_value(const CallExpr* call, std::span<const Node* const> anc) {
  const Node* holder = anc.empty() ? nullptr : anc.back();
  auto* a = as<AssignStmt>(holder);
  if (a && a->lhs.size() == 1 && a->rhs.size() == 1) {
    auto* id = as<Ident>(a->lhs[0]);
    return !id || (id->name.find("err") == std::string_view::npos &&
                   id->name.find("Err") == std::string_view::npos);
  }
  auto* v = as<ValueSpec>(holder);
  return v && v->names.size() == 1 && v->names[0]->name.find("err") == std::string_view::npos;
}

class CtxNoDeadline final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    support::StructTypes structs = support::package_struct_types(pass);
    support::for_each_checked_function(pass, "context", "context", false, [&](const PassFile& file,
                                                                          const FuncDecl* fd,
                                                                          const support::Resolver& r) {
      // A context without deadline is one made from context.Background()/TODO() in this function.
      if (!support::mentions_root_call(file, fd)) return;
      support::LocalValues values(r, fd);
      support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
        if (auto* call = as<CallExpr>(n)) check_call(pass, file, r, structs, values, fd, call, anc);
        return support::Visit::descend;
      });
    });
  }

 private:
  // The callee is another component: a method on something other than the receiver, or a
  // function of another package (not package context).
  static bool calls_other_component(const support::Resolver& r, const FuncDecl* fd,
                                    const CallExpr* call) {
    auto* sel = as<SelectorExpr>(support::unparen(call->fun));
    if (!sel || !sel->sel) return false;
    if (derives_rather_than_waits(sel->sel->name) || long_lived_by_design(sel->sel->name)) return false;
    // Unexported methods and functions belong to this package: a local step, not a component.
    char first = sel->sel->name.empty() ? 'a' : sel->sel->name[0];
    if (!(first >= 'A' && first <= 'Z')) return false;
    if (auto* x = as<Ident>(sel->x)) {
      bool shadowed = r.locals && r.locals->count(x->name);
      std::string_view path;
      if (r.sema) {
        if (const sema::Object* o = r.sema->use_of(x); o && o->kind == sema::ObjectKind::PkgName)
          path = o->imported_path;
      } else if (!shadowed) {
        path = r.imports->path_of(x->name);
      }
      if (!path.empty()) return path != "context";
      if (!shadowed) return false;  // a package-level value or an unknown name
      // The method's own receiver: a call within the same component.
      if (fd->recv && fd->recv->list.size() == 1 && !fd->recv->list[0]->names.empty() &&
          fd->recv->list[0]->names[0]->name == x->name)
        return false;
    }
    if (r.sema) {
      // Same-package concrete methods are local steps, not another component.
      if (const sema::Object* m = r.sema->use_of(sel->sel); m && m->is_method && m->package() &&
                                                              m->package() == r.sema) {
        const sema::Type* t = r.sema->type_of(sel->x);
        const sema::Type* u = sema::underlying(sema::pointer_elem(t) ? sema::pointer_elem(t) : t);
        if (!u || u->kind != sema::TypeKind::Interface) return false;
      }
    }
    return true;
  }

  static void check_call(Pass& pass, const PassFile& file, const support::Resolver& r,
                         const support::StructTypes& structs, const support::LocalValues& values,
                         const FuncDecl* fd, const CallExpr* call,
                         std::span<const Node* const> anc) {
    if (call->args.empty()) return;
    auto* ctx = as<Ident>(support::unparen(call->args[0]));
    if (!ctx) return;
    if (values.deadline_of(ctx) != support::Deadline::none) return;
    if (!values.derived_through_wrapper(ctx)) return;
    if (!calls_other_component(r, fd, call)) return;
    if (!support::available_context(r, structs, anc).expr.empty()) return;
    if (!cancels_are_local(r, fd, ctx)) return;
    if (builds_a_value(call, anc)) return;
    std::string callee(support::callee_name(call));
    pass.report(file, call->pos(), call->end(),
                callee + " is called with " + std::string(ctx->name) +
                    ", which has no deadline (only context.Background/TODO through "
                    "WithCancel/WithValue): if the other side hangs, nothing bounds how long this "
                    "call blocks; derive it with context.WithTimeout");
  }
};

}  // namespace

const Rule* ctx_no_deadline_rule() {
  static const CtxNoDeadline rule;
  return &rule;
}

}  // namespace gotrap::rules
