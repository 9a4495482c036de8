#include "facts/types.h"

#include "facts/packages.h"
#include "facts/walk.h"

namespace gotrap::facts {

using namespace gotrap::ast;
using sema::BasicKind;
using sema::TypeKind;

namespace {

std::optional<bool> pointers(const sema::Type* t, int depth) {
  if (!t || depth > 50) return std::nullopt;
  t = sema::underlying(t);
  if (!t) return std::nullopt;
  switch (t->kind) {
    case TypeKind::Basic:
      if (t->basic == BasicKind::String || t->basic == BasicKind::UnsafePointer) return true;
      if (t->basic == BasicKind::Invalid || sema::is_untyped(t)) return std::nullopt;
      return false;
    case TypeKind::Pointer: case TypeKind::Map: case TypeKind::Chan: case TypeKind::Func:
    case TypeKind::Slice: case TypeKind::Interface:
      return true;
    case TypeKind::Array:
      if (t->length == 0) return false;
      return pointers(t->elem, depth + 1);
    case TypeKind::Struct: {
      bool unknown = !t->complete;
      for (const sema::Var& f : t->fields) {
        auto p = pointers(f.type, depth + 1);
        if (p && *p) return true;
        if (!p) unknown = true;
      }
      if (unknown) return std::nullopt;
      return false;
    }
    default: return std::nullopt;
  }
}

// The object a type name (Ident or pkg.Name) resolves to in `info`.
const sema::Object* type_name_object(const Expr* e, const sema::PackageInfo* info) {
  if (!info) return nullptr;
  e = unparen(e);
  if (auto* ix = as<IndexExpr>(e)) e = unparen(ix->x);
  if (auto* ixl = as<IndexListExpr>(e)) e = unparen(ixl->x);
  if (auto* id = as<Ident>(e)) return info->use_of(id);
  if (auto* sel = as<SelectorExpr>(e); sel && sel->sel) return info->use_of(sel->sel);
  return nullptr;
}

}  // namespace

std::optional<bool> holds_pointers(const sema::Type* t) { return pointers(t, 0); }

std::optional<bool> holds_pointers(const Expr* type, const sema::PackageInfo* info) {
  type = unparen(type);
  if (!type) return std::nullopt;
  switch (type->kind) {
    case Kind::StarExpr: case Kind::MapType: case Kind::ChanType: case Kind::FuncType:
    case Kind::InterfaceType:
      return true;
    case Kind::ArrayType: {
      auto* at = static_cast<const ArrayType*>(type);
      if (!at->len) return true;  // a slice
      if (auto* t = info ? info->type_of(type) : nullptr) return holds_pointers(t);
      return holds_pointers(at->elt, info);
    }
    default: break;
  }
  if (const sema::Object* o = type_name_object(type, info)) {
    if (o->kind == sema::ObjectKind::TypeName && o->type) return holds_pointers(o->type);
  }
  if (auto* id = as<Ident>(type); id && id->name == "string" && (!info || !info->use_of(id) ||
                                                                   !info->use_of(id)->package()))
    return true;
  return std::nullopt;
}

const Expr* declared_type(const sema::Object* var) {
  if (!var || !var->ident || !var->file() || !var->file()->file) return nullptr;
  const Ident* target = var->ident;
  const Expr* found = nullptr;
  inspect(var->file()->file, [&](const Node* n, std::span<const Node* const>) {
    if (found) return Visit::stop;
    if (!contains(n, target)) return Visit::skip;
    if (auto* f = as<Field>(n)) {
      for (const Ident* id : f->names)
        if (id == target) found = f->type;
    } else if (auto* v = as<ValueSpec>(n)) {
      for (const Ident* id : v->names)
        if (id == target) found = v->type;
      if (found || v->type == nullptr) return found ? Visit::stop : Visit::descend;
    }
    return found ? Visit::stop : Visit::descend;
  });
  return found;
}

std::optional<bool> holds_pointers(const sema::Object* var) {
  if (!var) return std::nullopt;
  if (auto p = holds_pointers(var->type)) return p;
  return holds_pointers(declared_type(var), var->package());
}

std::string_view spelled_type_package(const Expr* type, const sema::PackageInfo* info) {
  type = unparen(type);
  while (auto* st = as<StarExpr>(type)) type = unparen(st->x);
  if (auto* ix = as<IndexExpr>(type)) type = unparen(ix->x);
  if (auto* ixl = as<IndexListExpr>(type)) type = unparen(ixl->x);
  if (auto* sel = as<SelectorExpr>(type); sel && info) {
    if (auto* x = as<Ident>(sel->x))
      if (const sema::Object* o = info->use_of(x); o && o->kind == sema::ObjectKind::PkgName)
        return canonical_package(o->imported_path);
    return {};
  }
  if (auto* id = as<Ident>(type); id && info) {
    if (const sema::Object* o = info->use_of(id); o && o->package()) return canonical_package(o->pkg_path());
  }
  return {};
}

std::string_view type_package(const sema::Type* t) {
  t = sema::unalias(t);
  for (int i = 0; i < 4 && t && t->kind == TypeKind::Pointer; ++i) t = sema::unalias(t->elem);
  if (!t || t->kind != TypeKind::Named) return {};
  return canonical_package(t->pkg_path());
}

namespace {

// The variable or field `e` names (x, a.b.x), or null.
const sema::Object* named_var(const sema::PackageInfo* info, const Expr* e) {
  e = unparen(e);
  if (auto* id = as<Ident>(e)) return info->use_of(id);
  if (auto* sel = as<SelectorExpr>(e); sel && sel->sel) return info->use_of(sel->sel);
  return nullptr;
}

const Expr* strip_to_name(const Expr* type) {
  type = unparen(type);
  while (auto* st = as<StarExpr>(type)) type = unparen(st->x);
  if (auto* ix = as<IndexExpr>(type)) type = unparen(ix->x);
  if (auto* ixl = as<IndexListExpr>(type)) type = unparen(ixl->x);
  return type;
}

}  // namespace

std::string_view value_type_package(const sema::PackageInfo* info, const Expr* e) {
  if (!info || !e) return {};
  if (std::string_view p = type_package(info->type_of(e)); !p.empty()) return p;
  const sema::Object* v = named_var(info, e);
  if (!v || v->kind != sema::ObjectKind::Var) return {};
  const Expr* t = declared_type(v);
  return t ? spelled_type_package(t, v->package()) : std::string_view();
}

std::string_view value_type_name(const sema::PackageInfo* info, const Expr* e) {
  if (!info || !e) return {};
  const sema::Type* t = sema::unalias(info->type_of(e));
  for (int i = 0; i < 4 && t && t->kind == TypeKind::Pointer; ++i) t = sema::unalias(t->elem);
  if (t && t->kind == TypeKind::Named) return t->name;
  const sema::Object* v = named_var(info, e);
  if (!v || v->kind != sema::ObjectKind::Var) return {};
  const Expr* spelled = strip_to_name(declared_type(v));
  if (auto* sel = as<SelectorExpr>(spelled); sel && sel->sel) return sel->sel->name;
  if (auto* id = as<Ident>(spelled)) return id->name;
  return {};
}

}  // namespace gotrap::facts
