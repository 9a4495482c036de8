// ctx-background: a call gets context.Background()/TODO() although the function has a context at
// hand (a context.Context parameter, an *http.Request, or a receiver's context field).
#include <string>
#include <vector>

#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/walk.h"
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

**Quiet when** no context is available (process entry points, constructors, types without a
context field), the root context only replaces a nil one (`if ctx == nil { ctx =
context.Background() }`), inside `defer`red cleanup (which usually must run after the caller's
context is done), and in tests.
)md",
    .severity = Severity::warning,
};

// Where a root context call ends up: the call that receives it, and the local variable on the way.
struct Receiver {
  const CallExpr* call = nullptr;
  std::string_view via;  // local variable name, or empty when passed directly
};

const Node* parent_of(std::span<const Node* const> anc, size_t up = 0) {
  return anc.size() > up ? anc[anc.size() - 1 - up] : nullptr;
}

// The call receiving `root` directly as an argument, skipping parentheses.
const CallExpr* direct_receiver(const Node* root, std::span<const Node* const> anc) {
  const Node* child = root;
  for (size_t up = 0; up < anc.size(); ++up) {
    const Node* p = parent_of(anc, up);
    if (is<ParenExpr>(p)) {
      child = p;
      continue;
    }
    auto* call = as<CallExpr>(p);
    if (!call) return nullptr;
    for (const Expr* a : call->args)
      if (a == child) return call;
    return nullptr;
  }
  return nullptr;
}

// `v := <root>` or `var v = <root>`: the new local's name.
std::string_view defined_local(const Node* root, std::span<const Node* const> anc) {
  const Node* p = parent_of(anc);
  if (auto* a = as<AssignStmt>(p); a && a->tok == Tok::DEFINE && a->lhs.size() == a->rhs.size()) {
    for (uint32_t i = 0; i < a->rhs.size(); ++i)
      if (a->rhs[i] == root)
        if (auto* id = as<Ident>(a->lhs[i]); id && id->name != "_") return id->name;
  }
  if (auto* v = as<ValueSpec>(p); v && v->names.size() == v->values.size()) {
    for (uint32_t i = 0; i < v->values.size(); ++i)
      if (v->values[i] == root && v->names[i]->name != "_") return v->names[i]->name;
  }
  return {};
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

class CtxBackground final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    std::vector<const File*> files;
    for (const PassFile& f : pass.files())
      if (f.parsed && f.parsed->file) files.push_back(f.parsed->file);
    support::StructTypes structs = support::package_struct_types(files);
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file || file.is_test) continue;
      support::ImportNames imports(file.parsed->file);
      if (imports.path_of("context").empty() && !pass.sema()) continue;
      for (const Decl* decl : file.parsed->file->decls) {
        auto* fd = as<FuncDecl>(decl);
        if (!fd || !fd->body) continue;
        auto locals = support::declared_names(fd);
        support::Resolver r{&imports, pass.sema(), &locals};
        support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
          if (is<DeferStmt>(n)) return support::Visit::skip;
          ContextCall kind = support::classify_context_call(r, n);
          if (support::is_root(kind)) check_root(pass, file, r, structs, as<CallExpr>(n), kind, anc);
          return support::Visit::descend;
        });
      }
    }
  }

 private:
  static void check_root(Pass& pass, const PassFile& file, const support::Resolver& r,
                         const support::StructTypes& structs, const CallExpr* root,
                         ContextCall kind, std::span<const Node* const> anc) {
    support::AvailableContext avail = support::available_context(r, structs, anc);
    if (avail.expr.empty()) return;
    Receiver recv;
    recv.call = direct_receiver(root, anc);
    if (!recv.call) {
      recv.via = defined_local(root, anc);
      if (recv.via.empty()) return;
      recv.call = call_receiving(support::enclosing_func(anc), recv.via);
      if (!recv.call) return;
    }
    // A goroutine started between the context's owner and this call may outlive the owner.
    bool in_goroutine = false;
    for (size_t i = anc.size(); i-- > 0 && anc[i] != avail.func;)
      in_goroutine |= is<GoStmt>(anc[i]);

    std::string root_text = "context." + std::string(support::context_func_name(kind)) + "()";
    std::string callee(support::callee_name(recv.call));
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
                (recv.via.empty() ? std::string() : " through " + std::string(recv.via)) +
                " instead of " + avail.expr +
                ": the caller's cancellation and deadline stop at this call";
    const Node* top = anc.empty() ? avail.func : anc.front();
    bool base_is_unique = declarations_of(top, avail.base) == 1;
    if (base_is_unique) {
      Fix fix{"Pass " + avail.expr, {{root->pos(), root->end(), avail.expr}}, FixSafety::safe};
      f.fixes.push_back(std::move(fix));
    }
    pass.report(std::move(f));
  }
};

}  // namespace

const Rule* ctx_background_rule() {
  static const CtxBackground rule;
  return &rule;
}

}  // namespace gotrap::rules
