// Internal: Go's selector rule (shallowest unique field or method, through embedded fields and
// pointers), parameterised by how underlying types and object types are obtained so the checker
// can compute them on demand while the public lookup reads the finished results.
#pragma once

#include <unordered_set>
#include <vector>

#include "sema/sema.h"
#include "sema/small_vector.h"

namespace gotrap::sema {

template <class UnderFn, class TypeFn>
const Object* lookup_interface_method(const Type* iface, std::string_view name, UnderFn& under,
                                      TypeFn& type_of, int depth) {
  if (!iface || iface->kind != TypeKind::Interface || depth > 16) return nullptr;
  for (const Method& m : iface->methods)
    if (same_name(m.name, name)) return m.obj;
  for (const Type* e : iface->embeds) {
    const Type* eu = e && e->kind == TypeKind::Named ? under(e) : underlying(e);
    if (const Object* o = lookup_interface_method(eu, name, under, type_of, depth + 1)) return o;
  }
  return nullptr;
}

// Selector lookups run for every x.f: the breadth-first walk keeps its levels and its set of
// visited named types inline, reaching for the heap only on deep or wide embedding.
class TypeSet {
 public:
  // True when t was not in the set yet.
  bool insert(const Type* t) {
    if (!big_.empty()) return big_.insert(t).second;
    for (size_t i = 0; i < size_; ++i)
      if (small_[i] == t) return false;
    if (size_ < kSmall) {
      small_[size_++] = t;
      return true;
    }
    big_.insert(small_, small_ + size_);
    return big_.insert(t).second;
  }

 private:
  static constexpr size_t kSmall = 16;
  const Type* small_[kSmall];
  size_t size_ = 0;
  std::unordered_set<const Type*> big_;
};

template <class UnderFn, class TypeFn>
const Object* lookup_member(const Type* t, std::string_view name, UnderFn under, TypeFn type_of) {
  t = unalias(t);
  if (!t || name == "_") return nullptr;
  // A pointer to a named (non-pointer) type: its fields and methods are selectable.
  if (t->kind == TypeKind::Pointer) t = unalias(t->elem);
  else if (t->kind == TypeKind::Named) {
    const Type* u = under(t);
    if (u && u->kind == TypeKind::Pointer) t = unalias(u->elem);  // named pointer: fields only
  }
  SmallVector<const Type*, 8> level, next;
  level.push_back(t);
  TypeSet seen;
  for (int depth = 0; depth < 16 && !level.empty(); ++depth) {
    const Object* found = nullptr;
    int count = 0;
    next.clear();
    for (size_t li = 0; li < level.size(); ++li) {
      const Type* cur = unalias(level[li]);
      if (!cur) continue;
      const Type* u = cur;
      if (cur->kind == TypeKind::Named) {
        if (!seen.insert(cur)) continue;
        for (const Method& m : cur->methods)
          if (same_name(m.name, name)) found = m.obj, ++count;
        u = under(cur);
      }
      if (!u) continue;
      if (u->kind == TypeKind::Struct) {
        for (const Var& f : u->fields) {
          if (same_name(f.name, name)) found = f.obj, ++count;
          if (f.embedded) {
            const Type* ft = unalias(f.type);
            if (ft && ft->kind == TypeKind::Pointer) ft = unalias(ft->elem);
            if (ft) next.push_back(ft);
          }
        }
      } else if (u->kind == TypeKind::Interface) {
        if (const Object* m = lookup_interface_method(u, name, under, type_of, 0)) found = m, ++count;
      }
    }
    if (count == 1) return found;
    if (count > 1) return nullptr;  // ambiguous selector
    level.swap(next);
  }
  return nullptr;
}

}  // namespace gotrap::sema
