// loop-capture: before Go 1.22, closures that outlive an iteration share the loop's variables.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "facts/remote.h"
#include "facts/callbacks.h"
#include "facts/summary.h"
#include "rules/rule.h"
#include "rules/support/facts.h"
#include "rules/support/fix_context.h"
#include "rules/support/flow.h"
#include "rules/support/scope.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# loop-capture

**What.** Before Go 1.22 (the file's Go version), a func literal uses a `for`/`range` iteration
variable and runs after the iteration may have moved on: under `defer` or `go` anywhere in the loop
body, passed to the call a `go` statement starts (`go wait.Until(func() {...}, d, stop)`), to an
API that keeps it to run later (Ginkgo's `It`/`BeforeEach` and other spec nodes, but not
`Describe`, whose body runs at once; `time.AfterFunc`, `context.AfterFunc`, a test's `Cleanup`,
an HTTP handler), to errgroup's `Go`, to `t.Run` with `t.Parallel()` (uses after that call), or stored
beyond the iteration (appended, put in a map, a field or a variable declared outside the loop, sent
on a channel, handed to a function of the analysed code whose summary stores that argument).
Also `&v` (or `&v.field` of a struct value) of an iteration variable stored beyond the iteration:
directly, inside a composite literal (`&Task{Raw: &v}`), as a map key, through a local
(`a := &v; out = append(out, a)`), or through such a function.

**Why.** Before 1.22 a loop has one variable for all its iterations; every late closure sees the
value of a later iteration, usually the last.

```go
for _, d := range doctors {
	defer func() { send(d.Email) }() // every call mails the last doctor
}
// fixed:
for _, d := range doctors {
	d := d
	defer func() { send(d.Email) }()
}
```

One finding per literal (or `&v`), at the first use; the other uses are related locations.

**Fix.** Adds `v := v` as the first statement of the loop body (indented like it, with the file's
line ending), one line per captured variable. Upgrading the module to Go 1.22 also fixes it.

**When the fix is safe.** The copy gives each iteration its own variable, as Go 1.22 does, which is
what the late uses need: safe. Not offered when a three-clause loop assigns the variable in its
body (the loop would no longer see that write), or the loop assigns variables declared elsewhere.

**Quiet when** the variable is passed as an argument or redeclared (`v := v`), the literal is
called synchronously or only used within the iteration (a hook or field overwritten each
iteration and followed by more statements, or a store followed by `break`/`return`), a `defer` or
`go` literal after which no path leads to another iteration (the variable keeps its value), a
store into a field or element of a struct or array value the iteration declared (`c := T{}`,
`var c T`) that is not stored in turn, a `go`
statement's goroutine is waited for later in the same iteration (a receive, a select, a call of
a function of the analysed code that receives from a channel it is handed, or the `Wait()` of a
WaitGroup whose `Done()` the goroutine calls), the literal is handed to a function of the analysed code whose
goroutines are done with it whenever it returns a nil error (they signal a channel it receives
from as their last act) and a failure ends the loop (`if err != nil { return err }`), `&v` goes
into a map or slice local to the function
whose elements are only compared with nil (never read through), the subtest is serial, or the Go
version is 1.22 or later.
)md";

const RuleInfo kInfo{
    .name = "loop-capture",
    .summary = "closure or &v outlives a loop iteration and sees later values of the loop variable (Go < 1.22)",
    .doc = kDoc,
    .severity = Severity::warning,
};

struct LoopVar {
  const Ident* ident;
  bool declared;  // by the loop (:=), as opposed to `for x = range` on an existing variable
};

std::vector<LoopVar> loop_vars(const Node* loop) {
  std::vector<LoopVar> out;
  if (auto* r = as<RangeStmt>(loop)) {
    for (const Expr* e : {r->key, r->value})
      if (auto* id = as<Ident>(e); id && id->name != "_") out.push_back({id, r->tok == Tok::DEFINE});
  } else if (auto* f = as<ForStmt>(loop)) {
    if (auto* a = as<AssignStmt>(f->init); a && a->tok == Tok::DEFINE)
      for (const Expr* e : a->lhs)
        if (auto* id = as<Ident>(e); id && id->name != "_") out.push_back({id, true});
  }
  return out;
}

// Why a literal (or &v) runs or lives after its iteration.
struct Late {
  const Node* node;        // FuncLit, or the &v UnaryExpr
  std::string_view how;    // "defer", "go", "errgroup Go", "parallel subtest", "stored"
  Pos uses_from = 0;       // only uses at or after this position count (t.Parallel)
};

// The text of what declares `name` as seen from the node with ancestors `anc`: the right-hand
// side of its := or var, or its parameter type. Empty when not found in the enclosing functions.
std::string_view declaration_text(const PassFile& file, std::string_view name,
                                  std::span<const Node* const> anc) {
  for (size_t i = anc.size(); i-- > 0;) {
    const Node* a = anc[i];
    Span<Stmt*> list;
    if (auto* b = as<BlockStmt>(a)) list = b->list;
    for (const Stmt* st : list) {
      if (auto* as_ = as<AssignStmt>(st); as_ && as_->tok == Tok::DEFINE) {
        for (const Expr* l : as_->lhs)
          if (auto* id = as<Ident>(l); id && id->name == name)
            return support::text_of(file, as_->rhs.empty() ? nullptr : as_->rhs[0]);
      }
      if (auto* ds = as<DeclStmt>(st))
        if (auto* g = as<GenDecl>(ds->decl))
          for (const Node* sp : g->specs)
            if (auto* vs = as<ValueSpec>(sp))
              for (const Ident* id : vs->names)
                if (id->name == name)
                  return support::text_of(file, vs->type ? vs->type : (vs->values.empty() ? nullptr : vs->values[0]));
    }
    const FuncType* ft = nullptr;
    if (auto* fl = as<FuncLit>(a)) ft = fl->type;
    if (auto* fd = as<FuncDecl>(a)) ft = fd->type;
    if (ft && ft->params)
      for (const Field* f : ft->params->list)
        for (const Ident* id : f->names)
          if (id->name == name) return support::text_of(file, f->type);
    if (auto* fd = as<FuncDecl>(a); fd && fd->recv)
      for (const Field* f : fd->recv->list)
        for (const Ident* id : f->names)
          if (id->name == name) return support::text_of(file, f->type);
  }
  return {};
}

bool is_errgroup_receiver(const Pass& pass, const PassFile& file, const Expr* recv,
                          std::span<const Node* const> anc) {
  if (const sema::Type* t = support::type_of(pass, recv)) {
    t = sema::unalias(t);
    if (t && t->is(sema::TypeKind::Pointer)) t = sema::unalias(t->elem);
    return t && t->is(sema::TypeKind::Named) && t->name == "Group" &&
           (t->pkg_path() == "errgroup" || t->pkg_path().ends_with("/errgroup"));
  }
  // Unknown type: what declares the receiver (or the root of g.a) names errgroup's Group.
  const Expr* root = support::unparen(recv);
  while (auto* sel = as<SelectorExpr>(root)) root = support::unparen(sel->x);
  auto* id = as<Ident>(root);
  if (!id) return false;
  std::string_view decl = declaration_text(file, id->name, anc);
  return decl.find("errgroup.") != std::string_view::npos;
}

bool is_testing_t(const Pass& pass, const PassFile& file, const Expr* recv,
                  std::span<const Node* const> anc) {
  if (const sema::Type* t = support::type_of(pass, recv)) return support::is_named(t, "testing", "T");
  auto* id = as<Ident>(support::unparen(recv));
  if (!id) return false;
  std::string_view decl = declaration_text(file, id->name, anc);
  return decl == "*testing.T";
}

// The position after which a parallel subtest literal runs concurrently: the end of the last
// top-level `p.Parallel()` that follows the literal's last label; 0 when the subtest is serial.
Pos parallel_from(const FuncLit* lit) {
  if (!lit->body || !lit->type || !lit->type->params || lit->type->params->list.size() != 1) return 0;
  const Field* param = lit->type->params->list[0];
  if (param->names.size() != 1 || param->names[0]->name == "_") return 0;
  std::string_view p = param->names[0]->name;
  Pos from = 0;
  for (const Stmt* st : lit->body->list) {
    if (is<LabeledStmt>(st)) from = 0;  // a goto may land here having skipped Parallel
    while (auto* l = as<LabeledStmt>(st)) st = l->stmt;
    auto* es = as<ExprStmt>(st);
    auto* call = es ? as<CallExpr>(support::unparen(es->x)) : nullptr;
    auto* sel = call ? as<SelectorExpr>(support::unparen(call->fun)) : nullptr;
    auto* x = sel ? as<Ident>(support::unparen(sel->x)) : nullptr;
    if (x && x->name == p && sel->sel->name == "Parallel" && call->args.empty()) from = st->end();
  }
  return from;
}

bool is_local_to(const Node* region, const Ident* id, const support::LocalScopes& scopes) {
  const Ident* d = scopes.resolve(id);
  return d && support::contains(region, d);
}

// Whether storing into `lhs` keeps the value beyond the iteration of `loop`.
bool stores_beyond(const Pass& pass, const Expr* lhs, const Node* loop,
                   const support::LocalScopes& scopes) {
  lhs = support::unparen(lhs);
  auto* id = as<Ident>(lhs);
  if (!id) return is<SelectorExpr>(lhs) || is<IndexExpr>(lhs) || is<StarExpr>(lhs);
  if (id->name == "_") return false;
  if (pass.sema()) {
    const sema::Object* o = support::object_of(pass, id);
    return o && !(support::contains(support::loop_body(loop), o->ident));
  }
  return !is_local_to(support::loop_body(loop), id, scopes);
}

// The variable that owns the place `lhs` names when that place lies inside a struct or array
// value the loop body declared (`set.Spec.Replicas` with `set := T{}` or `var set T` in the
// iteration): a store there stays in the iteration unless the variable itself is stored. Any hop
// through a pointer, slice or map (known from the types) leaves the variable: null.
const Ident* iteration_value_owner(const Pass& pass, const Expr* lhs, const Node* loop) {
  if (!pass.sema()) return nullptr;
  auto is_value = [&](const Expr* e) {
    const sema::Type* t = support::type_of(pass, e);
    if (!t) return true;  // unknown: a field of a fresh value, as fresh as the value
    t = sema::underlying(sema::unalias(t));
    return t && (t->kind == sema::TypeKind::Struct || t->kind == sema::TypeKind::Array);
  };
  const Expr* e = support::unparen(lhs);
  bool hop = false;
  for (;;) {
    const Expr* inner = nullptr;
    if (auto* sel = as<SelectorExpr>(e)) inner = support::unparen(sel->x);
    else if (auto* ix = as<IndexExpr>(e)) inner = support::unparen(ix->x);
    else break;
    if (!is_value(inner)) return nullptr;
    e = inner;
    hop = true;
  }
  auto* id = as<Ident>(e);
  const sema::Object* o = id && hop ? pass.sema()->use_of(id) : nullptr;
  if (!o || o->kind != sema::ObjectKind::Var || !o->ident || !support::contains(support::loop_body(loop), o->ident))
    return nullptr;
  // Declared as a value: `x := T{...}` or `var x T` (not a pointer, a call's result or a copy of
  // something else, which may share storage through its fields).
  if (auto* a = as<AssignStmt>(o->decl)) {
    for (size_t k = 0; k < a->lhs.size() && k < a->rhs.size(); ++k)
      if (a->lhs[k] == o->ident) return is<CompositeLit>(support::unparen(a->rhs[k])) ? o->ident : nullptr;
    return nullptr;
  }
  if (auto* v = as<ValueSpec>(o->decl); v && v->values.empty() && v->type && !is<StarExpr>(v->type)) return o->ident;
  return nullptr;
}

// True when `lhs` is an element `m[k]` of a map or slice local to the enclosing function whose
// elements are only ever compared with nil (`m[k] != nil`), written, deleted or counted: what is
// stored there is never read through, so which iteration's variable it points to does not matter.
bool elements_only_tested(const Pass& pass, const Expr* lhs, std::span<const Node* const> anc) {
  auto* ix = as<IndexExpr>(support::unparen(lhs));
  auto* id = ix ? as<Ident>(support::unparen(ix->x)) : nullptr;
  const sema::Object* o = id && pass.sema() ? pass.sema()->use_of(id) : nullptr;
  const Node* fn = support::enclosing_func(anc);
  const BlockStmt* body = support::func_body(fn);
  if (!o || o->kind != sema::ObjectKind::Var || o->package_level || !o->ident || !body ||
      !support::contains(body, o->ident))
    return false;
  bool only = true;
  support::inspect(body, [&](const Node* n, std::span<const Node* const> a) {
    if (!only) return Visit::stop;
    auto* use = as<Ident>(n);
    if (!use || use == o->ident || pass.sema()->use_of(use) != o || a.empty()) return Visit::descend;
    const Node* parent = a.back();
    if (auto* call = as<CallExpr>(parent)) {
      auto* f = as<Ident>(support::unparen(call->fun));
      const sema::Object* fo = f ? pass.sema()->use_of(f) : nullptr;
      if (fo && fo->kind == sema::ObjectKind::Builtin && (f->name == "len" || f->name == "delete")) return Visit::descend;
      only = false;
      return Visit::stop;
    }
    auto* elem = as<IndexExpr>(parent);
    const Node* grand = a.size() >= 2 ? a[a.size() - 2] : nullptr;
    if (!elem || elem->x != use || !grand) {
      only = false;
      return Visit::stop;
    }
    if (auto* as_ = as<AssignStmt>(grand)) {
      for (const Expr* l : as_->lhs)
        if (l == elem) return Visit::descend;  // written
    }
    if (auto* b = as<BinaryExpr>(grand); b && (b->op == Tok::EQL || b->op == Tok::NEQ)) {
      auto* other = as<Ident>(support::unparen(b->x == elem ? b->y : b->x));
      if (other && other->name == "nil") return Visit::descend;
    }
    only = false;
    return Visit::stop;
  });
  return only;
}

// True when assigning to `lhs` adds to a collection (m[k], s[i], s[i].f) rather than
// overwriting one variable or field that the next iteration overwrites again.
bool accumulates(const Expr* lhs) {
  for (const Expr* e = support::unparen(lhs); e;) {
    if (is<IndexExpr>(e)) return true;
    if (auto* sel = as<SelectorExpr>(e)) e = support::unparen(sel->x);
    else if (auto* st = as<StarExpr>(e)) e = support::unparen(st->x);
    else return false;
  }
  return false;
}

// The statement of the loop body (direct child) that contains the node with ancestors `anc`.
const Node* body_statement(std::span<const Node* const> anc, const Node* loop) {
  const BlockStmt* body = support::loop_body(loop);
  for (size_t i = 0; i + 1 < anc.size(); ++i)
    if (anc[i] == body) return anc[i + 1];
  return nullptr;
}

// If `n` (a FuncLit or &v) is stored beyond the iteration, true. Stores that cannot be followed
// by another iteration (a break or return comes first) are harmless: the variable keeps the
// value. Overwriting one outer variable or field counts only when it is the iteration's last
// statement: otherwise the iteration usually uses it (a test hook, a callback) before the next
// iteration replaces it.
// The statement the node with ancestors `anc` sits in (its innermost statement ancestor) and its
// index in `anc`; null outside statements.
const Node* statement_of(std::span<const Node* const> anc, size_t* index) {
  for (size_t i = anc.size(); i-- > 0;)
    if (support::is_stmt_node(anc[i])) return *index = i, anc[i];
  return nullptr;
}

bool stored(const Pass& pass, const Node* n, std::span<const Node* const> anc, const Node* loop,
            const support::LocalScopes& scopes, facts::Summaries* summaries, int depth = 0);

// Whether `loop` (the loop of the variable) can start another iteration after `stmt` ran: a
// break out of an inner loop that declared nothing of ours does not end `loop`, but a break out of
// `loop` itself (or a return) does, whatever enclosing loops then do.
bool iterates_again(const Pass& pass, const Stmt* stmt, std::span<const Node* const> anc,
                    const Node* loop) {
  size_t at = anc.size();
  for (size_t i = 0; i < anc.size(); ++i)
    if (anc[i] == loop) at = i;
  if (at == anc.size()) return false;
  return support::may_run_again(stmt, anc.subspan(at), pass.sema());
}

// `a := &v` (or a literal): whether any use of the local `a` declared by `def` stores it beyond
// the iteration.
bool local_stored(const Pass& pass, const Ident* def, std::span<const Node* const> anc,
                  const Node* loop, const support::LocalScopes& scopes, facts::Summaries* summaries,
                  int depth) {
  const sema::Object* obj = pass.sema() ? pass.sema()->def_of(def) : nullptr;
  if (!obj || depth > 4) return false;
  size_t loop_at = anc.size();
  for (size_t i = 0; i < anc.size(); ++i)
    if (anc[i] == loop) loop_at = i;
  if (loop_at == anc.size()) return false;
  std::vector<const Node*> chain(anc.begin(), anc.begin() + std::ptrdiff_t(loop_at) + 1);
  size_t base = chain.size();
  bool found = false;
  support::inspect(support::loop_body(loop), [&](const Node* m, std::span<const Node* const> inner) {
    if (found) return Visit::stop;
    auto* id = as<Ident>(m);
    if (!id || id == def || pass.sema()->use_of(id) != obj) return Visit::descend;
    chain.resize(base);
    chain.insert(chain.end(), inner.begin(), inner.end());
    if (stored(pass, id, chain, loop, scopes, summaries, depth + 1)) found = true;
    return found ? Visit::stop : Visit::descend;
  });
  return found;
}

// `err := call(...)` (or `x, err = call(...)`, or the init of `if err := call(...); err != nil`)
// followed by `if err != nil { ... }` whose body is terminating (returns, panics): when the call
// fails, the function is done with the loop. `anc` are the ancestors of `call`.
bool failure_ends_iteration(const Pass& pass, const CallExpr* call, std::span<const Node* const> anc) {
  size_t at = 0;
  auto* assign = as<AssignStmt>(statement_of(anc, &at));
  if (!assign || assign->rhs.size() != 1 || support::unparen(assign->rhs[0]) != call || at == 0) return false;
  auto* err = as<Ident>(support::unparen(assign->lhs.back()));
  if (!err || err->name == "_") return false;
  const IfStmt* check = nullptr;
  const Node* parent = anc[at - 1];
  if (auto* ifs = as<IfStmt>(parent); ifs && ifs->init == assign) check = ifs;
  Span<Stmt*> list;
  if (auto* b = as<BlockStmt>(parent)) list = b->list;
  else if (auto* c = as<CaseClause>(parent)) list = c->body;
  else if (auto* c = as<CommClause>(parent)) list = c->body;
  for (size_t k = 0; k + 1 < list.size(); ++k)
    if (list[k] == assign) check = as<IfStmt>(list[k + 1]);
  if (!check || check->else_stmt || (check->init && check->init != assign)) return false;
  auto* cond = as<BinaryExpr>(support::unparen(check->cond));
  if (!cond || cond->op != Tok::NEQ) return false;
  auto* x = as<Ident>(support::unparen(cond->x));
  auto* y = as<Ident>(support::unparen(cond->y));
  if (!x || !y || x->name != err->name || y->name != "nil") return false;
  return support::is_terminating(check->body, pass.sema());
}

bool stored(const Pass& pass, const Node* n, std::span<const Node* const> anc, const Node* loop,
            const support::LocalScopes& scopes, facts::Summaries* summaries, int depth) {
  const Node* child = n;
  bool appended = false;
  for (size_t i = anc.size(); i-- > 0; child = anc[i]) {
    const Node* a = anc[i];
    if (is<ParenExpr>(a)) continue;
    if (auto* call = as<CallExpr>(a)) {
      auto* f = as<Ident>(support::unparen(call->fun));
      if (f && f->name == "append" && child != call->fun && call->args.size() >= 2 &&
          child != call->args[0]) {
        appended = true;
        continue;  // the append's result decides
      }
      // A function of the analysed code that keeps this argument (its summary says so).
      if (child == call->fun || !pass.sema() || !summaries) return false;
      const facts::FuncSummary* sum = summaries->of(facts::callee_of(pass.sema(), call));
      size_t k = 0;
      while (k < call->args.size() && call->args[k] != child) ++k;
      if (!sum || k == call->args.size() || !(sum->of_arg(k) & facts::kStored)) return false;
      // Run by the callee's goroutines, which are done with it whenever the call succeeds; a
      // failure ends the loop.
      if ((sum->of_arg(k) & facts::kJoinedOnSuccess) && failure_ends_iteration(pass, call, anc.first(i)))
        return false;
      // A method keeps it in its receiver: only a receiver that outlives the iteration keeps it
      // beyond (a value made in this iteration, or returned by a call here, does not).
      if (auto* sel = as<SelectorExpr>(support::unparen(call->fun))) {
        const Expr* root = support::unparen(sel->x);
        while (auto* inner = as<SelectorExpr>(root)) root = support::unparen(inner->x);
        auto* rid = as<Ident>(root);
        const sema::Object* ro = rid ? pass.sema()->use_of(rid) : nullptr;
        bool package_call = ro && ro->kind == sema::ObjectKind::PkgName;
        if (!package_call && (!ro || ro->kind != sema::ObjectKind::Var || !stores_beyond(pass, rid, loop, scopes)))
          return false;
      }
      size_t at = 0;
      const Node* stmt = statement_of(anc.first(i), &at);
      return stmt && iterates_again(pass, static_cast<const Stmt*>(stmt), anc.first(at), loop);
    }
    if (auto* kv = as<KeyValueExpr>(a); kv && kv->value == child) continue;
    if (is<CompositeLit>(a)) continue;
    if (auto* u = as<UnaryExpr>(a); u && u->op == Tok::AND) continue;  // &Task{Raw: &v}
    if (auto* ix = as<IndexExpr>(a); ix && ix->index == child) {
      // A map key: m[&v] = x keeps it as long as the map.
      auto* as_ = i > 0 ? as<AssignStmt>(anc[i - 1]) : nullptr;
      bool is_lhs = false;
      if (as_)
        for (const Expr* l : as_->lhs) is_lhs |= l == ix;
      if (!is_lhs || !stores_beyond(pass, ix, loop, scopes)) return false;
      return iterates_again(pass, as_, anc.first(i - 1), loop);
    }
    const Node* stmt = nullptr;
    bool beyond = false, accumulating = appended;
    if (auto* s = as<SendStmt>(a)) {
      beyond = s->value == child;
      accumulating = true;
      stmt = s;
    } else if (auto* as_ = as<AssignStmt>(a)) {
      if (as_->tok == Tok::DEFINE) {
        // A new variable of this iteration: it matters only if it is stored in turn.
        for (size_t k = 0; k < as_->rhs.size() && as_->lhs.size() == as_->rhs.size(); ++k)
          if (as_->rhs[k] == child)
            if (auto* l = as<Ident>(as_->lhs[k]); l && l->name != "_")
              return local_stored(pass, l, anc.first(i), loop, scopes, summaries, depth);
        return false;
      }
      for (size_t k = 0; k < as_->rhs.size(); ++k)
        if (as_->rhs[k] == child && as_->lhs.size() == as_->rhs.size()) {
          if (const Ident* owner = iteration_value_owner(pass, as_->lhs[k], loop))
            return local_stored(pass, owner, anc.first(i), loop, scopes, summaries, depth);
          beyond = stores_beyond(pass, as_->lhs[k], loop, scopes) && !elements_only_tested(pass, as_->lhs[k], anc);
          accumulating |= accumulates(as_->lhs[k]);
        }
      stmt = as_;
    } else {
      return false;
    }
    if (!beyond) return false;
    if (!iterates_again(pass, static_cast<const Stmt*>(stmt), anc.first(i), loop)) return false;
    if (accumulating) return true;
    const BlockStmt* body = support::loop_body(loop);
    return body_statement(anc, loop) == body->list.back();
  }
  return false;
}

// True when `n` (a statement that follows `go_stmt` in the same iteration, later in its block or
// in an enclosing block up to the loop body) waits for the goroutine: a `X.Wait()` call where the
// goroutine's literal calls `X.Done()` (a WaitGroup that counts it; any Wait when the goroutine
// runs a named function, whose body gotrap does not follow here), a channel receive or a
// select, or a call of a function that receives from the channel it is handed (its summary),
// not inside a func literal.
bool waits(const Pass& pass, facts::Summaries* summaries, const Node* n, const GoStmt* go) {
  auto* lit = go && go->call ? as<FuncLit>(support::unparen(go->call->fun)) : nullptr;
  auto counted_by = [&](const Expr* wg) {
    if (!lit) return true;
    bool done = false;
    support::for_each_node(lit->body, [&](const Node* m) {
      auto* call = as<CallExpr>(m);
      auto* sel = call ? as<SelectorExpr>(support::unparen(call->fun)) : nullptr;
      if (sel && sel->sel->name == "Done" && call->args.empty() && support::same_ref(sel->x, wg)) done = true;
    });
    return done;
  };
  bool found = false;
  support::inspect(n, [&](const Node* m, std::span<const Node* const>) {
    if (found) return Visit::stop;
    if (is<FuncLit>(m)) return Visit::skip;
    if (auto* call = as<CallExpr>(m)) {
      auto* sel = as<SelectorExpr>(support::unparen(call->fun));
      if (sel && sel->sel->name == "Wait" && call->args.empty() && counted_by(sel->x)) found = true;
      // A function of the analysed code that receives from the channel it is handed.
      const facts::FuncSummary* sum =
          summaries && pass.sema() ? summaries->of(facts::callee_of(pass.sema(), call)) : nullptr;
      for (size_t k = 0; sum && k < call->args.size(); ++k)
        if (sum->of_arg(k) & facts::kReceived) found = true;
    }
    if (is<SelectStmt>(m) || (is<UnaryExpr>(m) && as<UnaryExpr>(m)->op == Tok::ARROW)) found = true;
    return Visit::descend;
  });
  return found;
}

bool waited_in_iteration(const Pass& pass, facts::Summaries* summaries, const Node* go_stmt,
                         std::span<const Node* const> anc, const Node* loop) {
  const Node* cur = go_stmt;
  for (size_t i = anc.size(); i-- > 0; cur = anc[i]) {
    const Node* a = anc[i];
    if (a == loop || is<FuncLit>(a)) return false;
    Span<Stmt*> list;
    if (auto* b = as<BlockStmt>(a)) list = b->list;
    else if (auto* c = as<CaseClause>(a)) list = c->body;
    else if (auto* c = as<CommClause>(a)) list = c->body;
    bool after = false;
    for (const Stmt* st : list) {
      if (after && waits(pass, summaries, st, as<GoStmt>(go_stmt))) return true;
      if (st == cur) after = true;
    }
  }
  return false;
}

// `&v`, or `&v.f.g` where every step is a field of a struct value (not through a pointer): the
// address points into the loop variable's own storage.
bool addresses_loop_storage(const Pass& pass, const UnaryExpr* u) {
  const Expr* e = support::unparen(u->x);
  if (is<Ident>(e)) return true;
  if (!pass.sema()) return false;
  while (auto* sel = as<SelectorExpr>(e)) {
    const sema::Type* t = support::type_of(pass, sel->x);
    const sema::Type* under = sema::underlying(t);
    if (!under || under->kind != sema::TypeKind::Struct) return false;
    const sema::Object* f = pass.sema()->use_of(sel->sel);
    if (!f || !f->is_field) return false;
    e = support::unparen(sel->x);
  }
  return is<Ident>(e);
}

class LoopCapture final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    facts::Summaries local;
    facts::Summaries* summaries = pass.summaries() ? pass.summaries() : &local;
    for (const PassFile& file : pass.files()) {
      if (file.go_version.has_per_iteration_loop_vars()) continue;
      ScopesCache scopes;
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        if ((is<ForStmt>(n) || is<RangeStmt>(n)) && support::loop_body(n))
          check_loop(pass, file, n, anc, scopes, summaries);
        return Visit::descend;
      });
    }
  }

 private:
  // The scopes of the last function (or loop) a loop needed: loops of one function share them.
  struct ScopesCache {
    const Node* root = nullptr;
    std::optional<support::LocalScopes> scopes;
    const support::LocalScopes& of(const Node* r) {
      if (!scopes || root != r) scopes.emplace(r), root = r;
      return *scopes;
    }
  };

  void check_loop(Pass& pass, const PassFile& file, const Node* loop,
                  std::span<const Node* const> loop_anc, ScopesCache& cache,
                  facts::Summaries* summaries_) const {
    std::vector<LoopVar> vars = loop_vars(loop);
    if (vars.empty()) return;
    const Node* fn = support::enclosing_func(loop_anc);
    const support::LocalScopes& scopes = cache.of(fn ? fn : loop);
    std::vector<Late> lates;
    std::vector<const Node*> chain(loop_anc.begin(), loop_anc.end());
    chain.push_back(loop);
    // The ancestors from the file down, built only for the nodes that need them.
    std::vector<const Node*> full;
    auto full_chain = [&](std::span<const Node* const> a) -> std::span<const Node* const> {
      full.assign(chain.begin(), chain.end());
      full.insert(full.end(), a.begin(), a.end());
      return full;
    };
    support::inspect(support::loop_body(loop), [&](const Node* n, std::span<const Node* const> a) {
      if (auto* lit = as<FuncLit>(n)) {
        if (auto late = classify(pass, file, lit, full_chain(a), loop, scopes, summaries_))
          lates.push_back(*late);
        return Visit::skip;  // uses inside are collected per late literal
      }
      if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND && addresses_loop_storage(pass, u) &&
                                       stored(pass, u, full_chain(a), loop, scopes, summaries_))
        lates.push_back({u, "stored", 0});
      return Visit::descend;
    });
    if (lates.empty()) return;

    // One finding per late literal or &v: at its first use, the other uses as related locations.
    std::vector<Finding> findings;
    std::vector<const Ident*> captured;
    for (const Late& late : lates) {
      bool addr = is<UnaryExpr>(late.node);
      std::vector<std::pair<const Ident*, const LoopVar*>> uses;
      for (const LoopVar& v : vars) {
        for (const Ident* use : uses_of(pass, late, v, scopes)) {
          uses.push_back({use, &v});
          if (addr) break;
        }
      }
      if (uses.empty()) continue;
      std::sort(uses.begin(), uses.end(), [](auto& a, auto& b) { return a.first->pos() < b.first->pos(); });
      const LoopVar& first = *uses.front().second;
      std::string name(first.ident->name);
      Finding f;
      f.path = std::string(file.path);
      f.start = addr ? late.node->pos() : uses.front().first->pos();
      f.end = addr ? late.node->end() : uses.front().first->end();
      if (addr)
        f.message = "address of loop variable " + name + " is kept beyond the iteration; before "
                    "Go 1.22 every iteration shares one " + name + ", so all of them point to its last value";
      else
        f.message = "loop variable " + name + " captured by func literal (" + std::string(late.how) +
                    ") that runs after the iteration; before Go 1.22 it sees a later value of " + name;
      for (size_t k = addr ? 0 : 1; k < uses.size(); ++k) {
        const Ident* use = uses[k].first;
        if (addr && use->pos() >= late.node->pos() && use->end() <= late.node->end()) continue;
        f.related.push_back({std::string(file.path), use->pos(), use->end(),
                             "loop variable " + std::string(use->name) + " is also used here"});
      }
      for (auto& [use, v] : uses)
        if (std::find(captured.begin(), captured.end(), v->ident) == captured.end()) captured.push_back(v->ident);
      findings.push_back(std::move(f));
    }
    if (findings.empty()) return;
    // One fix, on the first finding: `v := v` for every captured variable, in declaration order.
    if (auto fix = make_fix(file, loop, vars, captured)) findings.front().fixes.push_back(*fix);
    for (Finding& f : findings) pass.report(std::move(f));
  }

  std::optional<Late> classify(const Pass& pass, const PassFile& file, const FuncLit* lit,
                               std::span<const Node* const> anc, const Node* loop,
                               const support::LocalScopes& scopes,
                               facts::Summaries* summaries_) const {
    if (anc.empty()) return std::nullopt;
    const Node* parent = anc.back();
    auto* call = as<CallExpr>(parent);
    size_t arg = call ? size_t(std::find(call->args.begin(), call->args.end(), lit) - call->args.begin()) : 0;
    const Node* stmt = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
    // The literal runs in the goroutine a `go` statement starts: called there, or handed to the
    // call it runs (`go wait.Until(func() {...}, ...)`), while the loop goes on.
    bool in_goroutine = call && is<GoStmt>(stmt) && (call->fun == lit || arg < call->args.size());
    if (call && stmt && (call->fun == lit || in_goroutine)) {
      // No later iteration after this statement (it is followed by a break or return on every
      // path): the variable keeps this iteration's value while the literal runs.
      if ((is<DeferStmt>(stmt) || in_goroutine) &&
          !iterates_again(pass, static_cast<const Stmt*>(stmt), anc.first(anc.size() - 2), loop))
        return std::nullopt;
      if (is<DeferStmt>(stmt)) return Late{lit, "defer", 0};
      if (in_goroutine) {
        if (waited_in_iteration(pass, summaries_, stmt, anc.first(anc.size() - 2), loop)) return std::nullopt;
        return Late{lit, "go", 0};
      }
      return std::nullopt;  // called right away
    }
    if (call && arg < call->args.size())
      if (std::string_view how = facts::runs_after_return(pass.sema(), call, arg); !how.empty())
        return Late{lit, how, 0};
    if (call && !call->args.empty() && call->args.back() == lit) {
      auto* sel = as<SelectorExpr>(support::unparen(call->fun));
      std::span<const Node* const> outer = anc.first(anc.size() - 1);
      if (sel && sel->sel->name == "Go" && call->args.size() == 1 &&
          is_errgroup_receiver(pass, file, sel->x, outer))
        return Late{lit, "errgroup Go", 0};
      if (sel && sel->sel->name == "Run" && call->args.size() == 2 &&
          is_testing_t(pass, file, sel->x, outer)) {
        Pos from = parallel_from(lit);
        if (from) return Late{lit, "parallel subtest", from};
      }
    }
    if (stored(pass, lit, anc, loop, scopes, summaries_)) return Late{lit, "stored", 0};
    return std::nullopt;
  }

  std::vector<const Ident*> uses_of(const Pass& pass, const Late& late, const LoopVar& v,
                                    const support::LocalScopes& scopes) const {
    std::vector<const Ident*> out;
    collect_uses(pass, late, v, scopes, late.node, out);
    std::sort(out.begin(), out.end(), [](const Ident* a, const Ident* b) { return a->pos() < b->pos(); });
    return out;
  }

  void collect_uses(const Pass& pass, const Late& late, const LoopVar& v,
                    const support::LocalScopes& scopes, const Node* root,
                    std::vector<const Ident*>& out) const {
    support::inspect(root, [&](const Node* n, std::span<const Node* const> anc) {
      if (is<FuncType>(n) || is<Field>(n) || is<ValueSpec>(n)) return Visit::skip;  // declarations
      if (auto* a = as<AssignStmt>(n); a && a->tok == Tok::DEFINE) {
        // Only the right-hand side can use the loop variable (`v := v` after t.Parallel()).
        for (const Expr* r : a->rhs) collect_uses(pass, late, v, scopes, r, out);
        return Visit::skip;
      }
      if (auto* r = as<RangeStmt>(n); r && r->tok == Tok::DEFINE) {
        collect_uses(pass, late, v, scopes, r->x, out);
        collect_uses(pass, late, v, scopes, r->body, out);
        return Visit::skip;
      }
      auto* id = as<Ident>(n);
      if (!id || id->name != v.ident->name || id->pos() < late.uses_from) return Visit::descend;
      if (!anc.empty()) {
        if (auto* sel = as<SelectorExpr>(anc.back()); sel && sel->sel == id) return Visit::descend;
        if (auto* kv = as<KeyValueExpr>(anc.back()); kv && kv->key == id && !pass.sema()) {
          // A key names a struct field unless the literal is a map, slice or array.
          const CompositeLit* cl = anc.size() >= 2 ? as<CompositeLit>(anc[anc.size() - 2]) : nullptr;
          if (!cl || !(is<MapType>(cl->type) || is<ArrayType>(cl->type))) return Visit::descend;
        }
      }
      if (support::same_variable(pass, scopes, id, v.ident, v.declared)) out.push_back(id);
      return Visit::descend;
    });
  }

  // Safe: the copy gives each iteration its own variable, as Go 1.22 does, which is what the
  // captured uses need; no fix when a loop variable is declared outside the loop (the copy would
  // not be the variable the loop writes), or when the body of a three-clause loop assigns one
  // (the loop would no longer see that write). The copy is declared at the top of the body,
  // where the loop's variables are the only names it can see under that name.
  std::optional<Fix> make_fix(const PassFile& file, const Node* loop, const std::vector<LoopVar>& vars,
                              const std::vector<const Ident*>& captured) const {
    const BlockStmt* body = support::loop_body(loop);
    if (!body || body->list.empty() || !valid(body->rbrace)) return std::nullopt;
    for (const LoopVar& v : vars)
      if (!v.declared) return std::nullopt;
    // A three-clause loop that assigns its variable in the body would stop seeing that change.
    if (is<ForStmt>(loop)) {
      bool assigned = false;
      support::for_each_node(body, [&](const Node* n) {
        const Expr* target = nullptr;
        if (auto* a = as<AssignStmt>(n); a && a->tok != Tok::DEFINE)
          for (const Expr* l : a->lhs)
            for (const Ident* c : captured)
              if (auto* id = as<Ident>(support::unparen(l)); id && id->name == c->name) target = l;
        if (auto* inc = as<IncDecStmt>(n))
          for (const Ident* c : captured)
            if (auto* id = as<Ident>(support::unparen(inc->x)); id && id->name == c->name) target = inc->x;
        if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND)
          for (const Ident* c : captured)
            if (auto* id = as<Ident>(support::unparen(u->x)); id && id->name == c->name) target = u->x;
        if (target) assigned = true;
      });
      if (assigned) return std::nullopt;
    }
    // Insert at the start of the first statement's line, with its indentation and the file's
    // line ending.
    std::vector<std::string> lines;
    for (const LoopVar& v : vars)
      if (std::find(captured.begin(), captured.end(), v.ident) != captured.end())
        lines.push_back(std::string(v.ident->name) + " := " + std::string(v.ident->name));
    auto edit = support::insert_lines_before(file.text, body->list[0]->pos(), lines);
    if (!edit) return std::nullopt;
    Fix fix;
    fix.message = "Copy the loop variable at the top of the loop body";
    fix.edits.push_back(*edit);
    return fix;
  }
};

}  // namespace

const Rule* loop_capture_rule() {
  static const LoopCapture rule;
  return &rule;
}

}  // namespace gotrap::rules
