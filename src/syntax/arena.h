// Bump allocator owning every node of one parsed file: nodes are trivially destructible, so the
// whole tree is freed at once with the arena and building it costs no per-node heap allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace gotrap::ast {

class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena() {
    for (void* b : blocks_) std::free(b);
  }

  void* allocate(size_t size, size_t align = alignof(std::max_align_t)) {
    uintptr_t p = (cur_ + (align - 1)) & ~(uintptr_t)(align - 1);
    if (__builtin_expect(p + size > limit_, 0)) {
      grow(size + align);
      p = (cur_ + (align - 1)) & ~(uintptr_t)(align - 1);
    }
    cur_ = p + size;
    return reinterpret_cast<void*>(p);
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  // Copies n elements into arena storage (used to freeze a temporary list into a Span).
  template <class T>
  T* copy_array(const T* src, size_t n) {
    if (n == 0) return nullptr;
    T* dst = static_cast<T*>(allocate(sizeof(T) * n, alignof(T)));
    std::memcpy(static_cast<void*>(dst), src, sizeof(T) * n);
    return dst;
  }

  size_t bytes_reserved() const { return reserved_; }

 private:
  __attribute__((noinline)) void grow(size_t at_least) {
    size_t size = next_block_ < at_least ? at_least : next_block_;
    if (next_block_ < (size_t(64) << 20)) next_block_ *= 2;
    void* b = std::malloc(size);
    if (!b) throw std::bad_alloc();
    blocks_.push_back(b);
    reserved_ += size;
    cur_ = reinterpret_cast<uintptr_t>(b);
    limit_ = cur_ + size;
  }

  uintptr_t cur_ = 0;
  uintptr_t limit_ = 0;
  size_t next_block_ = 64 * 1024;
  size_t reserved_ = 0;
  std::vector<void*> blocks_;
};

}  // namespace gotrap::ast
