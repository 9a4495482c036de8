// append-alias: an append to a sub-slice writes into the backing array of the slice it was cut
// from, overwriting elements that slice still shows and that are read afterwards.
#include <climits>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "facts/remote.h"
#include "facts/slices.h"
#include "facts/summary.h"
#include "rules/rule.h"
#include "rules/support/call_params.h"
#include "rules/support/cfg_reach.h"
#include "rules/support/context.h"
#include "rules/support/facts.h"
#include "rules/support/slice_alias.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;
using support::Visit;

const RuleInfo kInfo{
    .name = "append-alias",
    .summary = "append to a sub-slice overwrites elements of the slice it was cut from, which is read afterwards",
    .doc = R"md(# append-alias

**What.** A two-index sub-slice `a[lo:hi]` of a local slice (or array) `a` is appended to — held
in a variable (`b := a[:n]` ... `append(b, x)`), directly (`c := append(a[:i], a[i+1:]...)`), or
handed to a function of the program that appends to that parameter in place (read from its
body) — and afterwards `a` is read again on some path of the control-flow graph without having
been reassigned. The finding sits on the append (or the call); related locations show the
sub-slice and the later read of `a`.

A slice parameter `p` of the function appended to in a call's argument, `f(append(p, x))`, where
`f` writes elements of the slice it is handed (`s[i] = v`, the destination of `copy`, itself or
through its callees, interface methods answered by the implementations the package declares; read
from their bodies), is reported when `p` is read after the call and the function never assigns
`p`: whenever the caller's slice has spare capacity the appended slice is the caller's array, so
`f`'s writes change elements that `p` (and the caller) still show. A rewrite such as
`addr[i] = index` meant for the temporary address lands in the caller's address.

A method with a value receiver `r` of slice type that returns `append(r[lo:hi], ...)` writes
into the caller's array instead: the caller's slice keeps its length (the method cannot change
it) while the append overwrites the elements after the window in the array both share, as
`return append(ls[:i], ls[i+1:]...)` leaves the caller's labels with one shifted and one
duplicated. This is reported unless the package shows that the type's slices are changed in
place or handed back for the caller to store: a call `x = x.M(...)` stores the result over its
receiver, or a value-receiver method of the type writes an element of its receiver with a new
value (a permutation such as `sort.Interface`'s `Swap` does not count) or returns `append(r, ...)`.

A slice `s` declared before a loop and assigned nowhere in it, appended to on every iteration
(`append(s, x)`) with each result kept past its iteration — appended (not spread) to a slice
declared outside the loop, stored in an element of a map or slice declared outside it, or sent on
a channel, directly or inside composite literals (also through `&`, and through a variable of the
loop body that holds one) — is reported when `s` can have spare capacity: it is a parameter, or
some assignment gives it anything but a composite literal, `nil` or `make([]T, n)`. Every result
starts at `s`'s array with `s`'s length, so with spare capacity they are all one array: each
iteration writes the same elements, and every result kept so far shows the last iteration's
values, as a metric name appended to common labels for each series ends up on all of them.

A function whose every return is `append(p, ...)` (or a conversion of it) on a parameter `p` it
never assigns hands the caller `p`'s own array whenever `p` has spare capacity. It is reported,
on that append, when a composite literal of the package keeps two of its results built on the same
variable with different other arguments (`{a: child(root, "x"), b: child(root, "y")}`) and that
variable can have spare capacity (as above): the second call overwrites the elements the first
result shows, as two cgroup names derived from one parent end with the same last part.

**Why.** `a[lo:hi]` keeps `a`'s capacity: while it lasts, `append` writes into `a`'s own array,
at `a[hi]`, `a[hi+1]`, ... — elements `a` still shows. Nothing fails: `a` silently holds the
appended values instead of its own, the aliasing half of the sub-slice trap.

```go
path := []string{"a", "b", "c"}
parent := path[:2]
sibling := append(parent, "d") // writes "d" into path[2]
fmt.Println(path)               // [a b d]
// fixed: cap the window, the append copies
parent := path[:2:2]
```

**Fix.** For the appended parameter, `append(p[:len(p):len(p)], x)` (unsafe: it changes which
array the callee writes); for the slice appended to in a loop, `append(s[:len(s):len(s)], x)`
(unsafe: the results stop sharing `s`'s array), and the same clip of `p` in the function that
returns the append (unsafe). For a sub-slice held in a local variable whose other uses only read it (`len`, index
reads, `range`, further `b = append(b, ...)`), `a[lo:hi]` becomes `a[lo:hi:hi]` (safe): the
capacity ends at the window, so the first append copies to a new array and `a` keeps its
elements. Elements of the window are still shared before the first append; afterwards the
variable holds the copy, which nothing else saw, since it was only read. Otherwise (the window
is written to, passed on, returned, or appended to directly or by a callee) the same edit is
offered as unsafe: code may rely on writes through the window reaching `a`. The receiver's window
gets the same unsafe edit.

**Quiet when** the capacity is capped (`a[lo:hi:hi]`), the window runs to the end
(`a[lo:]`, `a[:len(a)]`), the window is empty (`a[:0]`, `a[i:i]`: the storage is asked for on
purpose, to fill a buffer in place as in `k.AppendTo(buf[:0])` or to filter it), `a` is not read
after the append on any path (a write `a[i] = v`, the destination of `copy`, `len` and `cap` are
not reads, nor is cutting the same window again, nor a re-slice that starts past the values
appended, as `a[hi+4:]` after appending four values to `a[:hi]`, nor a read `a[pos+k:]` or
`a[pos+k]` when the window ends at an offset from the same variable, `a[pos : pos+8]`, `pos`
changes only by constant steps (`pos += 13`, `pos++`) in between, and on every path the read
starts past the values appended (the window's variable appended to once and assigned nowhere
else); reassigning `a`, as in
`a = append(a[:i], a[i+1:]...)`, ends it), or the append goes to a variable that was given a fresh
slice first, or the call of a function that appends to its parameter drops the result the
function returns (`h.Sum(buf[:8])` as a statement: the call is made for what it writes after the
window, as a checksum written behind a header in one buffer). Fields, package variables and
strings are left alone. A receiver's window is left alone
when capped (`r[:i:i]`) or empty (`r[:0]`); a pointer receiver replaces the caller's slice on
purpose. The appended parameter is left alone when the function gives it a new value anywhere (as
`p = append([]T(nil), p...)`, which makes the array its own), when it is a result or a local, when
the callee writes elements only in a function literal or a goroutine, or when `p` is not read after
the call. The loop's append is left alone when `s` is assigned in the loop (`s = append(s, x)`
grows it), its capacity is its length (a composite literal, `nil`, `make([]T, n)`), the result is
used only within its iteration (`m[string(append(prefix, k...))]`), replaced by the next one,
handed to a call or spread (`append(all, append(s, x)...)` copies the elements), the block that
keeps it also leaves the loop (`break`, `return`), or the values appended are the same on every
iteration (constants, variables the loop neither declares nor assigns, no function calls): the
results then agree on every element they share. The returned append is left alone when some return
of the function is anything else, `p` is variadic or assigned, and when no composite literal keeps
two results built on one variable with different other arguments.
)md",
    .severity = Severity::warning,
};

class AppendAlias final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;
    for (const PassFile& file : pass.files()) {
      if (!file.parsed || !file.parsed->file) continue;
      support::CfgCache graphs(pass.sema());
      for (const Decl* decl : file.parsed->file->decls) {
        if (!is<FuncDecl>(decl) || !support::func_body(decl)) continue;
        // Every report starts from a window (a slice expression) or an append call.
        if (!support::may_hold(file, decl, Kind::SliceExpr) && !support::may_name(file, decl, facts::Word::append))
          continue;
        // Each function and literal on its own graph.
        std::vector<const Node*> functions;
        support::for_each_node(decl, [&](const Node* n) {
          if (is<FuncDecl>(n) || is<FuncLit>(n)) functions.push_back(n);
        });
        for (const Node* fn : functions) FunctionCheck(pass, file, graphs, fn, decl).run();
      }
    }
  }

 private:
  class FunctionCheck {
   public:
    FunctionCheck(const Pass& pass, const PassFile& file, support::CfgCache& graphs, const Node* fn, const Node* decl)
        : pass_(pass), info_(pass.sema()), file_(file), fn_(fn), decl_(decl), graphs_(graphs) {}

    void run() {
      if (auto* fd = as<FuncDecl>(fn_)) returned_append(fd);
      support::inspect(support::func_body(fn_), [&](const Node* n, std::span<const Node* const> anc) {
        if (is<FuncLit>(n)) return Visit::skip;
        if (auto* a = as<AssignStmt>(n)) {
          if (a->lhs.size() == a->rhs.size())
            for (size_t i = 0; i < a->lhs.size(); ++i) alias_definition(n, a->lhs[i], a->rhs[i], anc);
        } else if (auto* v = as<ValueSpec>(n)) {
          if (v->names.size() == v->values.size() && anc.size() >= 2 && is<DeclStmt>(anc[anc.size() - 2]))
            for (size_t i = 0; i < v->names.size(); ++i)
              alias_definition(anc[anc.size() - 2], v->names[i], v->values[i], anc.first(anc.size() - 2));
        } else if (auto* call = as<CallExpr>(n)) {
          direct_append(call, anc);
          callee_appends(call, anc);
          callee_writes_appended(call, anc);
          kept_in_loop(call, anc);
        }
        return Visit::descend;
      });
    }

   private:
    const sema::Object* var_of(const Expr* e) const {
      auto* id = as<Ident>(support::unparen(e));
      const sema::Object* o = id ? info_->object_of(id) : nullptr;
      return o && o->kind == sema::ObjectKind::Var ? o : nullptr;
    }

    bool is_builtin(const Expr* fun, sema::Builtin which) const {
      auto* f = as<Ident>(support::unparen(fun));
      const sema::Object* o = f ? info_->use_of(f) : nullptr;
      return o && o->kind == sema::ObjectKind::Builtin && o->builtin == which;
    }

    bool is_append_to(const Node* n, const sema::Object* b) const {
      auto* call = as<CallExpr>(n);
      return call && is_builtin(call->fun, sema::Builtin::Append) && !call->args.empty() &&
             var_of(call->args[0]) == b;
    }

    // The base variable of a window whose appends write into it; null when not one this rule
    // follows (fields and package variables: other code may read them at any time).
    const sema::Object* local_window_base(const SliceExpr* s) const {
      // An empty window (x[:0], x[i:i]) asks for x's storage on purpose: filling a buffer in
      // place (k.AppendTo(buf[:0]), h.Sum(key[:0])) or filtering it (kept := x[:0]).
      auto lo = s->low ? support::const_int(pass_, s->low) : std::optional<int64_t>(0);
      auto hi = s->high ? support::const_int(pass_, s->high) : std::nullopt;
      if (lo && hi && *lo == *hi) return nullptr;
      if (s->low && s->high && support::text_of(file_, s->low) == support::text_of(file_, s->high)) return nullptr;
      const sema::Object* base = support::window_base(info_, s);
      if (!base || base->package_level || !base->ident || !support::contains(fn_, base->ident)) return nullptr;
      if (auto* at = sema::underlying(base->type); at && at->is(sema::TypeKind::Array) && at->length >= 0) {
        if (auto hi = support::const_int(pass_, s->high); hi && *hi >= at->length) return nullptr;
      }
      return base;
    }

    // b := a[lo:hi]: every append to b reached before b is given another slice.
    void alias_definition(const Node* stmt, const Expr* lhs, const Expr* rhs, std::span<const Node* const> anc) {
      auto* s = as<SliceExpr>(support::unparen(rhs));
      if (!s) return;
      const sema::Object* base = local_window_base(s);
      const sema::Object* b = var_of(lhs);
      if (!base || !b || b == base || b->package_level) return;
      const Node* from = support::cfg_node_of(cfg(), stmt, anc);
      if (!from) return;
      auto appends = support::reached_before(
          cfg(), from,
          [&](const Node* n) { return contains_call(n, [&](const Node* c) { return is_append_to(c, b); }); },
          [&](const Node* n) { return reassigns(n, b, /*except_append=*/true) || reassigns(n, base, false); });
      for (const Node* at : appends) {
        const CallExpr* call = find_call(at, [&](const Node* c) { return is_append_to(c, b); });
        if (!call || assigns(at, base)) continue;
        if (check_reads(s, base, at, call, "append to " + std::string(b->name), fix_for_variable(s, b), from, b))
          return;
      }
    }

    // c := append(a[lo:hi], ...)
    void direct_append(const CallExpr* call, std::span<const Node* const> anc) {
      if (!is_builtin(call->fun, sema::Builtin::Append) || call->args.empty()) return;
      auto* s = as<SliceExpr>(support::unparen(call->args[0]));
      const sema::Object* base = s ? local_window_base(s) : nullptr;
      if (!base) return;
      if (!anc.empty() && is<ReturnStmt>(anc.back()) && value_receiver(base) &&
          (call->args.size() >= 2 || valid(call->ellipsis))) {
        report_receiver(s, base, call);
        return;
      }
      const Node* at = support::cfg_node_of(cfg(), call, anc);
      if (!at || assigns(at, base)) return;
      check_reads(s, base, at, call, "this append", unsafe_fix(s));
    }

    // `base` is the slice value receiver of the method being checked, never assigned in it, and
    // nothing in the package shows that the type's values are changed in place or handed back for
    // the caller to store (facts/slices.h): then the caller keeps its slice as it was.
    bool value_receiver(const sema::Object* base) const {
      auto* fd = as<FuncDecl>(fn_);
      const sema::Object* named = facts::value_receiver_type(info_, fd);
      if (!named) return false;
      bool is_recv = false;
      for (const Ident* id : fd->recv->list[0]->names) is_recv |= info_->def_of(id) == base;
      const sema::Type* t = is_recv ? sema::underlying(base->type) : nullptr;
      if (!t || !t->is(sema::TypeKind::Slice)) return false;
      bool assigned = false;
      support::for_each_node(fd->body, [&](const Node* n) {
        if (auto* a = as<AssignStmt>(n))
          for (const Expr* l : a->lhs) assigned |= var_of(l) == base;
        if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) assigned |= var_of(u->x) == base;
      });
      if (assigned) return false;
      std::vector<const File*> files;
      for (const PassFile& f : pass_.files())
        if (f.parsed && f.parsed->file) files.push_back(f.parsed->file);
      if (facts::slice_type_changed_in_place(info_, files, named)) return false;
      const sema::Object* method = fd->name ? info_->def_of(fd->name) : nullptr;
      return !facts::result_stored_over_receiver(info_, files, method);
    }

    Finding finding_at(const Node* n) const {
      Finding f;
      f.path = std::string(file_.path);
      f.start = n->pos();
      f.end = n->end();
      return f;
    }

    // return append(r[lo:hi], ...) in a method with a value receiver r: the caller's slice keeps
    // its length and shows what the append wrote over its elements.
    void report_receiver(const SliceExpr* s, const sema::Object* base, const CallExpr* call) {
      if (!reported_.insert(s).second) return;
      std::string a(base->name);
      std::string window(support::text_of(file_, s));
      Finding f = finding_at(call);
      f.message = "this append writes into the caller's backing array: the method has a value receiver, so the "
                  "caller's slice keeps its length while the values appended to " + window +
                  " overwrite the elements of " + a + " after the window; cap the window (" + capped_text(s) +
                  ") so the append copies";
      f.related.push_back({std::string(file_.path), s->pos(), s->end(),
                           window + " shares the backing array of the caller's " + a});
      if (auto fix = unsafe_fix(s)) f.fixes.push_back(std::move(*fix));
      pass_.report(std::move(f));
      found_at_.insert(call);
    }

    // f(a[lo:hi]) where f appends to that parameter in place.
    void callee_appends(const CallExpr* call, std::span<const Node* const> anc) {
      if (call->args.empty()) return;
      // The result dropped (`h.Sum(buf[:8])` as a statement): the caller made the call for what it
      // writes into the array, the appended slice itself is never looked at. Only for a callee
      // with results: one without has no result to keep.
      bool dropped = !anc.empty() && is<ExprStmt>(anc.back());
      const FuncDecl* decl = nullptr;
      for (size_t i = 0; i < call->args.size(); ++i) {
        auto* s = as<SliceExpr>(support::unparen(call->args[i]));
        const sema::Object* base = s ? local_window_base(s) : nullptr;
        if (!base) continue;
        if (!decl) decl = support::callee_decl(pass_, call);
        const sema::Object* callee = support::static_callee(pass_, call);
        if (!decl || !callee || valid(call->ellipsis)) return;
        auto param = support::param_of_arg(pass_, call, i);
        if (!param || param->variadic || !support::appends_to_param(callee->package(), decl, param->index)) continue;
        if (dropped && decl->type && decl->type->results && !decl->type->results->list.empty()) continue;
        const Node* at = support::cfg_node_of(cfg(), call, anc);
        if (!at || assigns(at, base)) continue;
        check_reads(s, base, at, call,
                    std::string(support::callee_name(call)) + ", which appends to its parameter " +
                        std::string(param->name) + ",",
                    unsafe_fix(s));
      }
    }

    // f(append(s, x)) where f writes elements of that parameter (facts/summary.h): when s has
    // spare capacity the appended slice is s's own array, so f's writes change s's elements,
    // and s is read after the call.
    void callee_writes_appended(const CallExpr* call, std::span<const Node* const> anc) {
      facts::Summaries* summaries = pass_.summaries();
      if (!summaries || call->args.empty() || valid(call->ellipsis)) return;
      for (size_t i = 0; i < call->args.size(); ++i) {
        auto* app = as<CallExpr>(support::unparen(call->args[i]));
        if (!app || !is_builtin(app->fun, sema::Builtin::Append) || app->args.size() < 2) continue;
        const sema::Object* s = var_of(app->args[0]);
        const sema::Type* t = s ? sema::underlying(s->type) : nullptr;
        if (!s || !t || !t->is(sema::TypeKind::Slice) || !untouched_param(s)) continue;
        if (!reported_calls_.insert(app).second) continue;
        const sema::Object* callee = facts::callee_of(info_, call);
        if (!callee || callee->kind != sema::ObjectKind::Func) return;
        auto param = support::param_of_arg(pass_, call, i);
        if (!param || param->variadic) continue;
        const facts::FuncSummary* summary = summaries->of_dispatched(callee);
        if (!summary || param->index >= summary->params.size() ||
            !(summary->params[param->index] & facts::kElemWritten))
          continue;
        const Node* at = support::cfg_node_of(cfg(), call, anc);
        if (!at || assigns(at, s)) continue;
        auto reads = support::reached_before(
            cfg(), at, [&](const Node* n) { return reads_var(n, s); },
            [&](const Node* n) { return reassigns(n, s, false); });
        if (reads.empty()) continue;
        // A read after the call rather than the call's own in the next iteration, when there is one.
        const Node* read_node = reads.front();
        for (const Node* r : reads)
          if (r != at) {
            read_node = r;
            break;
          }
        const Ident* read_id = first_read(read_node, s);
        const Node* read = read_id ? static_cast<const Node*>(read_id) : read_node;
        std::string when = read_node == at ? " by the next iteration" : "";
        std::string v(s->name);
        std::string callee_text(support::callee_name(call));
        std::string appended(support::text_of(file_, app));
        Finding f = finding_at(app);
        f.message = callee_text + " can write elements of its parameter " + std::string(param->name) + ", and " +
                    appended + " shares " + v + "'s backing array whenever " + v +
                    " has spare capacity: those writes then change the elements of the caller's array " + v +
                    " shows, and " + v +
                    " is read again" + when + " on line " + std::to_string(file_.parsed->lines.at(read->pos()).line) +
                    "; clip " + v + " (" + v + "[:len(" + v + "):len(" + v + ")]) so the append copies";
        f.related.push_back({std::string(file_.path), read->pos(), read->end(), v + " is read here after the call"});
        f.fixes.push_back(clip_fix(app->args[0], v));
        pass_.report(std::move(f));
        found_at_.insert(app);
      }
    }

    // for ... { kept = append(kept, T{f: append(s, x)}) }: s, a slice declared before the loop
    // and assigned nowhere in it, is appended to on every iteration and each result is kept past
    // its iteration. The results all start at s's array with s's length, so whenever s has spare
    // capacity they are one array and each iteration's append overwrites what the earlier
    // results show.
    void kept_in_loop(const CallExpr* call, std::span<const Node* const> anc) {
      // One finding per append: a window's or a parameter's finding already names it.
      if (found_at_.count(call) || !is_builtin(call->fun, sema::Builtin::Append) || call->args.size() < 2) return;
      // append's first argument is a slice, also when its element type is not known.
      const sema::Object* s = var_of(call->args[0]);
      if (!s || s->package_level || !s->ident || !support::contains(decl_, s->ident)) return;
      const Node* loop = nullptr;
      const BlockStmt* block = nullptr;  // the innermost block around the append, inside the loop
      for (size_t k = anc.size(); k-- > 0 && !loop;) {
        if (auto* b = as<BlockStmt>(anc[k]); b && !block) block = b;
        if (is<ForStmt>(anc[k]) || is<RangeStmt>(anc[k])) loop = anc[k];
      }
      if (!loop || !block) return;
      const BlockStmt* body = is<ForStmt>(loop) ? as<ForStmt>(loop)->body : as<RangeStmt>(loop)->body;
      if (!body || !support::contains(body, call) || support::contains(loop, s->ident)) return;
      // Only one result is kept when the iteration that keeps it also leaves the loop.
      for (const Stmt* st : block->list)
        if (is<ReturnStmt>(st) || (is<BranchStmt>(st) && as<BranchStmt>(st)->tok == Tok::BREAK)) return;
      if (changed_in(loop, s) || !may_have_spare_capacity(s)) return;
      // Values that are the same on every iteration write the same elements: the results agree.
      bool varies = false;
      for (size_t i = 1; i < call->args.size(); ++i) varies |= varies_in(loop, call->args[i]);
      if (!varies) return;
      const Node* keeper = kept_past_iteration(call, anc, loop, body, 0);
      if (!keeper || !found_at_.insert(call).second) return;
      std::string v(s->name);
      uint32_t line = file_.parsed->lines.at(keeper->pos()).line;
      Finding f = finding_at(call);
      f.message = "this append writes into the backing array of " + v + " on every iteration, and line " +
                  std::to_string(line) + " keeps each result past its iteration: whenever " + v +
                  " has spare capacity the results share that array, so each iteration overwrites the values "
                  "appended by the earlier ones; clip " + v + " (" + v + "[:len(" + v + "):len(" + v +
                  ")]) so each append copies";
      f.related.push_back({std::string(file_.path), keeper->pos(), keeper->end(),
                           "the result is kept here past the iteration"});
      f.related.push_back({std::string(file_.path), s->ident->pos(), s->ident->end(),
                           v + " is declared before the loop and not assigned in it"});
      f.fixes.push_back(clip_fix(call->args[0], v));
      pass_.report(std::move(f));
    }

    // `e` can have another value on another iteration of `loop`: it reads a variable declared or
    // changed in the loop, or calls a function (conversions and builtins do not count).
    bool varies_in(const Node* loop, const Expr* e) const {
      bool varies = false;
      support::for_each_node(e, [&](const Node* n) {
        if (varies) return;
        if (auto* id = as<Ident>(n)) {
          const sema::Object* o = info_->use_of(id);
          if (o && o->kind == sema::ObjectKind::Var && o->ident &&
              (support::contains(loop, o->ident) || changed_in(loop, o)))
            varies = true;
        } else if (auto* c = as<CallExpr>(n)) {
          const Expr* f = support::unparen(c->fun);
          if (auto* sel = as<SelectorExpr>(f)) f = sel->sel;
          auto* id = as<Ident>(f);
          const sema::Object* o = id ? info_->use_of(id) : nullptr;
          bool conversion_or_builtin = o ? (o->kind == sema::ObjectKind::TypeName || o->kind == sema::ObjectKind::Builtin)
                                         : !id;  // []byte(x), *T(x): a type written out
          if (!conversion_or_builtin) varies = true;
        }
      });
      return varies;
    }

    // The append of `fd`'s returns and the index of its parameter p, when every return (outside
    // function literals) is `append(p, x...)` or a conversion of it, p is not variadic and `fd`
    // assigns it nowhere: the result is p's own array whenever p has spare capacity.
    std::optional<std::pair<const CallExpr*, size_t>> returns_appended_param(const FuncDecl* fd) const {
      if (!fd->body || !fd->type || !fd->type->params) return std::nullopt;
      const sema::Object* p = nullptr;
      const CallExpr* first = nullptr;
      bool ok = true;
      support::inspect(fd->body, [&](const Node* n, std::span<const Node* const>) {
        if (is<FuncLit>(n)) return Visit::skip;
        auto* r = as<ReturnStmt>(n);
        if (!r) return Visit::descend;
        auto* c = as<CallExpr>(r->results.size() == 1 ? unconverted(r->results[0]) : nullptr);
        const sema::Object* v = c && is_builtin(c->fun, sema::Builtin::Append) && c->args.size() >= 2
                                    ? var_of(c->args[0])
                                    : nullptr;
        if (!v || (p && v != p)) {
          ok = false;
          return Visit::stop;
        }
        p = v;
        if (!first) first = c;
        return Visit::skip;
      });
      if (!ok || !p || !untouched_param(p)) return std::nullopt;
      size_t index = 0;
      for (const Field* field : fd->type->params->list) {
        for (const Ident* name : field->names) {
          if (info_->def_of(name) == p) {
            if (is<Ellipsis>(field->type)) return std::nullopt;
            return std::pair{first, index};
          }
          ++index;
        }
        if (field->names.empty()) ++index;
      }
      return std::nullopt;
    }

    // A function that returns append(p, ...), called twice in one composite literal of the package
    // with the same variable for p and other arguments that differ: both results start at that
    // variable's array with its length, so whenever it has spare capacity the second call
    // overwrites the elements the first result shows.
    void returned_append(const FuncDecl* fd) {
      auto ret = returns_appended_param(fd);
      const sema::Object* self = fd->name ? info_->def_of(fd->name) : nullptr;
      if (!ret || !self) return;
      auto [app, index] = *ret;
      std::vector<const PassFile*> files;  // the package's code before its tests
      for (int tests = 0; tests < 2; ++tests)
        for (const PassFile& f : pass_.files())
          if (f.parsed && f.parsed->file && std::string_view(f.path).ends_with("_test.go") == (tests == 1))
            files.push_back(&f);
      for (const PassFile* fp : files) {
        const PassFile& f = *fp;
        if (!support::may_mention(f, nullptr, fd->name->name)) continue;
        const CallExpr* first = nullptr;
        const CallExpr* second = nullptr;
        const sema::Object* base = nullptr;
        const Node* scope = nullptr;  // the declaration being walked
        auto visit = [&](const Node* n) {
          auto* lit = as<CompositeLit>(n);
          if (!lit || second) return;
          std::vector<std::pair<const CallExpr*, const sema::Object*>> calls;
          for (const Expr* e : lit->elts) {
            if (auto* kv = as<KeyValueExpr>(e)) e = kv->value;
            auto* c = as<CallExpr>(support::unparen(e));
            if (!c || valid(c->ellipsis) || index >= c->args.size() || support::static_callee(pass_, c) != self)
              continue;
            const sema::Object* v = var_of(c->args[index]);
            if (!v || !may_have_spare_capacity(v, scope)) continue;
            for (auto [prev, pv] : calls) {
              if (pv != v || !other_args_differ(f, prev, c, index)) continue;
              first = prev, second = c, base = v;
              return;
            }
            calls.push_back({c, v});
          }
        };
        for (const Decl* d : f.parsed->file->decls) {
          scope = d;
          support::for_each_node(d, visit);
        }
        if (!second) continue;
        std::string p(support::text_of(file_, app->args[0]));
        std::string name(fd->name->name);
        uint32_t line = f.parsed->lines.at(second->pos()).line;
        std::string where = &f == &file_ ? "line " + std::to_string(line)
                                         : std::string(f.path) + ":" + std::to_string(line);
        Finding out = finding_at(app);
        out.message = name + " returns an append to its parameter " + p + ", and " + where +
                      " keeps two of its results built on one " + std::string(base->name) +
                      ": whenever that slice has spare capacity both results are its array, so the second call "
                      "overwrites the elements the first one appended; clip " + p + " (" + p + "[:len(" + p +
                      "):len(" + p + ")]) so each call copies";
        out.related.push_back({std::string(f.path), first->pos(), first->end(), "the first result, built on " +
                                                                                   std::string(base->name)});
        out.related.push_back({std::string(f.path), second->pos(), second->end(),
                               "the second result, appended into the same array"});
        out.fixes.push_back(clip_fix(app->args[0], p));
        pass_.report(std::move(out));
        return;
      }
    }

    // `e` without parentheses and without one conversion around it (`[]byte(x)` is x).
    const Expr* unconverted(const Expr* e) const {
      e = support::unparen(e);
      if (auto* conv = as<CallExpr>(e);
          conv && conv->args.size() == 1 && !valid(conv->ellipsis) && support::denotes_type(pass_, conv->fun))
        e = support::unparen(conv->args[0]);
      return e;
    }

    // The unsafe fix that caps `slice`, spelled `v`, at its length, so that appending to it copies.
    static Fix clip_fix(const Expr* slice, const std::string& v) {
      Edit clip{slice->end(), slice->end(), "[:len(" + v + "):len(" + v + ")]"};
      return Fix{"Clip the slice so that appending copies it", {clip}, FixSafety::unsafe};
    }

    // Calls `a` and `b` differ in some argument other than `skip` (as written).
    bool other_args_differ(const PassFile& f, const CallExpr* a, const CallExpr* b, size_t skip) const {
      if (a->args.size() != b->args.size()) return true;
      for (size_t i = 0; i < a->args.size(); ++i)
        if (i != skip && support::text_of(f, a->args[i]) != support::text_of(f, b->args[i])) return true;
      return false;
    }

    // `loop` assigns v, takes its address or ranges into it.
    bool changed_in(const Node* loop, const sema::Object* v) const {
      bool changed = false;
      support::for_each_node(loop, [&](const Node* n) {
        if (auto* a = as<AssignStmt>(n))
          for (const Expr* l : a->lhs) changed |= var_of(l) == v;
        if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) changed |= var_of(u->x) == v;
        if (auto* r = as<RangeStmt>(n)) changed |= var_of(r->key) == v || var_of(r->value) == v;
      });
      return changed;
    }

    // Some value of v can have more capacity than length: v is a parameter, or some assignment
    // gives it anything but a composite literal, nil or make([]T, n) (whose capacity is the length).
    bool may_have_spare_capacity(const sema::Object* v) const { return may_have_spare_capacity(v, decl_); }

    // The same, reading the assignments of `scope` (every file of the package for a package
    // variable).
    bool may_have_spare_capacity(const sema::Object* v, const Node* scope) const {
      if (v->is_param) return true;
      auto exact = [&](const Expr* e) {
        e = unconverted(e);
        if (is<CompositeLit>(e)) return true;
        if (auto* id = as<Ident>(e)) {
          const sema::Object* o = info_->use_of(id);
          return o && o->kind == sema::ObjectKind::Nil;
        }
        auto* c = as<CallExpr>(e);
        if (!c || !is_builtin(c->fun, sema::Builtin::Make)) return false;
        return c->args.size() == 2 || (c->args.size() == 3 && same_text(c->args[1], c->args[2]));
      };
      bool spare = false;
      auto scan = [&](const Node* n) {
        if (auto* a = as<AssignStmt>(n)) {
          for (size_t i = 0; i < a->lhs.size(); ++i) {
            if (var_of(a->lhs[i]) != v) continue;
            spare |= a->lhs.size() != a->rhs.size() || (a->tok != Tok::ASSIGN && a->tok != Tok::DEFINE) ||
                     !exact(a->rhs[i]);
          }
        } else if (auto* vs = as<ValueSpec>(n)) {
          for (size_t i = 0; i < vs->names.size(); ++i) {
            if (info_->def_of(vs->names[i]) != v || vs->values.empty()) continue;
            spare |= vs->values.size() != vs->names.size() || !exact(vs->values[i]);
          }
        } else if (auto* r = as<RangeStmt>(n)) {
          spare |= var_of(r->key) == v || var_of(r->value) == v;
        }
      };
      if (v->package_level) {
        for (const PassFile& f : pass_.files())
          if (f.parsed && f.parsed->file) support::for_each_node(f.parsed->file, scan);
      } else {
        support::for_each_node(scope, scan);
      }
      return spare;
    }

    // The variable an lvalue or container expression stores into (x in x, x[i], x.f, *x), or null.
    const sema::Object* root_var(const Expr* e) const {
      for (;;) {
        e = support::unparen(e);
        if (auto* ix = as<IndexExpr>(e)) e = ix->x;
        else if (auto* sel = as<SelectorExpr>(e)) e = sel->x;
        else if (auto* st = as<StarExpr>(e)) e = st->x;
        else break;
      }
      return var_of(e);
    }

    // The node that keeps the value `e` (whose ancestors are `anc`) past the iteration of `loop`:
    // an append of it (not spread) to a slice declared outside the loop, a store into an element
    // of a map or slice declared outside it, a send; through composite literals, `&`, and (once)
    // a variable of the loop body defined by it. Null when the value is only used within the
    // iteration, replaced by the next one, or handed to a call.
    const Node* kept_past_iteration(const Node* e, std::span<const Node* const> anc, const Node* loop,
                                    const BlockStmt* body, int depth) const {
      auto outside = [&](const Expr* x) {
        const sema::Object* o = root_var(x);
        return o && o->ident && !support::contains(loop, o->ident);
      };
      const Node* cur = e;
      for (size_t k = anc.size(); k-- > 0;) {
        const Node* p = anc[k];
        if (p == loop) return nullptr;
        if (auto* pe = as<ParenExpr>(p); pe && pe->x == cur) {
          cur = p;
        } else if (auto* kv = as<KeyValueExpr>(p); kv && kv->value == cur) {
          cur = p;
        } else if (auto* cl = as<CompositeLit>(p)) {
          bool elt = false;
          for (const Expr* x : cl->elts) elt |= x == cur;
          if (!elt) return nullptr;
          cur = p;
        } else if (auto* u = as<UnaryExpr>(p); u && u->op == Tok::AND && u->x == cur) {
          cur = p;
        } else if (auto* c = as<CallExpr>(p)) {
          if (!is_builtin(c->fun, sema::Builtin::Append) || valid(c->ellipsis) || c->args.empty() ||
              c->args[0] == cur || !outside(c->args[0]))
            return nullptr;
          return p;
        } else if (auto* a = as<AssignStmt>(p)) {
          if (a->lhs.size() != a->rhs.size()) return nullptr;
          for (size_t i = 0; i < a->rhs.size(); ++i) {
            if (a->rhs[i] != cur) continue;
            const Expr* l = support::unparen(a->lhs[i]);
            if (is<IndexExpr>(l)) return outside(l) ? p : nullptr;
            const sema::Object* v = var_of(l);
            if (depth > 0 || a->tok != Tok::DEFINE || !v || !v->ident || !support::contains(body, v->ident))
              return nullptr;
            return kept_through(v, loop, body);
          }
          return nullptr;
        } else if (auto* send = as<SendStmt>(p); send && send->value == cur) {
          return p;
        } else {
          return nullptr;
        }
      }
      return nullptr;
    }

    // The first use of `v` (defined in the loop's body) that keeps its value past the iteration.
    const Node* kept_through(const sema::Object* v, const Node* loop, const BlockStmt* body) const {
      const Node* keeper = nullptr;
      std::vector<const Node*> path;
      support::inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
        if (keeper) return Visit::stop;
        auto* id = as<Ident>(n);
        if (!id || info_->use_of(id) != v || info_->def_of(id) == v) return Visit::descend;
        path.assign(anc.begin(), anc.end());
        path.insert(path.begin(), loop);  // the walk up stops at the loop
        keeper = kept_past_iteration(id, path, loop, body, 1);
        return keeper ? Visit::stop : Visit::descend;
      });
      return keeper;
    }

    // `v` is a parameter (not a result) of this function or one it sits in, and no code of the
    // declaration assigns it or takes its address: its array is the caller's.
    bool untouched_param(const sema::Object* v) const {
      if (!v->is_param || v->package_level || !v->ident) return false;
      bool param = false, touched = false;
      support::for_each_node(decl_, [&](const Node* n) {
        const FuncType* type = nullptr;
        if (auto* fd = as<FuncDecl>(n)) type = fd->type;
        if (auto* fl = as<FuncLit>(n)) type = fl->type;
        if (type && type->params && type->params->pos() <= v->ident->pos() && v->ident->end() <= type->params->end())
          param = true;
        if (auto* a = as<AssignStmt>(n))
          for (const Expr* l : a->lhs) touched |= var_of(l) == v;
        if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) touched |= var_of(u->x) == v;
        if (auto* r = as<RangeStmt>(n)) touched |= var_of(r->key) == v || var_of(r->value) == v;
      });
      return param && !touched;
    }

    // Reports when `base` is read after `at` on some path. True when reported.
    // `def` is the node that evaluates the window, `held` the variable holding it (null when the
    // window is appended to directly).
    bool check_reads(const SliceExpr* s, const sema::Object* base, const Node* at, const CallExpr* call,
                     const std::string& who, std::optional<Fix> fix, const Node* def = nullptr,
                     const sema::Object* held = nullptr) {
      if (!reported_.insert(s).second) return true;
      window_ = s;
      appended_ = -1;
      if (is_builtin(call->fun, sema::Builtin::Append) && !valid(call->ellipsis))
        appended_ = int64_t(call->args.size()) - 1;
      if (is_builtin(call->fun, sema::Builtin::Append) && valid(call->ellipsis) && call->args.size() == 2)
        appended_ = spread_length(call->args[1]).value_or(-1);
      set_region(def ? def : at, held, call);
      auto reads = support::reached_before(
          cfg(), at,
          [&](const Node* n) { return reads_var(n, base); },
          [&](const Node* n) { return reassigns(n, base, false); });
      const Ident* read_id = reads.empty() ? nullptr : first_read(reads.front(), base);
      offsets_.clear();
      offset_var_ = nullptr;
      if (reads.empty()) {
        window_ = nullptr;
        reported_.erase(s);
        return false;
      }
      const Node* read = reads.front();
      window_ = nullptr;
      std::string a(base->name);
      std::string window(support::text_of(file_, s));
      Finding f = finding_at(call);
      uint32_t read_line = file_.parsed->lines.at(read_id ? read_id->pos() : read->pos()).line;
      f.message = who + " writes into the backing array of " + a + ": " + window +
                  " keeps its capacity, so the appended values overwrite the elements of " + a +
                  " after the window, and " + a + " is read again on line " + std::to_string(read_line) +
                  "; cap the window (" + capped_text(s) + ") so the append copies";
      f.related.push_back({std::string(file_.path), s->pos(), s->end(),
                           window + " shares the backing array of " + a});
      uint32_t rpos = read_id ? read_id->pos() : read->pos();
      uint32_t rend = read_id ? read_id->end() : read->end();
      f.related.push_back({std::string(file_.path), rpos, rend, a + " is read here after the append"});
      if (fix) f.fixes.push_back(std::move(*fix));
      pass_.report(std::move(f));
      found_at_.insert(call);
      return true;
    }

    std::string capped_text(const SliceExpr* s) const {
      std::string x(support::text_of(file_, s->x));
      std::string lo = s->low ? std::string(support::text_of(file_, s->low)) : "";
      std::string hi(support::text_of(file_, s->high));
      return x + "[" + lo + ":" + hi + ":" + hi + "]";
    }

    // The edit to a[lo:hi:hi], when repeating hi is harmless (no call in it).
    std::optional<Edit> cap_edit(const SliceExpr* s) const {
      bool has_call = false;
      support::for_each_node(s->high, [&](const Node* n) { has_call |= is<CallExpr>(n) && !is_builtin(as<CallExpr>(n)->fun, sema::Builtin::Len); });
      if (has_call || !valid(s->rbrack)) return std::nullopt;
      std::string hi(support::text_of(file_, s->high));
      return Edit{s->rbrack, s->rbrack, ":" + hi};
    }

    std::optional<Fix> unsafe_fix(const SliceExpr* s) const {
      auto e = cap_edit(s);
      if (!e) return std::nullopt;
      return Fix{"Cap the sub-slice so that appending copies it", {*e}, FixSafety::unsafe};
    }

    // Safe when the window variable is only read, re-appended to itself, or measured.
    std::optional<Fix> fix_for_variable(const SliceExpr* s, const sema::Object* b) const {
      auto fix = unsafe_fix(s);
      if (!fix) return fix;
      bool only_reads = true;
      support::inspect(fn_, [&](const Node* n, std::span<const Node* const> anc) {
        auto* id = as<Ident>(n);
        if (!id || info_->object_of(id) != b || id == b->ident || anc.empty()) return Visit::descend;
        const Node* parent = anc.back();
        if (auto* call = as<CallExpr>(parent)) {
          if (is_builtin(call->fun, sema::Builtin::Len)) return Visit::descend;
          if (is_builtin(call->fun, sema::Builtin::Append) && call->args.size() > 0 && call->args[0] == id &&
              anc.size() >= 2) {
            auto* a = as<AssignStmt>(anc[anc.size() - 2]);
            if (a && a->lhs.size() == 1 && var_of(a->lhs[0]) == b) return Visit::descend;
          }
          // Printing reads only.
          if (auto* sel = as<SelectorExpr>(support::unparen(call->fun))) {
            auto* pkg = as<Ident>(support::unparen(sel->x));
            const sema::Object* po = pkg ? info_->use_of(pkg) : nullptr;
            if (po && po->kind == sema::ObjectKind::PkgName && po->imported_path == "fmt") return Visit::descend;
          }
          only_reads = false;
        } else if (auto* ix = as<IndexExpr>(parent); ix && ix->x == id) {
          const Node* grand = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
          bool written = false;
          if (auto* a = as<AssignStmt>(grand))
            for (const Expr* l : a->lhs) written |= l == ix;
          if (auto* inc = as<IncDecStmt>(grand)) written |= inc->x == ix;
          if (auto* u = as<UnaryExpr>(grand)) written |= u->op == Tok::AND;
          if (written) only_reads = false;
        } else if (auto* r = as<RangeStmt>(parent); r && r->x == id) {
        } else if (auto* a = as<AssignStmt>(parent)) {
          bool is_lhs = false;
          for (const Expr* l : a->lhs) is_lhs |= l == id;
          if (!is_lhs) only_reads = false;  // copied into another variable
        } else {
          only_reads = false;
        }
        return Visit::descend;
      });
      if (only_reads) fix->safety = FixSafety::safe;
      return fix;
    }

    template <class Pred>
    static bool contains_call(const Node* n, Pred pred) {
      bool found = false;
      support::for_each_executed_part(n, [&](const Node* part) {
        support::inspect(part, [&](const Node* m, std::span<const Node* const>) {
          if (is<FuncLit>(m)) return Visit::skip;
          if (pred(m)) found = true;
          return found ? Visit::stop : Visit::descend;
        });
      });
      return found;
    }

    template <class Pred>
    static const CallExpr* find_call(const Node* n, Pred pred) {
      const CallExpr* found = nullptr;
      support::for_each_executed_part(n, [&](const Node* part) {
        support::inspect(part, [&](const Node* m, std::span<const Node* const>) {
          if (found) return Visit::stop;
          if (is<FuncLit>(m)) return Visit::skip;
          if (pred(m)) found = as<CallExpr>(m);
          return Visit::descend;
        });
      });
      return found;
    }

    // `n` gives variable `v` a new value as a whole (assignment, declaration, range variable).
    // With except_append, `v = append(v, ...)` does not count (v still shares the array).
    bool reassigns(const Node* n, const sema::Object* v, bool except_append) const {
      if (auto* r = as<RangeStmt>(n)) return var_of(r->key) == v || var_of(r->value) == v;
      bool found = false;
      if (auto* a = as<AssignStmt>(n)) {
        for (size_t i = 0; i < a->lhs.size(); ++i) {
          if (var_of(a->lhs[i]) != v) continue;
          if (except_append && a->rhs.size() == a->lhs.size() && is_append_to(support::unparen(a->rhs[i]), v)) continue;
          found = true;
        }
      } else if (auto* d = as<DeclStmt>(n)) {
        support::for_each_node(d, [&](const Node* m) {
          if (auto* id = as<Ident>(m); id && info_->def_of(id) == v) found = true;
        });
      }
      return found;
    }

    bool assigns(const Node* n, const sema::Object* v) const { return reassigns(n, v, false); }

    // The first identifier of `v` that `n` reads (not: the target of an assignment, the base of
    // an element written, an argument of len or cap).
    const Ident* first_read(const Node* n, const sema::Object* v) const {
      if (is<RangeStmt>(n) || is<SelectStmt>(n)) return nullptr;  // writes its variables; cases are nodes
      const Ident* found = nullptr;
      auto offset = offset_var_ ? offsets_.find(n) : offsets_.end();
      std::optional<int64_t> at_offset = offset != offsets_.end() ? offset->second : std::nullopt;
      support::inspect(n, [&](const Node* m, std::span<const Node* const> anc) {
        if (found) return Visit::stop;
        if (is<FuncLit>(m)) return Visit::descend;  // a literal reading v counts as a read
        auto* id = as<Ident>(m);
        if (!id || info_->object_of(id) != v) return Visit::descend;
        if (info_->def_of(id) == v) return Visit::descend;  // declared here, not read
        if (anc.empty()) {
          found = id;  // the node is the identifier: a condition or a range operand
          return Visit::stop;
        }
        const Node* parent = anc.back();
        if (auto* a = as<AssignStmt>(parent)) {
          for (const Expr* l : a->lhs)
            if (l == id) return Visit::descend;
        }
        // The destination of copy is written, not read.
        if (auto* sl = as<SliceExpr>(parent); sl && sl->x == id && anc.size() >= 2)
          if (auto* call = as<CallExpr>(anc[anc.size() - 2]);
              call && is_builtin(call->fun, sema::Builtin::Copy) && !call->args.empty() && call->args[0] == sl)
            return Visit::descend;
        if (auto* call = as<CallExpr>(parent);
            call && is_builtin(call->fun, sema::Builtin::Copy) && !call->args.empty() && call->args[0] == id)
          return Visit::descend;
        // A re-slice observes no element when it is empty (v[:0]) or assigned straight back
        // to v (`v = v[:0]` restarts v, it does not read it).
        if (auto* sl = as<SliceExpr>(parent); sl && sl->x == id) {
          auto hi = sl->high ? support::const_int(pass_, sl->high) : std::nullopt;
          if (hi && *hi == 0) return Visit::descend;
          // The same window again (`buf[:4]` reused each iteration) shows none of what the
          // append wrote behind it.
          if (window_ && same_text(sl->low, window_->low) && same_text(sl->high, window_->high))
            return Visit::descend;
          // A re-slice that starts past the last element the append wrote (`a[hi+4:]` after
          // appending 4 values to `a[:hi]`) shows none of them.
          if (window_ && starts_past_append(sl->low)) return Visit::descend;
          if (past_region(sl->low, at_offset)) return Visit::descend;
          if (anc.size() >= 2)
            if (auto* a = as<AssignStmt>(anc[anc.size() - 2]); a && a->lhs.size() == a->rhs.size())
              for (size_t k = 0; k < a->rhs.size(); ++k)
                if (a->rhs[k] == sl && var_of(a->lhs[k]) == v) return Visit::descend;
        }
        if (auto* ix = as<IndexExpr>(parent); ix && ix->x == id && past_region(ix->index, at_offset))
          return Visit::descend;
        if (auto* ix = as<IndexExpr>(parent); ix && ix->x == id && anc.size() >= 2) {
          if (auto* a = as<AssignStmt>(anc[anc.size() - 2]); a && a->tok == Tok::ASSIGN) {
            for (const Expr* l : a->lhs)
              if (l == ix) return Visit::descend;
          }
        }
        if (auto* call = as<CallExpr>(parent);
            call && (is_builtin(call->fun, sema::Builtin::Len) || is_builtin(call->fun, sema::Builtin::Cap)))
          return Visit::descend;
        found = id;
        return Visit::stop;
      });
      return found;
    }

    // `low` is the window's end plus at least the number of values appended (`hi+k`, or
    // constants with low >= hi+k).
    bool starts_past_append(const Expr* low) const {
      if (!low || appended_ < 0 || !window_->high) return false;
      auto lo_c = support::const_int(pass_, low);
      auto hi_c = support::const_int(pass_, window_->high);
      if (lo_c && hi_c) return *lo_c >= *hi_c + appended_;
      auto* b = as<BinaryExpr>(support::unparen(low));
      if (!b || b->op != Tok::ADD) return false;
      for (auto [x, y] : {std::pair{b->x, b->y}, std::pair{b->y, b->x}}) {
        if (!same_text(support::unparen(x), support::unparen(window_->high))) continue;
        auto c = support::const_int(pass_, y);
        if (c && *c >= appended_) return true;
      }
      return false;
    }

    bool reads_var(const Node* n, const sema::Object* v) const { return first_read(n, v) != nullptr; }

    // `e` as `v + c`, `c + v`, `v - c`, `v` (v a local variable) or a constant `c` (v null).
    std::optional<std::pair<const sema::Object*, int64_t>> linear(const Expr* e) const {
      if (!e) return std::nullopt;
      e = support::unparen(e);
      if (auto c = support::const_int(pass_, e)) return std::pair<const sema::Object*, int64_t>{nullptr, *c};
      if (const sema::Object* v = var_of(e); v && !v->package_level) return std::pair{v, int64_t(0)};
      auto* b = as<BinaryExpr>(e);
      if (!b || (b->op != Tok::ADD && b->op != Tok::SUB)) return std::nullopt;
      const sema::Object* v = var_of(b->x);
      auto c = support::const_int(pass_, b->y);
      if (b->op == Tok::ADD && !v) {
        v = var_of(b->y);
        c = support::const_int(pass_, b->x);
      }
      if (!v || v->package_level || !c) return std::nullopt;
      return std::pair{v, b->op == Tok::ADD ? *c : -*c};
    }

    // The number of values `x[lo:hi]...` spreads, when lo and hi are constants or constant
    // offsets from the same variable.
    std::optional<int64_t> spread_length(const Expr* e) const {
      auto* sl = as<SliceExpr>(support::unparen(e));
      if (!sl || !sl->high) return std::nullopt;
      auto lo = sl->low ? linear(sl->low) : std::optional(std::pair<const sema::Object*, int64_t>{nullptr, 0});
      auto hi = linear(sl->high);
      if (!lo || !hi || lo->first != hi->first || hi->second < lo->second) return std::nullopt;
      return hi->second - lo->second;
    }

    // The append writes the elements [hi, hi+appended) of the base, hi being the window's end as
    // `def` evaluates it. When hi is an offset from a variable v (`data[pos : pos+8]`), the later
    // reads' offsets from that same value of v are worked out along the paths from `def`: a read
    // that starts past the region sees none of what the append wrote. Only when the window's
    // variable is appended to once and assigned nowhere else (its length is the window's at the
    // append), and the append is the one checked.
    void set_region(const Node* def, const sema::Object* held, const CallExpr* call) {
      offsets_.clear();
      offset_var_ = nullptr;
      if (appended_ < 0 || !window_->high || !def) return;
      auto hi = linear(window_->high);
      if (!hi || !hi->first) return;
      if (held) {
        // Assigned only by its definition and `held = append(held, ...)`.
        int appends = 0;
        bool other = false;
        support::for_each_node(fn_, [&](const Node* n) {
          if (is_append_to(n, held)) ++appends;
          if (auto* a = as<AssignStmt>(n); a && a != def)
            for (size_t k = 0; k < a->lhs.size(); ++k)
              if (var_of(a->lhs[k]) == held)
                other |= a->lhs.size() != a->rhs.size() || !is_append_to(support::unparen(a->rhs[k]), held);
          if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) other |= var_of(u->x) == held;
        });
        if (appends != 1 || other || !is_append_to(call, held)) return;
      }
      const sema::Object* v = hi->first;
      // v changed behind the graph's back (its address taken, or assigned in a literal): no answer.
      bool hidden = false;
      support::inspect(fn_, [&](const Node* n, std::span<const Node* const> anc) {
        if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND && var_of(u->x) == v) hidden = true;
        bool in_literal = false;
        for (const Node* a : anc) in_literal |= is<FuncLit>(a) && a != fn_;
        if (in_literal && changes(n, v) != kUnchanged) hidden = true;
        return hidden ? Visit::stop : Visit::descend;
      });
      if (hidden || changes(def, v) != kUnchanged) return;
      region_end_ = hi->second + appended_;
      offset_var_ = v;
      offsets_ = offsets_after(def, v);
    }

    static constexpr int64_t kUnchanged = 0;
    static constexpr int64_t kUnknown = INT64_MIN;

    // What node `n` adds to v: a constant step (`v += c`, `v -= c`, `v++`, `v--`, `v = v + c`),
    // kUnchanged when it does not assign v, kUnknown for any other assignment.
    int64_t changes(const Node* n, const sema::Object* v) const {
      if (auto* inc = as<IncDecStmt>(n)) return var_of(inc->x) != v ? kUnchanged : inc->tok == Tok::INC ? 1 : -1;
      if (auto* r = as<RangeStmt>(n)) return var_of(r->key) == v || var_of(r->value) == v ? kUnknown : kUnchanged;
      if (is<DeclStmt>(n)) {
        bool declares = false;
        support::for_each_node(n, [&](const Node* m) {
          if (auto* id = as<Ident>(m); id && info_->def_of(id) == v) declares = true;
        });
        return declares ? kUnknown : kUnchanged;
      }
      auto* a = as<AssignStmt>(n);
      if (!a) return kUnchanged;
      int hits = 0;
      for (const Expr* l : a->lhs) hits += var_of(l) == v;
      if (hits == 0) return kUnchanged;
      if (a->lhs.size() != 1 || a->rhs.size() != 1) return kUnknown;
      if (a->tok == Tok::ADD_ASSIGN || a->tok == Tok::SUB_ASSIGN) {
        auto c = support::const_int(pass_, a->rhs[0]);
        if (!c) return kUnknown;
        return a->tok == Tok::ADD_ASSIGN ? *c : -*c;
      }
      if (a->tok != Tok::ASSIGN) return kUnknown;
      auto l = linear(a->rhs[0]);
      return l && l->first == v ? l->second : kUnknown;
    }

    // For each graph node reached from just after `from`: the least offset v can have there (on
    // entry), relative to its value at `from`, or nullopt when some path reaches it through an
    // assignment of v that is not a constant step (or the walk does not settle).
    std::unordered_map<const Node*, std::optional<int64_t>> offsets_after(const Node* from, const sema::Object* v) {
      using State = std::optional<int64_t>;  // nullopt: unknown
      const sema::Cfg& g = cfg();
      auto [fb, fi] = g.where(from);
      std::unordered_map<const Node*, std::optional<int64_t>> out;
      if (fb < 0) return out;
      std::vector<std::optional<State>> entry(g.blocks.size());  // outer nullopt: not reached
      auto join = [](std::optional<State>& slot, State in) {
        if (!slot) {
          slot = in;
          return true;
        }
        if (!*slot) return false;
        if (!in) {
          *slot = std::nullopt;
          return true;
        }
        if (*in < **slot) {
          **slot = *in;
          return true;
        }
        return false;
      };
      auto step = [&](State st, const Node* n) -> State {
        if (!st) return st;
        int64_t d = changes(n, v);
        if (d == kUnknown) return std::nullopt;
        return *st + d;
      };
      // Runs block b from index i with state st; returns the state at its end.
      auto run = [&](int b, size_t i, State st, bool record) {
        const sema::CfgBlock& blk = g.blocks[size_t(b)];
        for (; i < blk.nodes.size(); ++i) {
          const Node* n = blk.nodes[i];
          if (record) {
            auto [it, fresh] = out.try_emplace(n, st);
            if (!fresh && it->second && (!st || *st < *it->second)) it->second = st;
          }
          st = step(st, n);
        }
        return st;
      };
      std::vector<int> work;
      State start = run(fb, size_t(fi) + 1, State(0), false);
      for (int succ : g.blocks[size_t(fb)].succs)
        if (join(entry[size_t(succ)], start)) work.push_back(succ);
      size_t budget = 64 * g.blocks.size() + 64;
      while (!work.empty()) {
        if (budget-- == 0) return {};
        int b = work.back();
        work.pop_back();
        State end = run(b, 0, *entry[size_t(b)], false);
        for (int succ : g.blocks[size_t(b)].succs)
          if (join(entry[size_t(succ)], end)) work.push_back(succ);
      }
      run(fb, size_t(fi) + 1, State(0), true);
      for (size_t b = 0; b < g.blocks.size(); ++b)
        if (entry[b]) run(int(b), 0, *entry[b], true);
      return out;
    }

    // The read starting at `low` (an offset from the region's variable, with `at` that variable's
    // least offset at the node) starts past the elements the append wrote.
    bool past_region(const Expr* low, std::optional<int64_t> at) const {
      if (!offset_var_ || !at || !low) return false;
      auto l = linear(low);
      if (!l || l->first != offset_var_) return false;
      return *at + l->second >= region_end_;
    }

    bool same_text(const Expr* a, const Expr* b) const {
      if (!a || !b) return !a && !b;
      return support::text_of(file_, a) == support::text_of(file_, b);
    }

    const Pass& pass_;
    const sema::PackageInfo* info_;
    const PassFile& file_;
    const Node* fn_;
    const Node* decl_;  // the declaration fn_ is (or sits in)
    support::CfgCache& graphs_;
    const sema::Cfg* graph_ = nullptr;  // built on the first candidate: most functions have none
    const sema::Cfg& cfg() {
      if (!graph_) graph_ = &graphs_.of(support::func_body(fn_));
      return *graph_;
    }
    std::unordered_set<const SliceExpr*> reported_;
    std::unordered_set<const CallExpr*> reported_calls_;
    std::unordered_set<const CallExpr*> found_at_;  // appends (and calls) a finding sits on
    // The region the append writes, as offsets from one value of a variable (set_region).
    const sema::Object* offset_var_ = nullptr;
    int64_t region_end_ = 0;
    std::unordered_map<const Node*, std::optional<int64_t>> offsets_;
    const SliceExpr* window_ = nullptr;  // the window whose base's reads are being looked for
    int64_t appended_ = -1;              // values the append being checked adds; -1: unknown
  };
};

}  // namespace

const Rule* append_alias_rule() {
  static const AppendAlias rule;
  return &rule;
}

}  // namespace gotrap::rules
