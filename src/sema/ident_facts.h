// What sema knows about each identifier of a package (the object it uses or declares, its type),
// stored densely: the first time a package records anything about an identifier, the identifier
// gets the next slot of that package's table and its facts are appended there. Recording is then
// a sequential append and a lookup one indexed read, where a hash table keyed by node pointers
// made every record a random write into tens of megabytes (a large share of sema's cache misses
// and page faults).
//
// The slot number lives in the identifier itself (ast::Ident::sema_slot, 24 bits, 0 = none) and
// every lookup checks that the entry at that slot names the same identifier, so an identifier of
// another package, or one slotted by another table, reads as absent here, never as someone
// else's facts. An identifier keeps the slot of the first table that recorded it. Any other
// table that records it (another Program analysing the same files, while the first lives or
// after it is gone) keeps its entry in a hash index instead: answers stay right, only slower.
// So does a table that ran out of 24-bit slot numbers. Slots are written without
// synchronisation: Programs over the same parsed files must not analyse them concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "sema/flat_map.h"
#include "syntax/ast.h"

namespace gotrap::sema {

struct Object;
struct Type;

// Trivially constructible (no initialisers): table chunks are allocated without being written,
// and an entry is written whole when it is appended. 24 bytes: an identifier is nearly always a
// use or a declaration, not both, so one object field serves either (the few that are both keep
// the declared object in the table's side map).
struct IdentFacts {
  static constexpr uintptr_t kUse = 1, kDef = 2;
  const ast::Ident* ident;
  uintptr_t object_bits;  // object address | kUse if recorded as a use | kDef if as a declaration
  const Type* type;       // null: no type recorded

  bool is_use() const { return object_bits & kUse; }
  bool is_def() const { return object_bits & kDef; }
  // The used object if is_use(), else the declared one (which may be null).
  const Object* object() const { return reinterpret_cast<const Object*>(object_bits & ~(kUse | kDef)); }
};

class IdentTable {
 public:
  // An identifier's sema_slot: 0 = never recorded; 1..kMaxSlot = 1 + index in the table that
  // slotted it; kInIndex = recorded by a table that had no slot numbers left (look in the index).
  static constexpr uint32_t kInIndex = ast::Ident::kMaxSemaSlot;
  static constexpr uint32_t kMaxSlot = kInIndex - 1;

  IdentTable() = default;
  IdentTable(const IdentTable&) = delete;
  IdentTable& operator=(const IdentTable&) = delete;

  // The facts recorded here about `id`, or null. Inline: rules and the checker ask for every
  // identifier they meet.
  const IdentFacts* find(const ast::Ident* id) const {
    if (!id) return nullptr;
    uint32_t slot = id->sema_slot;
    // Slot 0 wraps around to a huge index: one compare rejects it along with foreign slots.
    if (slot - 1 < size_) {
      const IdentFacts& e = at(slot - 1);
      if (e.ident == id) return &e;
    }
    if (slot == 0 || index_.empty()) return nullptr;
    return find_in_index(id);
  }
  // The facts about `id` (not null), appended empty if there are none yet. Inline: called for
  // every identifier the checker records; the common cases are the two early returns.
  IdentFacts& get(const ast::Ident* id) {
    uint32_t slot = id->sema_slot;
    if (slot - 1 < size_) {
      IdentFacts& e = at(slot - 1);
      if (e.ident == id) return e;
    }
    if (slot == 0 && next_ != append_end_) {
      IdentFacts& e = *next_++;
      e = IdentFacts{id, 0, nullptr};
      id->sema_slot = ++size_;
      return e;
    }
    return get_slow(id);
  }

  // Reading and recording uses and declarations of an entry of this table.
  const Object* use(const IdentFacts& e) const { return e.is_use() ? e.object() : nullptr; }
  const Object* def(const IdentFacts& e) const {
    if (!e.is_def()) return nullptr;
    return e.is_use() ? both_def(e.ident) : e.object();
  }
  // `obj` must not be null.
  void set_use(IdentFacts& e, const Object* obj) {
    if ((e.object_bits & (kUse | kDef)) == kDef) set_both_def(e.ident, e.object());  // rare
    e.object_bits = reinterpret_cast<uintptr_t>(obj) | kUse | (e.object_bits & kDef);
  }
  void set_def(IdentFacts& e, const Object* obj) {
    if (e.is_use()) {  // rare
      set_both_def(e.ident, obj);
      e.object_bits |= kDef;
    } else {
      e.object_bits = reinterpret_cast<uintptr_t>(obj) | kDef;
    }
  }

  size_t size() const { return size_; }
  const IdentFacts& at(size_t i) const { return chunks_[i >> kChunkBits][i & kChunkMask]; }
  IdentFacts& at(size_t i) { return chunks_[i >> kChunkBits][i & kChunkMask]; }

  // Tests, before anything is recorded: run out of slot numbers after `limit` identifiers.
  void set_slot_limit(uint32_t limit) { slot_limit_ = limit < kMaxSlot ? limit : kMaxSlot; }

 private:
  // Fixed-size chunks: appending never moves entries (references from get() stay valid), and a
  // chunk's untouched tail costs no memory.
  static constexpr size_t kChunkBits = 14;
  static constexpr size_t kChunkSize = size_t(1) << kChunkBits;
  static constexpr size_t kChunkMask = kChunkSize - 1;

  static constexpr uintptr_t kUse = IdentFacts::kUse, kDef = IdentFacts::kDef;
  const IdentFacts* find_in_index(const ast::Ident* id) const;
  const Object* both_def(const ast::Ident* id) const;
  // Out of line: rare, and it keeps set_use/set_def small enough to inline.
  [[gnu::noinline]] void set_both_def(const ast::Ident* id, const Object* obj);
  IdentFacts& get_slow(const ast::Ident* id);

  std::vector<std::unique_ptr<IdentFacts[]>> chunks_;
  // get() appends at next_ while it is short of append_end_: the end of the last chunk, or where
  // the slot numbers run out.
  IdentFacts* next_ = nullptr;
  IdentFacts* append_end_ = nullptr;
  uint32_t size_ = 0;
  uint32_t slot_limit_ = kMaxSlot;
  // Entry index of each identifier that is not found through its own slot.
  PtrMap<ast::Ident, uint32_t> index_;
  // The declared object of identifiers recorded both as a use and as a declaration.
  PtrMap<ast::Ident, const Object*> both_defs_;
};

// Views of a package's identifier facts shaped like the maps they replaced:
// size() and iteration yield (identifier, object) pairs; both walk the table, so size() costs a
// pass (only statistics and tests ask for it).
template <class Facts>
class IdentFactsView {
 public:
  explicit IdentFactsView(const IdentTable& table) : table_(&table) {}
  class const_iterator {
   public:
    const_iterator(const IdentTable* t, size_t i) : table_(t), i_(i) { settle(); }
    const std::pair<const ast::Ident*, const Object*>& operator*() const { return current_; }
    const std::pair<const ast::Ident*, const Object*>* operator->() const { return &current_; }
    const_iterator& operator++() {
      ++i_;
      settle();
      return *this;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }
    bool operator!=(const const_iterator& o) const { return i_ != o.i_; }

   private:
    void settle() {
      for (; i_ < table_->size(); ++i_) {
        const IdentFacts& e = table_->at(i_);
        if (Facts::has(e)) {
          current_ = {e.ident, Facts::object(*table_, e)};
          return;
        }
      }
    }
    const IdentTable* table_;
    size_t i_;
    std::pair<const ast::Ident*, const Object*> current_{};
  };
  const_iterator begin() const { return {table_, 0}; }
  const_iterator end() const { return {table_, table_->size()}; }
  size_t size() const {
    size_t n = 0;
    for (size_t i = 0; i < table_->size(); ++i) n += Facts::has(table_->at(i));
    return n;
  }
  size_t count(const ast::Ident* id) const {
    const IdentFacts* e = table_->find(id);
    return e && Facts::has(*e) ? 1 : 0;
  }

 private:
  const IdentTable* table_;
};

struct UseFacts {
  static bool has(const IdentFacts& e) { return e.is_use(); }
  static const Object* object(const IdentTable& t, const IdentFacts& e) { return t.use(e); }
};
struct DefFacts {
  static bool has(const IdentFacts& e) { return e.is_def(); }
  static const Object* object(const IdentTable& t, const IdentFacts& e) { return t.def(e); }
};

}  // namespace gotrap::sema
