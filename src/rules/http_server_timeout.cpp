// http-server-timeout: an HTTP server that never times out reading a request's headers: the
// package-level http.ListenAndServe/Serve functions, or an http.Server built here without
// ReadHeaderTimeout or ReadTimeout.
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/facts.h"
#include "rules/support/imports.h"
#include "rules/support/struct_fields.h"
#include "rules/support/walk.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;

const RuleInfo kInfo{
    .name = "http-server-timeout",
    .summary = "HTTP server without ReadHeaderTimeout or ReadTimeout (Slowloris)",
    .doc = R"md(# http-server-timeout

**What.** `http.ListenAndServe`, `http.ListenAndServeTLS`, `http.Serve` and `http.ServeTLS`
(they serve with a zero `http.Server`), and an `http.Server` built in this package (a composite
literal, `new(http.Server)` or `var s http.Server`) that sets neither `ReadHeaderTimeout` nor
`ReadTimeout`.

**Why.** A server without a read timeout waits as long as a client likes for the request
headers. A client that opens connections and sends a byte now and then (Slowloris) holds a
connection, a goroutine and its buffers per connection, until the server runs out of file
descriptors or memory. This is the server side of "every network wait needs a deadline".

```go
http.ListenAndServe(":8080", mux) // no timeouts at all
// fixed:
srv := &http.Server{
	Addr:              ":8080",
	Handler:           mux,
	ReadHeaderTimeout: 10 * time.Second,
}
srv.ListenAndServe()
```

**Fix.** None automatic: the budget is a decision about the service. `ReadHeaderTimeout` bounds
the headers only (safe for streaming request bodies); `ReadTimeout` bounds the whole request;
`WriteTimeout` and `IdleTimeout` bound the response and idle keep-alive connections.

**Which servers.** An `http.Server` is reported when this package serves it: it is the receiver
of a `ListenAndServe`, `ListenAndServeTLS`, `Serve` or `ServeTLS` call directly, through the
variable that holds it, or through the struct field it is stored into (an embedded `http.Server`
is served through its outer struct's promoted methods).

**Quiet when** the literal sets `ReadHeaderTimeout` or `ReadTimeout`; the variable holding the
server gets one of them assigned (in the function; for a package-level variable, anywhere in the
package); the server is stored in a field and some code of the package assigns one of those
fields to an `http.Server`; the server is returned or handed to a function (which may configure
it, or use it as a template, as `http2.ServeConnOpts.BaseConfig` does); nothing in the package
serves it; in tests and test support (a package named for tests, or a file importing `testing`):
their servers serve test clients.
)md",
    .severity = Severity::warning,
};

constexpr std::string_view kHttp = "net/http";
constexpr std::string_view kReadTimeouts[] = {"ReadHeaderTimeout", "ReadTimeout"};

bool is_serve_function(std::string_view name) {
  return name == "ListenAndServe" || name == "ListenAndServeTLS" || name == "Serve" || name == "ServeTLS";
}

class HttpServerTimeout final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    int package_sets = -1;  // some code of the package assigns a read timeout (computed once)
    auto package_assigns = [&]() {
      if (package_sets < 0) {
        package_sets = 0;
        for (const PassFile& f : pass.files())
          if (f.parsed && f.parsed->file &&
              support::assigns_field(pass, f.parsed->file, nullptr, kHttp, "Server", kReadTimeouts))
            package_sets = 1;
      }
      return package_sets == 1;
    };
    std::optional<Served> served_cache;
    auto served = [&]() -> const Served& {
      if (!served_cache) served_cache = served_in(pass);
      return *served_cache;
    };
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file || file.is_test || support::is_test_support(file)) continue;
      if (!support::imports_path_any_name(file, kHttp)) continue;
      support::ImportNames imports(file.parsed->file);
      for (const Decl* decl : file.parsed->file->decls) {
        auto* fd = as<FuncDecl>(decl);
        const Node* scope = fd ? static_cast<const Node*>(fd) : decl;
        if (fd && !fd->body) continue;
        if (!support::may_mention(file, decl, "Serve")) continue;  // "Server" too
        support::DeclaredNames locals(scope);
        support::Resolver r{&imports, pass.sema(), fd ? &locals : nullptr};
        support::inspect(decl, [&](const Node* n, std::span<const Node* const> anc) {
          if (auto* call = as<CallExpr>(n)) {
            std::string_view fn = r.member_of(call->fun, kHttp);
            if (is_serve_function(fn)) report_serve_call(pass, file, call, fn);
            else if (is_new_server(r, call)) check_construction(pass, file, n, anc, fd, package_assigns, served);
          } else if (auto* lit = as<CompositeLit>(n)) {
            if (lit->type && is_server_type(pass, r, lit->type) && !support::literal_sets_any(lit, kReadTimeouts))
              check_construction(pass, file, n, anc, fd, package_assigns, served);
          } else if (auto* spec = as<ValueSpec>(n)) {
            if (spec->values.empty() && spec->type && is_server_type(pass, r, spec->type))
              for (const Ident* name : spec->names)
                if (name->name != "_") check_construction(pass, file, name, anc, fd, package_assigns, served, name);
          }
          return support::Visit::descend;
        });
      }
    }
  }

 private:
  static bool is_server_type(const Pass&, const support::Resolver& r, const Expr* type) {
    return r.member_of(type, kHttp) == "Server";
  }

  static bool is_new_server(const support::Resolver& r, const CallExpr* call) {
    auto* fun = as<Ident>(support::unparen(call->fun));
    if (!fun || fun->name != "new" || call->args.size() != 1) return false;
    if (r.sema) {
      const sema::Object* o = r.sema->use_of(fun);
      if (!o || o->kind != sema::ObjectKind::Builtin) return false;
    } else if (r.locals && r.locals->count("new")) {
      return false;
    }
    return r.member_of(call->args[0], kHttp) == "Server";
  }

  static void report_serve_call(Pass& pass, const PassFile& file, const CallExpr* call, std::string_view fn) {
    std::string name = "http." + std::string(fn);
    pass.report(file, call->pos(), call->end(),
                name + " serves with a zero http.Server, which has no timeouts: a client that sends "
                "its request headers slowly holds a connection and its goroutine forever (Slowloris); "
                "build an http.Server with ReadHeaderTimeout (and ReadTimeout, WriteTimeout, "
                "IdleTimeout as the handlers allow) and call its " + std::string(fn));
  }

  // The variable a construction is stored into: `v := &http.Server{}`, `var v = ...`,
  // `v = ...`; null when the value goes elsewhere (a field, a return, an argument).
  static const Ident* holder(const Node* built, std::span<const Node* const> anc) {
    const Node* child = built;
    size_t i = anc.size();
    if (i > 0) {
      if (auto* u = as<UnaryExpr>(anc[i - 1]); u && u->op == Tok::AND) child = u, --i;
    }
    if (i == 0) return nullptr;
    if (auto* a = as<AssignStmt>(anc[i - 1])) {
      if (a->lhs.size() != a->rhs.size()) return nullptr;
      for (size_t k = 0; k < a->rhs.size(); ++k)
        if (a->rhs[k] == child) return as<Ident>(support::unparen(a->lhs[k]));
    } else if (auto* v = as<ValueSpec>(anc[i - 1])) {
      if (v->names.size() != v->values.size()) return nullptr;
      for (size_t k = 0; k < v->values.size(); ++k)
        if (v->values[k] == child) return v->names[k];
    }
    return nullptr;
  }

  // The variable is handed to a call as an argument (`configure(srv)`, `f(&srv)`): that code
  // may set the timeouts.
  static bool passed_to_call(const Pass& pass, const Node* root, const Ident* var) {
    const sema::Object* obj = pass.sema() ? pass.sema()->object_of(var) : nullptr;
    bool passed = false;
    support::inspect(root, [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      if (!id || id == var || id->name != var->name || anc.empty()) return support::Visit::descend;
      if (obj && pass.sema()->use_of(id) != obj) return support::Visit::descend;
      size_t i = anc.size();
      const Node* child = id;
      if (auto* u = as<UnaryExpr>(anc[i - 1]); u && u->op == Tok::AND && i >= 2) child = u, --i;
      if (auto* call = as<CallExpr>(anc[i - 1]))
        for (const Expr* a : call->args) passed |= a == child;
      return passed ? support::Visit::stop : support::Visit::descend;
    });
    return passed;
  }

  // Where the package serves http.Servers: the variables and struct fields that are the
  // receiver of a ListenAndServe/ListenAndServeTLS/Serve/ServeTLS call, and whether one such call
  // reaches net/http.Server's method through an embedding struct.
  struct Served {
    std::unordered_set<const sema::Object*> vars;
    std::unordered_set<const sema::Object*> fields;
    std::unordered_set<std::string_view> names;  // without resolution: receivers' last names
    bool through_embedding = false;
  };

  static bool is_serve_method(const Pass& pass, const Ident* sel) {
    if (!is_serve_function(sel->name)) return false;
    if (!pass.sema()) return true;
    const sema::Object* o = pass.sema()->use_of(sel);
    return o && o->kind == sema::ObjectKind::Func && o->is_method && o->owner == "Server" &&
           o->pkg_path() == kHttp;
  }

  static Served served_in(const Pass& pass) {
    Served out;
    for (const PassFile& f : pass.files()) {
      if (!f.parsed || !f.parsed->file || !support::may_mention(f, nullptr, "Serve")) continue;
      support::for_each_node(f.parsed->file, [&](const Node* n) {
        auto* call = as<CallExpr>(n);
        auto* sel = call ? as<SelectorExpr>(support::unparen(call->fun)) : nullptr;
        if (!sel || !is_serve_method(pass, sel->sel)) return;
        const Expr* x = support::unparen(sel->x);
        if (auto* u = as<UnaryExpr>(x); u && u->op == Tok::AND) x = support::unparen(u->x);
        if (auto* st = as<StarExpr>(x)) x = support::unparen(st->x);
        const sema::Type* t = support::type_of(pass, x);
        if (pass.sema() && t && !support::is_named(t, kHttp, "Server")) out.through_embedding = true;
        const Ident* last = as<Ident>(x);
        if (auto* xs = as<SelectorExpr>(x)) last = xs->sel;
        if (!last) return;
        out.names.insert(last->name);
        if (const sema::Object* o = support::object_of(pass, last)) (o->is_field ? out.fields : out.vars).insert(o);
      });
    }
    return out;
  }

  // Is the variable or field `id` (a declaring or using identifier) served somewhere?
  static bool is_served(const Pass& pass, const Served& served, const Ident* id) {
    if (!id) return false;
    const sema::Object* o = support::object_of(pass, id);
    if (!o) return served.names.count(id->name) != 0;
    if (o->is_field) {
      if (served.fields.count(o)) return true;
      // An embedded http.Server is served through the outer struct's promoted methods.
      return served.through_embedding && o->name == "Server";
    }
    return served.vars.count(o) != 0;
  }

  // The field a value is stored into: `x.F = v`, or `T{F: v}`; null otherwise.
  static const Ident* stored_field(const Node* value, std::span<const Node* const> anc) {
    size_t i = anc.size();
    const Node* child = value;
    while (i > 0 && (is<ParenExpr>(anc[i - 1]) || (is<UnaryExpr>(anc[i - 1]) && as<UnaryExpr>(anc[i - 1])->op == Tok::AND)))
      child = anc[--i];
    if (i == 0) return nullptr;
    if (auto* kv = as<KeyValueExpr>(anc[i - 1]); kv && kv->value == child && i >= 2 && is<CompositeLit>(anc[i - 2]))
      return as<Ident>(kv->key);
    if (auto* a = as<AssignStmt>(anc[i - 1]); a && a->lhs.size() == a->rhs.size()) {
      for (size_t k = 0; k < a->rhs.size(); ++k)
        if (a->rhs[k] == child)
          if (auto* sel = as<SelectorExpr>(support::unparen(a->lhs[k]))) return sel->sel;
    }
    return nullptr;
  }

  // The field a local variable's value is stored into later in `root`, if any.
  static const Ident* variable_stored_in_field(const Pass& pass, const Node* root, const Ident* var) {
    const sema::Object* obj = support::object_of(pass, var);
    const Ident* field = nullptr;
    support::inspect(root, [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      if (!id || id == var || id->name != var->name || anc.empty()) return support::Visit::descend;
      if (obj && pass.sema()->use_of(id) != obj) return support::Visit::descend;
      if (const Ident* f = stored_field(id, anc)) field = f;
      return field ? support::Visit::stop : support::Visit::descend;
    });
    return field;
  }

  template <class PackageAssigns, class ServedFn>
  static void check_construction(Pass& pass, const PassFile& file, const Node* built,
                                 std::span<const Node* const> anc, const FuncDecl* fd,
                                 PackageAssigns& package_assigns, ServedFn& served,
                                 const Ident* declared = nullptr) {
    const Ident* var = declared ? declared : holder(built, anc);
    if (var && var->name == "_") return;
    const Ident* field = nullptr;
    if (var) {
      const sema::Object* obj = pass.sema() ? pass.sema()->object_of(var) : nullptr;
      bool package_level = obj ? obj->package_level : !fd;
      const Node* root = package_level || !fd ? nullptr : static_cast<const Node*>(fd);
      if (root) {
        if (support::assigns_field(pass, root, var, kHttp, "Server", kReadTimeouts)) return;
        if (passed_to_call(pass, root, var)) return;
        if (!is_served(pass, served(), var)) {
          // Not served through the variable: perhaps through a field it is stored into.
          field = variable_stored_in_field(pass, root, var);
          if (!field) return;
        }
      } else {
        for (const PassFile& f : pass.files())
          if (f.parsed && f.parsed->file &&
              (support::assigns_field(pass, f.parsed->file, var, kHttp, "Server", kReadTimeouts) ||
               passed_to_call(pass, f.parsed->file, var)))
            return;
        if (!is_served(pass, served(), var)) return;
      }
    } else {
      switch (direct_use(built, anc)) {
        case Use::receiver: break;  // `(&http.Server{...}).ListenAndServe()`: nobody else sees it
        case Use::argument: return;  // the callee may configure it
        case Use::elsewhere:
          field = stored_field(built, anc);
          if (!field) return;  // returned, or handed on: where it is served is not known here
          break;
      }
    }
    if (field && (!is_served(pass, served(), field) || package_assigns())) return;
    Pos start = built->pos();
    Pos end = built->end();
    if (auto* lit = as<CompositeLit>(built)) end = lit->lbrace + 1;
    pass.report(file, start, end,
                "http.Server without ReadHeaderTimeout or ReadTimeout: a client that sends its "
                "request headers slowly holds a connection and its goroutine for as long as it "
                "likes (Slowloris); set ReadHeaderTimeout (and ReadTimeout, WriteTimeout, "
                "IdleTimeout as the handlers allow)");
  }

  enum class Use { receiver, argument, elsewhere };

  // What happens to a construction that no variable holds.
  static Use direct_use(const Node* built, std::span<const Node* const> anc) {
    const Node* child = built;
    size_t i = anc.size();
    while (i > 0 && (is<ParenExpr>(anc[i - 1]) || (is<UnaryExpr>(anc[i - 1]) && as<UnaryExpr>(anc[i - 1])->op == Tok::AND)))
      child = anc[--i];
    if (i == 0) return Use::elsewhere;
    if (auto* sel = as<SelectorExpr>(anc[i - 1]); sel && sel->x == child) return Use::receiver;
    if (auto* call = as<CallExpr>(anc[i - 1]))
      for (const Expr* a : call->args)
        if (a == child) return Use::argument;
    return Use::elsewhere;
  }
};

}  // namespace

const Rule* http_server_timeout_rule() {
  static const HttpServerTimeout rule;
  return &rule;
}

}  // namespace gotrap::rules
