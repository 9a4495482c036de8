// slice-pop-leak: re-slicing away pointer-holding elements without clearing them.
#include <cctype>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "facts/lifetime.h"
#include "facts/packages.h"
#include "facts/types.h"
#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/facts.h"
#include "rules/support/fix_context.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# slice-pop-leak

**What.** `q = q[1:]`, `q = q[n:]`, `s = s[:len(s)-1]` or `s = s[:0]` on a slice kept beyond the
function (a field, a package variable, `*h`, or the local queue of a loop serving a stream), whose elements hold pointers (pointers, maps, chans,
funcs, interfaces, strings, slices, or structs and arrays of them), without clearing the dropped
elements first. Also through a local alias, as in the container/heap `Pop` idiom
(`old := *h; n := len(old); x := old[n-1]; *h = old[:n-1]`).

**Why.** Re-slicing does not free anything: the dropped elements stay in the backing array, and
what they point to stays reachable until the array is reallocated, which for a long-lived queue or
stack may be never.

```go
func (q *Queue) Pop() *Job {
	j := q.items[0]
	q.items = q.items[1:] // the old first slot still points to j
	return j
}
// fixed:
func (q *Queue) Pop() *Job {
	j := q.items[0]
	q.items[0] = nil
	q.items = q.items[1:]
	return j
}
```

**Fix.** Inserts the clearing line before the re-slice, indented like it, with the file's line
ending: one dropped element gets its zero value (`nil`, `""`, `T{}`), several get
`clear(x[range])` (Go 1.21 or later; no fix before). A dereferenced slice is parenthesised:
`(*h)[n-1] = nil`.

**When the fix is safe.** Clearing writes into the backing array, which is harmless only when no
other live slice shares it. Safe when the slice is owned: an unexported field, package variable or
named slice type whose every value in the package is fresh storage (`nil`, `make`, a literal) or
an append or re-slice of itself. Unsafe when outside code may hand it a slice it still uses (an
exported field, variable or type) or a value of unknown origin. No fix when it is a view of live
data: it gets a parameter's slice or a sub-slice of another field or variable.

**Quiet when** the element type holds no pointers or is unknown, or holds nothing of its own
(a named func type, state functions; `time.Time`, whose one pointer is its shared zone), any
element of it is assigned or `clear`ed earlier in the function, the re-slice has another shape,
or it follows `copy(x[i:], x[i+1:])` or `copy(x, x[1:])` (the dropped slot duplicates a live element). Strings (and
structs of strings and plain values) count in the heap `Pop` idiom, for package variables and
for a local queue, not in fields. Outside the heap `Pop` idiom (always checked), the container must
own its backing array: the package grows the same field, package variable or `*p` with `append`
somewhere (or it trades arrays with such a partner: `q.read, q.write = q.write, q.read`), and
never gives it another slice (a page of results, a caller's data: a view keeps nothing alive
that its owner does not). A `x = x[:0]` followed in the same function by an `append` to `x` is
a buffer refilled at once, and one preceded by a `range` over `x` is a batch buffer drained for
the next batch: quiet. Also quiet when the dropped slots keep nothing past what the code keeps
anyway:

- the owner dies with the call: a local made here (`p := packet{}`, `&T{}`) that is never
  returned, stored, sent or used by a goroutine, or the receiver of a type whose every value the
  package makes into such a local (directly or through an unexported constructor), as a parser
  stack or a heap built for one computation (no loop of that function waits for input). The
  owner may sit up to three steps from that local: grown in place (`h = append(h, x)`), held by
  value or by pointer in a struct whose values are such locals in turn, kept in a local map or
  slice of the call (elements read back out into locals, or by a `range`, are followed in
  turn; the container may go into such a struct in turn), pointed to by its own elements or by
  a part of it made new in the same call (`w := newWalker(); c := &checker{w: w}; w.owner = c`),
  returned by an unexported function or method (also one called through an interface of the
  package) whose every call puts it in such a local (also one of an enclosing function, given
  it in a closure) or returns it in turn, or a heap over a parameter's slice (the caller's
  array holds those elements anyway). A value of the type that no pointer method ever sees (a local never
  addressed, converted for a sort or to another type) does not count. Methods are followed
  through each other, each once; other fields of the owner read out (a result it built, a
  pointer a method is called on) do not keep the container's array, elements copied out
  (`append(dst, c...)`) do not keep it either, and a value given to `_` is kept by no one;
- recycled objects: the package keeps the element type on a free list (as below) elsewhere and
  puts used objects back on it (`free = append(free, b)`), so a stale slot points to an object
  kept for reuse anyway;
- a free list: the function pops the last element for use and makes a fresh one (`new(T)`,
  `&T{}`, `make`) when the list is empty;
- the array is dropped once drained (`if len(c) == 1 { c = nil }`, or `c = nil` right after a
  loop that runs while `c` has elements);
- an arena: the package re-extends the container into its capacity (`c = c[:len(c)+1]`) to hand
  the same slots out again;
- every element the package appends points into the same owner (`&m.levels[i]`);
- every dropped slot is nil already: `for i, p := range c { if p != nil { c = c[i:]; return } }`
  drops only the leading nils;
- the package hands the whole array out and starts afresh (`b := c; c = nil; return b`, a page
  buffer taken by a pager): single pops in between leave their slots in the next page the taker
  gets, and `c = c[:0]` right after `b := c` leaves them in the page returned. A `c = c[:0]`
  elsewhere (a discard) is still reported.

A local slice is checked only as the queue of a loop that waits for input (it ranges over a
channel, or receives without a `default`), declared before the loop and grown with `append` in
it, unless an `append` refills the slot right after the drop. What the function is called plays no
part. Also quiet in `_test.go` files, test support (a package named for tests or importing a test
framework) and packages under a test, e2e, testutil or mocks directory, and when the dropped
element's address was taken (`cur = &x[0]`): it stays referenced.

**Reported though often harmless**, because what makes them harmless is not in the code:

- a queue that another method drops (`q.items = nil`) when a phase of its owner ends: nothing
  says how soon that method runs, and the same shape keeps evicted requests for as long as an
  outage lasts;
- a container of interfaces whose values are all pointers to empty structs, when they come
  back through a method another package calls;
- the walk stack of a tree iterator, whose frames point to nodes the iterator also reaches from
  the root it keeps, as long as the tree does not change under it;
- the heap or stack of an exported owner (an iterator returned to callers, a planning context)
  that in practice lives for one operation: how long callers in other packages keep it is out of
  sight.

A one-line clear is harmless there too.
)md";

const RuleInfo kInfo{
    .name = "slice-pop-leak",
    .summary = "re-slicing drops pointer-holding elements without clearing them, keeping their targets alive",
    .doc = kDoc,
    .severity = Severity::warning,
};

// The dropped part of a re-slice, in the words of the fix.
struct Dropped {
  bool single = false;
  std::string index;  // single: index expression of the dropped element
  std::string range;  // several: slice expression of the dropped elements ("" = the whole slice)
  std::string count;  // for the message: "1 element", "2 elements", "the first n elements"
};

bool is_len_of(const Expr* e, const Expr* of) {
  auto* call = as<CallExpr>(support::unparen(e));
  if (!call || call->args.size() != 1) return false;
  auto* f = as<Ident>(support::unparen(call->fun));
  return f && f->name == "len" && support::same_ref(call->args[0], of);
}

class SlicePopLeak final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;  // element types are the whole question
    // Test code's containers live for one test: _test.go files, test support, test packages.
    if (facts::is_test_package(pass.sema()->import_path)) return;
    for (const PassFile& file : pass.files()) {
      if (file.is_test || support::is_test_support(file)) continue;
      if (!support::may_hold(file, nullptr, Kind::SliceExpr)) continue;
      support::inspect(file.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        // A declaration without an assignment of a slice expression has nothing to check.
        if (anc.size() == 1 &&
            (!support::may_hold(file, n, Kind::AssignStmt) || !support::may_hold(file, n, Kind::SliceExpr)))
          return Visit::skip;
        if (auto* a = as<AssignStmt>(n); a && a->tok == Tok::ASSIGN && a->lhs.size() == 1 &&
                                         a->rhs.size() == 1)
          check_assign(pass, file, a, anc);
        return Visit::descend;
      });
    }
  }

 private:
  void check_assign(Pass& pass, const PassFile& file, const AssignStmt* a,
                    std::span<const Node* const> anc) const {
    auto* s = as<SliceExpr>(support::unparen(a->rhs[0]));
    if (!s || s->slice3 || s->max) return;
    const Expr* lhs = support::unparen(a->lhs[0]);
    const Node* fn = support::enclosing_func(anc);
    const BlockStmt* body = support::func_body(fn);
    if (!body) return;

    // The sliced expression is the target itself, or a local alias `old := <target>`.
    const Expr* base = support::unparen(s->x);
    const AssignStmt* alias_def = nullptr;
    if (!support::same_ref(base, lhs)) {
      auto* id = as<Ident>(base);
      if (!id) return;
      alias_def = local_definition(body, id, a->pos());
      if (!alias_def || !support::same_ref(alias_def->rhs[0], lhs)) return;
    }
    bool stream_local = false;
    if (!outlives_function(pass, lhs)) {
      if (alias_def || !(stream_local = lives_with_stream(pass, fn, lhs, anc))) return;
    }

    const sema::Type* st = sema::underlying(support::type_of(pass, base));
    if (!st || !st->is(sema::TypeKind::Slice)) return;
    auto pointers = support::holds_pointers(st->elem);
    if (!pointers || !*pointers) return;
    if (!retains_objects(st->elem, alias_def || is<Ident>(lhs))) return;

    std::string x = support::operand_text(file.text, base);
    auto dropped = what_is_dropped(file, s, base, body, a->pos());
    if (!dropped) return;
    if (cleared_before(body, base, lhs, a->pos())) return;
    bool front = s->low && !s->high;
    (void)front;
    if (!alias_def && !stream_local && !owns_backing_array(pass, lhs)) return;
    if (stream_local && refilled_at_once(anc, a, lhs)) return;
    if (dropped->count == "all its elements" &&
        (refilled_after(pass, body, lhs, a->end()) || drained_before(pass, body, lhs, a->pos())))
      return;
    if (address_kept(body, base, a->pos())) return;
    if (s->low && !s->high && dropped_are_nil(pass, s, base, anc, a)) return;
    if (deletes_by_copy(body, base, a->pos())) return;
    if (dies_with_call(pass, fn, lhs, anc, a)) return;
    if (dropped->single && dropped->index != "0" && free_list(pass, body, base, lhs, st->elem, a->pos())) return;
    if (recycled(pass, st->elem)) return;
    if (dropped_when_drained(pass, body, lhs, a)) return;
    if (reextended(pass, lhs) || points_into_owner(pass, lhs)) return;
    if (!alias_def && handed_out(pass, lhs, dropped->count == "all its elements" ? a : nullptr)) return;

    std::string target(support::text_of(file, lhs));
    std::string elem = support::short_type_string(st->elem);
    Finding f;
    f.path = std::string(file.path);
    f.start = a->pos();
    f.end = a->end();
    std::string zero = dropped->single ? zero_text(pass, st->elem) : "";
    std::string clearing = dropped->single ? x + "[" + dropped->index + "] = " + zero
                                           : "clear(" + (dropped->range.empty() ? x : dropped->range) + ")";
    f.message = target + " = " + std::string(support::text_of(file, s)) + " drops " + dropped->count +
                " of type " + elem + " without clearing: the backing array keeps what " +
                (dropped->single ? "it points" : "they point") + " to alive; " +
                (dropped->single && zero.empty() ? "give " + x + "[" + dropped->index + "] its zero value first"
                                                 : "clear first with " + clearing);
    if (auto fix = make_fix(pass, file, a, lhs, x, *dropped, st->elem)) f.fixes.push_back(*fix);
    pass.report(std::move(f));
  }

  // time.Time holds one pointer, to its *time.Location, which is shared by every time of that
  // zone (time.UTC, time.Local, a loaded zone): dropping a Time keeps nothing of its own alive.
  static bool is_time(const sema::Type* t) {
    t = sema::unalias(t);
    return t && t->is(sema::TypeKind::Named) && t->obj && t->obj->name == "Time" && t->obj->pkg_path() == "time";
  }

  // Whether a dropped element keeps an object of its own alive. Named func types are mostly
  // state-machine functions declared at top level; time.Time points to a shared zone. Strings are
  // mostly small and shared with their input: a container of strings (or of structs of strings
  // and plain values) counts only in the heap Pop idiom and for a package variable or a local
  // queue, whose slots live as long as the heap, the process or the stream.
  static bool retains_objects(const sema::Type* elem, bool strings_count) {
    const sema::Type* t = sema::unalias(elem);
    if (t && t->is(sema::TypeKind::Named)) {
      const sema::Type* u = sema::underlying(t);
      if (u && u->is(sema::TypeKind::Func)) return false;
    }
    if (is_time(t)) return false;
    const sema::Type* u = sema::underlying(t);
    if (u && u->is(sema::TypeKind::Basic) && u->basic == sema::BasicKind::String) return strings_count;
    if (u && u->is(sema::TypeKind::Struct)) {
      bool strings = false;
      for (const sema::Var& f : u->fields) {
        if (is_time(f.type)) continue;
        const sema::Type* fu = sema::underlying(f.type);
        if (fu && fu->is(sema::TypeKind::Basic) && fu->basic == sema::BasicKind::String) {
          strings = true;
          continue;
        }
        auto p = support::holds_pointers(f.type);
        if (!p || *p) return true;
      }
      return strings && strings_count;
    }
    return true;
  }

  // Re-slicing is everywhere in Go; it leaks where a long-lived container owns its backing array
  // and sheds elements from it: the package grows the same container with append
  // (`q.items = append(q.items, j)`, `*h = append(*h, x)`), so the array is the container's own
  // and not a view of data that stays alive elsewhere anyway. Container identity is sema's: the
  // same field object, the same package variable, or a dereference of the same pointer type.
  // The identity of a container: the field object, the package variable, or the pointer type
  // of `*p`; null for anything else.
  static const void* container_identity(const sema::PackageInfo* info, const Expr* e) {
    e = support::unparen(e);
    if (auto* sel = as<SelectorExpr>(e); sel && sel->sel) return info->use_of(sel->sel);
    if (auto* id = as<Ident>(e)) {
      const sema::Object* o = info->use_of(id);
      return o && o->package_level ? o : nullptr;
    }
    if (auto* st = as<StarExpr>(e)) {
      const sema::Type* t = info->type_of(st->x);
      return t ? sema::unalias(t) : nullptr;
    }
    return nullptr;
  }

  // `append(c, ...)` of the container `want`.
  static bool is_append_to(const sema::PackageInfo* info, const Expr* e, const void* want) {
    auto* call = as<CallExpr>(support::unparen(e));
    auto* fn = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
    if (!fn || fn->name != "append" || call->args.size() < 2) return false;
    const sema::Object* b = info->use_of(fn);
    if (b && b->kind != sema::ObjectKind::Builtin) return false;
    const Expr* to = support::unparen(call->args[0]);
    if (auto* sl = as<SliceExpr>(to)) to = sl->x;  // append(c[:0], ...) refills c's own array
    return container_identity(info, to) == want;
  }

  // What the package assigns to a container: `grown` when some assignment appends to it,
  // `foreign` when one gives it a value other than its own re-slice, nil, a make, or what
  // `accept` (assignment, index of the left side, value) takes.
  struct Assigned {
    bool grown = false, foreign = false;
  };
  template <class Accept>
  static Assigned assignments_to(const Pass& pass, const void* want, Accept accept) {
    const sema::PackageInfo* info = pass.sema();
    Assigned out;
    for (const PassFile& f : pass.files()) {
      if (!f.parsed || !f.parsed->file) continue;
      support::for_each_node(f.parsed->file, [&](const Node* n) {
        auto* a = as<AssignStmt>(n);
        if (!a || a->lhs.size() != a->rhs.size()) return;
        for (size_t k = 0; k < a->lhs.size(); ++k) {
          if (container_identity(info, a->lhs[k]) != want) continue;
          const Expr* v = support::unparen(a->rhs[k]);
          if (is_append_to(info, v, want)) {
            out.grown = true;
            continue;
          }
          if (auto* sl = as<SliceExpr>(v); sl && container_identity(info, sl->x) == want) continue;
          if (auto* id = as<Ident>(v); id && id->name == "nil") continue;
          auto* call = as<CallExpr>(v);
          auto* fn = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
          if (fn && fn->name == "make") continue;
          if (!accept(a, k, v)) out.foreign = true;
        }
      });
    }
    return out;
  }

  // The container owns its backing array: the package grows it with append, and every other
  // value it is given is its own re-slice, nil or a make: never another slice it would be a
  // view of (a page of results, a caller's data), which stays alive through its owner anyway.
  static bool owns_backing_array(const Pass& pass, const Expr* target) {
    const sema::PackageInfo* info = pass.sema();
    const void* want = container_identity(info, target);
    if (!want) return false;
    std::vector<const void*> siblings;
    Assigned r = assignments_to(pass, want, [&](const AssignStmt* a, size_t k, const Expr* v) {
      // `old := c; ...; c = old[:n-1]` keeps the container's own array too.
      if (auto* sl = as<SliceExpr>(v); sl && is<Ident>(support::unparen(sl->x))) return true;
      // `q.read, q.write = q.write, q.read`: double buffers that trade arrays. The sibling must
      // own its array in turn (grown with append, given nothing else).
      if (auto* sel = as<SelectorExpr>(v); sel && is<SelectorExpr>(support::unparen(a->lhs[k]))) {
        const void* other = container_identity(info, v);
        bool exchanged = false;  // the same statement gives the partner this one's array
        for (size_t j = 0; j < a->lhs.size(); ++j)
          if (j != k && support::same_ref(a->lhs[j], v) && support::same_ref(a->rhs[j], a->lhs[k]))
            exchanged = true;
        if (other && other != want && exchanged) {
          siblings.push_back(other);
          return true;
        }
      }
      return false;
    });
    for (const void* other : siblings) {
      if (!grown_only(pass, other, want)) r.foreign = true;
      else r.grown = true;  // the partner's array is grown, and becomes this one's
    }
    return r.grown && !r.foreign;
  }

  // The container `c` is grown with append and given nothing but its own re-slices, nil, make, or
  // the container `partner` (a double buffer).
  static bool grown_only(const Pass& pass, const void* c, const void* partner) {
    const sema::PackageInfo* info = pass.sema();
    Assigned r = assignments_to(pass, c, [&](const AssignStmt*, size_t, const Expr* v) {
      return is<SelectorExpr>(v) && (container_identity(info, v) == partner || container_identity(info, v) == c);
    });
    return r.grown && !r.foreign;
  }

  // `for _, x := range c { ... }` before `c = c[:0]`: a batch buffer drained and reset for the
  // next batch, which overwrites the stale slots; what they keep is bounded by the batch size.
  static bool drained_before(const Pass& pass, const BlockStmt* body, const Expr* target, Pos before) {
    const sema::PackageInfo* info = pass.sema();
    const void* want = container_identity(info, target);
    bool found = false;
    support::for_each_node(body, [&](const Node* n) {
      auto* r = as<RangeStmt>(n);
      if (found || !r || r->pos() >= before) return;
      const Expr* x = support::unparen(r->x);
      if (auto* sl = as<SliceExpr>(x)) x = sl->x;
      if (container_identity(info, x) == want) found = true;
    });
    return found;
  }

  // `c = c[:0]` followed in the same function by an append to c: a buffer reset and refilled at
  // once, whose stale tail is overwritten by the refill.
  static bool refilled_after(const Pass& pass, const BlockStmt* body, const Expr* target, Pos after) {
    const sema::PackageInfo* info = pass.sema();
    const void* want = container_identity(info, target);
    bool found = false;
    support::for_each_node(body, [&](const Node* n) {
      if (found || n->pos() <= after) return;
      if (auto* call = as<CallExpr>(n); call && is_append_to(info, call, want)) found = true;
    });
    return found;
  }

  // A local slice of a loop that waits for input (facts::waits_for_input: it ranges over a
  // channel or receives), declared before the loop and grown with append inside it: the queue
  // of a goroutine that serves a stream, which lives as long as the stream does.
  static bool lives_with_stream(const Pass& pass, const Node* fn, const Expr* lhs,
                                std::span<const Node* const> anc) {
    auto* id = as<Ident>(lhs);
    const sema::PackageInfo* info = pass.sema();
    const sema::Object* o = id ? info->use_of(id) : nullptr;
    if (!o || o->kind != sema::ObjectKind::Var || o->package_level || !fn) return false;
    for (size_t k = anc.size(); k-- > 0;) {
      if (anc[k] == fn) break;
      if (!is<ForStmt>(anc[k]) && !is<RangeStmt>(anc[k])) continue;
      if (o->pos() >= anc[k]->pos() || !facts::waits_for_input(info, anc[k])) continue;
      bool grown = false;
      support::for_each_node(anc[k], [&](const Node* n) {
        auto* a = as<AssignStmt>(n);
        if (!a || a->lhs.size() != 1 || a->rhs.size() != 1 || !support::same_ref(a->lhs[0], lhs)) return;
        auto* call = as<CallExpr>(support::unparen(a->rhs[0]));
        auto* f = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
        if (f && f->name == "append" && !call->args.empty() && support::same_ref(call->args[0], lhs)) grown = true;
      });
      if (grown) return true;
    }
    return false;
  }

  // `x = x[:len(x)-1]` followed, in the statements after it up to the enclosing loop, by
  // `x = append(x, ...)`: the dropped slots are written again at once.
  static bool refilled_at_once(std::span<const Node* const> anc, const AssignStmt* pop, const Expr* lhs) {
    const Node* cur = pop;
    for (size_t k = anc.size(); k-- > 0;) {
      const Node* p = anc[k];
      if (is<ForStmt>(p) || is<RangeStmt>(p) || is<FuncLit>(p) || is<FuncDecl>(p)) return false;
      std::span<Stmt* const> list;
      if (auto* b = as<BlockStmt>(p)) list = {b->list.begin(), b->list.size()};
      else if (auto* c = as<CommClause>(p)) list = {c->body.begin(), c->body.size()};
      else if (auto* c = as<CaseClause>(p)) list = {c->body.begin(), c->body.size()};
      bool after = false;
      for (const Stmt* st : list) {
        if (st == cur) {
          after = true;
          continue;
        }
        auto* a = after ? as<AssignStmt>(st) : nullptr;
        if (!a || a->lhs.size() != 1 || a->rhs.size() != 1 || !support::same_ref(a->lhs[0], lhs)) continue;
        auto* call = as<CallExpr>(support::unparen(a->rhs[0]));
        auto* f = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
        if (f && f->name == "append" && !call->args.empty() && support::same_ref(call->args[0], lhs)) return true;
      }
      cur = p;
    }
    return false;
  }

  // The root variable of a selector, dereference or index chain (`m.heap.items` -> m), or null.
  static const Ident* root_of(const Expr* e) {
    for (;;) {
      e = support::unparen(e);
      if (auto* id = as<Ident>(e)) return id;
      if (auto* s = as<SelectorExpr>(e)) e = s->x;
      else if (auto* i = as<IndexExpr>(e)) e = i->x;
      else if (auto* st = as<StarExpr>(e)) e = st->x;
      else return nullptr;
    }
  }

  // The container belongs to an owner that dies with the call: a local made fresh in this
  // function that never leaves it (facts/lifetime.h), or the receiver of a method of a type
  // whose every value the package makes lives only as long as the call that made it (a parser
  // stack, a heap built for one computation). Its backing array goes with it.
  static bool dies_with_call(const Pass& pass, const Node* fn, const Expr* lhs,
                             std::span<const Node* const> anc, const AssignStmt* a) {
    const Ident* root = root_of(lhs);
    if (!root || root == support::unparen(lhs)) return false;
    const sema::PackageInfo* info = pass.sema();
    const sema::Object* o = info->use_of(root);
    if (!o || o->kind != sema::ObjectKind::Var || o->package_level) return false;
    (void)a;
    // The question is about the container's field: other fields of the owner read out do not
    // keep its array.
    const sema::Object* field = nullptr;
    if (auto* sel = as<SelectorExpr>(support::unparen(lhs)); sel && sel->sel) {
      const sema::Object* f = info->use_of(sel->sel);
      if (f && f->is_field) field = f;
    }
    // A pop in a function literal (a deferred closure) on a variable of an enclosing function:
    // the owner is that function's.
    for (size_t k = anc.size(); k-- > 0 && is<FuncLit>(fn);) {
      if (!is<FuncLit>(anc[k]) && !is<FuncDecl>(anc[k])) continue;
      if (anc[k]->pos() <= o->pos() && o->pos() < anc[k]->end()) {
        fn = anc[k];
        break;
      }
    }
    if (!o->is_param) return facts::bounded_by_call(info, pass.summaries(), fn, o, field);
    // The receiver of a method: the owner's type.
    auto* fd = as<FuncDecl>(fn);
    if (!fd || !fd->recv || fd->recv->list.empty() || fd->recv->list[0]->names.empty() ||
        info->def_of(fd->recv->list[0]->names[0]) != o)
      return false;
    const sema::Type* t = sema::unalias(o->type);
    bool through_pointer = t && t->is(sema::TypeKind::Pointer);
    if (through_pointer) t = sema::unalias(t->elem);
    return t && facts::values_bounded_by_call(info, pass.summaries(), t, field, through_pointer);
  }

  // A free list (a stack of reusable objects, popped from its end): the function reads the
  // element it pops (`e := c[n-1]`) and, when the list is
  // empty, makes a fresh element of the same type instead (`new(T)`, `&T{}`, `make`) or puts
  // one on the list first. The popped element is handed out for use and goes back on the list
  // into the same slot; keeping objects alive for reuse is what the list is for.
  static bool free_list(const Pass& pass, const BlockStmt* body, const Expr* base, const Expr* target,
                        const sema::Type* elem, Pos pop) {
    const sema::PackageInfo* info = pass.sema();
    bool read = false, makes = false;
    const sema::Type* want = sema::unalias(elem);
    // Reusable objects: pointers, slices, maps, channels; not values copied out.
    const sema::Type* wu = sema::underlying(want);
    if (!wu || !(wu->is(sema::TypeKind::Pointer) || wu->is(sema::TypeKind::Slice) || wu->is(sema::TypeKind::Map) ||
                 wu->is(sema::TypeKind::Chan) || wu->is(sema::TypeKind::Interface)))
      return false;
    auto same_type = [&](const sema::Type* t) {
      t = sema::unalias(t);
      if (!t || !want) return false;
      if (t == want) return true;
      return t->is(sema::TypeKind::Pointer) && want->is(sema::TypeKind::Pointer) &&
             sema::unalias(t->elem) == sema::unalias(want->elem);
    };
    const void* self = container_identity(info, target);
    support::for_each_node(body, [&](const Node* n) {
      if (auto* ix = as<IndexExpr>(n); ix && n->pos() < pop &&
                                       (support::same_ref(ix->x, base) || support::same_ref(ix->x, target)))
        read = true;
      auto* e = ast::is_expr(n->kind) ? static_cast<const Expr*>(n) : nullptr;
      if (e && facts::is_fresh_value(info, e) && !is<Ident>(e) && same_type(info->type_of(e))) makes = true;
      if (auto* call = as<CallExpr>(n); call && self && n->pos() < pop && is_append_to(info, call, self))
        makes = true;
    });
    return read && makes;
  }

  // The package recycles the element objects through a free list (free_list above: a pop from
  // the end of a container of the same element type, handed out for use, with a fresh one made
  // when the list is empty, and objects put back on it after use): such objects are kept for
  // reuse anyway, and a stale slot that points to one keeps nothing the free list does not.
  static bool recycled(const Pass& pass, const sema::Type* elem) {
    const sema::Type* want = sema::unalias(elem);
    if (!want) return false;
    bool found = false;
    for (const PassFile& f : pass.files()) {
      if (found || !f.parsed || !f.parsed->file) continue;
      support::inspect(f.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        if (found) return Visit::stop;
        auto* a = as<AssignStmt>(n);
        if (!a || a->tok != Tok::ASSIGN || a->lhs.size() != 1 || a->rhs.size() != 1) return Visit::descend;
        auto* s = as<SliceExpr>(support::unparen(a->rhs[0]));
        if (!s || s->low || !s->high || s->slice3) return Visit::descend;
        const Expr* base = support::unparen(s->x);
        const Expr* target = support::unparen(a->lhs[0]);
        if (!support::same_ref(base, target)) return Visit::descend;
        const sema::Type* t = sema::underlying(support::type_of(pass, base));
        if (!t || !t->is(sema::TypeKind::Slice) || sema::unalias(t->elem) != want) return Visit::descend;
        // `c = c[:len(c)-1]` or `c = c[:n-1]` with n := len(c).
        auto* b = as<BinaryExpr>(support::unparen(s->high));
        auto one = b ? support::const_int(b->y) : std::nullopt;
        const BlockStmt* body = support::func_body(support::enclosing_func(anc));
        if (!b || b->op != Tok::SUB || !one || *one != 1 || !body) return Visit::descend;
        bool is_len = is_len_of(b->x, base);
        if (auto* id = as<Ident>(support::unparen(b->x)); !is_len && id) {
          const AssignStmt* def = local_definition(body, id, a->pos());
          is_len = def && is_len_of(def->rhs[0], base);
        }
        if (is_len && free_list(pass, body, base, target, elem, a->pos()) && put_back(pass, target)) found = true;
        return Visit::descend;
      });
    }
    return found;
  }

  // Whether `pred` holds for some node of some file of the package; stops at the first.
  template <class Pred>
  static bool any_package_node(const Pass& pass, Pred pred) {
    bool found = false;
    for (const PassFile& f : pass.files()) {
      if (found || !f.parsed || !f.parsed->file) continue;
      support::inspect(f.parsed->file, [&](const Node* n, std::span<const Node* const>) {
        if (!found && pred(n)) found = true;
        return found ? Visit::stop : Visit::descend;
      });
    }
    return found;
  }

  // The package puts objects back on the list `target`: `c = append(c, x)` with a variable x
  // (an object handed back after use), not only fresh ones.
  static bool put_back(const Pass& pass, const Expr* target) {
    const sema::PackageInfo* info = pass.sema();
    const void* want = container_identity(info, target);
    if (!want) return false;
    return any_package_node(pass, [&](const Node* n) {
      auto* call = as<CallExpr>(n);
      if (!call || !is_append_to(info, call, want)) return false;
      for (size_t i = 1; i < call->args.size(); ++i) {
        auto* id = as<Ident>(support::unparen(call->args[i]));
        const sema::Object* o = id ? info->use_of(id) : nullptr;
        if (o && o->kind == sema::ObjectKind::Var) return true;
      }
      return false;
    });
  }

  // `if len(c) == 1 { c = nil } else { c = c[1:] }`, or a loop that runs until c is empty and is
  // followed by `c = nil`: the function drops the whole array once the container is drained,
  // so the dropped slots are kept only while the container still has elements.
  static bool dropped_when_drained(const Pass& pass, const BlockStmt* body, const Expr* target,
                                   const AssignStmt* pop) {
    const sema::PackageInfo* info = pass.sema();
    auto tests_len = [&](const Expr* cond) {
      bool found = false;
      support::for_each_node(cond, [&](const Node* n) {
        if (auto* call = as<CallExpr>(n); call && is_len_of(call, target)) found = true;
      });
      return found;
    };
    bool found = false;
    support::inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
      auto* a = as<AssignStmt>(n);
      if (found || !a || a->lhs.size() != 1 || a->rhs.size() != 1 || !support::same_ref(a->lhs[0], target))
        return Visit::descend;
      auto* nil = as<Ident>(support::unparen(a->rhs[0]));
      const sema::Object* o = nil ? info->use_of(nil) : nullptr;
      if (!o || o->kind != sema::ObjectKind::Nil) return Visit::descend;
      for (const Node* up : anc)
        if (auto* i = as<IfStmt>(up); i && tests_len(i->cond)) found = true;
      // Right after a loop, of the same block, that holds the pop and runs while c has elements.
      if (!anc.empty())
        if (auto* block = as<BlockStmt>(anc.back()))
          for (size_t i = 1; i < block->list.size(); ++i)
            if (block->list[i] == a)
              if (auto* loop = as<ForStmt>(block->list[i - 1]);
                  loop && loop->cond && tests_len(loop->cond) && support::contains(loop, pop))
                found = true;
      return Visit::descend;
    });
    return found;
  }

  // The package re-extends the container into its capacity (`c = c[:len(c)+1]`, `c[:cap(c)]`):
  // the dropped slots are handed out again on purpose, an arena of reusable values.
  static bool reextended(const Pass& pass, const Expr* target) {
    const sema::PackageInfo* info = pass.sema();
    const void* want = container_identity(info, target);
    if (!want) return false;
    return any_package_node(pass, [&](const Node* n) {
      auto* sl = as<SliceExpr>(n);
      if (!sl || !sl->high || container_identity(info, sl->x) != want) return false;
      const Expr* high = support::unparen(sl->high);
      if (auto* call = as<CallExpr>(high)) {
        auto* fn = as<Ident>(support::unparen(call->fun));
        if (fn && fn->name == "cap" && call->args.size() == 1 && container_identity(info, call->args[0]) == want)
          return true;
      }
      if (auto* b = as<BinaryExpr>(high); b && b->op == Tok::ADD) {
        auto* call = as<CallExpr>(support::unparen(b->x));
        auto* fn = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
        if (fn && fn->name == "len" && call->args.size() == 1 && container_identity(info, call->args[0]) == want)
          return true;
      }
      return false;
    });
  }

  // Every element the package puts in the container points into the same owner's own storage
  // (`m.heap.items = append(m.heap.items, &m.levels[i])`, directly or through a local defined
  // once so): the dropped slots keep alive nothing that the owner does not hold anyway.
  static bool points_into_owner(const Pass& pass, const Expr* target) {
    const sema::PackageInfo* info = pass.sema();
    const void* want = container_identity(info, target);
    if (!want || !is<SelectorExpr>(support::unparen(target))) return false;
    int appends = 0;
    bool other = false;
    for (const PassFile& f : pass.files()) {
      if (other || !f.parsed || !f.parsed->file) continue;
      support::inspect(f.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        auto* call = as<CallExpr>(n);
        if (other || !call || !is_append_to(info, call, want)) return Visit::descend;
        const Ident* owner = root_of(call->args[0]);
        const sema::Object* owner_obj = owner ? info->use_of(owner) : nullptr;
        const BlockStmt* body = support::func_body(support::enclosing_func(anc));
        for (size_t i = 1; i < call->args.size(); ++i) {
          const Expr* v = support::unparen(call->args[i]);
          if (auto* id = as<Ident>(v); id && body) {
            const AssignStmt* def = local_definition(body, id, call->pos());
            v = def ? support::unparen(def->rhs[0]) : nullptr;
          }
          auto* u = v ? as<UnaryExpr>(v) : nullptr;
          const Ident* r = u && u->op == Tok::AND && !is<CompositeLit>(support::unparen(u->x)) ? root_of(u->x) : nullptr;
          if (!r || !owner_obj || info->use_of(r) != owner_obj || call->ellipsis != kNoPos) other = true;
        }
        ++appends;
        return Visit::descend;
      });
    }
    return appends > 0 && !other;
  }

  // The package hands the container's whole array to a caller and starts afresh: a function
  // (or function literal) reads the container into a local (`b := c`), then gives the container
  // nil, a make or `c[:0]`, and returns the local, as a page buffer taken by a pager. Elements
  // popped one by one in between stay in an array the taker gets whole with the next page. A
  // drop of all elements counts only as that restart itself (`reset`: the slots are the
  // returned page's): one elsewhere (a discard) keeps elements nobody took.
  static bool handed_out(const Pass& pass, const Expr* target, const AssignStmt* reset) {
    const sema::PackageInfo* info = pass.sema();
    const void* want = container_identity(info, target);
    if (!want) return false;
    auto is_container = [&](const Expr* e) {
      e = support::unparen(e);
      return !is<SliceExpr>(e) && container_identity(info, e) == want;
    };
    auto restarts = [&](const Expr* v) {  // nil, make(...) or c[:0]
      v = support::unparen(v);
      if (auto* id = as<Ident>(v)) {
        const sema::Object* o = info->use_of(id);
        return o && o->kind == sema::ObjectKind::Nil;
      }
      if (auto* sl = as<SliceExpr>(v))
        return container_identity(info, sl->x) == want && !sl->low && sl->high && support::const_int(sl->high) &&
               *support::const_int(sl->high) == 0;
      auto* call = as<CallExpr>(v);
      auto* f = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
      const sema::Object* o = f ? info->use_of(f) : nullptr;
      return o && o->kind == sema::ObjectKind::Builtin && o->builtin == sema::Builtin::Make;
    };
    bool found = false;
    for (const PassFile& f : pass.files()) {
      if (found || !f.parsed || !f.parsed->file) continue;
      support::for_each_node(f.parsed->file, [&](const Node* n) {
        auto* block = as<BlockStmt>(n);
        if (found || !block) return;
        const sema::Object* taken = nullptr;
        bool restarted = false;
        for (const Stmt* st : block->list) {
          if (auto* a = as<AssignStmt>(st); a && a->lhs.size() == 1 && a->rhs.size() == 1) {
            auto* l = as<Ident>(support::unparen(a->lhs[0]));
            const sema::Object* lo = l ? info->object_of(l) : nullptr;
            if (!taken && lo && lo->kind == sema::ObjectKind::Var && !lo->package_level && is_container(a->rhs[0]))
              taken = lo;
            else if (taken && is_container(a->lhs[0]) && restarts(a->rhs[0]) && (!reset || a == reset))
              restarted = true;
          } else if (auto* r = as<ReturnStmt>(st); r && taken && restarted) {
            for (const Expr* e : r->results)
              if (auto* id = as<Ident>(support::unparen(e)); id && info->use_of(id) == taken) found = true;
          }
        }
      });
    }
    return found;
  }

  // `for i, p := range c { if p != nil { c = c[i:]; return } }`: the loop reaches index i only
  // past elements that are nil, so every dropped slot is nil already.
  static bool dropped_are_nil(const Pass& pass, const SliceExpr* s, const Expr* base,
                              std::span<const Node* const> anc, const AssignStmt* pop) {
    const sema::PackageInfo* info = pass.sema();
    auto* low = as<Ident>(support::unparen(s->low));
    const sema::Object* index = low ? info->use_of(low) : nullptr;
    if (!index) return false;
    for (size_t k = anc.size(); k-- > 1;) {
      auto* r = as<RangeStmt>(anc[k - 1]);
      if (!r) continue;
      auto* key = as<Ident>(r->key);
      auto* value = as<Ident>(r->value);
      if (!key || !value || info->object_of(key) != index || !support::same_ref(r->x, base) || !r->body ||
          r->body->list.empty())
        return false;
      // The first statement of the body: `if p != nil { ...; c = c[i:]; ...; return|break }`.
      auto* ifs = as<IfStmt>(r->body->list[0]);
      if (!ifs || ifs->init || ifs->else_stmt || !ifs->body || ifs->body->list.empty() ||
          !support::contains(ifs->body, pop))
        return false;
      auto* cond = as<BinaryExpr>(support::unparen(ifs->cond));
      if (!cond || cond->op != Tok::NEQ) return false;
      auto is_nil = [&](const Expr* e) {
        auto* id = as<Ident>(support::unparen(e));
        const sema::Object* o = id ? info->use_of(id) : nullptr;
        return o && o->kind == sema::ObjectKind::Nil;
      };
      auto is_value = [&](const Expr* e) {
        auto* id = as<Ident>(support::unparen(e));
        return id && info->use_of(id) == info->object_of(value);
      };
      if (!((is_value(cond->x) && is_nil(cond->y)) || (is_nil(cond->x) && is_value(cond->y)))) return false;
      const Stmt* last = ifs->body->list.back();
      if (is<ReturnStmt>(last)) return true;
      auto* br = as<BranchStmt>(last);
      return br && br->tok == Tok::BREAK && !br->label;
    }
    return false;
  }

  // `iter.cur = &iter.items[0]` before the pop: the dropped element stays referenced anyway.
  static bool address_kept(const BlockStmt* body, const Expr* base, Pos before) {
    bool found = false;
    support::for_each_node(body, [&](const Node* n) {
      auto* u = as<UnaryExpr>(n);
      if (!u || u->op != Tok::AND || n->pos() >= before) return;
      auto* ix = as<IndexExpr>(support::unparen(u->x));
      if (ix && support::same_ref(ix->x, base)) found = true;
    });
    return found;
  }

  // `copy(x[i:], x[i+1:]); x = x[:len(x)-1]` or `copy(x, x[1:])`: the dropped slot duplicates an
  // element still in use, so nothing extra stays alive.
  static bool deletes_by_copy(const BlockStmt* body, const Expr* base, Pos before) {
    bool found = false;
    support::for_each_node(body, [&](const Node* n) {
      auto* call = as<CallExpr>(n);
      if (!call || call->pos() >= before || call->args.size() != 2) return;
      auto* f = as<Ident>(support::unparen(call->fun));
      if (!f || f->name != "copy") return;
      auto* dst = as<SliceExpr>(support::unparen(call->args[0]));
      if (dst && support::same_ref(dst->x, base)) found = true;
      // `copy(x, x[1:])`: shifted left within its own array.
      auto* src = as<SliceExpr>(support::unparen(call->args[1]));
      if (support::same_ref(call->args[0], base) && src && support::same_ref(src->x, base)) found = true;
    });
    return found;
  }

  // `id := <expr>` in the function before `before`, when it is id's only definition.
  static const AssignStmt* local_definition(const BlockStmt* body, const Ident* id, Pos before) {
    const AssignStmt* def = nullptr;
    int count = 0;
    support::for_each_node(body, [&](const Node* n) {
      auto* a = as<AssignStmt>(n);
      if (!a) return;
      for (size_t i = 0; i < a->lhs.size(); ++i) {
        auto* l = as<Ident>(a->lhs[i]);
        if (!l || l->name != id->name) continue;
        ++count;
        if (a->tok == Tok::DEFINE && a->lhs.size() == 1 && a->rhs.size() == 1 && a->pos() < before)
          def = a;
      }
    });
    return count == 1 ? def : nullptr;
  }

  // Fields, package variables and pointer targets outlive the call; locals do not.
  static bool outlives_function(const Pass& pass, const Expr* lhs) {
    if (is<SelectorExpr>(lhs) || is<StarExpr>(lhs)) return true;
    if (auto* id = as<Ident>(lhs)) {
      const sema::Object* o = support::object_of(pass, id);
      return o && o->kind == sema::ObjectKind::Var && o->package_level;
    }
    return false;
  }

  std::optional<Dropped> what_is_dropped(const PassFile& file, const SliceExpr* s, const Expr* base,
                                         const BlockStmt* body, Pos before) const {
    std::string x = support::operand_text(file.text, base);
    if (s->low && !s->high) {
      auto k = support::const_int(s->low);
      if (k && *k == 1) return Dropped{true, "0", "", "1 element"};
      if (k && *k <= 0) return std::nullopt;
      std::string low(support::text_of(file, s->low));
      return Dropped{false, "", x + "[:" + low + "]",
                     k ? std::to_string(*k) + " elements" : "the first " + low + " elements"};
    }
    if (s->high && (!s->low || (support::const_int(s->low) && *support::const_int(s->low) == 0))) {
      if (auto k = support::const_int(s->high); k && *k == 0)
        return Dropped{false, "", std::string(support::text_of(file, base)), "all its elements"};
      auto* b = as<BinaryExpr>(support::unparen(s->high));
      if (!b || b->op != Tok::SUB) return std::nullopt;
      auto k = support::const_int(b->y);
      if (!k || *k <= 0) return std::nullopt;
      bool is_len = is_len_of(b->x, base);
      if (!is_len) {
        // n - 1 where n := len(base)
        auto* n = as<Ident>(support::unparen(b->x));
        const AssignStmt* def = n ? local_definition(body, n, before) : nullptr;
        is_len = def && is_len_of(def->rhs[0], base);
      }
      if (!is_len) return std::nullopt;
      std::string high(support::text_of(file, s->high));
      if (*k == 1) return Dropped{true, high, "", "1 element"};
      return Dropped{false, "", x + "[" + high + ":]", std::to_string(*k) + " elements"};
    }
    return std::nullopt;
  }

  // Any element write (`x[i] = ...`) or clear(x...) on the slice before the re-slice.
  static bool cleared_before(const BlockStmt* body, const Expr* base, const Expr* target, Pos before) {
    bool cleared = false;
    auto names_slice = [&](const Expr* e) {
      e = support::unparen(e);
      if (auto* sl = as<SliceExpr>(e)) e = support::unparen(sl->x);
      return support::same_ref(e, base) || support::same_ref(e, target);
    };
    support::for_each_node(body, [&](const Node* n) {
      if (cleared || n->pos() >= before) return;
      if (auto* a = as<AssignStmt>(n))
        for (const Expr* l : a->lhs)
          if (auto* ix = as<IndexExpr>(support::unparen(l)); ix && names_slice(ix->x)) cleared = true;
      if (auto* call = as<CallExpr>(n)) {
        auto* f = as<Ident>(support::unparen(call->fun));
        if (f && f->name == "clear" && call->args.size() == 1 && names_slice(call->args[0])) cleared = true;
      }
    });
    return cleared;
  }

  // The zero value of the element type as this package would write it; "" when unsure.
  static std::string zero_text(const Pass& pass, const sema::Type* elem) {
    const sema::Type* t = sema::unalias(elem);
    std::string spelled;
    if (t && t->is(sema::TypeKind::Named)) {
      bool same_package = t->obj && t->obj->package() == pass.sema();
      if (t->generic) return "";
      // Another package's type: its zero is spelled without the name when it is nil, "", 0 or
      // false; a struct or array of it would need the qualifier.
      if (!same_package) return support::zero_value(elem, "");
      spelled = std::string(t->name);
    }
    return support::zero_value(elem, spelled);
  }

  // Whose storage the re-sliced slice is. Clearing slots writes into the backing array, which
  // is harmless only when no other live slice shares it.
  enum class Ownership {
    owned,    // every value the slice gets in the package is fresh storage or a slice of itself
    unknown,  // code outside the package may give it a value (exported), or a value of unknown origin
    view,     // it gets a slice of a parameter, another field or another variable: a view of live data
  };

  // What a value stored into the slice is: fresh storage (nil, make, a literal), a re-slice or
  // append of the slice itself (`self`), a view of something else, or unknown.
  static Ownership value_ownership(const Pass& pass, const Expr* e,
                                   const std::function<bool(const Expr*)>& self, int depth = 0) {
    e = support::unparen(e);
    if (!e || depth > 8) return Ownership::unknown;
    if (self(e)) return Ownership::owned;
    if (auto* id = as<Ident>(e)) {
      const sema::Object* o = support::object_of(pass, id);
      if (o && o->kind == sema::ObjectKind::Nil) return Ownership::owned;
      if (o && o->kind == sema::ObjectKind::Var && (o->is_param || o->package_level)) return Ownership::view;
      return Ownership::unknown;
    }
    if (is<CompositeLit>(e)) return Ownership::owned;
    if (auto* sl = as<SliceExpr>(e)) return value_ownership(pass, sl->x, self, depth + 1);
    if (auto* sel = as<SelectorExpr>(e)) {
      const sema::Object* o = sel->sel ? support::object_of(pass, sel->sel) : nullptr;
      return o && o->is_field ? Ownership::view : Ownership::unknown;
    }
    if (auto* call = as<CallExpr>(e)) {
      auto* f = as<Ident>(support::unparen(call->fun));
      const sema::Object* fo = f ? support::object_of(pass, f) : nullptr;
      if (fo && fo->kind == sema::ObjectKind::Builtin) {
        if (fo->builtin == sema::Builtin::Make) return Ownership::owned;
        if (fo->builtin == sema::Builtin::Append && !call->args.empty())
          return value_ownership(pass, call->args[0], self, depth + 1);
        return Ownership::unknown;
      }
      // A conversion T(x) keeps x's storage.
      if (fo && fo->kind == sema::ObjectKind::TypeName && call->args.size() == 1)
        return value_ownership(pass, call->args[0], self, depth + 1);
      if (is<ArrayType>(support::unparen(call->fun)) && call->args.size() == 1)
        return value_ownership(pass, call->args[0], self, depth + 1);
    }
    return Ownership::unknown;
  }

  static Ownership worst(Ownership a, Ownership b) {
    if (a == Ownership::view || b == Ownership::view) return Ownership::view;
    if (a == Ownership::unknown || b == Ownership::unknown) return Ownership::unknown;
    return Ownership::owned;
  }

  // Every value the package stores into the object `target` (a field or package variable), by
  // assignment, declaration or keyed literal; `&target` or an unkeyed literal of its struct make
  // it unknown.
  static Ownership stored_values(const Pass& pass, const sema::Object* target) {
    auto self = [&](const Expr* e) {
      e = support::unparen(e);
      const Ident* id = as<Ident>(e);
      if (auto* sel = as<SelectorExpr>(e)) id = sel->sel;
      return id && support::object_of(pass, id) == target;
    };
    Ownership result = Ownership::owned;
    for (const PassFile& f : pass.files()) {
      if (!f.parsed || !f.parsed->file) continue;
      support::inspect(f.parsed->file, [&](const Node* n, std::span<const Node* const> anc) {
        if (auto* a = as<AssignStmt>(n)) {
          for (size_t i = 0; i < a->lhs.size(); ++i) {
            if (!self(a->lhs[i])) continue;
            if (a->lhs.size() != a->rhs.size()) result = worst(result, Ownership::unknown);
            else if (a->tok == Tok::ASSIGN || a->tok == Tok::DEFINE)
              result = worst(result, value_ownership(pass, a->rhs[i], self));
          }
        } else if (auto* v = as<ValueSpec>(n)) {
          for (size_t i = 0; i < v->names.size(); ++i) {
            if (support::object_of(pass, v->names[i]) != target) continue;
            if (v->values.empty()) continue;  // nil
            if (v->values.size() != v->names.size()) result = worst(result, Ownership::unknown);
            else result = worst(result, value_ownership(pass, v->values[i], self));
          }
        } else if (auto* kv = as<KeyValueExpr>(n)) {
          auto* key = as<Ident>(kv->key);
          if (key && !anc.empty() && is<CompositeLit>(anc.back()) && support::object_of(pass, key) == target)
            result = worst(result, value_ownership(pass, kv->value, self));
        } else if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND && self(u->x)) {
          result = worst(result, Ownership::unknown);  // written through a pointer elsewhere
        } else if (auto* cl = as<CompositeLit>(n); cl && target->is_field && !cl->elts.empty() &&
                                                    !is<KeyValueExpr>(cl->elts[0])) {
          const sema::Type* t = sema::underlying(support::type_of(pass, cl));
          if (t && t->is(sema::TypeKind::Struct))
            for (const sema::Var& field : t->fields)
              if (field.name == target->name) result = worst(result, Ownership::unknown);
        }
        return Visit::descend;
      });
    }
    return result;
  }

  // Every value of the named slice type `named` the package makes: conversions T(x), and
  // variables of type T (or stores through *T) given a value.
  static Ownership named_slice_values(const Pass& pass, const sema::Type* named) {
    auto of_type = [&](const Expr* e) {
      const sema::Type* t = support::type_of(pass, e);
      return t && sema::unalias(t) == named;
    };
    auto self = [&](const Expr* e) {
      e = support::unparen(e);
      // *p of type T, or a local of type T: both stand for the slice itself (old := *h).
      return (is<StarExpr>(e) || is<Ident>(e)) && of_type(e) &&
             !(is<Ident>(e) && support::object_of(pass, as<Ident>(e)) &&
               support::object_of(pass, as<Ident>(e))->is_param);
    };
    Ownership result = Ownership::owned;
    for (const PassFile& f : pass.files()) {
      if (!f.parsed || !f.parsed->file) continue;
      support::inspect(f.parsed->file, [&](const Node* n, std::span<const Node* const>) {
        if (auto* call = as<CallExpr>(n); call && call->args.size() == 1) {
          auto* fn = as<Ident>(support::unparen(call->fun));
          const sema::Object* o = fn ? support::object_of(pass, fn) : nullptr;
          if (o && o->kind == sema::ObjectKind::TypeName && sema::unalias(o->type) == named)
            result = worst(result, value_ownership(pass, call->args[0], self));
        } else if (auto* a = as<AssignStmt>(n); a && a->lhs.size() == a->rhs.size()) {
          for (size_t i = 0; i < a->lhs.size(); ++i)
            if (of_type(a->lhs[i]) && !of_type(a->rhs[i]))
              result = worst(result, value_ownership(pass, a->rhs[i], self));
        } else if (auto* v = as<ValueSpec>(n); v && v->names.size() == v->values.size()) {
          for (size_t i = 0; i < v->names.size(); ++i)
            if (of_type(v->names[i]) && !of_type(v->values[i]))
              result = worst(result, value_ownership(pass, v->values[i], self));
        }
        return Visit::descend;
      });
    }
    return result;
  }

  static bool exported(std::string_view name) { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }

  static Ownership ownership(const Pass& pass, const Expr* lhs) {
    lhs = support::unparen(lhs);
    if (auto* sel = as<SelectorExpr>(lhs)) {
      const sema::Object* o = sel->sel ? support::object_of(pass, sel->sel) : nullptr;
      if (!o || !o->is_field) return Ownership::unknown;
      Ownership stored = stored_values(pass, o);
      if (stored == Ownership::view) return stored;
      return exported(o->name) ? Ownership::unknown : stored;
    }
    if (auto* id = as<Ident>(lhs)) {
      const sema::Object* o = support::object_of(pass, id);
      if (!o || !o->package_level) return Ownership::unknown;
      Ownership stored = stored_values(pass, o);
      if (stored == Ownership::view) return stored;
      return exported(o->name) ? Ownership::unknown : stored;
    }
    if (is<StarExpr>(lhs)) {
      const sema::Type* t = sema::unalias(support::type_of(pass, lhs));
      if (!t || !t->is(sema::TypeKind::Named) || !t->obj || t->obj->package() != pass.sema())
        return Ownership::unknown;
      Ownership made = named_slice_values(pass, t);
      if (made == Ownership::view) return made;
      return exported(t->obj->name) ? Ownership::unknown : made;
    }
    return Ownership::unknown;
  }

  // The fix writes the zero value into the dropped slots (or clears them), on a line of its
  // own before the re-slice, indented like it, with the file's line ending; the slice expression
  // is written as an operand (`(*h)[n-1]`).
  // Safe when the slice is owned (ownership above): nothing else reads the dropped slots, which
  // the re-slice makes unreachable through this slice. Unsafe when ownership is unknown (an
  // exported field, variable or type: other packages may hand in a slice they still use). No
  // fix for a view of live data (a parameter's storage, a sub-slice of another field): clearing
  // would erase elements its owner still reads.
  static std::optional<Fix> make_fix(const Pass& pass, const PassFile& file, const AssignStmt* a,
                                     const Expr* lhs, const std::string& x, const Dropped& d,
                                     const sema::Type* elem) {
    std::string line;
    if (d.single) {
      std::string zero = zero_text(pass, elem);
      if (zero.empty()) return std::nullopt;
      line = x + "[" + d.index + "] = " + zero;
    } else {
      if (!file.go_version.at_least(1, 21)) return std::nullopt;  // no clear builtin before 1.21
      line = "clear(" + (d.range.empty() ? x : d.range) + ")";
    }
    Ownership owner = ownership(pass, lhs);
    if (owner == Ownership::view) return std::nullopt;
    auto edit = support::insert_lines_before(file.text, a->pos(), {line});
    if (!edit) return std::nullopt;
    Fix fix;
    fix.message = "Clear the dropped elements before re-slicing";
    fix.edits.push_back(*edit);
    fix.safety = owner == Ownership::owned ? FixSafety::safe : FixSafety::unsafe;
    return fix;
  }
};

}  // namespace

const Rule* slice_pop_leak_rule() {
  static const SlicePopLeak rule;
  return &rule;
}

}  // namespace gotrap::rules
