// body-not-closed: an *http.Response whose Body is not closed on every path where the request
// succeeded, nor handed to code that takes it over.
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/facts.h"
#include "rules/support/ownership.h"
#include "rules/support/release_paths.h"
#include "rules/support/walk.h"
#include "sema/cfg.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;

const RuleInfo kInfo{
    .name = "body-not-closed",
    .summary = "HTTP response body not closed on every path where the request succeeded",
    .doc = R"md(# body-not-closed

**What.** A call that hands back an `*http.Response` (`http.Get`, `client.Do`, a transport's
`RoundTrip`, or a function of the analysed code that returns one) whose `Body` is not closed on
some path where the request succeeded: a return after a status check, the end of the function,
or an assignment that overwrites the variable (a retry loop); or whose response is discarded
(`_`, or the call used as a statement). The finding sits on the call's statement; its related
location is the place the body is left open.

**Why.** The net/http client requires the caller to close the body. Until the body is closed or
read to its end, its connection cannot go back to the pool: it stays open with its file
descriptor and buffers, and a service that forgets it on one path opens a new connection per
request on that path, until it runs out of descriptors or ports.

```go
resp, err := client.Do(req)
if err != nil {
	return err
}
if resp.StatusCode != http.StatusOK {
	return fmt.Errorf("status %d", resp.StatusCode) // body left open
}
defer resp.Body.Close()
// fixed: defer resp.Body.Close() right after the error check
```

**How.** A search over the function's control-flow graph from the call, skipping the branches
where the request failed (`err != nil`, `errors.Is(err, ...)`, the `ok` of `e, ok := err.(T)`,
`resp == nil`, in if and for conditions and in the cases of a tagless switch, as long as `err`
still holds the call's error, or a field of it when the error result is a struct). A path is
fine once the body is closed (`resp.Body.Close()`, deferred or not; `resp.Write(w)`, which closes
it after sending; `resp.Body.Close` handed on
as a method value; a deferred literal registered before the call that closes the variable's
body), or once the response or its body is handed on: returned, stored (assigned, put in a
composite literal, sent, appended), captured by a function literal that closes it, or passed to
a function that takes it over. A function of the analysed packages takes it over when some path
of its body does (looked at to a depth of four calls); a function gotrap has no source for, a
function value or an interface method is assumed to; a standard-library function is not
(`io.ReadAll`, `io.Copy`, `json.NewDecoder`), except a wrapper whose result can be closed and is
kept (`http.MaxBytesReader`).

**Fix.** None automatic: where the `defer` goes depends on the error handling.

**Quiet when** the response is stored in a field or a package-level variable, or is a result
parameter (its owner is elsewhere); the response comes from `httptest.ResponseRecorder.Result`
(an in-memory body) or `http.ReadResponse` (a body read from the caller's reader: no connection
to give back), or from a function of the analysed code that returns one of those; the request is
a HEAD request (`http.Head`, `Client.Head`, or `Client.Do` of a request built here with method
`"HEAD"`, `http.MethodHead` or a constant declared as one of them): its response has no body; the callee is a function of the analysed code that closes the body of the
response it returns (a deferred close, or a close, direct or through a helper of the analysed
code, in a block that does not end by returning: such wrappers read the body for their caller), forwards such a function's response, or is an interface method
with such an implementation in the interface's package; the path ends in a call that never returns; in tests and test support (a
package named for tests, or a file importing `testing`): their clients live as long as a test.
)md",
    .severity = Severity::warning,
};

bool is_response(const sema::Type* t) {
  t = sema::unalias(t);
  if (!t || t->kind != sema::TypeKind::Pointer) return false;
  return support::is_named(t->elem, "net/http", "Response", false);
}

// Index of the *http.Response among the results of `call`; -1 when it returns none. `count` gets
// the number of results.
int response_result(const Pass& pass, const CallExpr* call, size_t* count) {
  const sema::Type* t = pass.sema()->type_of(call);
  if (!t) return -1;
  if (t->kind == sema::TypeKind::Tuple) {
    *count = t->results.size();
    for (size_t i = 0; i < t->results.size(); ++i)
      if (is_response(t->results[i].type)) return int(i);
    return -1;
  }
  *count = 1;
  return is_response(t) ? 0 : -1;
}

// The object a call's function name resolves to.
const sema::Object* callee_object(const Pass& pass, const CallExpr* call) {
  const Expr* fun = support::unparen(call->fun);
  const Ident* name = as<Ident>(fun);
  if (auto* sel = as<SelectorExpr>(fun)) name = sel->sel;
  return name ? pass.sema()->use_of(name) : nullptr;
}

bool is_http_func(const sema::Object* o, std::string_view name) {
  return o && o->kind == sema::ObjectKind::Func && o->pkg_path() == "net/http" && o->name == name;
}

// `"HEAD"`, `http.MethodHead`, or a constant of the analysed code declared as one of those.
bool is_head_method(const Pass& pass, const Expr* e, int depth = 0) {
  e = support::unparen(e);
  if (auto* lit = as<BasicLit>(e)) return lit->value == "\"HEAD\"" || lit->value == "`HEAD`";
  const Ident* name = as<Ident>(e);
  if (auto* sel = as<SelectorExpr>(e)) name = sel->sel;
  const sema::Object* o = name ? pass.sema()->use_of(name) : nullptr;
  if (!o || o->kind != sema::ObjectKind::Const) return false;
  if (o->pkg_path() == "net/http" && o->name == "MethodHead") return true;
  auto* spec = as<ValueSpec>(o->decl);
  if (!spec || depth > 3 || o->value_index < 0 || size_t(o->value_index) >= spec->values.size()) return false;
  return is_head_method(pass, spec->values[size_t(o->value_index)], depth + 1);
}

// A HEAD request: http.Head, Client.Head, or Client.Do of a request built here with method HEAD.
// Its response has no body (the transport gives http.NoBody and frees the connection at once).
bool is_head_request(const Pass& pass, const CallExpr* call) {
  const sema::Object* fn = callee_object(pass, call);
  if (is_http_func(fn, "Head")) return true;
  if (!is_http_func(fn, "Do") || call->args.size() != 1) return false;
  auto* req = as<Ident>(support::unparen(call->args[0]));
  const sema::Object* obj = req ? pass.sema()->use_of(req) : nullptr;
  if (!obj || obj->kind != sema::ObjectKind::Var || obj->value_index != 0) return false;
  const Expr* value = nullptr;
  if (auto* a = as<AssignStmt>(obj->decl); a && a->rhs.size() == 1) value = a->rhs[0];
  if (auto* v = as<ValueSpec>(obj->decl); v && v->values.size() == 1) value = v->values[0];
  auto* build = as<CallExpr>(support::unparen(value));
  if (!build) return false;
  const sema::Object* b = callee_object(pass, build);
  if (is_http_func(b, "NewRequest")) return !build->args.empty() && is_head_method(pass, build->args[0]);
  if (is_http_func(b, "NewRequestWithContext")) return build->args.size() > 1 && is_head_method(pass, build->args[1]);
  return false;
}

bool is_nil(const Pass& pass, const Expr* e) {
  auto* id = as<Ident>(support::unparen(e));
  if (!id || id->name != "nil") return false;
  const sema::Object* o = pass.sema()->use_of(id);
  return !o || o->kind == sema::ObjectKind::Nil;
}

class BodyNotClosed final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;  // types decide what is a response
    support::ClosedResponseMemo closed;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file || file.is_test || support::is_test_support(file)) continue;
      for (const Decl* decl : file.parsed->file->decls) {
        auto* fd = as<FuncDecl>(decl);
        if (!fd || !fd->body) continue;
        Cache cache;
        cache.closed = &closed;
        support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
          visit(pass, file, cache, n, anc);
          return support::Visit::descend;
        });
      }
    }
  }

 private:
  struct Cache {
    std::unordered_map<const Node*, std::unique_ptr<sema::Cfg>> cfgs;
    std::unordered_map<const Node*, std::unordered_set<const Node*>> conditions;
    std::unordered_set<const Node*> case_conditions;  // sole expressions of tagless switch cases
    support::ClosedResponseMemo* closed = nullptr;     // shared by the package's functions
  };

  static void visit(Pass& pass, const PassFile& file, Cache& cache, const Node* n, std::span<const Node* const> anc) {
    const CallExpr* call = nullptr;
    Span<Expr*> lhs;
    std::vector<const Ident*> names;
    const Node* stmt = n;
    if (auto* es = as<ExprStmt>(n)) {
      call = as<CallExpr>(support::unparen(es->x));
    } else if (auto* a = as<AssignStmt>(n)) {
      if (a->rhs.size() != 1 || (a->tok != Tok::DEFINE && a->tok != Tok::ASSIGN)) return;
      call = as<CallExpr>(support::unparen(a->rhs[0]));
      lhs = a->lhs;
    } else if (auto* v = as<ValueSpec>(n)) {
      if (v->values.size() != 1 || anc.size() < 2 || !is<DeclStmt>(anc[anc.size() - 2])) return;
      call = as<CallExpr>(support::unparen(v->values[0]));
      for (const Ident* id : v->names) names.push_back(id);
      stmt = anc[anc.size() - 2];
    } else {
      return;
    }
    if (!call) return;
    size_t count = 0;
    int index = response_result(pass, call, &count);
    if (index < 0 || support::is_connectionless_response_call(pass.sema(), call)) return;
    if (support::returns_closed_response(pass.sema(), call, cache.closed) || is_head_request(pass, call)) return;
    std::string from(support::callee_name(call));
    if (is<ExprStmt>(n)) {
      report_discarded(pass, file, stmt, from);
      return;
    }
    if (lhs.size()) {
      if (lhs.size() != count) return;
      for (const Expr* e : lhs) names.push_back(as<Ident>(support::unparen(e)));
    }
    if (names.size() != count) return;
    const Ident* resp = names[size_t(index)];
    if (!resp) return;  // a field, an index expression: stored, someone else's
    if (resp->name == "_") {
      report_discarded(pass, file, stmt, from);
      return;
    }
    const sema::Object* obj = pass.sema()->object_of(resp);
    if (!obj || obj->kind != sema::ObjectKind::Var || obj->package_level || obj->is_param || !obj->ident) return;
    const Node* fn = support::enclosing_func(anc);
    if (!fn || !support::contains(fn, obj->ident)) return;
    // The error is the last result.
    const sema::Object* err = nullptr;
    if (names.size() >= 2 && size_t(index) + 1 != names.size() && names.back() && names.back()->name != "_")
      err = pass.sema()->object_of(names.back());
    check_paths(pass, file, cache, fn, stmt, obj, err, from);
  }

  static void report_discarded(Pass& pass, const PassFile& file, const Node* stmt, const std::string& from) {
    pass.report(file, stmt->pos(), stmt->end(),
                "the response of " + from + " is discarded, so its body is never closed nor read: "
                "its connection cannot be reused and stays open with its file descriptor; keep "
                "the response and close its Body");
  }

  static const sema::Cfg& cfg_of(const Pass& pass, Cache& cache, const Node* fn) {
    auto& slot = cache.cfgs[fn];
    if (!slot) {
      slot = std::make_unique<sema::Cfg>(sema::build_cfg(support::func_body(fn), pass.sema()));
      auto& conds = cache.conditions[fn];
      support::inspect(support::func_body(fn), [&](const Node* n, std::span<const Node* const>) {
        if (is<FuncLit>(n)) return support::Visit::skip;
        if (auto* i = as<IfStmt>(n); i && i->cond) conds.insert(i->cond);
        if (auto* f = as<ForStmt>(n); f && f->cond) conds.insert(f->cond);
        if (auto* sw = as<SwitchStmt>(n); sw && !sw->tag && sw->body)
          for (const Stmt* c : sw->body->list)
            if (auto* cc = as<CaseClause>(c); cc && cc->list.size() == 1) cache.case_conditions.insert(cc->list[0]);
        return support::Visit::descend;
      });
    }
    return *slot;
  }

  // Writes of `obj` by the statement (its left side), outside function literals.
  static bool writes(const sema::PackageInfo& info, const Node* n, const sema::Object* obj) {
    auto hit = [&](const Expr* e) {
      auto* id = as<Ident>(support::unparen(e));
      return id && info.object_of(id) == obj;
    };
    if (auto* a = as<AssignStmt>(n)) {
      for (const Expr* l : a->lhs)
        if (hit(l)) return true;
    } else if (auto* d = as<DeclStmt>(n)) {
      bool found = false;
      support::for_each_node(d, [&](const Node* x) {
        if (auto* v = as<ValueSpec>(x))
          for (const Ident* id : v->names) found |= info.object_of(id) == obj;
      });
      return found;
    }
    return false;
  }

  static void check_paths(Pass& pass, const PassFile& file, Cache& cache, const Node* fn, const Node* stmt,
                          const sema::Object* resp, const sema::Object* err, const std::string& from) {
    const sema::Cfg& cfg = cfg_of(pass, cache, fn);
    const auto& conds = cache.conditions[fn];
    const sema::PackageInfo& info = *pass.sema();
    support::Closable closable{&info, resp, true};
    // A deferred literal registered before the call that closes the variable's body at return
    // (`defer func() { if resp != nil { resp.Body.Close() } }()`) covers every path.
    bool deferred_before = false;
    support::inspect(support::func_body(fn), [&](const Node* n, std::span<const Node* const>) {
      if (is<FuncLit>(n)) return support::Visit::skip;
      if (auto* d = as<DeferStmt>(n); d && d->pos() < stmt->pos() && support::releases_in(closable, d))
        deferred_before = true;
      return deferred_before ? support::Visit::stop : support::Visit::descend;
    });
    if (deferred_before) return;
    support::ReleaseQuery q;
    q.cfg = &cfg;
    q.acquire = stmt;
    q.node_effect = [&](const Node* n) {
      if (is<SelectStmt>(n) || is<RangeStmt>(n)) return support::NodeEffect::none;  // parts are nodes of their own
      if (support::releases_in(closable, n)) return support::NodeEffect::released;
      if (writes(info, n, resp)) return support::NodeEffect::overwritten;
      if (err && writes(info, n, err)) return support::NodeEffect::err_written;
      return support::NodeEffect::none;
    };
    q.is_condition = [&](const Node* n) { return conds.count(n) != 0; };
    q.is_case_condition = [&](const Node* n) { return cache.case_conditions.count(n) != 0; };
    q.guard = [&](const Expr* cond, bool err_valid) {
      return support::compose_guard(cond, [&](const Expr* e) {
        support::Guard g;
        // `ok` of `e, ok := err.(T)`: true only for a non-nil err.
        if (auto* id = as<Ident>(e); id && err && err_valid) {
          const sema::Object* o = info.use_of(id);
          auto* a = o ? as<AssignStmt>(o->decl) : nullptr;
          if (a && a->lhs.size() == 2 && a->rhs.size() == 1 && o->value_index == 1)
            if (auto* ta = as<TypeAssertExpr>(support::unparen(a->rhs[0])))
              if (auto* x = as<Ident>(support::unparen(ta->x)); x && info.use_of(x) == err)
                return support::Guard{true, false};
        }
        // errors.Is(err, target) / errors.As(err, &target): true only for a non-nil err.
        if (auto* c = as<CallExpr>(e); c && err && err_valid && !c->args.empty()) {
          auto* sel = as<SelectorExpr>(support::unparen(c->fun));
          const sema::Object* fn = sel ? info.use_of(sel->sel) : nullptr;
          auto* arg = as<Ident>(support::unparen(c->args[0]));
          if (fn && fn->pkg_path() == "errors" && (fn->name == "Is" || fn->name == "As") && arg &&
              info.use_of(arg) == err)
            return support::Guard{true, false};
        }
        auto* b = as<BinaryExpr>(e);
        if (!b || (b->op != Tok::EQL && b->op != Tok::NEQ)) return g;
        const Expr* x = is_nil(pass, b->y) ? b->x : is_nil(pass, b->x) ? b->y : nullptr;
        x = support::unparen(x);
        if (!x) return g;
        bool neq = b->op == Tok::NEQ;
        if (auto* id = as<Ident>(x)) {
          const sema::Object* o = info.use_of(id);
          if (o && o == err && err_valid) return neq ? support::Guard{true, false} : support::Guard{false, true};
          if (o && o == resp) return neq ? support::Guard{false, true} : support::Guard{true, false};
        }
        // A field of the error value (a struct carrying the error): `rerr.err != nil`.
        if (auto* sel = as<SelectorExpr>(x); sel && err && err_valid) {
          auto* id = as<Ident>(support::unparen(sel->x));
          if (id && info.use_of(id) == err && sel->sel->name != "Body")
            return neq ? support::Guard{true, false} : support::Guard{false, true};
        }
        if (auto* sel = as<SelectorExpr>(x); sel && sel->sel->name == "Body") {
          auto* id = as<Ident>(support::unparen(sel->x));
          if (id && info.use_of(id) == resp) return neq ? support::Guard{false, true} : support::Guard{true, false};
        }
        return g;
      });
    };
    support::ReleaseLeak leak = support::find_unreleased_path(q);
    if (!leak.leaks || !valid(leak.pos)) return;
    uint32_t line = file.parsed->lines.at(leak.pos).line;
    std::string name(resp->name);
    std::string where;
    std::string related;
    if (leak.overwritten && leak.at == stmt) {
      where = "a path goes round the loop to this call again with the body open";
      related = "the loop comes back here with the previous body still open";
    } else if (leak.overwritten) {
      where = name + " is overwritten on line " + std::to_string(line) + " while its body is open";
      related = "the response's body is still open when " + name + " is overwritten here";
    } else if (leak.at) {
      where = "the return on line " + std::to_string(line) + " leaves it open";
      related = "this return leaves the body of " + name + " open";
    } else {
      where = "the end of the function on line " + std::to_string(line) + " leaves it open";
      related = "the function ends with the body of " + name + " open";
    }
    Finding f;
    f.path = std::string(file.path);
    f.start = stmt->pos();
    f.end = stmt->end();
    f.message = "the body of " + name + " (from " + from + ") is not closed on every path where the "
                "request succeeded: " + where + "; a body neither closed nor read to its end keeps its "
                "connection from being reused (a new connection, and file descriptor, per request); "
                "defer " + name + ".Body.Close() after the error check";
    f.related.push_back({std::string(file.path), leak.pos, leak.pos + 1, related});
    pass.report(std::move(f));
  }
};

}  // namespace

const Rule* body_not_closed_rule() {
  static const BodyNotClosed rule;
  return &rule;
}

}  // namespace gotrap::rules
