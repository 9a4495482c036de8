#include "rules/support/slice_alias.h"

#include <vector>

#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

namespace {

const sema::Object* var_of(const sema::PackageInfo* info, const Expr* e) {
  auto* id = as<Ident>(unparen(e));
  const sema::Object* o = id && info ? info->object_of(id) : nullptr;
  return o && o->kind == sema::ObjectKind::Var ? o : nullptr;
}

bool is_builtin_call(const sema::PackageInfo* info, const Expr* e, sema::Builtin which) {
  auto* call = as<CallExpr>(unparen(e));
  auto* f = call ? as<Ident>(unparen(call->fun)) : nullptr;
  const sema::Object* o = f && info ? info->use_of(f) : nullptr;
  return o && o->kind == sema::ObjectKind::Builtin && o->builtin == which;
}

}  // namespace

bool appends_to_param(const sema::PackageInfo* info, const FuncDecl* fn, size_t index) {
  if (!info || !fn || !fn->body || !fn->type || !fn->type->params) return false;
  const sema::Object* param = nullptr;
  size_t i = 0;
  for (const Field* f : fn->type->params->list) {
    if (f->names.empty()) {
      ++i;
      continue;
    }
    for (const Ident* id : f->names) {
      if (i++ == index) param = info->def_of(id);
    }
  }
  if (!param) return false;
  const sema::Type* t = sema::underlying(param->type);
  if (!t || !t->is(sema::TypeKind::Slice)) return false;
  bool appends = false, other = false;
  for_each_node(fn->body, [&](const Node* n) {
    if (auto* call = as<CallExpr>(n)) {
      if (is_builtin_call(info, call, sema::Builtin::Append) && !call->args.empty() &&
          var_of(info, call->args[0]) == param)
        appends = true;
      return;
    }
    if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND && var_of(info, u->x) == param) other = true;
    auto* a = as<AssignStmt>(n);
    if (!a) return;
    for (size_t k = 0; k < a->lhs.size(); ++k) {
      if (var_of(info, a->lhs[k]) != param) continue;
      const Expr* rhs = a->rhs.size() == a->lhs.size() ? unparen(a->rhs[k]) : nullptr;
      bool keeps = false;
      if (auto* call = as<CallExpr>(rhs); call && is_builtin_call(info, call, sema::Builtin::Append))
        keeps = !call->args.empty() && var_of(info, call->args[0]) == param;
      if (auto* s = as<SliceExpr>(rhs)) keeps = var_of(info, s->x) == param && !s->slice3;
      if (!keeps) other = true;
    }
  });
  return appends && !other;
}

const sema::Object* window_base(const sema::PackageInfo* info, const SliceExpr* s) {
  if (!info || !s || s->slice3 || !s->high) return nullptr;
  const sema::Object* base = var_of(info, s->x);
  if (!base) return nullptr;
  const sema::Type* t = sema::underlying(base->type);
  if (!t || !(t->is(sema::TypeKind::Slice) || t->is(sema::TypeKind::Array))) return nullptr;
  // x[:len(x)] ends where x ends: an append writes past x's length, which x does not show.
  if (auto* call = as<CallExpr>(unparen(s->high));
      call && is_builtin_call(info, call, sema::Builtin::Len) && call->args.size() == 1 &&
      var_of(info, call->args[0]) == base)
    return nullptr;
  return base;
}

}  // namespace gotrap::rules::support
