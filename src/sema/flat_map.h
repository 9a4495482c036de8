// An open-addressing hash map from node pointers to pointers: sema records millions of
// identifier uses and expression types, and a flat table (no allocation per entry, linear probing)
// costs a fraction of std::unordered_map's time and memory for that.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace gotrap::sema {

template <class K, class V>
class PtrMap {
 public:
  using Slot = std::pair<const K*, V>;

  class const_iterator {
   public:
    const_iterator(const Slot* p, const Slot* end) : p_(p), end_(end) { skip(); }
    const Slot& operator*() const { return *p_; }
    const Slot* operator->() const { return p_; }
    const_iterator& operator++() {
      ++p_;
      skip();
      return *this;
    }
    bool operator==(const const_iterator& o) const { return p_ == o.p_; }
    bool operator!=(const const_iterator& o) const { return p_ != o.p_; }

   private:
    void skip() {
      while (p_ != end_ && (p_->first == nullptr || p_->first == tombstone())) ++p_;
    }
    const Slot* p_;
    const Slot* end_;
  };

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const_iterator begin() const { return {slots_.data(), slots_.data() + slots_.size()}; }
  const_iterator end() const { return {slots_.data() + slots_.size(), slots_.data() + slots_.size()}; }

  // Room for n entries without growing. Any capacity works (no power-of-two rounding), so a
  // good estimate costs no more memory than it needs: these tables are large, and writing them
  // was a good part of the cache misses.
  void reserve(size_t n) {
    size_t want = n + n / 3 + 1;
    if (want > slots_.size()) rehash(want < 16 ? 16 : want);
  }

  const_iterator find(const K* key) const {
    if (slots_.empty() || key == nullptr || key == tombstone()) return end();
    for (size_t i = index(key);; i = next(i)) {
      const Slot& s = slots_[i];
      if (s.first == key) return {&s, slots_.data() + slots_.size()};
      if (s.first == nullptr) return end();
    }
  }
  size_t count(const K* key) const { return find(key) != end() ? 1 : 0; }

  // `key` must not be null.
  V& operator[](const K* key) {
    if (used_ >= grow_at_) rehash(slots_.empty() ? 16 : slots_.size() * 2);
    Slot* reuse = nullptr;
    Slot* slots = slots_.data();
    for (size_t i = index(key);; i = next(i)) {
      Slot& s = slots[i];
      if (s.first == key) return s.second;
      if (s.first == nullptr) {
        Slot* target = reuse ? reuse : &s;
        if (!reuse) ++used_;
        target->first = key;
        target->second = V();
        ++size_;
        return target->second;
      }
      if (s.first == tombstone() && !reuse) reuse = &s;
    }
  }

  void erase(const K* key) {
    if (slots_.empty() || key == nullptr || key == tombstone()) return;
    for (size_t i = index(key);; i = next(i)) {
      Slot& s = slots_[i];
      if (s.first == key) {
        s.first = tombstone();
        --size_;
        return;
      }
      if (s.first == nullptr) return;
    }
  }

 private:
  static const K* tombstone() { return reinterpret_cast<const K*>(uintptr_t(1)); }
  // Fibonacci hashing scrambles the pointer; the high half of hash * capacity maps it onto
  // [0, capacity) without a division.
  size_t index(const K* key) const {
    uint64_t h = uint64_t(reinterpret_cast<uintptr_t>(key)) * 0x9E3779B97F4A7C15ull;
    return size_t((static_cast<unsigned __int128>(h) * slots_.size()) >> 64);
  }
  size_t next(size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }
  void rehash(size_t capacity) {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(capacity, Slot{nullptr, V()});
    grow_at_ = capacity / 4 * 3;
    size_ = 0;
    // Every key is distinct and live: place each without the lookup operator[] would do.
    for (const Slot& s : old) {
      if (!s.first || s.first == tombstone()) continue;
      size_t i = index(s.first);
      while (slots_[i].first) i = next(i);
      slots_[i] = s;
      ++size_;
    }
    used_ = size_;
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
  size_t used_ = 0;     // live entries plus tombstones
  size_t grow_at_ = 0;  // used_ at which the table doubles (three quarters full)
};

}  // namespace gotrap::sema
