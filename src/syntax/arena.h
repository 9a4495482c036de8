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

  // Every allocation is 8-byte aligned and a multiple of 8 bytes long (no node needs more), so
  // the bump pointer stays aligned and the fast path needs no alignment arithmetic.
  static constexpr size_t kAlign = 8;
  static constexpr size_t round_up(size_t size) { return (size + (kAlign - 1)) & ~(kAlign - 1); }

  void* allocate(size_t size) {
    size = round_up(size);
    if (__builtin_expect(size > limit_ - cur_, 0)) return allocate_slow(size);
    void* p = reinterpret_cast<void*>(cur_);
    cur_ += size;
    return p;
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    static_assert(alignof(T) <= kAlign, "arena objects are at most 8-byte aligned");
    return new (allocate(sizeof(T))) T(std::forward<Args>(args)...);
  }

  // Copies n elements into arena storage (used to freeze a temporary list into a Span).
  template <class T>
  T* copy_array(const T* src, size_t n) {
    static_assert(alignof(T) <= kAlign, "arena objects are at most 8-byte aligned");
    if (n == 0) return nullptr;
    T* dst = static_cast<T*>(allocate(sizeof(T) * n));
    std::memcpy(static_cast<void*>(dst), src, sizeof(T) * n);
    return dst;
  }

  size_t bytes_reserved() const { return reserved_; }

  // Sizes the first block (a power of two) for a tree expected to need about `bytes`: a small
  // file then reserves no whole default block, a big one no chain of doublings; later blocks
  // still double from there up to kMaxBlockSize.
  void expect_bytes(size_t bytes) {
    size_t size = kMinBlockSize;
    while (size < bytes && size < kMaxBlockSize) size *= 2;
    next_block_ = size;
  }

 private:
  friend class ArenaCursor;

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

  // Blocks double from 64 KiB (or expect_bytes' size) up to kMaxBlockSize: a huge file wastes
  // at most one block's tail. A request too big for that gets a block of its own, and the current
  // block stays in use for what follows.
  static constexpr size_t kFirstBlockSize = size_t(64) << 10;
  static constexpr size_t kMinBlockSize = size_t(4) << 10;
  static constexpr size_t kMaxBlockSize = BlockCache::kMaxBlockSize;

  __attribute__((noinline)) void* allocate_slow(size_t size) {
    if (size > kMaxBlockSize / 4) return new_block(size).data;
    size_t block_size = next_block_ < size ? size : next_block_;
    if (next_block_ < kMaxBlockSize) next_block_ *= 2;
    Block block = new_block(block_size);
    cur_ = reinterpret_cast<uintptr_t>(block.data) + size;
    limit_ = reinterpret_cast<uintptr_t>(block.data) + block.size;
    return block.data;
  }

  Block new_block(size_t size) {
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
      block.data = std::malloc(size);  // malloc's alignment (16) covers kAlign
      if (!block.data) throw std::bad_alloc();
    }
    blocks_.push_back(block);
    reserved_ += block.size;
    return block;
  }

  uintptr_t cur_ = 0;
  uintptr_t limit_ = 0;
  size_t next_block_ = kFirstBlockSize;
  size_t reserved_ = 0;
  std::vector<Block> blocks_;
};

// Allocates from an Arena through its own copy of the arena's bump pointer. An owner that embeds
// the cursor (the parser) reaches the pointer directly, without first loading the arena's
// address, on every node it allocates. While a cursor lives nobody else may allocate from its
// arena; the cursor hands the pointer back when it is destroyed.
class ArenaCursor {
 public:
  explicit ArenaCursor(Arena& arena) : cur_(arena.cur_), limit_(arena.limit_), arena_(arena) {}
  ArenaCursor(const ArenaCursor&) = delete;
  ArenaCursor& operator=(const ArenaCursor&) = delete;
  ~ArenaCursor() { hand_back(); }

  void* allocate(size_t size) {
    size = Arena::round_up(size);
    uintptr_t p = cur_;
    // No overflow: p is a user-space address and size at most a few GiB.
    if (__builtin_expect(p + size > limit_, 0)) return allocate_slow(size);
    cur_ = p + size;
    return reinterpret_cast<void*>(p);
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    static_assert(alignof(T) <= Arena::kAlign, "arena objects are at most 8-byte aligned");
    return new (allocate(sizeof(T))) T(std::forward<Args>(args)...);
  }

  template <class T>
  T* copy_array(const T* src, size_t n) {
    static_assert(alignof(T) <= Arena::kAlign, "arena objects are at most 8-byte aligned");
    if (n == 0) return nullptr;
    T* dst = static_cast<T*>(allocate(sizeof(T) * n));
    std::memcpy(static_cast<void*>(dst), src, sizeof(T) * n);
    return dst;
  }

 private:
  void hand_back() {
    arena_.cur_ = cur_;
    arena_.limit_ = limit_;
  }
  __attribute__((noinline)) void* allocate_slow(size_t size) {
    hand_back();
    void* p = arena_.allocate(size);
    cur_ = arena_.cur_;
    limit_ = arena_.limit_;
    return p;
  }

  uintptr_t cur_;
  uintptr_t limit_;
  Arena& arena_;
};

}  // namespace gotrap::ast
