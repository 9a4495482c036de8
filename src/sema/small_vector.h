// Internal: a vector of plain values that keeps its first N elements inline. The
// checker builds short lists (the types of an assignment's right-hand side, the names a statement
// declares) for nearly every statement; a heap allocation each time cost more than the work.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace gotrap::sema {

template <class T, size_t N>
class SmallVector {
  static_assert(std::is_trivially_destructible_v<T>);

 public:
  SmallVector() = default;
  SmallVector(size_t n, const T& value) { assign(n, value); }
  SmallVector(const SmallVector&) = delete;
  SmallVector& operator=(const SmallVector&) = delete;

  void push_back(const T& v) {
    if (size_ < N) inline_[size_] = v;
    else spill_.push_back(v);
    ++size_;
  }
  void pop_back() {
    --size_;
    if (size_ >= N) spill_.pop_back();
  }
  void assign(size_t n, const T& value) {
    clear();
    for (size_t i = 0; i < n; ++i) push_back(value);
  }
  void clear() {
    size_ = 0;
    spill_.clear();
  }
  void swap(SmallVector& o) {
    std::swap(inline_, o.inline_);
    std::swap(size_, o.size_);
    spill_.swap(o.spill_);
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return i < N ? inline_[i] : spill_[i - N]; }
  const T& operator[](size_t i) const { return i < N ? inline_[i] : spill_[i - N]; }

  // Range-for over the elements (index-based, so spilled elements are included).
  template <class Ref, class Owner>
  class Iter {
   public:
    Iter(Owner* v, size_t i) : v_(v), i_(i) {}
    Ref operator*() const { return (*v_)[i_]; }
    Iter& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iter& o) const { return i_ != o.i_; }

   private:
    Owner* v_;
    size_t i_;
  };
  Iter<T&, SmallVector> begin() { return {this, 0}; }
  Iter<T&, SmallVector> end() { return {this, size_}; }
  Iter<const T&, const SmallVector> begin() const { return {this, 0}; }
  Iter<const T&, const SmallVector> end() const { return {this, size_}; }

 private:
  T inline_[N];
  size_t size_ = 0;
  std::vector<T> spill_;
};

}  // namespace gotrap::sema
