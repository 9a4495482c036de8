// lost-cancel: the cancel function of a context.With* call discarded, or skipped on a path to a
// return (go vet's lostcancel, with a fix).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <unordered_map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "facts/assign.h"
#include "facts/context.h"
#include "facts/remote.h"
#include "facts/summary.h"
#include "facts/walk.h"
#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/facts.h"
#include "rules/support/fix_context.h"
#include "rules/support/imports.h"
#include "rules/support/keeps.h"
#include "rules/support/walk.h"
#include "sema/cfg.h"
#include "sema/sema.h"
#include "sema/types.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::ContextCall;

const RuleInfo kInfo{
    .name = "lost-cancel",
    .summary = "cancel function of context.WithCancel/WithTimeout/WithDeadline discarded or not "
               "called on every path",
    .doc = R"md(# lost-cancel

**What.** The cancel function returned by `context.WithCancel`, `WithTimeout`, `WithDeadline` (or
their `Cause` variants; `golang.org/x/net/context` is the same package) is assigned to `_`, or some
path from the assignment reaches the function's exit (a return, its closing brace) or a new value
of the variable without the cancel function being called or kept by someone who can call it. The
finding sits on the assignment; its related location is the return (or the reassignment) that
skips cancel, and the message says what stays alive: a context derived from `Background()` keeps
its timer until the deadline; one derived from another context stays registered with that parent
until the deadline or until the parent ends.

**Why.** Until cancel runs, the derived context stays registered with its parent and its timer
stays armed: a handler that forgets it on an error path leaks on every failing request.

```go
ctx, cancel := context.WithTimeout(parent, time.Second)
if err != nil {
	return err // cancel is skipped here
}
// fixed:
ctx, cancel := context.WithTimeout(parent, time.Second)
defer cancel()
```

**What counts as calling or keeping it.** The cancel value is followed on the function's
control-flow graph, through copies into local variables:
- a call or `defer` of it; a store where it outlives the function (a field, a global, a map or
  slice element, a composite literal, a channel send), a return (a bare return of a named result
  too), a `go` statement;
- a call that passes it to a function whose summary (computed from its body, callees first) says
  it calls the parameter on every path, stores or returns it, captures it in a literal it keeps,
  or hands it to code gotrap cannot see; a function whose code is not known (another module, a
  func value, an interface method) counts as keeping it. A function of the loaded packages that
  does none of these (it calls it only on some paths, say) does not;
- a function literal that mentions it: deferred, started as a goroutine, stored, returned, or
  handed to a callee that keeps it or is not known, it counts wherever it is made; called in
  place, or handed to a function of the loaded packages that does not keep it (so it runs during
  the call, as `forEach(items, func(...) {...})`), it counts only when every path through the
  literal calls or keeps cancel;
- a literal that keeps the variable and is made on a path before a reassignment
  (`defer func() { cancel() }()`, then `ctx, cancel = ...`) covers the new value too: it reads the
  variable when it runs.

**Paths that cannot run are left out.** Paths ending in a call that never returns (`panic`,
`os.Exit`, `runtime.Goexit`, `log.Fatal*`, `t.FailNow`/`Fatal*`/`Skip*`, klog's `Fatal*`/`Exit*`,
logrus's `Fatal*`/`Panic*`; a method of a value of unknown type counts when it has one of those
names, the package's own methods do not); the branch of `cancel == nil` / `cancel != nil` that a
fresh cancel function cannot take; branches that the integer constants assigned on the path and
the conditions already passed rule out (`for i := 0; i < 3; i++` enters its body; `i%2 == 0`
then `i%2 == 1` cover every value of a counter that never goes below zero); the failing branch of
`v, ok := x.(I)` when x's interface type already has every method of I.

**Quiet when** cancel is a variable of an enclosing function or of the package; when cancel is
discarded (`ctx, _ := context.WithTimeout(...)`, or `WithDeadline`, or their `Cause` variants)
and the context is handed, as it is, to a function whose summary (computed from its body, in the
analysed packages or a dependency whose source is at hand) says work it starts with the context
outlives the call: a goroutine it or a callee starts runs on with the context (a goroutine that
only watches it until told to stop, as a query's cancel watcher does, does not count), or a hook
it stores uses it. Cancelling at the return would cut that work short, and the timer ends the
context at the deadline, so the discard is deliberate and nothing stays alive for good (a
`WithCancel` context has no timer and is still reported); when the parent
context is a local of the same function whose own cancel is deferred before the call (the child
ends with it at the return); and in package `main`'s `main`, whose return ends the process.

**Fix.** Adds `defer cancel()` on the next line (`defer cancel(nil)` for `WithCancelCause`), with
the statement's indentation and the file's line ending; a `_` becomes `cancel` first (when no
`cancel` is in sight and the statement uses `:=` or `var`).

**When the fix is safe.** The deferred call ends the context when the function returns; paths that
called cancel already are unchanged, so the fix is safe when nothing uses the context or the cancel
function after the return:
- no fix when cancel is handed to a call, stored or captured (its owner may cancel on its own
  schedule), or when the context leaves the function (returned, stored, sent, used by a literal or
  a goroutine), or a function of this package it is passed to keeps it (starts a goroutine with it,
  stores it);
- unsafe when the context is passed to a function whose code is not known (another package, a func
  value): it may keep it; and inside a loop (the deferred calls pile up until the function returns);
- safe otherwise: the context is only used in this function and by callees of this package that use
  it during the call.
)md",
    .severity = Severity::warning,
};

// One `x, cancel := context.WithX(...)` (or `var`/`=`) inside a function.
struct CancelDef {
  const Node* stmt = nullptr;       // AssignStmt, or the DeclStmt of a `var` spec
  Span<Expr*> lhs;                  // left side (AssignStmt) ...
  const ValueSpec* spec = nullptr;  // ... or the var spec
  const Ident* cancel = nullptr;
  const CallExpr* call = nullptr;
  ContextCall kind = ContextCall::none;
  const Node* func = nullptr;       // innermost FuncDecl/FuncLit
  const Node* parent = nullptr;     // node holding `stmt` in a statement list, if any
  bool in_loop = false;
};

const FuncType* func_type(const Node* fn) {
  if (auto* d = as<FuncDecl>(fn)) return d->type;
  if (auto* l = as<FuncLit>(fn)) return l->type;
  return nullptr;
}

// ---- Values along one path: integer constants and correlated conditions ----------------------
//
// A path of the graph may be impossible: `for i := 0; i < 10; i++` enters its body at least once,
// and `if i%2 == 0 {...}` then `if i%2 == 1 {...}` cannot both be false for a counter that never
// goes below zero. The search below carries, along each path, what the conditions it went
// through and the constants it assigned say about a few integer expressions of local variables,
// and does not follow a branch those facts rule out.

struct Fact {
  std::string key;                         // the expression, its variables spelled by object
  std::vector<const sema::Object*> vars;   // the variables it reads
  bool known = false;
  int64_t value = 0;
  std::vector<int64_t> excluded;           // values it is known not to have
};
using Facts = std::vector<Fact>;  // sorted by key

std::optional<int64_t> int_literal(const Expr* e) {
  e = facts::unparen(e);
  bool negative = false;
  if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::SUB) negative = true, e = facts::unparen(u->x);
  auto* lit = as<BasicLit>(e);
  if (!lit || lit->lit_kind != Tok::INT) return std::nullopt;
  std::string_view v = lit->value;
  int base = 10;
  if (v.size() > 1 && v[0] == '0') {
    char p = v[1];
    if (p == 'x' || p == 'X') base = 16, v.remove_prefix(2);
    else if (p == 'b' || p == 'B') base = 2, v.remove_prefix(2);
    else if (p == 'o' || p == 'O') base = 8, v.remove_prefix(2);
    else base = 8;
  }
  std::string text;
  for (char c : v)
    if (c != '_') text.push_back(c);
  if (text.empty() || text.size() > 18) return std::nullopt;
  char* end = nullptr;
  long long n = std::strtoll(text.c_str(), &end, base);
  if (!end || *end) return std::nullopt;
  return negative ? -n : n;
}

enum class Tri { no, yes, unknown };
Tri tri_not(Tri t) { return t == Tri::yes ? Tri::no : t == Tri::no ? Tri::yes : Tri::unknown; }

// What one function's conditions can tell: the local variables whose writes are all seen
// (never address-taken, never written by a function literal), and those never below zero.
class Values {
 public:
  Values(const sema::PackageInfo* info, const Node* fn, const sema::Object* non_nil)
      : info_(info), non_nil_(non_nil) {
    std::unordered_map<const sema::Object*, bool> counter;  // every write keeps it >= 0
    facts::inspect(fn, [&](const Node* n, std::span<const Node* const>) {
      if (n != fn && is<FuncLit>(n)) {
        facts::for_each_write(n, [&](const facts::Write& w) {
          if (const sema::Object* o = object(w.target)) untracked_.insert(o);
        });
        return facts::Visit::skip;
      }
      return facts::Visit::descend;
    });
    facts::for_each_write(fn, [&](const facts::Write& w) {
      const sema::Object* o = object(w.target);
      if (!o) return;
      if (w.form == facts::WriteForm::address_taken) untracked_.insert(o);
      bool keeps = false;
      if (w.value && w.index < 0 && (w.form == facts::WriteForm::define || w.form == facts::WriteForm::assign ||
                                     w.form == facts::WriteForm::var_decl)) {
        auto v = int_literal(w.value);
        keeps = v && *v >= 0;
      } else if (auto* id = as<IncDecStmt>(w.stmt)) {
        keeps = id->tok == Tok::INC;
      } else if (auto* a = as<AssignStmt>(w.stmt); a && w.form == facts::WriteForm::op_assign) {
        auto v = a->rhs.size() == 1 ? int_literal(a->rhs[0]) : std::nullopt;
        keeps = a->tok == Tok::ADD_ASSIGN && v && *v >= 0;
      }
      auto [it, fresh] = counter.emplace(o, keeps);
      if (!fresh) it->second = it->second && keeps;
    });
    for (auto& [o, keeps] : counter)
      if (keeps && !untracked_.count(o)) non_negative_.insert(o);
  }

  Tri eval(const Expr* cond, const Facts& f) const {
    cond = facts::unparen(cond);
    if (is<Ident>(cond)) {
      auto v = constant(cond, f);
      return !v ? Tri::unknown : *v ? Tri::yes : Tri::no;
    }
    if (auto* u = as<UnaryExpr>(cond); u && u->op == Tok::NOT) return tri_not(eval(u->x, f));
    auto* b = as<BinaryExpr>(cond);
    if (!b) return Tri::unknown;
    if (b->op == Tok::LAND || b->op == Tok::LOR) {
      Tri x = eval(b->x, f), y = eval(b->y, f);
      if (b->op == Tok::LAND) {
        if (x == Tri::no || y == Tri::no) return Tri::no;
        return x == Tri::yes && y == Tri::yes ? Tri::yes : Tri::unknown;
      }
      if (x == Tri::yes || y == Tri::yes) return Tri::yes;
      return x == Tri::no && y == Tri::no ? Tri::no : Tri::unknown;
    }
    if (b->op == Tok::EQL || b->op == Tok::NEQ) {
      // The cancel function just made is not nil.
      const Expr* x = facts::unparen(b->x);
      const Expr* y = facts::unparen(b->y);
      if (is_nil(y)) std::swap(x, y);
      if (is_nil(x) && non_nil_) {
        auto* id = as<Ident>(y);
        if (id && info_->use_of(id) == non_nil_) return b->op == Tok::NEQ ? Tri::yes : Tri::no;
      }
    }
    auto l = constant(b->x, f), r = constant(b->y, f);
    if (l && r) return compare(b->op, *l, *r) ? Tri::yes : Tri::no;
    if (b->op != Tok::EQL && b->op != Tok::NEQ) return Tri::unknown;
    const Expr* e = b->x;
    if (!r) std::swap(l, r), e = b->y;
    if (!r) return Tri::unknown;
    std::vector<const sema::Object*> vars;
    auto k = key(e, vars);
    if (!k) return Tri::unknown;
    const Fact* fact = find(f, *k);
    std::vector<int64_t> excluded = fact ? fact->excluded : std::vector<int64_t>{};
    Tri eq = Tri::unknown;
    if (std::find(excluded.begin(), excluded.end(), *r) != excluded.end()) eq = Tri::no;
    if (auto domain = range(e); domain && eq == Tri::unknown) {
      auto [lo, hi] = *domain;
      if (*r < lo || *r > hi) {
        eq = Tri::no;
      } else if (hi - lo < 64) {
        int64_t left = 0;
        for (int64_t v = lo; v <= hi; ++v)
          left += std::find(excluded.begin(), excluded.end(), v) == excluded.end();
        if (left == 1) eq = Tri::yes;
      }
    }
    return b->op == Tok::EQL ? eq : tri_not(eq);
  }

  // What taking the branch where `cond` is `truth` tells.
  void assume(const Expr* cond, bool truth, Facts& f) const {
    cond = facts::unparen(cond);
    if (auto* u = as<UnaryExpr>(cond); u && u->op == Tok::NOT) return assume(u->x, !truth, f);
    auto* b = as<BinaryExpr>(cond);
    if (!b) return;
    if ((b->op == Tok::LAND && truth) || (b->op == Tok::LOR && !truth)) {
      assume(b->x, truth, f);
      assume(b->y, truth, f);
      return;
    }
    if (b->op != Tok::EQL && b->op != Tok::NEQ) return;
    const Expr* e = b->x;
    auto c = int_literal(b->y);
    if (!c) e = b->y, c = int_literal(b->x);
    if (!c) return;
    std::vector<const sema::Object*> vars;
    auto k = key(e, vars);
    if (!k) return;
    Fact& fact = get(f, *k, vars);
    if ((b->op == Tok::EQL) == truth) {
      fact.known = true, fact.value = *c;
    } else if (std::find(fact.excluded.begin(), fact.excluded.end(), *c) == fact.excluded.end()) {
      fact.excluded.push_back(*c);
      std::sort(fact.excluded.begin(), fact.excluded.end());
    }
  }

  // The writes of one graph node: facts on the variables written are dropped; a constant
  // assigned to a variable becomes its value.
  void apply(const Node* node, Facts& f) const {
    for_each_part(node, [&](const Node* part) {
      facts::for_each_write(part, [&](const facts::Write& w) {
        const sema::Object* o = object(w.target);
        if (!o) return;
        std::erase_if(f, [&](const Fact& fact) {
          return std::find(fact.vars.begin(), fact.vars.end(), o) != fact.vars.end();
        });
        if (untracked_.count(o) || !w.value) return;
        if (w.form != facts::WriteForm::define && w.form != facts::WriteForm::assign &&
            w.form != facts::WriteForm::var_decl)
          return;
        if (w.index == 1 && as<TypeAssertExpr>(facts::unparen(w.value)) &&
            assertion_holds(as<TypeAssertExpr>(facts::unparen(w.value)))) {
          std::vector<const sema::Object*> vars{o};
          Fact& fact = get(f, var_key(o), vars);
          fact.known = true, fact.value = 1;
          return;
        }
        if (w.index >= 0) return;
        if (auto v = int_literal(w.value)) {
          std::vector<const sema::Object*> vars{o};
          Fact& fact = get(f, var_key(o), vars);
          fact.known = true, fact.value = *v;
        }
      });
    });
  }

  // The parts of a graph node that run there: a range statement stands for its per-iteration
  // assignment, a select for its header (its clauses are nodes of their own).
  template <class F>
  static void for_each_part(const Node* node, F&& fn) {
    if (auto* rs = as<RangeStmt>(node)) {
      if (rs->key) fn(rs->key);
      if (rs->value) fn(rs->value);
      return;
    }
    if (is<SelectStmt>(node)) return;
    fn(node);
  }

  static std::string serialize(const Facts& f) {
    std::string out;
    for (const Fact& fact : f) {
      out.append(fact.key);
      if (fact.known) out.push_back('='), out.append(std::to_string(fact.value));
      for (int64_t v : fact.excluded) out.push_back('!'), out.append(std::to_string(v));
      out.push_back(';');
    }
    return out;
  }

 private:
  const sema::Object* object(const Ident* id) const {
    if (!id || !info_) return nullptr;
    const sema::Object* o = info_->use_of(id);
    return o ? o : info_->def_of(id);
  }

  bool is_nil(const Expr* e) const {
    auto* id = as<Ident>(e);
    if (!id || id->name != "nil") return false;
    const sema::Object* o = info_->use_of(id);
    return !o || o->kind == sema::ObjectKind::Nil || !o->ident;
  }

  static std::string var_key(const sema::Object* o) {
    std::string k(1, 'v');
    k.append(std::to_string(reinterpret_cast<uintptr_t>(o)));
    return k;
  }

  // The spelling of an integer expression over tracked local variables, or nullopt.
  std::optional<std::string> key(const Expr* e, std::vector<const sema::Object*>& vars) const {
    e = facts::unparen(e);
    if (auto v = int_literal(e)) return std::to_string(*v);
    if (auto* id = as<Ident>(e)) {
      const sema::Object* o = info_->use_of(id);
      if (!o || o->kind != sema::ObjectKind::Var || o->package_level || o->is_field || untracked_.count(o))
        return std::nullopt;
      vars.push_back(o);
      return var_key(o);
    }
    auto* b = as<BinaryExpr>(e);
    if (!b || (b->op != Tok::ADD && b->op != Tok::SUB && b->op != Tok::MUL && b->op != Tok::QUO &&
               b->op != Tok::REM))
      return std::nullopt;
    auto x = key(b->x, vars);
    auto y = x ? key(b->y, vars) : std::nullopt;
    if (!y || vars.empty()) return std::nullopt;
    return "(" + *x + std::string(gotrap::syntax::tok_string(b->op)) + *y + ")";
  }

  std::optional<int64_t> constant(const Expr* e, const Facts& f) const {
    if (auto v = int_literal(e)) return v;
    std::vector<const sema::Object*> vars;
    auto k = key(e, vars);
    if (!k) return std::nullopt;
    const Fact* fact = find(f, *k);
    if (fact && fact->known) return fact->value;
    return std::nullopt;
  }

  // The values `x % k` can take when x never goes below zero.
  std::optional<std::pair<int64_t, int64_t>> range(const Expr* e) const {
    auto* b = as<BinaryExpr>(facts::unparen(e));
    if (!b || b->op != Tok::REM) return std::nullopt;
    auto k = int_literal(b->y);
    auto* id = as<Ident>(facts::unparen(b->x));
    const sema::Object* o = id ? info_->use_of(id) : nullptr;
    if (!k || *k <= 0 || !o || !non_negative_.count(o)) return std::nullopt;
    return std::pair<int64_t, int64_t>{0, *k - 1};
  }

  // `x.(I)` with x of an interface type that has every method of the interface I: it holds
  // whenever x is not nil (`ct, ok := t.(interface{ Cleanup(func()) })` with t a testing.TB).
  bool assertion_holds(const TypeAssertExpr* ta) const {
    if (!ta->type || !ta->x) return false;
    const sema::Type* asserted = info_->type_of(ta);
    if (asserted && asserted->is(sema::TypeKind::Tuple))  // the comma-ok form: (T, bool)
      asserted = asserted->results.empty() ? nullptr : asserted->results[0].type;
    const sema::Type* want = sema::underlying(asserted);
    const sema::Type* have = info_->type_of(ta->x);
    if (!want || !have || !want->is(sema::TypeKind::Interface) || !want->complete || !want->embeds.empty() ||
        want->methods.empty())
      return false;
    const sema::Type* have_u = sema::underlying(have);
    if (!have_u || !have_u->is(sema::TypeKind::Interface)) return false;
    for (const sema::Method& m : want->methods) {
      const sema::Object* got = sema::lookup_field_or_method(have, m.name);
      if (!got || !got->is_method) return false;
    }
    return true;
  }

  static bool compare(Tok op, int64_t l, int64_t r) {
    switch (op) {
      case Tok::EQL: return l == r;
      case Tok::NEQ: return l != r;
      case Tok::LSS: return l < r;
      case Tok::LEQ: return l <= r;
      case Tok::GTR: return l > r;
      case Tok::GEQ: return l >= r;
      default: return false;
    }
  }

  static const Fact* find(const Facts& f, const std::string& key) {
    for (const Fact& fact : f)
      if (fact.key == key) return &fact;
    return nullptr;
  }

  static Fact& get(Facts& f, const std::string& key, const std::vector<const sema::Object*>& vars) {
    auto it = std::lower_bound(f.begin(), f.end(), key, [](const Fact& a, const std::string& k) { return a.key < k; });
    if (it != f.end() && it->key == key) return *it;
    Fact fact;
    fact.key = key;
    fact.vars = vars;
    return *f.insert(it, std::move(fact));
  }

  const sema::PackageInfo* info_;
  const sema::Object* non_nil_;
  std::unordered_set<const sema::Object*> untracked_;
  std::unordered_set<const sema::Object*> non_negative_;
};

// ---- Where the cancel function goes -------------------------------------------------------------

bool func_has_named_result(const sema::PackageInfo* info, const Node* fn,
                           const std::unordered_set<const sema::Object*>& objs) {
  const FuncType* t = func_type(fn);
  if (!t || !t->results) return false;
  for (const Field* f : t->results->list)
    for (const Ident* id : f->names)
      if (const sema::Object* o = info->def_of(id); o && objs.count(o)) return true;
  return false;
}

// Where a path from the definition ends without the cancel function being called or kept.
struct Leak {
  enum How { ret, end, overwrite } how = ret;
  Pos at = kNoPos;
};

// The cancel value of one definition and the local variables it is copied into; questions about
// what a statement of the function (or of a literal in it) does with it.
class CancelFlow {
 public:
  CancelFlow(const support::Resolver& r, facts::Summaries* summaries, const Node* fn,
             const sema::Object* cancel)
      : r_(r), info_(r.sema), summaries_(summaries), fn_(fn), original_(cancel) {
    tracked_.insert(cancel);
    // Copies into locals of the function, followed to a fixed point.
    for (bool grew = true; grew;) {
      grew = false;
      facts::for_each_write(fn, [&](const facts::Write& w) {
        auto* src = w.value && w.index < 0 ? as<Ident>(facts::unparen(w.value)) : nullptr;
        if (!src || !tracked_.count(info_->use_of(src))) return;
        const sema::Object* dst = info_->def_of(w.target);
        if (!dst) dst = info_->use_of(w.target);
        if (dst && local(dst) && tracked_.insert(dst).second) grew = true;
      });
    }
    // Literals that mention it, put in a local written once (`check := func(i int) {...}`): each
    // mention of that local stands for the literal.
    facts::Writes writes(fn, info_);
    facts::inspect(fn, [&](const Node* n, std::span<const Node* const> anc) {
      auto* lit = as<FuncLit>(n);
      if (!lit || n == fn || anc.empty()) return facts::Visit::descend;
      if (!mentioned_by(lit)) return facts::Visit::skip;
      const Ident* var = nullptr;
      if (auto* a = as<AssignStmt>(anc.back()); a && a->lhs.size() == a->rhs.size()) {
        for (size_t k = 0; k < a->rhs.size(); ++k)
          if (a->rhs[k] == lit) var = as<Ident>(a->lhs[k]);
      } else if (auto* v = as<ValueSpec>(anc.back()); v && v->names.size() == v->values.size()) {
        for (size_t k = 0; k < v->values.size(); ++k)
          if (v->values[k] == lit) var = v->names[k];
      }
      const sema::Object* o = var ? info_->def_of(var) : nullptr;
      if (!o) o = var ? info_->use_of(var) : nullptr;
      if (o && local(o) && writes.of(var).size() == 1 && writes.of(var)[0].form != facts::WriteForm::address_taken) {
        closure_vars_.emplace(o, lit);
        closure_lits_.insert(lit);
      }
      return facts::Visit::skip;
    });
  }

  // A literal held by a local written once: its mentions stand for it.
  bool held_by_local(const FuncLit* lit) const { return closure_lits_.count(lit) != 0; }

  bool has_copies() const { return tracked_.size() > 1; }
  // The context variable the definition assigns, when it is one.
  void set_context(const sema::Object* ctx) { context_ = ctx; }
  bool mentioned_by(const Node* n) const {
    bool found = false;
    facts::for_each_node(n, [&](const Node* x) {
      if (auto* id = as<Ident>(x); id && !found) {
        const sema::Object* o = info_->use_of(id);
        found = o && (tracked_.count(o) || closure_vars_.count(o));
      }
    });
    return found;
  }

  // Whether running graph node `node` of function `fn` calls or keeps the cancel value.
  bool uses(const Node* node, const Node* fn, int depth) const {
    // The answer depends on the node alone (a node belongs to one function's graph).
    if (auto it = uses_cache_.find(node); it != uses_cache_.end()) return it->second;
    bool used = uses_uncached(node, fn, depth);
    uses_cache_.emplace(node, used);
    return used;
  }

  bool uses_uncached(const Node* node, const Node* fn, int depth) const {
    bool used = false;
    Values::for_each_part(node, [&](const Node* part) {
      if (used) return;
      if (auto* ret = as<ReturnStmt>(part); ret && ret->results.empty() &&
                                             func_has_named_result(info_, fn, tracked_)) {
        used = true;
        return;
      }
      facts::inspect(part, [&](const Node* n, std::span<const Node* const> anc) {
        if (auto* lit = as<FuncLit>(n)) {
          if (!held_by_local(lit) && mentioned_by(lit) && literal_uses(lit, lit, anc, depth)) used = true;
          return used ? facts::Visit::stop : facts::Visit::skip;
        }
        auto* id = as<Ident>(n);
        const sema::Object* o = id ? info_->use_of(id) : nullptr;
        if (o && tracked_.count(o) && mention_uses(id, anc)) used = true;
        if (auto it = o ? closure_vars_.find(o) : closure_vars_.end(); it != closure_vars_.end())
          if (literal_uses(it->second, id, anc, depth)) used = true;
        return used ? facts::Visit::stop : facts::Visit::descend;
      });
    });
    return used;
  }

  // A literal that captures the cancel value and outlives the statement (deferred, started as a
  // goroutine, stored, handed to a callee that keeps it or whose code is not known).
  bool literal_kept(const FuncLit* lit, std::span<const Node* const> anc) const {
    return literal_disposition(lit, anc) == Disposition::kept;
  }

  // Every path through `body` (a literal's) calls or keeps the cancel value.
  bool always_uses(const Node* lit, int depth) const {
    const BlockStmt* body = facts::func_body(lit);
    if (!body || depth > 3) return true;
    sema::Cfg cfg = sema::build_cfg(body, info_);
    std::vector<Leak> leaks;
    search(cfg, lit, nullptr, false, depth + 1, leaks);
    return leaks.empty();
  }

  // Every path from just after `from` (null: the entry) to the exit of `fn`'s graph: the places
  // where one ends without the cancel value being called or kept. With `overwrite`, a path that
  // reaches a new assignment of the variable first ends there too.
  void search(const sema::Cfg& cfg, const Node* fn, const Node* from, bool overwrite, int depth,
              std::vector<Leak>& leaks) const {
    if (cfg.blocks.empty() || cfg.exit < 0) return;
    auto [block, index] = from ? cfg.where(from) : std::pair<int, int>{0, -1};
    if (block < 0) return;
    Values values(info_, fn, original_);
    std::unordered_map<const Node*, const Expr*> conds;  // the conditions that branch
    facts::inspect(cfg.body, [&](const Node* n, std::span<const Node* const>) {
      if (is<FuncLit>(n)) return facts::Visit::skip;
      if (auto* i = as<IfStmt>(n); i && i->cond) conds.emplace(i->cond, i->cond);
      if (auto* f = as<ForStmt>(n); f && f->cond) conds.emplace(f->cond, f->cond);
      return facts::Visit::descend;
    });
    struct State {
      int block;
      size_t start;
      Facts facts;
      bool ours = true;  // the context variable still holds the context of the definition
    };
    std::vector<State> stack{{block, size_t(index + 1), {}, true}};
    std::unordered_set<std::string> seen;
    size_t budget = 4000;
    while (!stack.empty()) {
      if (budget-- == 0) {
        leaks.clear();  // too many paths to follow: no claim
        return;
      }
      State st = std::move(stack.back());
      stack.pop_back();
      if (st.block == cfg.exit) {
        leaks.push_back({Leak::end, cfg.body->rbrace});
        continue;
      }
      const sema::CfgBlock& b = cfg.blocks[size_t(st.block)];
      bool ended = false;
      for (size_t i = st.start; i < b.nodes.size() && !ended; ++i) {
        const Node* n = b.nodes[i];
        if (auto* es = as<ExprStmt>(n); es && support::is_no_return_call(r_, es->x)) ended = true;
        else if (uses(n, fn, depth)) ended = true;
        else if (overwrite && writes_original(n)) leaks.push_back({Leak::overwrite, n->pos()}), ended = true;
        else if (is<ReturnStmt>(n)) leaks.push_back({Leak::ret, n->pos()}), ended = true;
        else if (st.ours && waits_done(n)) ended = true;  // the context has ended: nothing is left
        else values.apply(n, st.facts), st.ours = st.ours && !writes(n, context_);
      }
      if (ended) continue;
      const Expr* cond = nullptr;
      if (!b.nodes.empty() && b.succs.size() == 2)
        if (auto it = conds.find(b.nodes.back()); it != conds.end()) cond = it->second;
      for (size_t k = 0; k < b.succs.size(); ++k) {
        int s = b.succs[k];
        Facts next = st.facts;
        if (cond) {
          Tri t = values.eval(cond, st.facts);
          bool truth = k == 0;
          if ((t == Tri::yes && !truth) || (t == Tri::no && truth)) continue;
          values.assume(cond, truth, next);
        }
        if (s == cfg.exit) {
          leaks.push_back({Leak::end, cfg.body->rbrace});
          continue;
        }
        std::string key = std::to_string(s);
        key.push_back(st.ours ? '|' : '!');
        key.append(Values::serialize(next));
        if (!seen.insert(std::move(key)).second) continue;
        stack.push_back({s, 0, std::move(next), st.ours});
      }
    }
  }

 private:
  enum class Disposition { kept, runs_now };

  bool local(const sema::Object* o) const {
    return o && !o->package_level && !o->is_field && o->ident && facts::contains(fn_, o->ident);
  }

  bool writes_original(const Node* node) const { return writes(node, original_); }

  // `<-ctx.Done()` on the context the definition made (not inside a literal): once it returns,
  // the context has ended, its timer stopped and its parent let go of it.
  bool waits_done(const Node* node) const {
    if (!context_) return false;
    bool found = false;
    Values::for_each_part(node, [&](const Node* part) {
      facts::inspect(part, [&](const Node* n, std::span<const Node* const>) {
        if (is<FuncLit>(n)) return facts::Visit::skip;
        auto* u = as<UnaryExpr>(n);
        auto* call = u && u->op == Tok::ARROW ? as<CallExpr>(facts::unparen(u->x)) : nullptr;
        auto* sel = call && call->args.empty() ? as<SelectorExpr>(facts::unparen(call->fun)) : nullptr;
        auto* x = sel && sel->sel && sel->sel->name == "Done" ? as<Ident>(facts::unparen(sel->x)) : nullptr;
        if (x && info_->use_of(x) == context_) found = true;
        return found ? facts::Visit::stop : facts::Visit::descend;
      });
    });
    return found;
  }

  bool writes(const Node* node, const sema::Object* object) const {
    if (!object) return false;
    bool found = false;
    Values::for_each_part(node, [&](const Node* part) {
      facts::for_each_write(part, [&](const facts::Write& w) {
        if (w.form == facts::WriteForm::address_taken) return;
        const sema::Object* o = info_->def_of(w.target);
        if (!o) o = info_->use_of(w.target);
        if (o == object) found = true;
      });
    });
    return found;
  }

  const facts::FuncSummary* summary_of(const CallExpr* call) const {
    if (!summaries_) return nullptr;
    const sema::Object* callee = facts::callee_of(info_, call);
    if (!callee || callee->kind != sema::ObjectKind::Func) return nullptr;
    return summaries_->of(callee);
  }

  static const Node* parent_of(const Node*& child, std::span<const Node* const> anc, size_t& i) {
    i = anc.size();
    while (i > 0 && is<ParenExpr>(anc[i - 1])) child = anc[--i];
    return i > 0 ? anc[i - 1] : nullptr;
  }

  // A mention of the cancel value (or a copy) that calls or keeps it.
  bool mention_uses(const Ident* id, std::span<const Node* const> anc) const {
    const Node* child = id;
    size_t i = 0;
    const Node* parent = parent_of(child, anc, i);
    if (!parent) return true;
    if (auto* call = as<CallExpr>(parent)) {
      if (call->fun == child) return true;
      const Node* stmt = i >= 2 ? anc[i - 2] : nullptr;
      if (is<GoStmt>(stmt) || is<DeferStmt>(stmt)) return true;
      const facts::FuncSummary* s = summary_of(call);
      if (!s) return true;  // code not known: it may keep or call it
      for (size_t k = 0; k < call->args.size(); ++k)
        if (call->args[k] == child) return (s->of_arg(k) & (facts::kStored | facts::kReturned | facts::kCalled | facts::kPassedOn |
                                          facts::kCaptured)) != 0;
      return true;
    }
    if (auto* b = as<BinaryExpr>(parent); b && (b->op == Tok::EQL || b->op == Tok::NEQ)) return false;
    if (auto* a = as<AssignStmt>(parent)) {
      for (const Expr* l : a->lhs)
        if (l == child) return a->tok != Tok::ASSIGN && a->tok != Tok::DEFINE;  // written, not read
      if (a->lhs.size() != a->rhs.size()) return true;
      for (size_t k = 0; k < a->rhs.size(); ++k) {
        if (a->rhs[k] != child) continue;
        auto* dst = as<Ident>(facts::unparen(a->lhs[k]));
        if (!dst) return true;  // a field, an element, a dereference: stored
        if (dst->name == "_") return false;
        const sema::Object* o = info_->def_of(dst);
        if (!o) o = info_->use_of(dst);
        return !(o && tracked_.count(o) && local(o));  // a copy: its own mentions count
      }
      return false;  // on the left: a new value, not a use
    }
    if (auto* v = as<ValueSpec>(parent)) {
      for (size_t k = 0; k < v->values.size() && k < v->names.size(); ++k)
        if (v->values[k] == child) {
          const sema::Object* o = info_->def_of(v->names[k]);
          return !(o && tracked_.count(o));
        }
      return false;
    }
    return true;  // returned, sent, put in a composite literal, its address taken...
  }

  // What happens to the literal at `at` (the literal itself, or a mention of the local holding it).
  Disposition literal_disposition(const Node* at, std::span<const Node* const> anc) const {
    const Node* child = at;
    size_t i = 0;
    const Node* parent = parent_of(child, anc, i);
    auto* call = as<CallExpr>(parent);
    if (!call) return Disposition::kept;
    const Node* stmt = i >= 2 ? anc[i - 2] : nullptr;
    if (is<GoStmt>(stmt) || is<DeferStmt>(stmt)) return Disposition::kept;
    if (call->fun == child) return Disposition::runs_now;
    // An argument: a callee of the loaded packages that does not keep it runs it during the
    // call, if at all.
    const facts::FuncSummary* s = summary_of(call);
    if (!s) return Disposition::kept;
    for (size_t k = 0; k < call->args.size(); ++k)
      if (call->args[k] == child)
        return s->of_arg(k) & (facts::kStored | facts::kReturned | facts::kCaptured) ? Disposition::kept
                                                                                  : Disposition::runs_now;
    return Disposition::kept;
  }

  bool literal_uses(const FuncLit* lit, const Node* at, std::span<const Node* const> anc, int depth) const {
    if (literal_disposition(at, anc) == Disposition::kept) return true;
    return always_uses(lit, depth);
  }

  const support::Resolver& r_;
  const sema::PackageInfo* info_;
  facts::Summaries* summaries_;
  const Node* fn_;
  const sema::Object* original_;
  const sema::Object* context_ = nullptr;
  std::unordered_set<const sema::Object*> tracked_;
  mutable std::unordered_map<const Node*, bool> uses_cache_;
  std::unordered_map<const sema::Object*, const FuncLit*> closure_vars_;
  std::unordered_set<const FuncLit*> closure_lits_;
};

// Whether a literal of `fn` that keeps the cancel variable exists on some path before `def`:
// it reads the variable when it runs, so it sees the value `def` assigns.
bool kept_by_earlier_literal(const CancelFlow& flow, const sema::Cfg& cfg, const Node* fn,
                             const Node* def) {
  auto [def_block, def_index] = cfg.where(def);
  if (def_block < 0) return false;
  bool kept = false;
  facts::inspect(fn, [&](const Node* n, std::span<const Node* const> anc) {
    auto* lit = as<FuncLit>(n);
    if (!lit || n == fn) return facts::Visit::descend;
    if (kept || flow.held_by_local(lit) || !flow.mentioned_by(lit) || !flow.literal_kept(lit, anc))
      return facts::Visit::skip;
    // The graph node holding the literal: the innermost one containing it.
    int from = -1, at = -1;
    uint32_t best = UINT32_MAX;
    for (size_t b = 0; b < cfg.blocks.size(); ++b)
      for (size_t k = 0; k < cfg.blocks[b].nodes.size(); ++k) {
        const Node* node = cfg.blocks[b].nodes[k];
        if (facts::contains(node, lit) && node->end() - node->pos() < best)
          best = node->end() - node->pos(), from = int(b), at = int(k);
      }
    if (from < 0) return facts::Visit::skip;
    if (from == def_block && at < def_index) {
      kept = true;
      return facts::Visit::stop;
    }
    std::vector<char> seen(cfg.blocks.size(), 0);
    std::vector<int> work(cfg.blocks[size_t(from)].succs.begin(), cfg.blocks[size_t(from)].succs.end());
    while (!work.empty() && !kept) {
      int b = work.back();
      work.pop_back();
      if (b < 0 || size_t(b) >= cfg.blocks.size() || seen[size_t(b)]) continue;
      seen[size_t(b)] = 1;
      if (b == def_block) kept = true;
      for (int s : cfg.blocks[size_t(b)].succs) work.push_back(s);
    }
    return kept ? facts::Visit::stop : facts::Visit::skip;
  });
  return kept;
}

// The context variable escapes the function (returned, stored, sent, captured): then a deferred
// cancel would end it too early.
bool context_escapes(const CancelDef& def) {
  const Expr* first = def.spec ? (def.spec->names.empty() ? nullptr : def.spec->names[0])
                               : (def.lhs.empty() ? nullptr : def.lhs[0]);
  auto* ctx = as<Ident>(first);
  if (!ctx) return true;
  if (ctx->name == "_") return false;
  bool escapes = false;
  support::inspect(def.func, [&](const Node* n, std::span<const Node* const> anc) {
    auto* id = as<Ident>(n);
    if (!id || id->name != ctx->name || id == ctx || anc.empty()) return support::Visit::descend;
    const Node* parent = anc.back();
    if (auto* sel = as<SelectorExpr>(parent); sel && sel->sel == id) return support::Visit::descend;
    for (const Node* a : anc)
      if (a != def.func && (is<FuncLit>(a) || is<GoStmt>(a))) escapes = true;
    if (is<ReturnStmt>(parent) || is<CompositeLit>(parent) || is<KeyValueExpr>(parent) ||
        is<SendStmt>(parent) || is<UnaryExpr>(parent))
      escapes = true;
    if (auto* as_ = as<AssignStmt>(parent))
      for (const Expr* r : as_->rhs) escapes |= r == id;
    return escapes ? support::Visit::stop : support::Visit::descend;
  });
  return escapes;
}

bool name_used_in(const Node* fn, std::string_view name) {
  bool used = false;
  support::for_each_node(fn, [&](const Node* n) {
    if (auto* id = as<Ident>(n)) used |= id->name == name;
  });
  return used;
}

// `defer cancel()` on a new line after the statement, with its indentation; null when the
// statement does not sit alone in a statement list.
std::optional<Edit> defer_edit(std::string_view text, const CancelDef& def, std::string_view name) {
  if (!def.parent) return std::nullopt;
  Pos end = def.stmt->end();
  if (!valid(end) || end > text.size()) return std::nullopt;
  size_t eol = text.find('\n', end);
  if (eol == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(end, eol - end);
  size_t code = rest.find_first_not_of(" \t\r");
  if (code != std::string_view::npos && rest.substr(code, 2) != "//") return std::nullopt;
  size_t bol = text.rfind('\n', def.stmt->pos());
  bol = bol == std::string_view::npos ? 0 : bol + 1;
  std::string_view before = text.substr(bol, def.stmt->pos() - bol);
  if (before.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
  std::string call = def.kind == ContextCall::with_cancel_cause ? "(nil)" : "()";
  size_t insert_at = eol > end && text[eol - 1] == '\r' ? eol - 1 : eol;
  std::string line(support::line_ending(text));
  line.append(before).append("defer ").append(name).append(call);
  return Edit{uint32_t(insert_at), uint32_t(insert_at), std::move(line)};
}

class LostCancel final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      // Cancel functions come from package context's With* calls: a file that does not import
      // context names none, and a function whose text lacks "With" calls none.
      if (!support::imports_path_any_name(file, "context") &&
          !support::imports_path_any_name(file, "golang.org/x/net/context"))
        continue;
      support::ImportNames imports(file.parsed->file);
      bool main_package = file.parsed->file->name && file.parsed->file->name->name == "main";
      for (const Decl* decl : file.parsed->file->decls) {
        auto* fd = as<FuncDecl>(decl);
        if (!fd || !fd->body || !support::may_mention(file, fd, "With")) continue;
        support::DeclaredNames locals(fd);
        support::Resolver r{&imports, pass.sema(), &locals};
        for (const CancelDef& def : find_defs(r, fd)) {
          if (main_package && def.func == fd && !fd->recv && fd->name && fd->name->name == "main")
            continue;
          check_def(pass, file, r, def);
        }
      }
    }
  }

 private:
  static std::vector<CancelDef> find_defs(const support::Resolver& r, const FuncDecl* fd) {
    std::vector<CancelDef> out;
    support::inspect(fd, [&](const Node* n, std::span<const Node* const> anc) {
      CancelDef def;
      const Expr* rhs = nullptr;
      if (auto* a = as<AssignStmt>(n)) {
        if (a->lhs.size() != 2 || a->rhs.size() != 1) return support::Visit::descend;
        if (a->tok != Tok::DEFINE && a->tok != Tok::ASSIGN) return support::Visit::descend;
        def.stmt = a, def.lhs = a->lhs, rhs = a->rhs[0];
        def.cancel = as<Ident>(a->lhs[1]);
      } else if (auto* v = as<ValueSpec>(n)) {
        if (v->names.size() != 2 || v->values.size() != 1 || anc.empty()) return support::Visit::descend;
        const Node* decl_stmt = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
        if (!is<DeclStmt>(decl_stmt)) return support::Visit::descend;
        def.stmt = decl_stmt, def.spec = v, rhs = v->values[0];
        def.cancel = v->names[1];
      } else {
        return support::Visit::descend;
      }
      def.call = as<CallExpr>(rhs);  // as go vet: the call itself, no parentheses
      def.kind = support::classify_context_call(r, rhs);
      if (!def.cancel || !def.call || !support::returns_cancel(def.kind)) return support::Visit::descend;
      def.func = support::enclosing_func(anc);
      if (!def.func) return support::Visit::descend;
      size_t stmt_depth = def.spec ? anc.size() - 2 : anc.size();
      const Node* parent = stmt_depth > 0 ? anc[stmt_depth - 1] : nullptr;
      if (is<BlockStmt>(parent) || is<CaseClause>(parent) || is<CommClause>(parent)) def.parent = parent;
      def.in_loop = support::enclosing_loop(anc) != nullptr;
      out.push_back(def);
      return support::Visit::descend;
    });
    return out;
  }

  static void check_def(Pass& pass, const PassFile& file, const support::Resolver& r,
                        const CancelDef& def) {
    const sema::PackageInfo* info = pass.sema();
    if (!info) return;
    std::string func_name = "context." + std::string(support::context_func_name(def.kind));
    bool define = def.spec || as<AssignStmt>(def.stmt)->tok == Tok::DEFINE;
    // A parent this function cancels when it returns takes the new context with it: nothing
    // outlives the function.
    if (parent_cancelled_at_return(info, def)) return;
    // A deadline context discarded on purpose for work that outlives the call: its timer ends it.
    if (def.cancel->name == "_" && deadline_context_kept_running(pass, def)) return;
    Finding f;
    f.path = std::string(file.path);
    f.start = def.stmt->pos();
    f.end = def.stmt->end();
    std::string leak = what_leaks(info, def);
    if (def.cancel->name == "_") {
      // go vet's wording, so that both tools read the same.
      f.message = "the cancel function returned by " + func_name +
                  " should be called, not discarded, to avoid a context leak: " + leak;
      const char* name = "cancel";
      auto safety = fix_safety(pass, def);
      if (define && safety && !name_used_in(def.func, name) && !context_escapes(def)) {
        if (auto edit = defer_edit(file.text, def, name)) {
          Fix fix{"Name the cancel function and defer it", {}, *safety};
          fix.edits.push_back({def.cancel->pos(), def.cancel->end(), name});
          fix.edits.push_back(*edit);
          f.fixes.push_back(std::move(fix));
        }
      }
      pass.report(std::move(f));
      return;
    }
    const sema::Object* object = info->object_of(def.cancel);
    if (!object || !object->ident || object->package_level) return;
    // A variable of an enclosing function or of the package: someone else's to call.
    if (!facts::contains(def.func, object->ident)) return;
    const BlockStmt* body = support::func_body(def.func);
    if (!body) return;
    CancelFlow flow(r, pass.summaries() ? pass.summaries() : &own_summaries(), def.func, object);
    sema::Cfg cfg = sema::build_cfg(body, info);
    // A literal made earlier that keeps the variable sees this value too.
    bool declares = object->ident == def.cancel;
    if (!declares && kept_by_earlier_literal(flow, cfg, def.func, def.stmt)) return;
    // A new value of the variable before the old one is called loses the old one: followed
    // while the variable is the only holder (no copies, no literal reading it).
    bool overwrite = !flow.has_copies() && !captured(info, def.func, object);
    const Expr* first = def.spec ? (def.spec->names.empty() ? nullptr : def.spec->names[0])
                                 : (def.lhs.empty() ? nullptr : def.lhs[0]);
    if (auto* ctx = as<Ident>(first); ctx && ctx->name != "_") flow.set_context(info->object_of(ctx));
    std::vector<Leak> leaks;
    flow.search(cfg, def.func, def.stmt, overwrite, 0, leaks);
    if (leaks.empty()) return;
    const Leak* pick = nullptr;
    for (const Leak& l : leaks) {
      auto rank = [](const Leak& x) { return x.how == Leak::ret ? 0 : x.how == Leak::end ? 1 : 2; };
      if (!pick || rank(l) < rank(*pick) || (rank(l) == rank(*pick) && l.at < pick->at)) pick = &l;
    }
    if (!valid(pick->at)) return;
    uint32_t def_line = file.parsed->lines.at(def.stmt->pos()).line;
    uint32_t at_line = file.parsed->lines.at(pick->at).line;
    std::string name(def.cancel->name);
    std::string where;
    switch (pick->how) {
      case Leak::ret: where = "the return on line " + std::to_string(at_line) + " skips it"; break;
      case Leak::end: where = "the end of the function on line " + std::to_string(at_line) + " skips it"; break;
      case Leak::overwrite:
        where = pick->at == def.stmt->pos()
                    ? "the loop comes back here and assigns " + name + " again before it is called"
                    : "line " + std::to_string(at_line) + " assigns " + name + " again before it is called";
        break;
    }
    f.message = "the " + name + " function from " + func_name + " is not called on all paths: " + where +
                ", and then " + leak;
    f.related.push_back({std::string(file.path), pick->at, pick->at + 1,
                         pick->how == Leak::overwrite
                             ? "this assignment replaces the " + name + " var defined on line " +
                                   std::to_string(def_line) + " before it is called"
                             : "this return statement may be reached without using the " + name +
                                   " var defined on line " + std::to_string(def_line)});
    auto safety = fix_safety(pass, def);
    auto edit = context_escapes(def) || !safety ? std::nullopt : defer_edit(file.text, def, name);
    if (edit) {
      Fix fix{"Call " + name + " with defer", {*edit}, *safety};
      f.fixes.push_back(std::move(fix));
    }
    pass.report(std::move(f));
  }

  // The context of a WithTimeout/WithDeadline (or Cause variant) is handed, as it is, to a
  // callee whose summary (facts/summary.h) says the work it starts with it outlives the call: a
  // goroutine it (or a callee) starts runs on with it (more than watching it until told to
  // stop), or a hook it stores uses it (kKeptRunning). Cancelling at this function's return would cut that work short; the
  // timer ends the context at the deadline whatever happens, so nothing stays alive for good.
  static bool deadline_context_kept_running(const Pass& pass, const CancelDef& def) {
    const sema::PackageInfo* info = pass.sema();
    if (!info || !facts::sets_deadline(def.kind)) return false;
    const Expr* first = def.spec ? (def.spec->names.empty() ? nullptr : def.spec->names[0])
                                 : (def.lhs.empty() ? nullptr : def.lhs[0]);
    auto* ctx = as<Ident>(first);
    if (!ctx || ctx->name == "_") return false;
    const sema::Object* o = info->object_of(ctx);
    if (!o) return false;
    facts::Summaries& summaries = pass.summaries() ? *pass.summaries() : own_summaries();
    bool kept = false;
    support::inspect(def.func, [&](const Node* n, std::span<const Node* const>) {
      if (kept) return support::Visit::stop;
      auto* call = as<CallExpr>(n);
      if (!call) return support::Visit::descend;
      for (size_t k = 0; k < call->args.size() && !kept; ++k) {
        auto* id = as<Ident>(facts::unparen(call->args[k]));
        if (!id || info->use_of(id) != o) continue;
        const sema::Object* callee = facts::callee_of(info, call);
        if (!callee || callee->kind != sema::ObjectKind::Func) continue;
        const facts::FuncSummary* s = summaries.of(callee);
        kept = s && (s->of_arg(k) & facts::kKeptRunning);
      }
      return kept ? support::Visit::stop : support::Visit::descend;
    });
    return kept;
  }

  static facts::Summaries& own_summaries() {
    static facts::Summaries summaries;
    return summaries;
  }

  // Whether a function literal in `fn` mentions `object`.
  static bool captured(const sema::PackageInfo* info, const Node* fn, const sema::Object* object) {
    bool found = false;
    facts::inspect(fn, [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      if (!id || found || info->use_of(id) != object) return facts::Visit::descend;
      for (const Node* a : anc)
        if (a != fn && is<FuncLit>(a)) found = true;
      return found ? facts::Visit::stop : facts::Visit::descend;
    });
    return found;
  }

  // The parent context is a local of this function made by a With* call whose cancel is
  // deferred in the same block, before this definition: it ends when the function returns, and
  // takes the new context with it.
  static bool parent_cancelled_at_return(const sema::PackageInfo* info, const CancelDef& def) {
    if (def.call->args.empty()) return false;
    auto* parent = as<Ident>(facts::unparen(def.call->args[0]));
    if (!parent) return false;
    facts::Writes writes(def.func, info);
    const facts::Write* w = writes.single_value(parent);
    if (!w || w->index != 0 || !w->value) return false;
    if (!facts::returns_cancel(facts::context_call(info, w->value))) return false;
    auto* a = as<AssignStmt>(w->stmt);
    if (!a || a->lhs.size() != 2) return false;
    auto* cancel = as<Ident>(a->lhs[1]);
    const sema::Object* c = cancel ? info->object_of(cancel) : nullptr;
    if (!c || writes.of(cancel).size() != 1) return false;
    const BlockStmt* block = nullptr;
    facts::inspect(def.func, [&](const Node* n, std::span<const Node* const> anc) {
      if (n == a && !anc.empty()) block = as<BlockStmt>(anc.back());
      return block ? facts::Visit::stop : facts::Visit::descend;
    });
    if (!block) return false;
    for (const Stmt* s : block->list) {
      if (s->pos() >= def.stmt->pos()) break;
      auto* d = as<DeferStmt>(s);
      auto* fun = d && d->call && d->call->args.empty() ? as<Ident>(facts::unparen(d->call->fun)) : nullptr;
      if (fun && info->use_of(fun) == c) return true;
    }
    return false;
  }

  // What stays alive when the cancel function is never called.
  static std::string what_leaks(const sema::PackageInfo* info, const CancelDef& def) {
    bool deadline = facts::sets_deadline(def.kind);
    bool root = false;
    if (!def.call->args.empty()) {
      const Expr* p = facts::unparen(def.call->args[0]);
      if (auto* id = as<Ident>(p)) {
        facts::Writes writes(def.func, info);
        if (const facts::Write* w = writes.single_value(id); w && w->value && w->index < 0) p = w->value;
      }
      root = facts::is_root(facts::context_call(info, p));
    }
    if (root)
      return deadline ? "the context and its timer stay alive until the deadline"
                      : "the context is never cancelled (whatever waits on its Done channel waits for good)";
    return deadline ? "the context stays registered with its parent, its timer armed, until the deadline or the "
                      "parent's end"
                    : "the context stays registered with its parent until the parent ends";
  }

  // When `defer cancel()` keeps behaviour. The deferred call ends the context at the function's
  // return; on the paths that called cancel already a second call does nothing, so only the
  // paths that skipped it change, and they change safely only if nothing uses the context or
  // the cancel function after the return:
  //  - cancel is mentioned only as direct calls (`cancel()`, `defer cancel()`): handed to a
  //    call, stored or captured, it may belong to an owner that cancels on its own schedule
  //    (no fix);
  //  - the context does not leave the function (context_escapes: no fix) and no callee it is
  //    passed to keeps it (a watcher goroutine, a stored field): a callee of this package that
  //    keeps it means no fix; a callee whose code is not known (another package, a func value)
  //    makes the fix unsafe;
  //  - not inside a loop: deferred calls pile up until the function returns (unsafe).
  static std::optional<FixSafety> fix_safety(const Pass& pass, const CancelDef& def) {
    if (!cancel_only_called(pass, def)) return std::nullopt;
    const Expr* first = def.spec ? (def.spec->names.empty() ? nullptr : def.spec->names[0])
                                 : (def.lhs.empty() ? nullptr : def.lhs[0]);
    auto* ctx = as<Ident>(first);
    if (!ctx) return std::nullopt;
    support::Keeps keeps = support::Keeps::no;
    if (ctx->name != "_") {
      const sema::Object* o = pass.sema() ? pass.sema()->object_of(ctx) : nullptr;
      keeps = o ? support::kept_by_callees(pass.sema(), def.func, o) : support::Keeps::maybe;
    }
    if (keeps == support::Keeps::yes) return std::nullopt;
    return def.in_loop || keeps == support::Keeps::maybe ? FixSafety::unsafe : FixSafety::safe;
  }

  // Every mention of the cancel variable other than its definition is a call of it as a
  // statement, not inside a function literal or go statement.
  static bool cancel_only_called(const Pass& pass, const CancelDef& def) {
    if (def.cancel->name == "_") return true;
    const sema::Object* o = pass.sema() ? pass.sema()->object_of(def.cancel) : nullptr;
    bool ok = true;
    support::inspect(def.func, [&](const Node* n, std::span<const Node* const> anc) {
      auto* id = as<Ident>(n);
      if (!id || id == def.cancel || id->name != def.cancel->name || anc.empty()) return support::Visit::descend;
      if (o && pass.sema()->use_of(id) != o) return support::Visit::descend;
      const Node* parent = anc.back();
      if (auto* sel = as<SelectorExpr>(parent); sel && sel->sel == id) return support::Visit::descend;
      auto* call = as<CallExpr>(parent);
      const Node* stmt = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
      bool direct = call && call->fun == id && (is<ExprStmt>(stmt) || is<DeferStmt>(stmt));
      for (const Node* a : anc)
        if (a != def.func && (is<FuncLit>(a) || is<GoStmt>(a))) direct = false;
      if (!direct) ok = false;
      return ok ? support::Visit::descend : support::Visit::stop;
    });
    return ok;
  }

};

}  // namespace

const Rule* lost_cancel_rule() {
  static const LostCancel rule;
  return &rule;
}

}  // namespace gotrap::rules
