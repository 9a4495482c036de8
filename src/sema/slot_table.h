// Dense per-package storage of what sema records about syntax nodes, shared by identifiers' facts
// (sema/ident_facts.h) and other expressions' types (sema/node_facts.h). The first time a table
// records something about a node, the node gets the table's next slot number and an entry is
// appended there; recording is then a sequential append and a lookup one indexed read.
//
// The slot number lives in the node itself, in bytes that were padding (`Slot` says where), and
// every lookup checks that the entry at that slot names the same node. So a node of another
// package, or one slotted by another table, reads as absent here, never as someone else's entry.
// A node keeps the slot of the first table that recorded it; any other table that records it
// (another Program analysing the same files, while the first lives or after it is gone) keeps its
// entry in a hash index instead: answers stay right, only slower. So does a table that ran out of
// slot numbers. Slots are written without synchronisation: Programs over the same parsed files
// must not analyse them concurrently.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sema/flat_map.h"
#include "syntax/ast.h"

namespace gotrap::sema {

// Entry: trivially constructible (chunks are allocated unwritten and an entry is written whole),
// with `static Entry fresh(const Key*)` and `const Key* key() const`.
// Slot: `kMax` (the largest value its field holds) and static get/set of a node's slot.
template <class Entry, class Key, class Slot>
class SlotTable {
 public:
  // A node's slot: 0 = never recorded; 1..kMaxSlot = 1 + index in the table that slotted it;
  // kInIndex = recorded by a table that had no slot numbers left (look in the index).
  static constexpr uint32_t kInIndex = Slot::kMax;
  static constexpr uint32_t kMaxSlot = kInIndex - 1;

  SlotTable() = default;
  SlotTable(const SlotTable&) = delete;
  SlotTable& operator=(const SlotTable&) = delete;

  // The entry recorded here for `n`, or null. Inline: asked for every node a rule or the checker
  // meets.
  const Entry* find(const Key* n) const {
    if (!n) return nullptr;
    uint32_t slot = Slot::get(n);
    // Slot 0 wraps around to a huge index: one compare rejects it along with foreign slots.
    if (slot - 1 < size_) {
      const Entry& e = at(slot - 1);
      if (e.key() == n) return &e;
    }
    if (slot == 0 || index_.empty()) return nullptr;
    return find_in_index(n);
  }
  // The entry for `n` (not null), appended fresh if there is none yet. Inline: called for every
  // node the checker records; the common cases are the two early returns.
  [[gnu::always_inline]] Entry& entry(const Key* n) {
    uint32_t slot = Slot::get(n);
    if (slot - 1 < size_) {
      Entry& e = at(slot - 1);
      if (e.key() == n) return e;
    }
    if (slot == 0 && next_ != append_end_) {
      Entry& e = *next_++;
      e = Entry::fresh(n);
      Slot::set(n, ++size_);
      return e;
    }
    return entry_slow(n);
  }

  size_t size() const { return size_; }
  // Forgets every entry and frees their storage (the nodes they named are about to be freed).
  void release() {
    decltype(chunks_)().swap(chunks_);
    next_ = append_end_ = nullptr;
    size_ = 0;
    index_ = {};
  }
  const Entry& at(size_t i) const { return chunks_[i >> kChunkBits][i & kChunkMask]; }
  Entry& at(size_t i) { return chunks_[i >> kChunkBits][i & kChunkMask]; }

  // Tests, before anything is recorded: run out of slot numbers after `limit` nodes.
  void set_slot_limit(uint32_t limit) { slot_limit_ = limit < kMaxSlot ? limit : kMaxSlot; }
  // Entries found through the hash index rather than their slot.
  size_t indexed() const { return index_.size(); }

 private:
  // Fixed-size chunks: appending never moves entries (references from entry() stay valid), and a
  // chunk's untouched tail costs no memory.
  static constexpr size_t kChunkBits = 14;
  static constexpr size_t kChunkSize = size_t(1) << kChunkBits;
  static constexpr size_t kChunkMask = kChunkSize - 1;

  [[gnu::noinline]] const Entry* find_in_index(const Key* n) const {
    auto it = index_.find(n);
    return it == index_.end() ? nullptr : &at(it->second);
  }

  [[gnu::noinline]] Entry& entry_slow(const Key* n) {
    uint32_t slot = Slot::get(n);
    // A slot that is not ours (another table's, or the out-of-slots mark): we may have indexed it.
    if (slot != 0 && !index_.empty()) {
      auto it = index_.find(n);
      if (it != index_.end()) return at(it->second);
    }
    uint32_t i = size_;
    if ((i & kChunkMask) == 0) {
      chunks_.push_back(std::make_unique_for_overwrite<Entry[]>(kChunkSize));
      next_ = chunks_.back().get();
      // Fast appends stop where the slot numbers do.
      append_end_ = i < slot_limit_ ? next_ + std::min<size_t>(kChunkSize, slot_limit_ - i) : next_;
    }
    Entry& e = *next_++;
    if (append_end_ < next_) append_end_ = next_;  // past the slot limit: keep the two in step
    ++size_;
    e = Entry::fresh(n);
    if (slot == 0 && i < slot_limit_) {
      Slot::set(n, i + 1);
    } else {
      // The node keeps the slot it has (its first table answers through it); if it had none, the
      // mark says "look in the index", so lookups elsewhere stay one compare.
      if (slot == 0) Slot::set(n, kInIndex);
      index_[n] = i;
    }
    return e;
  }

  std::vector<std::unique_ptr<Entry[]>> chunks_;
  // entry() appends at next_ while it is short of append_end_: the end of the last chunk, or
  // where the slot numbers run out.
  Entry* next_ = nullptr;
  Entry* append_end_ = nullptr;
  uint32_t size_ = 0;
  uint32_t slot_limit_ = kMaxSlot;
  // Entry index of each node that is not found through its own slot.
  PtrMap<Key, uint32_t> index_;
};

}  // namespace gotrap::sema
