#include "rules/support/struct_fields.h"

#include "rules/support/walk.h"
#include "sema/sema.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

bool is_field_of(const Pass& pass, const Ident* sel, std::string_view pkg_path, std::string_view type_name) {
  if (!sel) return false;
  if (!pass.sema()) return true;
  const sema::Object* o = pass.sema()->use_of(sel);
  if (!o) return true;  // unresolved: the name is all there is
  return o->is_field && o->owner == type_name && o->pkg_path() == pkg_path;
}

bool literal_sets_any(const CompositeLit* lit, std::span<const std::string_view> fields) {
  for (const Expr* e : lit->elts) {
    auto* kv = as<KeyValueExpr>(e);
    auto* key = kv ? as<Ident>(kv->key) : nullptr;
    if (!key) continue;
    for (std::string_view f : fields)
      if (key->name == f) return true;
  }
  return false;
}

bool assigns_field(const Pass& pass, const Node* root, const Ident* var, std::string_view pkg_path,
                   std::string_view type_name, std::span<const std::string_view> fields) {
  const sema::Object* var_obj = var && pass.sema() ? pass.sema()->object_of(var) : nullptr;
  bool found = false;
  for_each_node(root, [&](const Node* n) {
    auto* a = as<AssignStmt>(n);
    if (found || !a) return;
    for (const Expr* l : a->lhs) {
      auto* sel = as<SelectorExpr>(unparen(l));
      if (!sel || !sel->sel) continue;
      bool named = false;
      for (std::string_view f : fields) named |= sel->sel->name == f;
      if (!named || !is_field_of(pass, sel->sel, pkg_path, type_name)) continue;
      if (!var) {
        found = true;
        continue;
      }
      auto* x = as<Ident>(unparen(sel->x));
      if (!x || x->name != var->name) continue;
      const sema::Object* o = pass.sema() ? pass.sema()->use_of(x) : nullptr;
      if (!var_obj || !o || o == var_obj) found = true;
    }
  });
  return found;
}

}  // namespace gotrap::rules::support
