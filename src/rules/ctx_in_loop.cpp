// ctx-in-loop: a context variable re-derived from itself on every iteration of a loop (or every
// call of a function literal that outlives its function), so the chain of contexts grows.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/rule.h"
#include "facts/context_derive.h"
#include "rules/support/cfg_reach.h"
#include "rules/support/context_types.h"
#include "rules/support/facts.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::Visit;

const RuleInfo kInfo{
    .name = "ctx-in-loop",
    .summary = "a context variable re-derived from itself in a loop: the chain of contexts grows every iteration",
    .doc = R"md(# ctx-in-loop

**What.** Inside a loop, a context variable (or field, or element) declared before the loop is
assigned a context derived from itself — `ctx = context.WithValue(ctx, k, v)`, `WithCancel`,
`WithTimeout`, `WithDeadline`, their `Cause` variants, `WithoutCancel` (of `context` or
`golang.org/x/net/context`), a well-known wrapper (`pprof.WithLabels`,
`httptrace.WithClientTrace`, `signal.NotifyContext`, gRPC metadata's `AppendToOutgoingContext`,
`NewOutgoingContext`, `NewIncomingContext`, OpenTelemetry's `trace.ContextWithSpan`,
`ContextWithSpanContext`, `ContextWithRemoteSpanContext`, `baggage.ContextWithBaggage`,
OpenTracing's `opentracing.ContextWithSpan`, containerd's `ttrpc.WithMetadata`), or a function of the program whose context result
derives from that argument on every return (read from its body) — and the next iteration starts
from that result: some path of the control-flow graph leads from the assignment around the loop
back to it without resetting the variable. The same holds for a function literal that outlives
its function (returned, or stored in a field or package variable) and re-derives a captured
context: every call adds a layer. (The fatcontext linter's check.)

**Why.** Each derived context keeps its parent: after n iterations the context is a chain of n
layers. `ctx.Value` walks the chain (linear time per lookup), the memory is never released while
the variable lives, and a `WithCancel`/`WithTimeout` child registers with its parent, so
cancellation walks it too. A long-running loop turns this into a slow leak.

```go
for _, job := range jobs {
	ctx = context.WithValue(ctx, jobKey, job.ID) // the chain grows by one per job
	run(ctx, job)
}
// fixed: derive into a variable of the iteration
for _, job := range jobs {
	ctx := context.WithValue(ctx, jobKey, job.ID)
	run(ctx, job)
}
```

**Fix.** None: whether later code needs the accumulated context is a decision for the author.

**Quiet when** the variable is declared inside the iteration (a fresh variable each time, `:=`),
is reset to a context not derived from itself before the next iteration, the loop cannot go round
after the assignment (it breaks or returns first), the value written is derived from another
context, or the wrapper's body is unknown or does not always derive from its argument. A value
struct copied inside the loop (`c := c; c.Ctx = ...`) is fresh; a pointer copied
(`c := pc; c.Ctx = ...`) is not. An index must be constant or unchanged by the loop
(`r[i].Ctx` in `for i := range r` wraps a different element each time). Also quiet on deliberate
accumulation: every loop around the assignment ranges over a finite collection (a slice, array,
map, string or integer) and nothing else in its body reads the variable, so the context gains
one layer per element (outgoing headers from a configuration map, say) and is used only after the
loop. Once an iteration uses the context it wrapped (passes it to a call, a goroutine, a handler)
it reports: each element's work then carries the chain of every element before it.
)md",
    .severity = Severity::warning,
};

class CtxInLoop final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;
    facts::Summaries own;
    facts::Summaries& sums = pass.summaries() ? *pass.summaries() : own;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      for (const Decl* decl : file.parsed->file->decls) {
        auto* fd = as<FuncDecl>(decl);
        if (!fd || !fd->body) continue;
        Checker c(pass, sums, file, fd);
        c.run();
      }
    }
  }

 private:
  class Checker {
   public:
    Checker(const Pass& pass, facts::Summaries& sums, const PassFile& file, const FuncDecl* fd)
        : pass_(pass), sums_(sums), info_(pass.sema()), file_(file), fd_(fd), graphs_(pass.sema()) {}

    void run() {
      // Candidates: assignments whose right side derives a context from an argument that is
      // the very storage the left side names. Most functions have none: a plain walk tells,
      // before the walk that keeps the ancestors a candidate needs.
      bool any = false;
      support::for_each_node(fd_, [&](const Node* n) {
        auto* a = as<AssignStmt>(n);
        if (!any && a && a->rhs.size() == 1 && is<CallExpr>(support::unparen(a->rhs[0])))
          any = self_derivation(a).has_value();
      });
      if (!any) return;
      support::inspect(fd_, [&](const Node* n, std::span<const Node* const> anc) {
        auto* a = as<AssignStmt>(n);
        if (!a || a->rhs.size() != 1) return Visit::descend;
        auto* call = as<CallExpr>(support::unparen(a->rhs[0]));
        if (!call) return Visit::descend;
        auto target = self_derivation(a);
        if (!target) return Visit::descend;
        consider(a, *target, anc);
        return Visit::descend;
      });
      for (auto& [key, group] : loop_findings_) report(group);
    }

   private:
    struct Found {
      const AssignStmt* assign = nullptr;
      const Expr* target = nullptr;
      const Node* loop = nullptr;   // null: the function-literal case
      const Node* literal = nullptr;
    };

    // The left-hand expression `a` re-derives from itself, or nullopt.
    std::optional<const Expr*> self_derivation(const AssignStmt* a) const {
      if (a->rhs.size() != 1) return std::nullopt;
      auto* call = as<CallExpr>(support::unparen(a->rhs[0]));
      if (!call) return std::nullopt;
      // Cheap test first: some argument names the storage some left side names (the callee's
      // summary reads its body).
      bool shared = false;
      for (const Expr* l : a->lhs)
        for (const Expr* arg : call->args) shared = shared || same_storage(l, arg);
      variable_indices_.clear();
      if (!shared) return std::nullopt;
      auto d = derivation(call);
      if (!d || d->arg >= call->args.size() || d->result >= a->lhs.size()) return std::nullopt;
      const Expr* lhs = support::unparen(a->lhs[d->result]);
      const Expr* arg = support::unparen(call->args[d->arg]);
      if (a->tok == Tok::DEFINE) {
        // `ctx, cancel := context.WithCancel(ctx)` assigns an existing ctx only when ctx was
        // declared before in the same scope: then its identifier is a use, not a definition.
        auto* id = as<Ident>(lhs);
        if (!id) return std::nullopt;
        const sema::Object* o = info_->object_of(id);
        if (!o || o->ident == id) return std::nullopt;
      } else if (a->tok != Tok::ASSIGN) {
        return std::nullopt;
      }
      if (!same_storage(lhs, arg)) return std::nullopt;
      if (!root_object(lhs)) return std::nullopt;
      return lhs;
    }

    std::optional<facts::Derivation> derivation(const CallExpr* call) const {
      return facts::derived_context(sums_, info_, call);
    }

    // The variable a storage expression starts from: ctx, r in r[0].Ctx, c in c.Ctx.
    const sema::Object* root_object(const Expr* e) const {
      e = support::unparen(e);
      while (true) {
        if (auto* sel = as<SelectorExpr>(e)) e = support::unparen(sel->x);
        else if (auto* ix = as<IndexExpr>(e)) e = support::unparen(ix->x);
        else if (auto* st = as<StarExpr>(e)) e = support::unparen(st->x);
        else break;
      }
      auto* id = as<Ident>(e);
      const sema::Object* o = id ? info_->object_of(id) : nullptr;
      return o && o->kind == sema::ObjectKind::Var ? o : nullptr;
    }

    // Same variable, same field chain, same constant (or unchanging) indices.
    bool same_storage(const Expr* a, const Expr* b) const {
      a = support::unparen(a), b = support::unparen(b);
      if (!a || !b || a->kind != b->kind) return false;
      switch (a->kind) {
        case Kind::Ident: {
          const sema::Object* oa = info_->object_of(as<Ident>(a));
          return oa && oa == info_->object_of(as<Ident>(b)) && oa->kind == sema::ObjectKind::Var;
        }
        case Kind::SelectorExpr: {
          auto *sa = as<SelectorExpr>(a), *sb = as<SelectorExpr>(b);
          return sa->sel->name == sb->sel->name && same_storage(sa->x, sb->x);
        }
        case Kind::StarExpr: return same_storage(as<StarExpr>(a)->x, as<StarExpr>(b)->x);
        case Kind::IndexExpr: {
          auto *ia = as<IndexExpr>(a), *ib = as<IndexExpr>(b);
          if (!same_storage(ia->x, ib->x)) return false;
          auto ca = support::const_int(pass_, ia->index), cb = support::const_int(pass_, ib->index);
          if (ca && cb) return *ca == *cb;
          auto *ida = as<Ident>(support::unparen(ia->index)), *idb = as<Ident>(support::unparen(ib->index));
          if (!ida || !idb) return false;
          const sema::Object* o = info_->object_of(ida);
          if (!o || o != info_->object_of(idb)) return false;
          variable_indices_.push_back(o);  // checked against the loop later
          return true;
        }
        default: return false;
      }
    }

    void consider(const AssignStmt* a, const Expr* target, std::span<const Node* const> anc) {
      variable_indices_.clear();
      // Re-check to collect the variable indices of this target.
      {
        auto* call = as<CallExpr>(support::unparen(a->rhs[0]));
        auto d = derivation(call);
        same_storage(target, call->args[d->arg]);
      }
      std::vector<const sema::Object*> indices = variable_indices_;
      const Node* fn = support::enclosing_func(anc);
      const BlockStmt* body = support::func_body(fn);
      if (!body) return;
      const sema::Cfg& cfg = graphs_.of(body);
      if (cfg.where(a).first < 0) return;
      if (address_taken(fn, root_object(target))) return;
      // Does the assignment run again with its own result? Some path from it comes back to it
      // without writing the storage by other means.
      auto back = support::reached_before(
          cfg, a, [&](const Node* n) { return n == a; },
          [&](const Node* n) { return resets(n, target); });
      if (!back.empty()) {
        const Node* loop = support::enclosing_loop(anc);
        if (!loop) return;
        for (const sema::Object* o : indices)
          if (!o->ident || support::contains(loop, o->ident) || assigned_in(loop, o)) return;
        if (accumulates_over_collection(a, target, anc)) return;
        std::string key = std::to_string(uintptr_t(loop)) + "|" +
                          std::string(support::text_of(file_, target));
        auto& group = loop_findings_[key];
        group.push_back({a, target, loop, nullptr});
        return;
      }
      // A function literal that outlives the function and re-derives a captured context.
      auto* lit = as<FuncLit>(fn);
      if (!lit || !indices.empty()) return;
      const sema::Object* root = root_object(target);
      if (!root || !root->ident || support::contains(lit, root->ident)) return;
      if (!outlives(lit, anc)) return;
      bool other_writes = false;
      support::for_each_node(lit->body, [&](const Node* n) {
        if (n != a && (is<AssignStmt>(n) || is<DeclStmt>(n)) && resets(n, target)) other_writes = true;
      });
      if (other_writes) return;
      std::vector<Found> group{{a, target, nullptr, lit}};
      report(group);
    }

    // Deliberate accumulation: every loop around the assignment that the variable outlives
    // ranges over a finite collection (slice, array, map, string, integer), and nothing in its
    // body reads the variable except the re-derivations themselves. The chain then grows once
    // per element and is consumed after the loop, as one context with every element's value;
    // no iteration works with a context meant to be its own.
    bool accumulates_over_collection(const AssignStmt* a, const Expr* target,
                                     std::span<const Node* const> anc) const {
      const sema::Object* root = root_object(target);
      if (!root || !root->ident) return false;
      bool any = false;
      for (size_t i = anc.size(); i-- > 0;) {
        const Node* n = anc[i];
        if (is<FuncLit>(n) || is<FuncDecl>(n)) break;
        if (!is<ForStmt>(n) && !is<RangeStmt>(n)) continue;
        if (support::contains(n, root->ident)) break;  // declared in this loop: fresh per iteration
        auto* r = as<RangeStmt>(n);
        if (!r || !finite_range(r->x)) return false;
        if (read_in(r->body, root, target, a)) return false;
        any = true;
      }
      return any;
    }

    bool finite_range(const Expr* x) const {
      const sema::Type* t = sema::underlying(support::type_of(pass_, x));
      if (!t) return false;
      if (t->is(sema::TypeKind::Pointer)) t = sema::underlying(t->elem);
      if (!t) return false;
      switch (t->kind) {
        case sema::TypeKind::Slice:
        case sema::TypeKind::Array:
        case sema::TypeKind::Map: return true;
        case sema::TypeKind::Basic:
          return t->basic != sema::BasicKind::Invalid && t->basic != sema::BasicKind::Bool &&
                 t->basic != sema::BasicKind::UnsafePointer && t->basic != sema::BasicKind::UntypedNil;
        default: return false;
      }
    }

    // Some part of `body` other than a re-derivation of `target` mentions the root variable.
    bool read_in(const Node* body, const sema::Object* root, const Expr* target,
                 const AssignStmt* self) const {
      bool used = false;
      support::inspect(body, [&](const Node* n, std::span<const Node* const>) {
        if (used) return Visit::stop;
        if (auto* as_ = as<AssignStmt>(n); as_ && (as_ == self || self_derivation_of(as_, target)))
          return Visit::skip;
        if (auto* id = as<Ident>(n); id && info_->object_of(id) == root) {
          used = true;
          return Visit::stop;
        }
        return Visit::descend;
      });
      return used;
    }

    // The literal is returned (also through a conversion such as http.HandlerFunc(...)) or
    // stored in a field, an element or a package variable.
    bool outlives(const FuncLit* lit, std::span<const Node* const> anc) const {
      // anc ends with ... parent-of-literal, literal, ..., the assignment's parent.
      size_t i = anc.size();
      while (i > 0 && anc[i - 1] != lit) --i;
      if (i == 0) return false;
      const Node* child = lit;
      for (size_t j = i - 1; j-- > 0; child = anc[j]) {
        const Node* p = anc[j];
        if (is<ParenExpr>(p)) continue;
        if (auto* call = as<CallExpr>(p)) {
          // A conversion wraps the literal without calling it.
          if (call->args.size() == 1 && call->args[0] == child && is_type_conversion(call)) continue;
          return false;
        }
        if (is<ReturnStmt>(p)) return true;
        if (auto* as_ = as<AssignStmt>(p)) {
          for (size_t k = 0; k < as_->rhs.size() && k < as_->lhs.size(); ++k) {
            if (as_->rhs[k] != child) continue;
            const Expr* l = support::unparen(as_->lhs[k]);
            if (is<SelectorExpr>(l) || is<IndexExpr>(l) || is<StarExpr>(l)) return true;
            auto* id = as<Ident>(l);
            const sema::Object* o = id ? info_->object_of(id) : nullptr;
            return o && o->kind == sema::ObjectKind::Var && o->package_level;
          }
          return false;
        }
        return false;
      }
      return false;
    }

    bool is_type_conversion(const CallExpr* call) const {
      const Expr* f = support::unparen(call->fun);
      const Ident* id = as<Ident>(f);
      if (auto* sel = as<SelectorExpr>(f)) id = sel->sel;
      const sema::Object* o = id ? info_->use_of(id) : nullptr;
      return o && o->kind == sema::ObjectKind::TypeName;
    }

    // Node `n` of the graph writes `target` (or the variable holding it) with something other
    // than a context derived from it: the chain restarts there.
    bool resets(const Node* n, const Expr* target) const {
      bool reset = false;
      support::for_each_executed_part(n, [&](const Node* part) {
        if (reset) return;
        if (auto* a = as<AssignStmt>(part)) {
          if (self_derivation_of(a, target)) return;
          for (size_t i = 0; i < a->lhs.size(); ++i) {
            const Expr* rhs = a->rhs.size() == a->lhs.size() ? a->rhs[i] : nullptr;
            if (writes(a->lhs[i], target, rhs)) reset = true;
          }
        } else if (auto* d = as<DeclStmt>(part)) {
          support::for_each_node(d, [&](const Node* m) {
            if (auto* id = as<Ident>(m); id && writes(id, target, nullptr)) reset = true;
          });
        } else if (is<Ident>(part)) {
          if (writes(as<Ident>(part), target, nullptr)) reset = true;  // range key or value
        }
      });
      return reset;
    }

    bool self_derivation_of(const AssignStmt* a, const Expr* target) const {
      auto t = self_derivation(a);
      return t && same_storage(*t, target);
    }

    // Writing `lhs` replaces `target` or a container of it. Copying a pointer into the root
    // variable (`c := pc`) keeps the same pointee: not a reset of `c.Ctx`.
    bool writes(const Expr* lhs, const Expr* target, const Expr* rhs) const {
      lhs = support::unparen(lhs);
      for (const Expr* t = support::unparen(target); t;) {
        if (same_storage(lhs, t)) {
          if (t != support::unparen(target) && rhs && is_pointer_copy(rhs)) return false;
          return true;
        }
        if (auto* sel = as<SelectorExpr>(t)) t = support::unparen(sel->x);
        else if (auto* ix = as<IndexExpr>(t)) t = support::unparen(ix->x);
        else if (auto* st = as<StarExpr>(t)) t = support::unparen(st->x);
        else break;
      }
      return false;
    }

    bool is_pointer_copy(const Expr* rhs) const {
      rhs = support::unparen(rhs);
      if (!is<Ident>(rhs) && !is<SelectorExpr>(rhs)) return false;
      const sema::Type* t = sema::underlying(support::type_of(pass_, rhs));
      return t && t->is(sema::TypeKind::Pointer);
    }

    bool address_taken(const Node* fn, const sema::Object* root) const {
      if (!root) return true;
      bool taken = false;
      support::for_each_node(fn, [&](const Node* n) {
        auto* u = as<UnaryExpr>(n);
        if (!u || u->op != Tok::AND) return;
        if (auto* id = as<Ident>(support::unparen(u->x)); id && info_->object_of(id) == root) taken = true;
      });
      return taken;
    }

    bool assigned_in(const Node* loop, const sema::Object* o) const {
      bool assigned = false;
      support::for_each_node(loop, [&](const Node* n) {
        if (auto* a = as<AssignStmt>(n)) {
          for (const Expr* l : a->lhs)
            if (auto* id = as<Ident>(support::unparen(l)); id && info_->object_of(id) == o) assigned = true;
        } else if (auto* inc = as<IncDecStmt>(n)) {
          if (auto* id = as<Ident>(support::unparen(inc->x)); id && info_->object_of(id) == o) assigned = true;
        } else if (auto* r = as<RangeStmt>(n)) {
          for (const Expr* k : {r->key, r->value})
            if (auto* id = as<Ident>(k); id && info_->object_of(id) == o) assigned = true;
        }
      });
      return assigned;
    }

    void report(std::vector<Found>& group) const {
      if (group.empty()) return;
      const Found& first = group.front();  // source order: the walk is preorder
      std::string name(support::text_of(file_, first.target));
      auto* call = as<CallExpr>(support::unparen(first.assign->rhs[0]));
      std::string wrapper(support::text_of(file_, call->fun));
      Finding f;
      f.path = std::string(file_.path);
      f.start = first.assign->pos();
      f.end = first.assign->end();
      if (first.loop) {
        uint32_t line = file_.parsed->lines.at(first.loop->pos()).line;
        f.message = name + " is re-derived from itself by " + wrapper +
                    " and the next iteration of the loop on line " + std::to_string(line) +
                    " wraps the result again: nested context in loop, the chain of contexts " +
                    "(and the cost of every Value lookup) grows with each iteration; derive " +
                    "into a variable declared inside the loop";
        f.related.push_back({std::string(file_.path), first.loop->pos(), first.loop->pos() + 3,
                             "the loop whose iterations stack the contexts"});
        for (size_t i = 1; i < group.size(); ++i)
          f.related.push_back({std::string(file_.path), group[i].assign->pos(), group[i].assign->end(),
                               name + " is wrapped again here in the same iteration"});
      } else {
        f.message = name + " is captured by a function literal that outlives this function and " +
                    "re-derived from itself by " + wrapper + ": nested context in function " +
                    "literal, every call adds a layer to the shared context; derive into a " +
                    "variable declared inside the literal";
        f.related.push_back({std::string(file_.path), first.literal->pos(), first.literal->pos() + 4,
                             "the function literal"});
      }
      pass_.report(std::move(f));
    }

    const Pass& pass_;
    facts::Summaries& sums_;
    const sema::PackageInfo* info_;
    const PassFile& file_;
    const FuncDecl* fd_;
    support::CfgCache graphs_;
    mutable std::vector<const sema::Object*> variable_indices_;
    std::map<std::string, std::vector<Found>> loop_findings_;
  };
};

}  // namespace

const Rule* ctx_in_loop_rule() {
  static const CtxInLoop rule;
  return &rule;
}

}  // namespace gotrap::rules
