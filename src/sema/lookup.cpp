#include "sema/lookup.h"

#include <cstring>

namespace gotrap::sema {

uint32_t name_hash(std::string_view name) {
  // Identifiers are short: one or two overlapping loads cover a name of up to 8 bytes, longer
  // ones are folded in 8 bytes at a time. Each step folds the high half onto the low one before
  // multiplying, so every input bit reaches the product's high half, which is the hash.
  const char* p = name.data();
  size_t n = name.size();
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  auto word = [](const char* q) {
    uint64_t w;
    std::memcpy(&w, q, 8);
    return w;
  };
  auto step = [](uint64_t h) {
    h ^= h >> 32;
    return h * kMul;
  };
  uint64_t h = uint64_t(n) * 0xBF58476D1CE4E5B9ull;
  if (n > 8) {
    for (; n > 8; p += 8, n -= 8) h = step(h ^ word(p));
    h ^= word(p + n - 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    h ^= uint64_t(a) | uint64_t(b) << 32;
  } else if (n > 0) {
    h ^= uint64_t(uint8_t(p[0])) | uint64_t(uint8_t(p[n / 2])) << 8 | uint64_t(uint8_t(p[n - 1])) << 16;
  }
  return uint32_t(step(h) >> 32);
}

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
