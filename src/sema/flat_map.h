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
      while (p_ != end_ && p_->first == nullptr) ++p_;
    }
    const Slot* p_;
    const Slot* end_;
  };

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const_iterator begin() const { return {slots(), slots() + capacity_}; }
  const_iterator end() const { return {slots() + capacity_, slots() + capacity_}; }

  // Room for n entries without growing. Any capacity works (no power-of-two rounding), so a
  // good estimate costs no more memory than it needs: these tables are large, and writing them
  // was a good part of the cache misses.
  void reserve(size_t n) {
    size_t want = n + n / 3 + 1;
    if (want > capacity_) rehash(want < 16 ? 16 : want);
  }

  const_iterator find(const K* key) const {
    if (capacity_ == 0 || is_marker(key)) return end();
    const Slot* s = probe(key);
    return s->first ? const_iterator(s, slots() + capacity_) : end();
  }
  size_t count(const K* key) const { return find(key) != end() ? 1 : 0; }

  // `key` must not be null.
  V& operator[](const K* key) {
    if (size_ >= grow_at_) rehash(capacity_ == 0 ? 16 : capacity_ * 2);
    Slot* s = const_cast<Slot*>(probe(key));
    if (!s->first) {
      s->first = key;
      s->second = V();
      ++size_;
    }
    return s->second;
  }

  void erase(const K* key) {
    if (capacity_ == 0 || is_marker(key)) return;
    Slot* hole = const_cast<Slot*>(probe(key));
    if (!hole->first) return;
    --size_;
    // Backward-shift deletion: later entries of the probe run move up into the hole, so no
    // tombstones are needed and probes stop at the first empty slot.
    Slot* base = slots_.data();
    size_t i = size_t(hole - base);
    for (size_t j = next(i);; j = next(j)) {
      const K* k = base[j].first;
      if (!k) break;
      size_t home = index(k);
      // The entry at j may fill the hole at i unless its home lies cyclically in (i, j].
      if (distance(home, j) >= distance(i, j)) {
        base[i] = base[j];
        i = j;
      }
    }
    base[i].first = nullptr;
  }

 private:
  // The slot past the last holds this key: probes wrap around on meeting it, and since a key
  // never equals it, the probe loop needs no bounds test of its own.
  static const K* end_marker() { return reinterpret_cast<const K*>(uintptr_t(1)); }
  static bool is_marker(const K* key) { return uintptr_t(key) <= 1; }
  const Slot* slots() const { return slots_.data(); }
  // Fibonacci hashing scrambles the pointer; the high half of hash * capacity maps it onto
  // [0, capacity) without a division.
  size_t index(const K* key) const {
    uint64_t h = uint64_t(reinterpret_cast<uintptr_t>(key)) * 0x9E3779B97F4A7C15ull;
    return size_t((static_cast<unsigned __int128>(h) * capacity_) >> 64);
  }
  size_t next(size_t i) const { return i + 1 == capacity_ ? 0 : i + 1; }
  size_t distance(size_t from, size_t to) const { return to >= from ? to - from : to + capacity_ - from; }
  // The slot holding `key`, else the empty slot where it belongs. The table is never full.
  const Slot* probe(const K* key) const {
    const Slot* s = slots() + index(key);
    for (;;) {
      const K* k = s->first;
      if (k == key) return s;
      if (is_marker(k)) {
        if (!k) return s;
        s = slots();  // the end marker: wrap around
        continue;
      }
      ++s;
    }
  }
  void rehash(size_t capacity) {
    std::vector<Slot> old;
    old.swap(slots_);
    size_t old_capacity = capacity_;
    slots_.assign(capacity + 1, Slot{nullptr, V()});
    slots_[capacity].first = end_marker();
    capacity_ = capacity;
    grow_at_ = capacity / 4 * 3;
    // Every key is distinct: place each without the lookup operator[] would do.
    for (size_t o = 0; o < old_capacity; ++o) {
      const Slot& s = old[o];
      if (!s.first) continue;
      size_t i = index(s.first);
      while (slots_[i].first) i = next(i);
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;  // capacity_ slots, then the end marker
  size_t capacity_ = 0;
  size_t size_ = 0;
  size_t grow_at_ = 0;  // size_ at which the table doubles (three quarters full)
};

}  // namespace gotrap::sema
