#include "sema/lookup.h"

#include <cstring>

namespace gotrap::sema {

// Builds the hash table for `count` names from the current entries (flat list or smaller table).
void Scope::rebuild_table(uint32_t count) {
  size_t old_size = hashed() ? table_mask() + 1 : count_;
  Entry* old = more_;
  size_t capacity = table_capacity(count);
  more_ = new Entry[capacity]();
  size_t mask = capacity - 1;
  hashes_[0] = uint32_t(mask);
  for (size_t k = 0; k < old_size; ++k)
    if (old[k].obj) put_in_table(old[k]);
  delete[] old;
}

// Into the first free slot of the probe sequence (the name is known to be absent).
void Scope::put_in_table(const Entry& e) {
  size_t mask = table_mask();
  size_t i = e.hash & mask;
  while (more_[i].obj) i = (i + 1) & mask;
  more_[i] = e;
}

void Scope::insert(const Object* o) {
  uint32_t hash = name_hash(o->name);
  filter_ |= filter_bit(hash);
  if (count_ <= kInline) {
    for (uint32_t i = 0; i < count_; ++i) {
      if (matches(hashes_[i], objects_[i], o->name, hash)) {  // redeclaration: the latest wins
        objects_[i] = o;
        return;
      }
    }
    if (count_ < kInline) {
      hashes_[count_] = hash;
      objects_[count_] = o;
      ++count_;
      return;
    }
    // The inline names move out, to a flat list with room for kFlatLimit.
    more_ = new Entry[kFlatLimit];
    for (uint32_t i = 0; i < kInline; ++i) more_[i] = Entry{hashes_[i], objects_[i]};
    more_[count_++] = Entry{hash, o};
    return;
  }
  // The scope's own storage, found through the const search: writing to it is well-defined.
  Entry* slot = const_cast<Entry*>(find_entry(o->name, hash));
  if (slot && slot->obj) {  // redeclaration: the latest object wins
    slot->obj = o;
    return;
  }
  if (count_ < kFlatLimit) {
    more_[count_++] = Entry{hash, o};
    return;
  }
  if (!hashed() || table_capacity(count_ + 1) != table_capacity(count_)) rebuild_table(count_ + 1);
  ++count_;
  put_in_table(Entry{hash, o});
}

std::vector<std::pair<std::string_view, const Object*>> Scope::names() const {
  std::vector<std::pair<std::string_view, const Object*>> out;
  out.reserve(count_);
  if (count_ <= kInline) {
    for (uint32_t i = 0; i < count_; ++i) out.emplace_back(objects_[i]->name, objects_[i]);
    return out;
  }
  size_t size = hashed() ? table_mask() + 1 : count_;
  for (size_t i = 0; i < size; ++i)
    if (more_[i].obj) out.emplace_back(more_[i].obj->name, more_[i].obj);
  return out;
}

const Object* lookup_field_or_method(const Type* t, std::string_view name) {
  return lookup_member(t, name, [](const Type* n) { return underlying(n); },
                       [](const Object* o) { return o ? o->type : nullptr; }, false);
}

}  // namespace gotrap::sema
