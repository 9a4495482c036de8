#include "facts/lifetime.h"

#include "facts/remote.h"
#include "facts/types.h"
#include "facts/walk.h"

#include <algorithm>
#include <unordered_map>
#include <vector>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

constexpr int kMaxDepth = 3;
// How many steps a value is followed through holders, containers and returns in one question.
constexpr int kMaxHolders = 3;

// The state of one public question (bounded_by_call, values_bounded_by_call) on this thread,
// shared by the helpers it calls: what each method body does with its receiver, computed once
// (a method reached again while it is being looked at, through recursion, adds nothing new), a
// bound on the method bodies looked into, and the container field the question is about.
struct Query {
  std::unordered_map<const FuncDecl*, char> keeps;  // 1: being looked at, 2: keeps, 3: does not
  int budget = 400;
  const sema::Object* field = nullptr;
  int holder_depth = 0;
  // Functions whose every call's result is being followed (call_results_bounded): a variable
  // given the result of another call of one of them is covered by that same question.
  std::vector<const sema::Object*> following;
  // The owner a local is being checked to be held by (held_by_owner): putting the local into
  // it keeps the local no longer than the owner, whose own question is under way.
  const sema::Object* inside = nullptr;
};
thread_local Query* t_query = nullptr;

class QueryScope {
 public:
  explicit QueryScope(const sema::Object* field) : mine_(!t_query) {
    if (mine_) {
      own_.field = field;
      t_query = &own_;
    }
  }
  ~QueryScope() {
    if (mine_) t_query = nullptr;
  }
  QueryScope(const QueryScope&) = delete;
  QueryScope& operator=(const QueryScope&) = delete;

 private:
  Query own_;
  bool mine_;
};

// Values of type `t` hold the struct field `field` by value (directly, or in a struct or array
// field of theirs).
bool holds_field(const sema::Type* t, const sema::Object* field, int depth) {
  const sema::Type* u = sema::underlying(t);
  if (!u || depth > 4) return true;
  if (u->is(sema::TypeKind::Array)) return holds_field(u->elem, field, depth + 1);
  if (!u->is(sema::TypeKind::Struct)) return false;
  for (const sema::Var& f : u->fields) {
    if (f.obj == field) return true;
    if (holds_field(f.type, field, depth + 1)) return true;
  }
  return false;
}

const sema::Object* builtin_callee(const sema::PackageInfo* info, const CallExpr* call) {
  auto* f = as<Ident>(unparen(call->fun));
  const sema::Object* o = f ? info->use_of(f) : nullptr;
  return o && o->kind == sema::ObjectKind::Builtin ? o : nullptr;
}

// Values of `e`'s type hold pointers (or gotrap cannot tell).
bool may_hold_pointers(const sema::PackageInfo* info, const Expr* e) {
  auto p = holds_pointers(info->type_of(e));
  return !p || *p;
}

// Values of `t` share storage with what they were read from: slices (their array), and arrays
// and structs holding one; unknown types are taken to.
bool carries_storage(const sema::Type* t, int depth) {
  const sema::Type* u = sema::underlying(t);
  if (!u || depth > 3) return true;
  if (u->is(sema::TypeKind::Slice)) return true;
  if (u->is(sema::TypeKind::Array)) return carries_storage(u->elem, depth + 1);
  if (u->is(sema::TypeKind::Struct)) {
    for (const sema::Var& f : u->fields)
      if (carries_storage(f.type, depth + 1)) return true;
    return false;
  }
  return false;
}

// The innermost enclosing function of the last ancestor, or null.
const Node* innermost_func(std::span<const Node* const> anc) { return enclosing_func(anc); }

bool keeps_receiver(const sema::PackageInfo* info, Summaries* sums, const FuncDecl* fd, int depth);
bool bounded_local(const sema::PackageInfo* info, Summaries* summaries, const Node* fn, const sema::Object* var,
                   const Expr* given);
bool escapes_in(const sema::PackageInfo* info, Summaries* sums, const Node* fn, const sema::Object* var, int depth);
bool container_escapes(const sema::PackageInfo* info, Summaries* sums, const Node* outer, const sema::Object* c,
                       int depth);
bool held_by_owner(const sema::PackageInfo* info, Summaries* sums, const Node* outer, const sema::Object* s,
                   const sema::Object* owner);

// The root variable an expression reads through (`x.f[i].g`, `*x`, `&x.f`), or null.
const Ident* root_ident(const Expr* e) {
  for (;;) {
    e = unparen(e);
    if (auto* id = as<Ident>(e)) return id;
    if (auto* s = as<SelectorExpr>(e)) e = s->x;
    else if (auto* i = as<IndexExpr>(e)) e = i->x;
    else if (auto* sl = as<SliceExpr>(e)) e = sl->x;
    else if (auto* st = as<StarExpr>(e)) e = st->x;
    else if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::AND) e = u->x;
    else return nullptr;
  }
}

// A call that converts to a type spelled as a literal (`[]T(x)`, `map[K]V(m)`).
bool type_literal_conversion(const CallExpr* call) {
  const Expr* f = unparen(call->fun);
  return is<ArrayType>(f) || is<MapType>(f) || is<ChanType>(f) || is<FuncType>(f) || is<StructType>(f) ||
         is<InterfaceType>(f);
}

// `append(var, ...)` or a re-slice of var (`var[i:j]`): var's own storage, grown or narrowed.
bool regrows(const sema::PackageInfo* info, const Expr* e, const sema::Object* var) {
  e = unparen(e);
  if (auto* sl = as<SliceExpr>(e)) {
    auto* id = as<Ident>(unparen(sl->x));
    return id && info->use_of(id) == var;
  }
  auto* call = as<CallExpr>(e);
  const sema::Object* b = call ? builtin_callee(info, call) : nullptr;
  if (!b || b->builtin != sema::Builtin::Append || call->args.empty()) return false;
  auto* id = as<Ident>(unparen(call->args[0]));
  return id && info->use_of(id) == var;
}

// The local map, slice or array variable `e` names, declared in the function `outer` (not a
// parameter, not a package variable), or null.
const sema::Object* local_container(const sema::PackageInfo* info, const Expr* e, const Node* outer) {
  auto* id = as<Ident>(unparen(e));
  const sema::Object* c = id ? info->use_of(id) : nullptr;
  if (!c || c->kind != sema::ObjectKind::Var || c->package_level || c->is_param || !outer) return nullptr;
  if (c->pos() < outer->pos() || c->pos() >= outer->end()) return nullptr;
  const sema::Type* u = sema::underlying(c->type);
  if (!u || !(u->is(sema::TypeKind::Map) || u->is(sema::TypeKind::Slice) || u->is(sema::TypeKind::Array)))
    return nullptr;
  return c;
}

// Whether the mention `id` of `var` (ancestors `anc`) lets the value outlive the call.
bool call_results_bounded(const sema::PackageInfo* info, Summaries* sums, const FuncDecl* fd, size_t result);

// `outer`: the function whose body `fn` is.
// `start` is the mention: `var` itself, or an element read out of a local container of it
// (container_escapes), which is the value followed in its own right.
bool mention_escapes(const sema::PackageInfo* info, Summaries* sums, const Expr* start,
                     std::span<const Node* const> anc, const sema::Object* var, const Node* fn, int depth,
                     const Node* outer) {
  // Inside a function literal of fn: a goroutine keeps it; a literal called or passed to a call
  // (sort.Slice, a deferred closure) uses it during the call.
  for (size_t k = anc.size(); k-- > 0;) {
    if (anc[k] == fn) break;
    if (is<GoStmt>(anc[k])) return true;
    if (is<FuncLit>(anc[k])) {
      if (k == 0) return true;
      const Node* p = anc[k - 1];
      if (is<CallExpr>(p)) continue;
      if (auto* a = as<AssignStmt>(p); a && a->tok == Tok::DEFINE) continue;
      return true;
    }
  }
  const Node* cur = start;
  size_t k = anc.size();
  while (k > 0) {
    const Node* p = anc[k - 1];
    if (is<ParenExpr>(p) || is<StarExpr>(p)) {
      cur = p, --k;
      continue;
    }
    if (auto* u = as<UnaryExpr>(p); u && u->op == Tok::AND) {
      cur = p, --k;
      continue;
    }
    if (auto* sel = as<SelectorExpr>(p); sel && sel->x == cur) {
      if (k >= 2) {
        if (auto* call = as<CallExpr>(anc[k - 2]); call && call->fun == p) {
          // A method called on it (or on a field of it).
          const sema::Object* m = sel->sel ? info->use_of(sel->sel) : nullptr;
          if (!m || m->kind != sema::ObjectKind::Func) return false;  // a func field, or unknown
          // Asked about one container field: a method called on a pointer (or interface, map,
          // chan) read out of another field works on another object, whatever it keeps.
          if (const sema::Object* field = t_query ? t_query->field : nullptr; field && cur != start) {
            bool through = false, address = false;
            for (size_t j = k; j < anc.size(); ++j) {
              if (auto* s2 = as<SelectorExpr>(anc[j]); s2 && s2->sel && info->use_of(s2->sel) == field)
                through = true;
              if (auto* u = as<UnaryExpr>(anc[j]); u && u->op == Tok::AND) address = true;
            }
            const sema::Type* ct = sema::underlying(info->type_of(static_cast<const Expr*>(cur)));
            if (!through && !address && ct &&
                (ct->is(sema::TypeKind::Pointer) || ct->is(sema::TypeKind::Interface) ||
                 ct->is(sema::TypeKind::Map) || ct->is(sema::TypeKind::Chan)))
              return false;
          }
          auto* fd = as<FuncDecl>(m->decl);
          if (!fd || !fd->body) return false;  // no body: used during the call
          if (!t_query && depth >= kMaxDepth) return true;
          const sema::PackageInfo* minfo = m->package();
          return !minfo || keeps_receiver(minfo, sums, fd, depth + 1);
        }
      }
      cur = p, --k;
      continue;
    }
    if (auto* ix = as<IndexExpr>(p); ix && ix->x == cur) {
      cur = p, --k;
      continue;
    }
    if (auto* sl = as<SliceExpr>(p); sl && sl->x == cur) {
      cur = p, --k;
      continue;
    }
    break;
  }
  if (k == 0) return true;
  const Node* p = anc[k - 1];
  const Expr* value = static_cast<const Expr*>(cur);
  // A field or element read out of it is a copy: it carries var's storage only when it is a
  // slice (sharing var's array) or holds one; a pointer it holds points to another object.
  bool projection = cur != start && (is<IndexExpr>(cur) || is<SelectorExpr>(cur));
  // Asked about one container field: another field read out (a result the owner built, a
  // setting, a stack of its own) does not carry that field's array, wherever it goes, unless it
  // holds the field itself; its address would keep the whole owner alive.
  if (const sema::Object* field = t_query ? t_query->field : nullptr; field && projection) {
    bool through = false, address = false;
    for (size_t j = k; j < anc.size(); ++j) {
      if (auto* sel = as<SelectorExpr>(anc[j]); sel && sel->sel && info->use_of(sel->sel) == field) through = true;
      if (auto* u = as<UnaryExpr>(anc[j]); u && u->op == Tok::AND) address = true;
    }
    if (!through && !address && !holds_field(info->type_of(value), field, 0)) return false;
  }
  auto kept_value = [&] {
    if (!projection) return may_hold_pointers(info, value);
    return carries_storage(info->type_of(value), 0);
  };
  if (auto* a = as<AssignStmt>(p)) {
    for (size_t i = 0; i < a->lhs.size(); ++i) {
      if (a->lhs[i] != cur) continue;
      if (cur != start) return false;  // a write through it
      // var itself is given a value: only fresh storage, or its own storage grown or re-sliced
      // (`h = append(h, x)`, `h = h[1:]`), or the result of a function whose every call is
      // being followed, keeps the claim.
      if (a->rhs.size() == 1)
        if (auto* call = as<CallExpr>(unparen(a->rhs[0])); call && t_query) {
          const sema::Object* f = callee_of(info, call);
          const auto& fl = t_query->following;
          if (f && std::find(fl.begin(), fl.end(), f) != fl.end()) return false;
        }
      if (a->lhs.size() != a->rhs.size()) return true;
      return !is_fresh_value(info, a->rhs[i]) && !regrows(info, a->rhs[i], var);
    }
    for (size_t i = 0; i < a->rhs.size(); ++i) {
      if (a->rhs[i] != cur) continue;
      if (a->lhs.size() == a->rhs.size()) {
        auto* l = as<Ident>(a->lhs[i]);
        if (l && l->name == "_") return false;
        // Back into var itself (`x.items = x.items[:0]`, `h = h[1:]`: the left side is checked
        // as a mention of its own).
        const Ident* r = root_ident(a->lhs[i]);
        if (r && info->object_of(r) == var) return false;
        if (r && t_query && t_query->inside && info->object_of(r) == t_query->inside) return false;
        // Put in a field of a local that var holds (`a := &T{s: s}; s.owner = a`): a cycle, as
        // long as that local does not outlive the call otherwise.
        if (r && r != a->lhs[i])
          if (const sema::Object* so = info->object_of(r); so != var && held_by_owner(info, sums, outer, so, var))
            return false;
        // Put in an element of a local map or slice (`groups[k] = g`): it lives as long as that
        // container.
        if (auto* ix = as<IndexExpr>(unparen(a->lhs[i])))
          if (const sema::Object* c = local_container(info, ix->x, outer); c && c != var)
            return container_escapes(info, sums, outer, c, depth);
      }
      return kept_value();
    }
    return true;
  }
  if (auto* call = as<CallExpr>(p)) {
    if (call->fun == cur) return false;  // calls a func-valued field
    size_t arg = 0;
    while (arg < call->args.size() && call->args[arg] != cur) ++arg;
    if (arg == call->args.size()) return true;
    if (k >= 2 && is<GoStmt>(anc[k - 2])) return true;
    if (const sema::Object* b = builtin_callee(info, call)) {
      switch (b->builtin) {
        case sema::Builtin::Len: case sema::Builtin::Cap: case sema::Builtin::Copy:
        case sema::Builtin::Clear: case sema::Builtin::Delete: case sema::Builtin::Min:
        case sema::Builtin::Max: case sema::Builtin::Print: case sema::Builtin::Println:
          return false;
        case sema::Builtin::Append: {
          if (arg > 0) {
            // `append(dst, x...)` copies the elements out, not the array they are in.
            if (call->ellipsis != kNoPos && arg + 1 == call->args.size()) {
              const sema::Type* st = sema::underlying(info->type_of(value));
              if (st && st->is(sema::TypeKind::Slice)) return carries_storage(st->elem, 0);
            }
            // `list = append(list, g)` on a local slice: it lives as long as that slice.
            if (k >= 2 && !call->args.empty())
              if (auto* a = as<AssignStmt>(anc[k - 2]); a && a->lhs.size() == 1 && a->rhs.size() == 1 &&
                                                         a->rhs[0] == call)
                if (const sema::Object* c = local_container(info, call->args[0], outer); c && c != var) {
                  auto* l = as<Ident>(unparen(a->lhs[0]));
                  if (l && info->object_of(l) == c) return container_escapes(info, sums, outer, c, depth);
                }
            return kept_value();
          }
          // append(x.items, v): fine when the result goes back into var.
          if (k >= 2)
            if (auto* a = as<AssignStmt>(anc[k - 2]); a && a->lhs.size() == a->rhs.size())
              for (size_t i = 0; i < a->rhs.size(); ++i)
                if (a->rhs[i] == call) {
                  const Ident* r = root_ident(a->lhs[i]);
                  return !(r && info->object_of(r) == var);
                }
          return true;
        }
        default:
          return kept_value();
      }
    }
    const sema::Object* callee = callee_of(info, call);
    if ((callee && callee->kind == sema::ObjectKind::TypeName) || type_literal_conversion(call))
      return kept_value();  // a conversion
    if (!callee || !sums) return false;
    const FuncSummary* s = sums->of(callee);
    if (!s) return false;
    auto use = s->of_arg(arg);
    if (use & kStored) return true;
    if (!(use & kReturned)) return false;
    // Returned: fine when every result that can share storage goes back into var itself
    // (`x, c.stack = pop(c.stack)`).
    if (k >= 2)
      if (auto* a = as<AssignStmt>(anc[k - 2]); a && a->rhs.size() == 1 && a->rhs[0] == call) {
        for (const Expr* l : a->lhs) {
          if (auto* li = as<Ident>(l); li && li->name == "_") continue;
          const Ident* r = root_ident(l);
          if (r && r != l && info->object_of(r) == var) continue;
          if (carries_storage(info->type_of(l), 0)) return true;
        }
        return false;
      }
    return true;
  }
  // Returned itself by an unexported plain function whose every call puts the result in a local
  // that is bounded in turn (`a := &T{}; ...; return a` from a constructor used once).
  if (auto* r = as<ReturnStmt>(p); r && cur == start) {
    Query* q = t_query;
    auto* fd = as<FuncDecl>(outer);
    bool in_literal = false;
    for (size_t j = k; j-- > 0;)
      if (is<FuncLit>(anc[j])) in_literal = true;
    if (fd && !in_literal && q && q->holder_depth < kMaxHolders) {
      size_t idx = 0;
      while (idx < r->results.size() && r->results[idx] != cur) ++idx;
      ++q->holder_depth;
      bool held = idx < r->results.size() && call_results_bounded(info, sums, fd, idx);
      --q->holder_depth;
      if (held) return false;
    }
  }
  // Put in a struct literal of a type of this package whose every value dies with the call that
  // made it (`&analyzer{scoper: s}`): it lives as long as that holder.
  {
    const CompositeLit* lit = as<CompositeLit>(p);
    if (auto* kv = as<KeyValueExpr>(p); kv && kv->value == cur && k >= 2) lit = as<CompositeLit>(anc[k - 2]);
    // A literal put back into var itself (`x.items = append(x.items, item{owner: x})`): a
    // reference of var to itself keeps it no longer.
    if (lit) {
      const Node* lc = lit;
      size_t j = k - (lit == p ? 1 : 2);
      while (j > 0 && (is<ParenExpr>(anc[j - 1]) || (is<UnaryExpr>(anc[j - 1]) &&
                                                     static_cast<const UnaryExpr*>(anc[j - 1])->op == Tok::AND)))
        lc = anc[--j];
      const Node* lp = j > 0 ? anc[j - 1] : nullptr;
      const AssignStmt* into = as<AssignStmt>(lp);
      const Node* value = lc;
      if (auto* call = as<CallExpr>(lp); call && j >= 2 && call->fun != lc) {
        const sema::Object* b = builtin_callee(info, call);
        if (b && b->builtin == sema::Builtin::Append && !call->args.empty() && call->args[0] != lc) {
          into = as<AssignStmt>(anc[j - 2]);
          value = call;
        }
      }
      if (into && into->lhs.size() == into->rhs.size())
        for (size_t i = 0; i < into->rhs.size(); ++i)
          if (into->rhs[i] == value) {
            const Ident* r = root_ident(into->lhs[i]);
            if (r && r != into->lhs[i] && info->object_of(r) == var) return false;
            if (r && t_query && t_query->inside && info->object_of(r) == t_query->inside) return false;
          }
    }
    Query* q = t_query;
    if (lit && q && q->holder_depth < kMaxHolders) {
      const sema::Type* lt = sema::unalias(info->type_of(lit));
      const sema::Type* lu = sema::underlying(lt);
      if (lt && lt->is(sema::TypeKind::Named) && lt->obj && lt->obj->package() == info && lu &&
          lu->is(sema::TypeKind::Struct)) {
        ++q->holder_depth;
        bool held = values_bounded_by_call(info, sums, lt, q->field);
        --q->holder_depth;
        if (held) return false;
      }
    }
  }
  if (is<ReturnStmt>(p) || is<SendStmt>(p) || is<CompositeLit>(p) || is<KeyValueExpr>(p) ||
      is<ValueSpec>(p) || is<TypeAssertExpr>(p))
    return kept_value();
  if (auto* ix = as<IndexExpr>(p); ix && ix->index == cur) return kept_value();  // a map key
  // Comparisons, arithmetic, conditions, receives, range, statements of their own.
  return false;
}

// Whether some mention of `var` in `body` (of function `fn`) lets it outlive the call.
bool escapes_in(const sema::PackageInfo* info, Summaries* sums, const Node* fn, const sema::Object* var,
                int depth) {
  const BlockStmt* body = func_body(fn);
  if (!body) return true;
  bool escapes = false;
  inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
    if (escapes) return Visit::stop;
    if (auto* id = as<Ident>(n); id && info->use_of(id) == var) {
      // anc runs from body; give the walk fn as the outer frame.
      if (mention_escapes(info, sums, id, anc, var, body, depth, fn)) escapes = true;
    }
    return Visit::descend;
  });
  return escapes;
}

bool has_waiting_loop(const sema::PackageInfo* info, const Node* body) {
  bool found = false;
  for_each_node(body, [&](const Node* n) {
    if (!found && (is<ForStmt>(n) || is<RangeStmt>(n)) && waits_for_input(info, n)) found = true;
  });
  return found;
}

// A local variable of `outer` (declared in its body, not a parameter, not a package variable).
bool local_of(const sema::Object* v, const Node* outer) {
  return v && v->kind == sema::ObjectKind::Var && !v->package_level && !v->is_param && outer &&
         v->pos() >= outer->pos() && v->pos() < outer->end();
}

// Whether the local `s` of `outer`, made new here, outlives the call no other way than inside
// `owner` (put in a literal `owner` is given, or in a field of it): then a value stored in `s`
// lives no longer than `owner`, whose own question is under way.
bool held_by_owner(const sema::PackageInfo* info, Summaries* sums, const Node* outer, const sema::Object* s,
                   const sema::Object* owner) {
  Query* q = t_query;
  const BlockStmt* body = func_body(outer);
  if (!q || q->holder_depth >= kMaxHolders || !local_of(s, outer) || q->inside || !body) return false;
  // Its value is new: fresh storage, or what a function of the package returns as a literal
  // (`return &T{...}` on every path).
  auto made_new = [&](const Expr* v) {
    if (is_fresh_value(info, v)) return true;
    auto* call = as<CallExpr>(unparen(v));
    const sema::Object* f = call ? callee_of(info, call) : nullptr;
    auto* fd = f && f->kind == sema::ObjectKind::Func && f->package() == info ? as<FuncDecl>(f->decl) : nullptr;
    if (!fd || !fd->body) return false;
    bool all = true, any = false;
    inspect(fd->body, [&](const Node* n, std::span<const Node* const>) {
      if (is<FuncLit>(n)) return Visit::skip;
      if (auto* r = as<ReturnStmt>(n)) {
        any = true;
        if (r->results.size() != 1 || !is_fresh_value(info, r->results[0])) all = false;
      }
      return Visit::descend;
    });
    return any && all;
  };
  bool fresh = true, declared = false;
  inspect(body, [&](const Node* n, std::span<const Node* const>) {
    if (auto* a = as<AssignStmt>(n)) {
      for (size_t i = 0; i < a->lhs.size(); ++i) {
        auto* l = as<Ident>(a->lhs[i]);
        if (!l || info->object_of(l) != s) continue;
        if (info->def_of(l) == s) declared = true;
        if (a->lhs.size() != a->rhs.size() || !made_new(a->rhs[i])) fresh = false;
      }
    } else if (auto* v = as<ValueSpec>(n)) {
      for (size_t i = 0; i < v->names.size(); ++i) {
        if (info->def_of(v->names[i]) != s) continue;
        declared = true;
        if (!v->values.empty() && (v->values.size() != v->names.size() || !made_new(v->values[i]))) fresh = false;
      }
    }
    return Visit::descend;
  });
  if (!declared || !fresh) return false;
  ++q->holder_depth;
  q->inside = owner;
  bool escapes = escapes_in(info, sums, outer, s, 0);
  q->inside = nullptr;
  --q->holder_depth;
  return !escapes;
}

// Whether the local map, slice or array `c` of `outer`, into which the value followed is put,
// lets it outlive the call. It must be made here (fresh storage, or its own append or
// re-slice), no loop of `outer` waits for input, and every mention of it writes an element,
// grows it, measures it, compares it, or reads an element out: into a local variable (or the
// value of a `range`) whose own mentions are followed in turn, or in an expression that is
// followed as a mention of the value itself. Anything else (handed to a call, returned, stored,
// used by a goroutine or a literal that is kept) lets it outlive the call.
bool container_escapes(const sema::PackageInfo* info, Summaries* sums, const Node* outer, const sema::Object* c,
                       int depth) {
  Query* q = t_query;
  const BlockStmt* body = func_body(outer);
  if (!q || q->holder_depth >= kMaxHolders || !body || !local_of(c, outer) || has_waiting_loop(info, body)) return true;
  bool declared = false, fresh = true;
  inspect(body, [&](const Node* n, std::span<const Node* const>) {
    if (auto* a = as<AssignStmt>(n)) {
      for (size_t i = 0; i < a->lhs.size(); ++i) {
        auto* l = as<Ident>(a->lhs[i]);
        if (!l || info->def_of(l) != c) continue;
        declared = true;
        if (a->lhs.size() != a->rhs.size() || !is_fresh_value(info, a->rhs[i])) fresh = false;
      }
    } else if (auto* v = as<ValueSpec>(n)) {
      for (size_t i = 0; i < v->names.size(); ++i) {
        if (info->def_of(v->names[i]) != c) continue;
        declared = true;
        if (!v->values.empty() && (v->values.size() != v->names.size() || !is_fresh_value(info, v->values[i])))
          fresh = false;
      }
    }
    return Visit::descend;
  });
  if (!declared || !fresh) return true;
  // A variable an element is read into, or null when the element is used otherwise.
  auto reads_into = [&](const Node* e, const Node* p) -> const sema::Object* {
    auto* a = as<AssignStmt>(p);
    if (!a) return nullptr;
    for (size_t i = 0; i < a->rhs.size(); ++i) {
      if (a->rhs[i] != e) continue;
      // `g := c[k]`, `g, ok := c[k]`
      size_t j = a->lhs.size() == a->rhs.size() ? i : (a->rhs.size() == 1 ? 0 : a->lhs.size());
      auto* l = j < a->lhs.size() ? as<Ident>(a->lhs[j]) : nullptr;
      const sema::Object* v = l ? info->object_of(l) : nullptr;
      return local_of(v, outer) ? v : nullptr;
    }
    return nullptr;
  };
  auto is_c = [&](const Expr* e) {
    auto* id = as<Ident>(unparen(e));
    return id && info->use_of(id) == c;
  };
  ++q->holder_depth;
  bool escapes = false;
  inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
    if (escapes) return Visit::stop;
    auto* id = as<Ident>(n);
    if (!id || info->use_of(id) != c) return Visit::descend;
    // In a literal: a goroutine keeps it; a literal called or passed to a call uses it during it.
    for (size_t k = anc.size(); k-- > 0;) {
      if (is<GoStmt>(anc[k])) return escapes = true, Visit::stop;
      if (is<FuncLit>(anc[k])) {
        const Node* p = k > 0 ? anc[k - 1] : nullptr;
        auto* a = as<AssignStmt>(p);
        if (!is<CallExpr>(p) && !(a && a->tok == Tok::DEFINE)) return escapes = true, Visit::stop;
      }
    }
    const Node* cur = id;
    size_t k = anc.size();
    while (k > 0 && is<ParenExpr>(anc[k - 1])) cur = anc[--k];
    if (k == 0) return escapes = true, Visit::stop;
    const Node* p = anc[k - 1];
    const Node* pp = k >= 2 ? anc[k - 2] : nullptr;
    if (auto* ix = as<IndexExpr>(p); ix && ix->x == cur) {
      if (auto* a = as<AssignStmt>(pp))
        for (const Expr* l : a->lhs)
          if (l == ix) return Visit::descend;  // an element written
      if (auto* a = as<AssignStmt>(pp); a && a->tok == Tok::DEFINE) {
        const sema::Object* v = reads_into(ix, pp);
        if (!v) {
          escapes = true;
        } else {
          // The variable read into holds the value: its mentions are followed in turn (its own
          // definition is not one of them).
          escapes = escapes_in(info, sums, outer, v, depth);
        }
        return escapes ? Visit::stop : Visit::descend;
      }
      // The element in an expression: followed as the value itself.
      if (mention_escapes(info, sums, ix, anc.subspan(0, k - 1), c, body, depth, outer)) escapes = true;
      return escapes ? Visit::stop : Visit::descend;
    }
    if (auto* r = as<RangeStmt>(p); r && r->x == cur) {
      auto* v = as<Ident>(r->value);
      const sema::Object* vo = v ? info->object_of(v) : nullptr;
      if (v && v->name != "_" && (!local_of(vo, outer) || escapes_in(info, sums, outer, vo, depth)))
        escapes = true;
      return escapes ? Visit::stop : Visit::descend;
    }
    if (auto* call = as<CallExpr>(p); call && call->fun != cur) {
      const sema::Object* b = builtin_callee(info, call);
      if (b && (b->builtin == sema::Builtin::Len || b->builtin == sema::Builtin::Cap ||
                b->builtin == sema::Builtin::Delete || b->builtin == sema::Builtin::Clear))
        return Visit::descend;
      // `c = append(c, ...)`
      auto* a = as<AssignStmt>(pp);
      if (b && b->builtin == sema::Builtin::Append && call->args[0] == cur && a && a->lhs.size() == 1 &&
          a->rhs.size() == 1 && a->rhs[0] == call && is_c(a->lhs[0]))
        return Visit::descend;
      return escapes = true, Visit::stop;
    }
    if (auto* sl = as<SliceExpr>(p); sl && sl->x == cur) {
      // `c = c[:0]`
      auto* a = as<AssignStmt>(pp);
      if (a && a->lhs.size() == 1 && a->rhs.size() == 1 && a->rhs[0] == sl && is_c(a->lhs[0]))
        return Visit::descend;
      return escapes = true, Visit::stop;
    }
    if (auto* a = as<AssignStmt>(p)) {
      for (size_t i = 0; i < a->lhs.size(); ++i)
        if (a->lhs[i] == cur)
          return a->lhs.size() == a->rhs.size() &&
                         (is_fresh_value(info, a->rhs[i]) || regrows(info, a->rhs[i], c))
                     ? Visit::descend
                     : (escapes = true, Visit::stop);
      return escapes = true, Visit::stop;  // given to another variable
    }
    if (auto* be = as<BinaryExpr>(p); be && (be->op == Tok::EQL || be->op == Tok::NEQ)) return Visit::descend;
    // Put in a struct literal of a type of the package whose every value dies with the call
    // that made it: it lives as long as that holder.
    const CompositeLit* lit = as<CompositeLit>(p);
    if (auto* kv = as<KeyValueExpr>(p); kv && kv->value == cur) lit = as<CompositeLit>(pp);
    if (lit && q->holder_depth < kMaxHolders) {
      const sema::Type* lt = sema::unalias(info->type_of(lit));
      const sema::Type* lu = sema::underlying(lt);
      if (lt && lt->is(sema::TypeKind::Named) && lt->obj && lt->obj->package() == info && lu &&
          lu->is(sema::TypeKind::Struct) && values_bounded_by_call(info, sums, lt, q->field))
        return Visit::descend;
    }
    return escapes = true, Visit::stop;
  });
  --q->holder_depth;
  return escapes;
}

bool keeps_receiver_uncached(const sema::PackageInfo* info, Summaries* sums, const FuncDecl* fd, int depth);

bool keeps_receiver(const sema::PackageInfo* info, Summaries* sums, const FuncDecl* fd, int depth) {
  Query* q = t_query;
  if (!q) return keeps_receiver_uncached(info, sums, fd, depth);
  if (auto it = q->keeps.find(fd); it != q->keeps.end()) return it->second == 2;
  if (q->budget-- <= 0) return true;  // too much to look at: no claim
  q->keeps[fd] = 1;
  bool keeps = keeps_receiver_uncached(info, sums, fd, depth);
  q->keeps[fd] = keeps ? 2 : 3;
  return keeps;
}

bool keeps_receiver_uncached(const sema::PackageInfo* info, Summaries* sums, const FuncDecl* fd, int depth) {
  if (!fd->body) return false;
  bool starts = false;
  for_each_node(fd->body, [&](const Node* n) {
    if (is<GoStmt>(n)) starts = true;
  });
  if (starts || has_waiting_loop(info, fd->body)) return true;
  if (!fd->recv || fd->recv->list.empty() || fd->recv->list[0]->names.empty()) return false;
  const sema::Object* recv = info->def_of(fd->recv->list[0]->names[0]);
  if (!recv) return true;
  return escapes_in(info, sums, fd, recv, depth);
}

const Node* func_of(std::span<const Node* const> anc) { return innermost_func(anc); }

// Whether `e` (a value of the named type) ends in a local that is bounded_by_call, or in a callee
// that does not keep it; `anc` are e's ancestors. `follow_returns`: a `return` of it is followed to
// the calls of its (unexported, plain) function.
bool lands_bounded(const sema::PackageInfo* info, Summaries* sums, const Expr* e,
                   std::span<const Node* const> anc, bool follow_returns);

// An unexported method can be called only from its own package, directly or through an
// interface of the package that has a method of that name: each such call counts as one of it.
bool call_results_bounded(const sema::PackageInfo* info, Summaries* sums, const FuncDecl* fd, size_t result) {
  if (!fd->name) return false;
  if (!fd->name->name.empty() && fd->name->name[0] >= 'A' && fd->name->name[0] <= 'Z') return false;
  const sema::Object* fobj = info->def_of(fd->name);
  if (!fobj) return false;
  auto calls_it = [&](const sema::Object* o) {
    if (o == fobj) return true;
    // An interface method of the same name may run this one.
    return fd->recv && o && o->kind == sema::ObjectKind::Func && o->name == fobj->name && !as<FuncDecl>(o->decl);
  };
  bool ok = true;
  if (t_query) t_query->following.push_back(fobj);
  for (const syntax::ParsedFile* f : info->files) {
    if (!ok || !f || !f->file) continue;
    inspect(f->file, [&](const Node* n, std::span<const Node* const> anc) {
      if (!ok) return Visit::stop;
      auto* id = as<Ident>(n);
      if (!id || !calls_it(info->use_of(id))) return Visit::descend;
      // Only direct calls f(...) or x.m(...) whose results go to locals.
      if (anc.empty()) return ok = false, Visit::stop;
      const Node* callee = id;
      if (auto* sel = as<SelectorExpr>(anc.back()); sel && sel->sel == id && fd->recv) {
        callee = sel;
        anc = anc.subspan(0, anc.size() - 1);
        if (anc.empty()) return ok = false, Visit::stop;
      }
      auto* call = as<CallExpr>(anc.back());
      if (!call || unparen(call->fun) != callee || anc.size() < 2) return ok = false, Visit::stop;
      // Returned in turn by an unexported function of the package (`return f(...), nil`): its
      // own calls are followed (two steps at most).
      if (auto* r = as<ReturnStmt>(anc[anc.size() - 2])) {
        Query* q = t_query;
        const FuncDecl* up = nullptr;
        for (size_t j = anc.size() - 2; j-- > 0;) {
          if (is<FuncLit>(anc[j])) break;
          if ((up = as<FuncDecl>(anc[j]))) break;
        }
        // `return f()` passes every result through; `return f(), nil` gives f's one result.
        size_t idx = result;
        if (r->results.size() > 1) {
          idx = 0;
          while (idx < r->results.size() && r->results[idx] != call) ++idx;
          if (result != 0) idx = r->results.size();
        }
        if (!up || !q || q->holder_depth >= kMaxHolders || (r->results.size() > 1 && idx >= r->results.size()))
          return ok = false, Visit::stop;
        ++q->holder_depth;
        if (!call_results_bounded(info, sums, up, idx)) ok = false;
        --q->holder_depth;
        return ok ? Visit::descend : Visit::stop;
      }
      auto* a = as<AssignStmt>(anc[anc.size() - 2]);
      if (!a || a->rhs.size() != 1 || a->rhs[0] != call || result >= a->lhs.size()) return ok = false, Visit::stop;
      auto* l = as<Ident>(a->lhs[result]);
      const sema::Object* v = l ? info->object_of(l) : nullptr;
      // The function that declares the variable (a literal's enclosing function, for a result
      // assigned in a closure).
      const Node* fn = nullptr;
      for (size_t j = anc.size(); v && j-- > 0;)
        if ((is<FuncLit>(anc[j]) || is<FuncDecl>(anc[j])) && anc[j]->pos() <= v->pos() && v->pos() < anc[j]->end()) {
          fn = anc[j];
          break;
        }
      if (!v || v->package_level || v->is_param || v->kind != sema::ObjectKind::Var || !fn ||
          !bounded_local(info, sums, fn, v, call))
        ok = false;
      return Visit::descend;
    });
  }
  if (t_query) t_query->following.pop_back();
  return ok;
}

// `x.f = v` where the field f of a named struct type of this package has v's named type itself:
// values_bounded_by_call checks every such struct that holds the type (its values must die with
// the calls that make them), so v lives as long as a holder that is checked in its own right.
bool into_holder_field(const sema::PackageInfo* info, const Expr* lhs, const Node* value) {
  auto* sel = as<SelectorExpr>(unparen(lhs));
  const sema::Object* f = sel && sel->sel ? info->use_of(sel->sel) : nullptr;
  if (!f || !f->is_field || !is_expr(value->kind)) return false;
  const sema::Type* vt = sema::unalias(info->type_of(static_cast<const Expr*>(value)));
  if (!vt || !vt->is(sema::TypeKind::Named) || sema::unalias(f->type) != vt) return false;
  const sema::Type* ht = sema::unalias(info->type_of(sel->x));
  if (ht && ht->is(sema::TypeKind::Pointer)) ht = sema::unalias(ht->elem);
  const sema::Type* hu = sema::underlying(ht);
  if (!ht || !ht->is(sema::TypeKind::Named) || !ht->obj || ht->obj->package() != info || !hu ||
      !hu->is(sema::TypeKind::Struct))
    return false;
  for (const sema::Var& field : hu->fields)
    if (field.obj == f) return true;
  return false;
}

bool lands_bounded(const sema::PackageInfo* info, Summaries* sums, const Expr* e,
                   std::span<const Node* const> anc, bool follow_returns) {
  const Node* cur = e;
  size_t k = anc.size();
  while (k > 0) {
    const Node* p = anc[k - 1];
    if (is<ParenExpr>(p) || (is<UnaryExpr>(p) && static_cast<const UnaryExpr*>(p)->op == Tok::AND)) {
      cur = p, --k;
      continue;
    }
    break;
  }
  if (k == 0) return false;
  const Node* p = anc[k - 1];
  auto local_bounded = [&](const Ident* l) {
    if (l && l->name == "_") return true;  // discarded (`var _ heap.Interface = &h{}`)
    const sema::Object* v = l ? info->object_of(l) : nullptr;
    const Node* fn = func_of(anc.subspan(0, k));
    // The value followed is the one given (a conversion `h := T(list)` is not fresh storage).
    return v && v->kind == sema::ObjectKind::Var && !v->package_level && !v->is_param && fn &&
           bounded_local(info, sums, fn, v, static_cast<const Expr*>(cur));
  };
  if (auto* a = as<AssignStmt>(p)) {
    if (a->lhs.size() != a->rhs.size()) return false;
    for (size_t i = 0; i < a->rhs.size(); ++i)
      if (a->rhs[i] == cur) return local_bounded(as<Ident>(a->lhs[i])) || into_holder_field(info, a->lhs[i], cur);
    return false;
  }
  if (auto* v = as<ValueSpec>(p)) {
    if (v->names.size() != v->values.size()) return false;
    for (size_t i = 0; i < v->values.size(); ++i)
      if (v->values[i] == cur) return local_bounded(v->names[i]);
    return false;
  }
  if (auto* call = as<CallExpr>(p)) {
    if (k >= 2 && is<GoStmt>(anc[k - 2])) return false;
    size_t arg = 0;
    while (arg < call->args.size() && call->args[arg] != cur) ++arg;
    if (arg == call->args.size() || builtin_callee(info, call)) return false;
    const sema::Object* callee = callee_of(info, call);
    if (!callee || callee->kind == sema::ObjectKind::TypeName) return false;
    const FuncSummary* s = sums ? sums->of(callee) : nullptr;
    return !s || (s->of_arg(arg) & (kStored | kReturned)) == 0;
  }
  if (auto* r = as<ReturnStmt>(p); r && follow_returns) {
    const FuncDecl* fd = nullptr;
    for (size_t j = k; j-- > 0;) {
      if (is<FuncLit>(anc[j])) return false;
      if ((fd = as<FuncDecl>(anc[j]))) break;
    }
    if (!fd) return false;
    size_t idx = 0;
    while (idx < r->results.size() && r->results[idx] != cur) ++idx;
    return idx < r->results.size() && call_results_bounded(info, sums, fd, idx);
  }
  return false;
}

// Whether the site `e` (a value of the named type `t` made here; ancestors `anc`) lands in a local
// variable whose value no mention can hand on as a `*t` or as a `t` of its own: no `&v`, no method
// with a pointer receiver called on it, never given to a variable, parameter, field, element or
// result of type `t`. Reads, value-receiver methods, conversions to another type and interface
// parameters (a `t` in an interface has no pointer methods) keep it a value no pointer method of
// `t` ever sees: what such a method sheds is not in it.
bool never_addressed(const sema::PackageInfo* info, const sema::Type* t, const Expr* e,
                     std::span<const Node* const> anc) {
  const Node* cur = e;
  size_t k = anc.size();
  while (k > 0 && is<ParenExpr>(anc[k - 1])) cur = anc[--k];
  if (k == 0) return false;
  const Ident* l = nullptr;
  if (auto* a = as<AssignStmt>(anc[k - 1]); a && a->tok == Tok::DEFINE && a->lhs.size() == a->rhs.size()) {
    for (size_t i = 0; i < a->rhs.size(); ++i)
      if (a->rhs[i] == cur) l = as<Ident>(a->lhs[i]);
  } else if (auto* v = as<ValueSpec>(anc[k - 1]); v && v->names.size() == v->values.size()) {
    for (size_t i = 0; i < v->values.size(); ++i)
      if (v->values[i] == cur) l = v->names[i];
  }
  const sema::Object* v = l ? info->def_of(l) : nullptr;
  const Node* fn = func_of(anc.subspan(0, k));
  const BlockStmt* body = func_body(fn);
  if (!v || v->kind != sema::ObjectKind::Var || v->package_level || !body) return false;
  auto of_t = [&](const sema::Type* x) { return x && sema::unalias(x) == t; };
  bool handed = false;
  inspect(body, [&](const Node* n, std::span<const Node* const> an) {
    if (handed) return Visit::stop;
    auto* id = as<Ident>(n);
    if (!id || info->use_of(id) != v) return Visit::descend;
    const Node* c = id;
    size_t j = an.size();
    while (j > 0 && is<ParenExpr>(an[j - 1])) c = an[--j];
    const Node* p = j > 0 ? an[j - 1] : nullptr;
    const Node* pp = j > 1 ? an[j - 2] : nullptr;
    if (!p) return handed = true, Visit::stop;
    if (auto* sel = as<SelectorExpr>(p); sel && sel->x == c) {
      const sema::Object* m = sel->sel ? info->use_of(sel->sel) : nullptr;
      auto* fd = m && m->kind == sema::ObjectKind::Func ? as<FuncDecl>(m->decl) : nullptr;
      bool value_recv = fd && fd->recv && !fd->recv->list.empty() && fd->recv->list[0]->type &&
                        !is<StarExpr>(unparen(fd->recv->list[0]->type));
      auto* call = as<CallExpr>(pp);
      if (!value_recv || !call || call->fun != sel) handed = true;
      return handed ? Visit::stop : Visit::descend;
    }
    if (auto* ix = as<IndexExpr>(p); ix && ix->x == c) return Visit::descend;  // an element
    if (auto* r = as<RangeStmt>(p); r && r->x == c) return Visit::descend;
    if (is<BinaryExpr>(p)) return Visit::descend;
    if (auto* call = as<CallExpr>(p); call && call->fun != c) {
      if (const sema::Object* b = builtin_callee(info, call)) {
        if (b->builtin == sema::Builtin::Len || b->builtin == sema::Builtin::Cap) return Visit::descend;
        return handed = true, Visit::stop;
      }
      if (const sema::Object* callee = callee_of(info, call); callee && callee->kind == sema::ObjectKind::TypeName) {
        if (of_t(callee->type)) handed = true;  // a conversion to another type
        return handed ? Visit::stop : Visit::descend;
      }
      if (type_literal_conversion(call)) return Visit::descend;
      // A parameter of an interface type.
      const sema::Type* sig = sema::underlying(info->type_of(call->fun));
      size_t arg = 0;
      while (arg < call->args.size() && call->args[arg] != c) ++arg;
      if (!sig || !sig->is(sema::TypeKind::Func) || sig->variadic || arg >= sig->params.size() ||
          call->ellipsis != kNoPos)
        return handed = true, Visit::stop;
      const sema::Type* pt = sema::underlying(sig->params[arg].type);
      if (!pt || !pt->is(sema::TypeKind::Interface)) handed = true;
      return handed ? Visit::stop : Visit::descend;
    }
    return handed = true, Visit::stop;
  });
  return !handed;
}

}  // namespace

bool is_fresh_value(const sema::PackageInfo* info, const Expr* e) {
  e = unparen(e);
  if (!e) return false;
  if (is<CompositeLit>(e)) return true;
  if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::AND) return is<CompositeLit>(unparen(u->x));
  if (auto* id = as<Ident>(e)) {
    const sema::Object* o = info->use_of(id);
    return o && o->kind == sema::ObjectKind::Nil;
  }
  if (auto* call = as<CallExpr>(e)) {
    const sema::Object* b = builtin_callee(info, call);
    return b && (b->builtin == sema::Builtin::New || b->builtin == sema::Builtin::Make);
  }
  return false;
}

bool waits_for_input(const sema::PackageInfo* info, const Node* loop) {
  const BlockStmt* body = nullptr;
  if (auto* r = as<RangeStmt>(loop)) {
    const sema::Type* t = sema::underlying(info->type_of(r->x));
    if (t && t->is(sema::TypeKind::Chan)) return true;
    body = r->body;
  } else if (auto* f = as<ForStmt>(loop)) {
    body = f->body;
  }
  if (!body) return false;
  bool found = false;
  inspect(body, [&](const Node* n, std::span<const Node* const>) {
    if (found) return Visit::stop;
    if (is<FuncLit>(n)) return Visit::skip;
    // A select with a default case polls (a cancellation check), it does not wait.
    if (auto* sel = as<SelectStmt>(n); sel && sel->body) {
      for (const Stmt* c : sel->body->list)
        if (auto* cc = as<CommClause>(c); cc && !cc->comm) return Visit::skip;
    }
    if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::ARROW) found = true;
    if (auto* r = as<RangeStmt>(n)) {
      const sema::Type* t = sema::underlying(info->type_of(r->x));
      if (t && t->is(sema::TypeKind::Chan)) found = true;
    }
    return Visit::descend;
  });
  return found;
}

bool bounded_by_call(const sema::PackageInfo* info, Summaries* summaries, const Node* fn,
                     const sema::Object* var, const sema::Object* field) {
  QueryScope scope(field);
  return bounded_local(info, summaries, fn, var, nullptr);
}

namespace {

bool bounded_local(const sema::PackageInfo* info, Summaries* summaries, const Node* fn, const sema::Object* var,
                   const Expr* given) {
  if (!info || !fn || !var || var->kind != sema::ObjectKind::Var || var->package_level || var->is_param)
    return false;
  const BlockStmt* body = func_body(fn);
  if (!body) return false;
  // Declared here with a value: that value must be fresh too (a `:=` is a mention of its own
  // below only through its definition, which use_of does not return).
  bool fresh = true, declared = false;
  inspect(body, [&](const Node* n, std::span<const Node* const>) {
    if (auto* a = as<AssignStmt>(n)) {
      for (size_t i = 0; i < a->lhs.size(); ++i) {
        auto* l = as<Ident>(a->lhs[i]);
        if (!l || info->def_of(l) != var) continue;
        declared = true;
        if (a->rhs.size() == 1 && a->rhs[0] == given) continue;  // the value being followed
        if (a->lhs.size() != a->rhs.size() || !is_fresh_value(info, a->rhs[i])) fresh = false;
      }
    } else if (auto* v = as<ValueSpec>(n)) {
      for (size_t i = 0; i < v->names.size(); ++i) {
        if (info->def_of(v->names[i]) != var) continue;
        declared = true;
        if (i < v->values.size() && v->values[i] == given) continue;
        if (!v->values.empty() && (v->values.size() != v->names.size() || !is_fresh_value(info, v->values[i])))
          fresh = false;
      }
    } else if (auto* r = as<RangeStmt>(n)) {
      for (const Expr* x : {r->key, r->value})
        if (auto* l = as<Ident>(x); l && info->object_of(l) == var) fresh = false;
    }
    return Visit::descend;
  });
  if (!declared || !fresh) return false;
  if (has_waiting_loop(info, body)) return false;
  return !escapes_in(info, summaries, fn, var, 0);
}

}  // namespace

bool values_bounded_by_call(const sema::PackageInfo* info, Summaries* summaries, const sema::Type* named,
                            const sema::Object* field, bool through_pointer) {
  QueryScope scope(field);
  const sema::Type* t = sema::unalias(named);
  if (!info || !t || !t->is(sema::TypeKind::Named) || !t->obj || t->obj->package() != info || t->generic)
    return false;
  if (!t->obj->name.empty() && t->obj->name[0] >= 'A' && t->obj->name[0] <= 'Z') return false;
  auto is_t = [&](const sema::Type* x) { return x && sema::unalias(x) == t; };
  auto holds_t = [&](const sema::Type* x) {
    for (int i = 0; x && i < 4; ++i) {
      x = sema::unalias(x);
      if (!x) return false;  // an alias whose target is unknown
      if (x == t) return true;
      if (x->is(sema::TypeKind::Array) || x->is(sema::TypeKind::Slice) || x->is(sema::TypeKind::Map)) {
        x = x->elem;
        continue;
      }
      return false;
    }
    return false;
  };
  bool ok = true;
  int sites = 0;
  for (const syntax::ParsedFile* f : info->files) {
    if (!ok || !f || !f->file) continue;
    inspect(f->file, [&](const Node* n, std::span<const Node* const> anc) {
      if (!ok) return Visit::stop;
      if (auto* ts = as<TypeSpec>(n)) {
        // A struct of the package that holds one by value lives as long as that struct.
        const sema::Object* o = ts->name ? info->def_of(ts->name) : nullptr;
        const sema::Type* u = o ? sema::underlying(o->type) : nullptr;
        if (u && u->is(sema::TypeKind::Struct) && o->type && sema::unalias(o->type) != t)
          for (const sema::Var& f : u->fields) {
            if (!holds_t(f.type)) continue;
            // It lives as long as that struct: fine when the struct's own values die with the
            // calls that make them.
            Query* q = t_query;
            if (q->holder_depth >= kMaxHolders) {
              ok = false;
              break;
            }
            // What matters of the holder is the field that holds the type: other fields of it
            // read out do not keep that field's storage.
            ++q->holder_depth;
            const sema::Object* asked = q->field;
            q->field = f.obj;
            bool held = values_bounded_by_call(info, summaries, o->type, f.obj);
            q->field = asked;
            --q->holder_depth;
            if (!held) {
              ok = false;
              break;
            }
            ++sites;  // its values are made with the holder's
          }
        return Visit::descend;
      }
      if (auto* v = as<ValueSpec>(n)) {
        for (size_t i = 0; i < v->names.size(); ++i) {
          const sema::Object* o = info->def_of(v->names[i]);
          if (!o || !holds_t(o->type)) continue;
          if (o->package_level) ok = false;
          else if (!v->values.empty() && v->values.size() == v->names.size()) {
            // `var h T = list`: a local of type T given another local's slice.
            ++sites;
            auto* src = as<Ident>(unparen(v->values[i]));
            const sema::Object* so = src ? info->use_of(src) : nullptr;
            const Node* fn = func_of(anc);
            // A parameter's slice is the caller's array: what the heap drops the caller's slice
            // still holds, so nothing is kept past what the caller keeps anyway.
            if (!so || so->kind != sema::ObjectKind::Var || so->package_level || !fn ||
                !bounded_local(info, summaries, fn, o, v->values[i]))
              ok = false;
          } else if (v->values.empty()) {
            ++sites;
            const Node* fn = func_of(anc);
            if (!fn || !bounded_by_call(info, summaries, fn, o)) ok = false;
          }
        }
        return Visit::descend;
      }
      const Expr* made = nullptr;
      if (auto* cl = as<CompositeLit>(n); cl && is_t(info->type_of(cl))) made = cl;
      if (auto* call = as<CallExpr>(n)) {
        const sema::Type* rt = info->type_of(call);
        if (const sema::Object* b = builtin_callee(info, call)) {
          const sema::Type* made_type = sema::unalias(rt);  // null for an alias of an unknown type
          if (b->builtin == sema::Builtin::New && made_type && made_type->is(sema::TypeKind::Pointer) &&
              is_t(made_type->elem))
            made = call;
          if (b->builtin == sema::Builtin::Make && is_t(rt)) made = call;
        } else if (const sema::Object* c = callee_of(info, call);
                   c && c->kind == sema::ObjectKind::TypeName && is_t(c->type)) {
          made = call;
        }
      }
      if (made) {
        ++sites;
        if (!lands_bounded(info, summaries, made, anc, true) && !(through_pointer && never_addressed(info, t, made, anc)))
          ok = false;
      }
      return Visit::descend;
    });
  }
  // No value made in the package: made elsewhere, or by ways not followed here; no claim.
  return ok && sites > 0;
}

}  // namespace gotrap::facts
