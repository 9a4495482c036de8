#include "sema/lookup.h"

#include <cstring>

namespace gotrap::sema {

uint32_t name_hash(std::string_view name) {
  // Identifiers are short: mix at most two overlapping 8-byte words per 16 bytes, then finish
  // with a multiply-xorshift so every input bit reaches the low bits used to index tables.
  const char* p = name.data();
  size_t n = name.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t(n) * 0xBF58476D1CE4E5B9ull);
  auto word = [](const char* q) {
    uint64_t w;
    std::memcpy(&w, q, 8);
    return w;
  };
  auto mix = [&h](uint64_t w) { h = (h ^ w) * 0x94D049BB133111EBull; h ^= h >> 31; };
  if (n >= 8) {
    for (; n > 8; p += 8, n -= 8) mix(word(p));
    mix(word(p + n - 8));
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    mix(uint64_t(a) | uint64_t(b) << 32);
  } else if (n > 0) {
    mix(uint64_t(uint8_t(p[0])) | uint64_t(uint8_t(p[n / 2])) << 8 | uint64_t(uint8_t(p[n - 1])) << 16);
  }
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 32;
  return uint32_t(h);
}

Scope::Entry* Scope::find_slot(std::string_view name, uint32_t hash) {
  if (!table_.empty()) {
    size_t mask = table_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Entry& e = table_[i];
      if (!e.obj || e.matches(name, hash)) return &e;
    }
  }
  Entry* entries = count_ <= kInline ? inline_ : overflow_.data();
  for (uint32_t i = 0; i < count_; ++i)
    if (entries[i].matches(name, hash)) return &entries[i];
  return nullptr;
}

void Scope::grow_table() {
  std::vector<Entry> old;
  if (table_.empty()) old.assign(overflow_.begin(), overflow_.end());
  else old.swap(table_);
  size_t capacity = 32;
  while (capacity < size_t(count_) * 4) capacity *= 2;
  table_.assign(capacity, Entry{0, 0, nullptr, nullptr});
  size_t mask = capacity - 1;
  for (const Entry& e : old) {
    if (!e.obj) continue;
    size_t i = e.hash & mask;
    while (table_[i].obj) i = (i + 1) & mask;
    table_[i] = e;
  }
  std::vector<Entry>().swap(overflow_);
}

void Scope::insert(const Object* o) {
  uint32_t hash = name_hash(o->name);
  Entry* slot = find_slot(o->name, hash);
  if (slot && slot->obj) {  // redeclaration: the latest object wins
    slot->obj = o;
    return;
  }
  Entry entry{hash, uint32_t(o->name.size()), o->name.data(), o};
  if (!table_.empty()) {
    *slot = entry;
    ++count_;
    if (size_t(count_) * 2 > table_.size()) grow_table();
    return;
  }
  if (count_ < kInline) {
    inline_[count_++] = entry;
    return;
  }
  if (count_ == kInline) {
    overflow_.reserve(kFlatLimit);
    overflow_.assign(inline_, inline_ + kInline);
  }
  overflow_.push_back(entry);
  ++count_;
  if (count_ > kFlatLimit) grow_table();
}

std::vector<std::pair<std::string_view, const Object*>> Scope::names() const {
  std::vector<std::pair<std::string_view, const Object*>> out;
  out.reserve(count_);
  auto add = [&out](const Entry& e) {
    if (e.obj) out.emplace_back(std::string_view(e.data, e.size), e.obj);
  };
  if (!table_.empty()) {
    for (const Entry& e : table_) add(e);
  } else {
    const Entry* entries = count_ <= kInline ? inline_ : overflow_.data();
    for (uint32_t i = 0; i < count_; ++i) add(entries[i]);
  }
  return out;
}

const Object* lookup_field_or_method(const Type* t, std::string_view name) {
  return lookup_member(t, name, [](const Type* n) { return underlying(n); },
                       [](const Object* o) { return o ? o->type : nullptr; });
}

}  // namespace gotrap::sema
