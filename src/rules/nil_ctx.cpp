// nil-ctx: an untyped nil passed where a context.Context is expected (staticcheck's SA1012).
#include <optional>
#include <string>
#include <vector>

#include "facts/summary.h"
#include "rules/rule.h"
#include "rules/support/call_params.h"
#include "rules/support/context.h"
#include "rules/support/context_types.h"
#include "rules/support/facts.h"
#include "rules/support/imports.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::Visit;

const RuleInfo kInfo{
    .name = "nil-ctx",
    .summary = "nil passed where a context.Context is expected",
    .doc = R"md(# nil-ctx

**What.** An untyped `nil` is passed to a parameter of type `context.Context` (of package
`context` or `golang.org/x/net/context`): a function, a method, a function value of known type, a
variadic `...context.Context` parameter, or a generic function. The callee's parameter is found
by resolving the call, never by the argument's or the parameter's name. (staticcheck's SA1012.)

**Why.** A nil `Context` is a nil interface: the first `ctx.Done()`, `ctx.Err()`,
`ctx.Value(k)` or `context.WithX(ctx, ...)` in the callee, or anywhere it hands the context on,
panics. Code that tolerates nil today breaks when a callee deeper down starts to use the context.

```go
resp, err := client.Get(nil, key) // client.Get(ctx context.Context, key string)
// fixed:
resp, err := client.Get(context.TODO(), key)
```

**Fix.** Replaces `nil` with `context.TODO()`, the documented placeholder for "no context yet":
it is never cancelled and carries no values. The fix is safe for the context package's own
functions (`context.WithValue(nil, ...)`, `WithCancel(nil)`...), which panic on a nil parent
before doing anything else, so only the panic goes away. Elsewhere it is unsafe: a callee may
treat nil as a case of its own — `http.NewRequestWithContext` returns an error for it, and tests
pass nil precisely to check that — and `context.TODO()` takes the other path. The fix uses the
file's import of `context` (or `golang.org/x/net/context`) under its name, or adds
`import "context"`; there is no fix when that name is declared in the function or the package
(it would not denote the package at the call).

**Quiet when** the callee's body (when the program has it) was written to accept nil there: it
compares the parameter with nil (`if ctx == nil { ctx = context.Background() }`), directly or in a
function of the program it hands the parameter to (a few calls deep), or it cannot use the
parameter (unnamed or `_`); the callee's body mentions the parameter but never uses it as a
context (its summary: no method called on it, no context derived from it, no comparison, and it
is handed on only to functions of the program that do not use it either, or as an `any`, which
a nil cannot leave as a Context again since every type assertion of a nil interface fails); for
an interface method, when every implementation in the interface's package and in the packages
it imports (where an interface declared by its user is usually implemented) is such a callee
(types of `_test.go` files count only for calls in tests). A
named parameter the body never mentions still counts: the signature promises a context, and
nothing in the body says otherwise. Also quiet when the nil is converted
(`(func(context.Context))(nil)`), typed (`context.Context(nil)`), passed to a parameter of another
type (`any`, a type parameter), or the callee's signature is unknown.
)md",
    .severity = Severity::warning,
};

// How to write `context.TODO()` at a call in this file.
struct TodoSpelling {
  std::string package_name;      // "context" or the import's local name
  bool add_import = false;       // `import "context"` must be added
};

std::optional<TodoSpelling> todo_spelling(const Pass& pass, const PassFile& file, const FuncDecl* fd) {
  const File* f = file.parsed->file;
  std::optional<std::string> name;
  bool other_package_named_context = false;
  for (const ImportSpec* spec : f->imports) {
    if (!spec->path) continue;
    std::string_view path = sema::import_path_of(spec);
    std::string_view local = spec->name ? spec->name->name : std::string_view();
    if (support::is_context_package_path(path)) {
      if (local == "_" || local == ".") continue;
      if (!name) name = std::string(local.empty() ? std::string_view("context") : local);
    } else if (local == "context" || (local.empty() && path.ends_with("/context"))) {
      other_package_named_context = true;
    }
  }
  TodoSpelling out;
  if (name) {
    out.package_name = *name;
  } else {
    if (other_package_named_context) return std::nullopt;
    if (pass.sema() && pass.sema()->member("context")) return std::nullopt;
    out.package_name = "context";
    out.add_import = true;
  }
  // A local of that name anywhere in the function may shadow the package at the call.
  if (fd && support::declared_names(fd).count(out.package_name)) return std::nullopt;
  return out;
}

bool is_untyped_nil(const Pass& pass, const Expr* e) {
  auto* id = as<Ident>(support::unparen(e));
  if (!id || id->name != "nil") return false;
  const sema::Object* o = pass.sema()->use_of(id);
  return o && o->kind == sema::ObjectKind::Nil;
}

class NilCtx final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;
    std::optional<facts::Summaries> local;  // hand-built passes have none of the run's
    facts::Summaries* summaries = pass.summaries();
    if (!summaries) summaries = &local.emplace();
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      // Findings are untyped nil arguments: calls with the identifier nil among their arguments.
      if (!support::may_name(file, nullptr, facts::Word::nil)) continue;
      for (const Decl* decl : file.parsed->file->decls) {
        if (!support::may_name(file, decl, facts::Word::nil) || !support::may_hold(file, decl, Kind::CallExpr)) continue;
        check_decl(pass, *summaries, file, decl);
      }
    }
  }

 private:
  // True when the summary of the function (or of every implementation in the interface's
  // package and the packages it imports, for an interface method) says the parameter is a
  // context it never uses as one.
  static bool never_used_as_context(const Pass& pass, facts::Summaries& summaries, const PassFile& file,
                                    const CallExpr* call, const support::ParamOfArg& param) {
    const Expr* fun = support::unparen(call->fun);
    if (auto* ix = as<IndexExpr>(fun)) fun = support::unparen(ix->x);
    if (auto* sel = as<SelectorExpr>(fun); sel && support::denotes_type(pass, sel->x))
      return false;  // a method expression: the receiver comes first
    const sema::Object* callee = support::static_callee(pass, call);
    if (!callee || callee->kind != sema::ObjectKind::Func) return false;
    const facts::FuncSummary* s = summaries.of(callee);
    // Test doubles vouch only for calls in tests.
    if (!s)
      s = summaries.of_implementations(
          callee, facts::Summaries::kWithImports | (file.is_test ? 0u : unsigned(facts::Summaries::kShippedOnly)));
    if (!s || param.index >= s->params.size()) return false;
    uint16_t bits = s->params[param.index];
    return (bits & facts::kCtxParam) &&
           !(bits & (facts::kCtxUsed | facts::kStored | facts::kReturned | facts::kKeptRunning));
  }

  static void check_decl(const Pass& pass, facts::Summaries& summaries, const PassFile& file,
                         const Decl* decl) {
    const FuncDecl* fd = as<FuncDecl>(decl);
    std::optional<std::optional<TodoSpelling>> spelling;  // computed on the first finding
    support::for_each_node(decl, [&](const Node* n) {
      auto* call = as<CallExpr>(n);
      if (!call || call->args.empty()) return;
      for (size_t i = 0; i < call->args.size(); ++i) {
        const Expr* arg = call->args[i];
        if (!is_untyped_nil(pass, arg)) continue;
        auto param = support::param_of_arg(pass, call, i);
        bool context = false;
        if (param && (param->type || param->type_expr)) {
          context = param->type ? support::is_context_type(param->type)
                                : support::is_context_type_expr(pass, param->type_expr);
        } else if (i == 0 && support::derives_from_first_argument(
                                 support::context_member(pass, call->fun))) {
          // golang.org/x/net/context without its source: its With* take the parent first.
          param = support::ParamOfArg{.name = "parent"};
          context = true;
        }
        if (!context) continue;
        // A callee written to accept nil there (it tests the parameter against nil, directly or
        // in a function it hands it to, or never uses it) is left alone.
        if (param && !param->variadic && support::context_member(pass, call->fun).empty()) {
          const sema::Object* callee = support::static_callee(pass, call);
          const FuncDecl* decl = callee ? as<FuncDecl>(callee->decl) : nullptr;
          if (decl && support::accepts_nil_param(callee->package(), decl, param->index)) continue;
          // A callee that mentions the parameter but never uses it as a context (no method called
          // on it, nothing derived from it, handed on only where it is not used either): nil
          // there is harmless.
          if (never_used_as_context(pass, summaries, file, call, *param)) continue;
        }
        if (!spelling) spelling = todo_spelling(pass, file, fd);
        report(pass, file, call, arg, *param, *spelling);
      }
    });
  }

  static void report(const Pass& pass, const PassFile& file, const CallExpr* call, const Expr* arg,
                     const support::ParamOfArg& param, const std::optional<TodoSpelling>& spelling) {
    Finding f;
    f.path = std::string(file.path);
    f.start = arg->pos();
    f.end = arg->end();
    std::string callee(support::callee_name(call));
    std::string what = param.name.empty() || param.name == "_"
                           ? "a context.Context parameter"
                           : "parameter " + std::string(param.name) + " (context.Context)";
    f.message = "do not pass a nil Context: nil is passed to " + what + " of " + callee +
                ", and calling any method on it (Done, Err, Value) panics; pass context.TODO() " +
                "or the caller's context";
    if (spelling) {
      // Safe where nil can only panic: package context's own functions reject a nil parent
      // at once. Elsewhere the callee may treat nil as a case of its own (net/http returns an
      // error for it, tests pass nil to check exactly that): the fix changes that path.
      bool panics_at_once = !support::context_member(pass, call->fun).empty();
      Fix fix{"Pass context.TODO()", {}, panics_at_once ? FixSafety::safe : FixSafety::unsafe};
      fix.edits.push_back({arg->pos(), arg->end(), spelling->package_name + ".TODO()"});
      bool ok = true;
      if (spelling->add_import) {
        auto edits = support::add_imports(file, {"context"});
        if (!edits) ok = false;
        else
          for (const Edit& e : *edits) fix.edits.push_back(e);
      }
      if (ok) f.fixes.push_back(std::move(fix));
    }
    pass.report(std::move(f));
  }
};

}  // namespace

const Rule* nil_ctx_rule() {
  static const NilCtx rule;
  return &rule;
}

}  // namespace gotrap::rules
