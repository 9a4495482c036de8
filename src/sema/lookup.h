// Internal: Go's selector rule (shallowest unique field or method, through embedded fields and
// pointers), parameterised by how underlying types and object types are obtained so the checker
// can compute them on demand while the public lookup reads the finished results.
#pragma once

#include <memory>
#include <type_traits>
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

// Members of one list (methods of a named type, fields of a struct) named `name`: adds them to
// found/count as a scan of the list would (the last match is kept). Long lists are looked up
// through the owner's MemberIndex, which `build` allows making when it is missing or stale.
class MemberMatcher {
 public:
  MemberMatcher(std::string_view name, bool build) : name_(name), build_(build) {}

  template <class List>  // FixedList<Method> or FixedList<Var>
  void match(const Type* owner, const List& list, const Object*& found, int& count) {
    if (list.size() >= kIndexFrom) {
      if (const MemberIndex* index = index_of(owner, list)) {
        size_t mask = index->slots.size() - 1;
        uint32_t h = hash();
        for (size_t i = h & mask;; i = (i + 1) & mask) {
          const MemberIndex::Slot& s = index->slots[i];
          if (!s.count) return;
          if (s.hash == h && same_name(std::string_view(s.data, s.size), name_)) {
            found = s.obj;
            count += int(s.count);
            return;
          }
        }
      }
    }
    for (const auto& m : list)
      if (same_name(m.name, name_)) found = m.obj, ++count;
  }

  // The embedded fields of a struct, in order: f(field) for each.
  template <class F>
  void for_each_embedded(const Type* st, F f) {
    const MemberIndex* index = st->fields.size() >= kIndexFrom ? index_of(st, st->fields) : nullptr;
    if (index) {
      for (uint32_t i : index->embedded) f(st->fields[i]);
      return;
    }
    for (size_t i = 0; i < st->fields.size(); ++i)
      if (st->field_tags[i].embedded) f(st->fields[i]);
  }

 private:
  static constexpr size_t kIndexFrom = 8;  // shorter lists are scanned

  uint32_t hash() {
    if (!hashed_) hash_ = name_hash(name_), hashed_ = true;
    return hash_;
  }

  // The owner's index of `list`, (re)built if allowed; null: scan the list.
  template <class List>
  const MemberIndex* index_of(const Type* owner, const List& list) {
    MemberIndex* index = owner->member_index_.get();
    if (index && index->indexed == list.size()) return index;
    if (!build_) return nullptr;
    if (!index) {
      owner->member_index_ = std::make_unique<MemberIndex>();
      index = owner->member_index_.get();
    }
    size_t capacity = 16;
    while (capacity < list.size() * 2) capacity *= 2;
    index->slots.assign(capacity, MemberIndex::Slot{});
    index->embedded.clear();
    size_t mask = capacity - 1;
    for (size_t pos = 0; pos < list.size(); ++pos) {
      const auto& m = list[pos];
      if constexpr (std::is_same_v<std::decay_t<decltype(m)>, Var>)
        if (owner->field_tags[pos].embedded) index->embedded.push_back(uint32_t(pos));
      uint32_t h = name_hash(m.name);
      for (size_t i = h & mask;; i = (i + 1) & mask) {
        MemberIndex::Slot& s = index->slots[i];
        if (!s.count) {
          s = MemberIndex::Slot{h, uint32_t(m.name.size()), m.name.data(), m.obj, 1};
          break;
        }
        if (s.hash == h && same_name(std::string_view(s.data, s.size), m.name)) {
          s.obj = m.obj;
          ++s.count;
          break;
        }
      }
    }
    index->indexed = list.size();
    return index;
  }

  std::string_view name_;
  bool build_;
  bool hashed_ = false;
  uint32_t hash_ = 0;
};

// `build_indexes`: make MemberIndexes where useful (only while analysing: afterwards the model is
// handed out through const pointers, and the public lookup only reads it).
template <class UnderFn, class TypeFn>
const Object* lookup_member(const Type* t, std::string_view name, UnderFn under, TypeFn type_of,
                            bool build_indexes) {
  t = unalias(t);
  if (!t || name == "_") return nullptr;
  // A pointer to a named (non-pointer) type: its fields and methods are selectable.
  if (t->kind == TypeKind::Pointer) t = unalias(t->elem);
  else if (t->kind == TypeKind::Named) {
    const Type* u = under(t);
    if (u && u->kind == TypeKind::Pointer) t = unalias(u->elem);  // named pointer: fields only
  }
  MemberMatcher matcher(name, build_indexes);
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
        matcher.match(cur, cur->methods, found, count);
        u = under(cur);
      }
      if (!u) continue;
      if (u->kind == TypeKind::Struct) {
        matcher.match(u, u->fields, found, count);
        matcher.for_each_embedded(u, [&](const Var& f) {
          const Type* ft = unalias(f.type);
          if (ft && ft->kind == TypeKind::Pointer) ft = unalias(ft->elem);
          if (ft) next.push_back(ft);
        });
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
