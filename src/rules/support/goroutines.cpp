#include "rules/support/goroutines.h"

#include <string_view>

#include "rules/support/facts.h"
#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;
using sema::TypeKind;

bool is_wait_group_type(const sema::Type* t, bool through_pointer) {
  return is_named(t, "sync", "WaitGroup", through_pointer);
}

namespace {

bool holds_wait_group(const sema::Type* t, int depth) {
  if (!t || depth > 8) return false;
  if (is_wait_group_type(t, false)) return true;
  const sema::Type* u = sema::concrete_underlying(t);
  if (!u) return false;
  if (u->is(TypeKind::Array)) return holds_wait_group(u->elem, depth + 1);
  if (u->is(TypeKind::Struct)) {
    for (const sema::Var& f : u->fields)
      if (holds_wait_group(f.type, depth + 1)) return true;
  }
  return false;
}

const Expr* strip_ref(const Expr* e) {
  e = unparen(e);
  if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::AND) return unparen(u->x);
  return e;
}

}  // namespace

bool holds_wait_group(const sema::Type* t) { return holds_wait_group(t, 0); }

WgCall wait_group_call(const Pass& pass, const Node* n) {
  WgCall out;
  auto* call = as<CallExpr>(n);
  if (!call) return out;
  auto* sel = as<SelectorExpr>(unparen(call->fun));
  if (!sel || !sel->sel) return out;
  std::string_view name = sel->sel->name;
  WgMethod m = name == "Add"    ? WgMethod::add
               : name == "Done" ? WgMethod::done
               : name == "Wait" ? WgMethod::wait
               : name == "Go"   ? WgMethod::go
                                : WgMethod::none;
  if (m == WgMethod::none) return out;
  if (!is_wait_group_type(type_of(pass, sel->x))) return out;
  out.method = m;
  out.call = call;
  out.recv = sel->x;
  return out;
}

const Ident* ref_root(const Expr* e) {
  for (int guard = 0; e && guard < 64; ++guard) {
    e = unparen(e);
    if (auto* id = as<Ident>(e)) return id;
    if (auto* sel = as<SelectorExpr>(e)) e = sel->x;
    else if (auto* star = as<StarExpr>(e)) e = star->x;
    else if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::AND) e = u->x;
    else return nullptr;
  }
  return nullptr;
}

bool same_variable_ref(const Pass& pass, const Expr* a, const Expr* b) {
  a = strip_ref(a), b = strip_ref(b);
  // `*p` and `p` name the same WaitGroup when p is a pointer: compare without the star.
  if (auto* s = as<StarExpr>(a)) a = unparen(s->x);
  if (auto* s = as<StarExpr>(b)) b = unparen(s->x);
  if (!same_ref(a, b)) return false;
  const Ident* ra = ref_root(a);
  const Ident* rb = ref_root(b);
  if (!ra || !rb || !pass.sema()) return false;
  const sema::Object* oa = pass.sema()->object_of(ra);
  const sema::Object* ob = pass.sema()->object_of(rb);
  return oa && oa == ob;
}

bool declared_inside(const Pass& pass, const PassFile& file, const Ident* root, const Node* fn,
                     bool params_count) {
  if (!pass.sema() || !root || !fn) return false;
  const sema::Object* o = pass.sema()->object_of(root);
  if (!o || !o->ident || o->package_level || o->file() != file.parsed) return false;
  if (!contains(fn, o->ident)) return false;
  if (params_count) return true;
  const BlockStmt* body = func_body(fn);
  return body && contains(body, o->ident);
}

const Node* goroutine_body(const Pass& pass, const GoStmt* go) {
  if (!go || !go->call) return nullptr;
  const Expr* fun = unparen(go->call->fun);
  if (auto* lit = as<FuncLit>(fun)) return lit->body ? lit : nullptr;
  if (!pass.sema()) return nullptr;
  const Ident* name = nullptr;
  if (auto* id = as<Ident>(fun)) name = id;
  else if (auto* sel = as<SelectorExpr>(fun)) name = sel->sel;
  if (!name) return nullptr;
  const sema::Object* o = pass.sema()->use_of(name);
  if (!o || o->kind != sema::ObjectKind::Func || o->package() != pass.sema()) return nullptr;
  auto* decl = as<FuncDecl>(o->decl);
  return decl && decl->body ? decl : nullptr;
}

void for_each_in_frame(const Node* fn,
                       const std::function<void(const Node*, std::span<const Node* const>)>& visit) {
  const BlockStmt* body = func_body(fn);
  inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
    if (is<FuncLit>(n)) return Visit::skip;
    visit(n, anc);
    return Visit::descend;
  });
}

bool in_loop(std::span<const Node* const> ancestors) {
  for (const Node* a : ancestors) {
    if (is<FuncLit>(a)) return false;
    if (is<ForStmt>(a) || is<RangeStmt>(a)) return true;
  }
  return false;
}

std::optional<ChanMake> chan_made_in(const Pass& pass, const Node* fn, const sema::Object* var) {
  if (!pass.sema() || !var || !var->ident || !fn) return std::nullopt;
  const Expr* value = nullptr;
  if (auto* a = as<AssignStmt>(var->decl)) {
    if (a->tok != Tok::DEFINE || a->lhs.size() != a->rhs.size()) return std::nullopt;
    for (size_t i = 0; i < a->lhs.size(); ++i)
      if (a->lhs[i] == var->ident) value = a->rhs[i];
  } else if (auto* v = as<ValueSpec>(var->decl)) {
    if (v->names.size() != v->values.size()) return std::nullopt;
    for (size_t i = 0; i < v->names.size(); ++i)
      if (v->names[i] == var->ident) value = v->values[i];
  }
  auto* call = as<CallExpr>(unparen(value));
  if (!call || call->args.empty() || call->args.size() > 2) return std::nullopt;
  auto* make = as<Ident>(unparen(call->fun));
  if (!make) return std::nullopt;
  const sema::Object* mo = pass.sema()->use_of(make);
  if (!mo || mo->kind != sema::ObjectKind::Builtin || mo->builtin != sema::Builtin::Make) return std::nullopt;
  if (!is<ChanType>(unparen(call->args[0]))) return std::nullopt;
  ChanMake out;
  out.make = call;
  if (call->args.size() == 1) out.capacity = 0;
  else out.capacity = const_int(pass, call->args[1]);
  // Written again anywhere (assignment, address taken): the make is not the only value.
  bool rewritten = false;
  inspect(fn, [&](const Node* n, std::span<const Node* const> anc) {
    if (auto* a = as<AssignStmt>(n)) {
      for (const Expr* l : a->lhs) {
        auto* id = as<Ident>(unparen(l));
        if (id && id != var->ident && pass.sema()->object_of(id) == var) rewritten = true;
      }
    } else if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) {
      auto* id = as<Ident>(unparen(u->x));
      if (id && pass.sema()->use_of(id) == var) rewritten = true;
    }
    (void)anc;
    return rewritten ? Visit::stop : Visit::descend;
  });
  if (rewritten) return std::nullopt;
  return out;
}

bool is_receive_from(const Pass& pass, const Node* e, const sema::Object* var) {
  if (!e || !pass.sema()) return false;
  auto* u = as<UnaryExpr>(unparen(e));
  if (!u || u->op != Tok::ARROW) return false;
  auto* id = as<Ident>(unparen(u->x));
  return id && pass.sema()->use_of(id) == var;
}

}  // namespace gotrap::rules::support
