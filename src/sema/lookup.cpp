#include "sema/lookup.h"

#include <cstring>

namespace gotrap::sema {

// Builds (or doubles) the hash table from the current entries.
void Scope::grow_table() {
  std::vector<Entry> old;
  old.swap(more_);
  size_t capacity = 32;
  while (capacity < size_t(count_) * 4) capacity *= 2;
  more_.assign(capacity, Entry{0, 0, nullptr, nullptr});
  hashed_ = true;
  size_t mask = capacity - 1;
  for (const Entry& e : old) {
    if (!e.obj) continue;
    size_t i = e.hash & mask;
    while (more_[i].obj) i = (i + 1) & mask;
    more_[i] = e;
  }
}

void Scope::insert(const Object* o) {
  uint32_t hash = name_hash(o->name);
  // The scope's own storage, found through the const search: writing to it is well-defined.
  Entry* slot = const_cast<Entry*>(find_entry(o->name, hash));
  if (slot && slot->obj) {  // redeclaration: the latest object wins
    slot->obj = o;
    return;
  }
  Entry entry{hash, uint32_t(o->name.size()), o->name.data(), o};
  filter_ |= filter_bit(hash);
  if (hashed_) {
    *slot = entry;
    ++count_;
    if (size_t(count_) * 2 > more_.size()) grow_table();
    return;
  }
  if (count_ < kInline) {
    inline_[count_++] = entry;
    return;
  }
  if (count_ == kInline) {
    more_.reserve(kFlatLimit + 1);
    more_.assign(inline_, inline_ + kInline);
  }
  more_.push_back(entry);
  ++count_;
  if (count_ > kFlatLimit) grow_table();
}

std::vector<std::pair<std::string_view, const Object*>> Scope::names() const {
  std::vector<std::pair<std::string_view, const Object*>> out;
  out.reserve(count_);
  auto add = [&out](const Entry& e) {
    if (e.obj) out.emplace_back(std::string_view(e.data, e.size), e.obj);
  };
  if (hashed_) {
    for (const Entry& e : more_) add(e);
  } else {
    const Entry* entries = count_ <= kInline ? inline_ : more_.data();
    for (uint32_t i = 0; i < count_; ++i) add(entries[i]);
  }
  return out;
}

const Object* lookup_field_or_method(const Type* t, std::string_view name) {
  return lookup_member(t, name, [](const Type* n) { return underlying(n); },
                       [](const Object* o) { return o ? o->type : nullptr; }, false);
}

}  // namespace gotrap::sema
