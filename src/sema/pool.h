// Internal: a bump allocator for objects that live as long as their owner (Objects, Scopes,
// Types). std::deque allocates its chunks 512 bytes at a time, which for these sizes meant one
// malloc per two or three objects; here one chunk holds hundreds, and nothing is freed early.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace gotrap::sema {

template <class T>
class Pool {
 public:
  Pool() = default;
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool() {
    for (size_t c = 0; c < chunks_.size(); ++c) {
      size_t n = c + 1 == chunks_.size() ? used_ : kChunk;
      for (size_t i = 0; i < n; ++i) chunks_[c][i].~T();
      ::operator delete(static_cast<void*>(chunks_[c]), std::align_val_t(alignof(T)));
    }
  }

  // Inline, with the rare new chunk out of line: a make is a few instructions at every caller.
  template <class... Args>
  T* make(Args&&... args) {
    if (used_ == kChunk) [[unlikely]]
      add_chunk();
    T* p = new (chunks_.back() + used_) T(std::forward<Args>(args)...);
    ++used_;
    return p;
  }

 private:
  // About 64 KB per chunk whatever the element size.
  static constexpr size_t kChunk = sizeof(T) >= 65536 ? 1 : 65536 / sizeof(T);
  [[gnu::noinline]] void add_chunk() {
    chunks_.push_back(static_cast<T*>(::operator new(sizeof(T) * kChunk, std::align_val_t(alignof(T)))));
    used_ = 0;
  }

  std::vector<T*> chunks_;
  size_t used_ = kChunk;  // constructed elements in the last chunk (none yet: "full")
};

}  // namespace gotrap::sema
