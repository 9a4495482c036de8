#include "facts/lifetime.h"

#include "facts/remote.h"
#include "facts/types.h"
#include "facts/walk.h"

#include <unordered_map>

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

constexpr int kMaxDepth = 3;

// The state of one public question (bounded_by_call, values_bounded_by_call) on this thread,
// shared by the helpers it calls: what each method body does with its receiver, computed once
// (a method reached again while it is being looked at, through recursion, adds nothing new), a
// bound on the method bodies looked into, and the container field the question is about.
struct Query {
  std::unordered_map<const FuncDecl*, char> keeps;  // 1: being looked at, 2: keeps, 3: does not
  int budget = 400;
  const sema::Object* field = nullptr;
  int holder_depth = 0;
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

// Whether the mention `id` of `var` (ancestors `anc`) lets the value outlive the call.
bool call_results_bounded(const sema::PackageInfo* info, Summaries* sums, const FuncDecl* fd, size_t result);

// `outer`: the function whose body `fn` is.
bool mention_escapes(const sema::PackageInfo* info, Summaries* sums, const Ident* id,
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
  const Node* cur = id;
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
  bool projection = is<IndexExpr>(cur) || is<SelectorExpr>(cur);
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
      if (cur != id) return false;  // a write through it
      // var itself is given a value: only fresh storage keeps the claim.
      if (a->lhs.size() != a->rhs.size()) return true;
      return !is_fresh_value(info, a->rhs[i]);
    }
    for (size_t i = 0; i < a->rhs.size(); ++i) {
      if (a->rhs[i] != cur) continue;
      if (a->lhs.size() == a->rhs.size()) {
        auto* l = as<Ident>(a->lhs[i]);
        if (l && l->name == "_") return false;
        // Back into var itself (`x.items = x.items[:0]`).
        const Ident* r = root_ident(a->lhs[i]);
        if (r && r != a->lhs[i] && info->object_of(r) == var) return false;
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
          if (arg > 0) return kept_value();
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
    if (callee && callee->kind == sema::ObjectKind::TypeName) return kept_value();  // a conversion
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
  if (auto* r = as<ReturnStmt>(p); r && cur == id) {
    Query* q = t_query;
    auto* fd = as<FuncDecl>(outer);
    bool in_literal = false;
    for (size_t j = k; j-- > 0;)
      if (is<FuncLit>(anc[j])) in_literal = true;
    if (fd && !in_literal && q && q->holder_depth < 2) {
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
    Query* q = t_query;
    if (lit && q && q->holder_depth < 2) {
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

bool call_results_bounded(const sema::PackageInfo* info, Summaries* sums, const FuncDecl* fd, size_t result) {
  if (!fd->name || fd->recv) return false;
  if (!fd->name->name.empty() && fd->name->name[0] >= 'A' && fd->name->name[0] <= 'Z') return false;
  const sema::Object* fobj = info->def_of(fd->name);
  if (!fobj) return false;
  bool ok = true;
  for (const syntax::ParsedFile* f : info->files) {
    if (!ok || !f || !f->file) continue;
    inspect(f->file, [&](const Node* n, std::span<const Node* const> anc) {
      if (!ok) return Visit::stop;
      auto* id = as<Ident>(n);
      if (!id || info->use_of(id) != fobj) return Visit::descend;
      // Only direct calls f(...) whose results go to locals.
      if (anc.empty()) return ok = false, Visit::stop;
      auto* call = as<CallExpr>(anc.back());
      if (!call || unparen(call->fun) != id || anc.size() < 2) return ok = false, Visit::stop;
      auto* a = as<AssignStmt>(anc[anc.size() - 2]);
      if (!a || a->rhs.size() != 1 || a->rhs[0] != call || result >= a->lhs.size()) return ok = false, Visit::stop;
      auto* l = as<Ident>(a->lhs[result]);
      const sema::Object* v = l ? info->object_of(l) : nullptr;
      const Node* fn = func_of(anc);
      if (!v || v->package_level || v->is_param || v->kind != sema::ObjectKind::Var || !fn ||
          !bounded_local(info, sums, fn, v, call))
        ok = false;
      return Visit::descend;
    });
  }
  return ok;
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
      if (a->rhs[i] == cur) return local_bounded(as<Ident>(a->lhs[i]));
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
                            const sema::Object* field) {
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
            if (q->holder_depth >= 2) {
              ok = false;
              break;
            }
            ++q->holder_depth;
            bool held = values_bounded_by_call(info, summaries, o->type, q->field);
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
        if (!lands_bounded(info, summaries, made, anc, true)) ok = false;
      }
      return Visit::descend;
    });
  }
  // No value made in the package: made elsewhere, or by ways not followed here; no claim.
  return ok && sites > 0;
}

}  // namespace gotrap::facts
