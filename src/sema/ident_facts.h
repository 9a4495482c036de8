// What sema knows about each identifier of a package (the object it uses or declares, its type),
// stored densely in a SlotTable (sema/slot_table.h: slot number in ast::Ident::sema_slot, entry
// verification, hash-index fallback). A hash table keyed by node pointers made every record a
// random write into tens of megabytes (a large share of sema's cache misses and page faults).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "sema/flat_map.h"
#include "sema/slot_table.h"
#include "syntax/ast.h"

namespace gotrap::sema {

struct Object;
struct Type;

// Trivially constructible (no initialisers): table chunks are allocated without being written,
// and an entry is written whole when it is appended. 16 bytes: an identifier is nearly always a
// use or a declaration, not both, so one object field serves either (the few that are both keep
// the declared object in the table's side map). Its type is not stored either: a recorded type is
// nearly always the used object's own, so a flag says "typed" and the type is read from the object
// (any other type is kept in the table's side map). A third of sema's identifier memory, which is
// all freshly written, was these types.
struct IdentFacts {
  static constexpr uintptr_t kUse = 1, kDef = 2, kTyped = 4;
  static constexpr uintptr_t kFlags = kUse | kDef | kTyped;
  const ast::Ident* ident;
  uintptr_t object_bits;  // object address | kUse (a use) | kDef (a declaration) | kTyped

  static IdentFacts fresh(const ast::Ident* id) { return {id, 0}; }
  const ast::Ident* key() const { return ident; }
  bool is_use() const { return object_bits & kUse; }
  bool is_def() const { return object_bits & kDef; }
  bool has_type() const { return object_bits & kTyped; }
  // The used object if is_use(), else the declared one (which may be null).
  const Object* object() const { return reinterpret_cast<const Object*>(object_bits & ~kFlags); }
};
static_assert(sizeof(IdentFacts) == 16, "IdentFacts grew: one per identifier of a tree");

struct IdentSlot {
  static constexpr uint32_t kMax = ast::Ident::kMaxSemaSlot;
  static uint32_t get(const ast::Ident* id) { return id->sema_slot; }
  static void set(const ast::Ident* id, uint32_t slot) { id->sema_slot = slot; }
};

class IdentTable : public SlotTable<IdentFacts, ast::Ident, IdentSlot> {
 public:
  // The facts about `id` (not null), appended empty if there are none yet.
  [[gnu::always_inline]] IdentFacts& get(const ast::Ident* id) { return entry(id); }
  void release() {
    SlotTable::release();
    both_defs_ = {};
    other_types_ = {};
  }

  // Reading and recording uses and declarations of an entry of this table.
  const Object* use(const IdentFacts& e) const { return e.is_use() ? e.object() : nullptr; }
  const Object* def(const IdentFacts& e) const {
    if (!e.is_def()) return nullptr;
    return e.is_use() ? both_def(e.ident) : e.object();
  }
  // `obj` must not be null.
  void set_use(IdentFacts& e, const Object* obj) {
    if (e.object_bits == 0) {  // nothing recorded yet: nearly always
      e.object_bits = reinterpret_cast<uintptr_t>(obj) | kUse;
      return;
    }
    if ((e.object_bits & (kUse | kDef)) == kDef) set_both_def(e.ident, e.object());  // rare
    // A type read from the previous object would change with the object: keep it aside (rare).
    if (e.has_type() && e.object() != obj) keep_type_aside(e);
    e.object_bits = reinterpret_cast<uintptr_t>(obj) | kUse | (e.object_bits & (kDef | kTyped));
  }
  void set_def(IdentFacts& e, const Object* obj) {
    if (e.is_use()) {  // rare
      set_both_def(e.ident, obj);
      e.object_bits |= kDef;
    } else {
      // Without a use, a recorded type is in the side map already: the object changes nothing.
      e.object_bits = reinterpret_cast<uintptr_t>(obj) | kDef | (e.object_bits & kTyped);
    }
  }
  // The recorded type, null if none. Defined in sema.h (it reads the Object).
  inline const Type* type(const IdentFacts& e) const;
  // Records `type` (null: none). Defined in sema.h (it reads the Object).
  inline void set_type(IdentFacts& e, const Type* type);

 private:
  static constexpr uintptr_t kUse = IdentFacts::kUse, kDef = IdentFacts::kDef, kTyped = IdentFacts::kTyped;
  const Object* both_def(const ast::Ident* id) const;
  // Out of line: rare, and it keeps set_use/set_def small enough to inline.
  [[gnu::noinline]] void set_both_def(const ast::Ident* id, const Object* obj);
  [[gnu::noinline]] void keep_type_aside(const IdentFacts& e);
  [[gnu::noinline]] void set_type_slow(IdentFacts& e, const Type* type);
  const Type* other_type(const ast::Ident* id) const;

  // The declared object of identifiers recorded both as a use and as a declaration.
  PtrMap<ast::Ident, const Object*> both_defs_;
  // Recorded types that are not the used object's type (so far: none the checker records).
  // Invariant: an identifier is here only while its entry has kTyped.
  PtrMap<ast::Ident, const Type*> other_types_;
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
