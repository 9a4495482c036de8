#include "rules/support/context_types.h"

#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

bool is_context_package_path(std::string_view path) {
  return path == "context" || path == "golang.org/x/net/context";
}

std::string_view context_member(const Pass& pass, const Expr* e) { return context_member(pass.sema(), e); }

std::string_view context_member(const sema::PackageInfo* info, const Expr* e) {
  auto* sel = as<SelectorExpr>(unparen(e));
  if (!sel || !sel->sel || !info) return {};
  auto* x = as<Ident>(unparen(sel->x));
  const sema::Object* o = x ? info->use_of(x) : nullptr;
  if (!o || o->kind != sema::ObjectKind::PkgName || !is_context_package_path(o->imported_path)) return {};
  return sel->sel->name;
}

bool is_context_type(const sema::Type* t) {
  t = sema::unalias(t);
  return t && t->is(sema::TypeKind::Named) && t->name == "Context" &&
         is_context_package_path(t->pkg_path());
}

bool is_context_type_expr(const Pass& pass, const Expr* type_expr) {
  return is_context_type_expr(pass.sema(), type_expr);
}

bool is_context_type_expr(const sema::PackageInfo* info, const Expr* type_expr) {
  if (!type_expr) return false;
  if (context_member(info, type_expr) == "Context") return true;
  // A local alias or a type defined elsewhere: go by its resolved type.
  const Expr* e = unparen(type_expr);
  const Ident* name = nullptr;
  if (auto* id = as<Ident>(e)) name = id;
  else if (auto* sel = as<SelectorExpr>(e)) name = sel->sel;
  const sema::Object* o = name && info ? info->use_of(name) : nullptr;
  return o && o->kind == sema::ObjectKind::TypeName && is_context_type(o->type);
}

bool derives_from_first_argument(std::string_view f) {
  return f == "WithValue" || f == "WithCancel" || f == "WithCancelCause" || f == "WithTimeout" ||
         f == "WithTimeoutCause" || f == "WithDeadline" || f == "WithDeadlineCause" ||
         f == "WithoutCancel";
}

}  // namespace gotrap::rules::support
