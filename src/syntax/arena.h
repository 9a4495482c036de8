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
    for (const Block& b : blocks_) release_block(b);
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
  struct Block {
    void* data;
    size_t size;
  };

  // Blocks of finished arenas are kept per thread for the next file: parsing many files then
  // costs neither fresh page faults nor trips to the system allocator.
  struct BlockCache {
    static constexpr size_t kMaxBlocks = 8;
    static constexpr size_t kMaxBlockSize = size_t(4) << 20;
    std::vector<Block> blocks;
    ~BlockCache() {
      for (const Block& b : blocks) std::free(b.data);
    }
  };
  static BlockCache& cache() {
    thread_local BlockCache c;
    return c;
  }
  static void release_block(const Block& b) {
    BlockCache& c = cache();
    if (b.size <= BlockCache::kMaxBlockSize && c.blocks.size() < BlockCache::kMaxBlocks) {
      c.blocks.push_back(b);
    } else {
      std::free(b.data);
    }
  }

  __attribute__((noinline)) void grow(size_t at_least) {
    size_t size = next_block_ < at_least ? at_least : next_block_;
    if (next_block_ < (size_t(64) << 20)) next_block_ *= 2;
    Block block{nullptr, size};
    BlockCache& c = cache();
    for (size_t i = c.blocks.size(); i-- > 0;) {
      if (c.blocks[i].size >= size) {
        block = c.blocks[i];
        c.blocks.erase(c.blocks.begin() + ptrdiff_t(i));
        break;
      }
    }
    if (!block.data) {
      block.data = std::malloc(size);
      if (!block.data) throw std::bad_alloc();
    }
    blocks_.push_back(block);
    reserved_ += block.size;
    cur_ = reinterpret_cast<uintptr_t>(block.data);
    limit_ = cur_ + block.size;
  }

  uintptr_t cur_ = 0;
  uintptr_t limit_ = 0;
  size_t next_block_ = 64 * 1024;
  size_t reserved_ = 0;
  std::vector<Block> blocks_;
};

}  // namespace gotrap::ast
