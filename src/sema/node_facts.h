// The types sema records for expressions other than identifiers, stored densely per package the
// way identifiers' facts are (sema/ident_facts.h): the first time a package records the type of
// such an expression, the expression gets the next slot of that package's table and the type is
// appended there. A hash table keyed by node pointers made every one of these records (a million
// over the standard library) a random write into tens of megabytes.
//
// The slot number lives in the node, in bytes after `kind` that were padding:
// ast::SlottedExpr::sema_slot (24 bits) for most value expressions, a 16-bit field for unary and
// binary expressions, which have only two spare bytes. The rules are those of IdentTable: every
// lookup checks that the entry at the slot names the same node, a node keeps the slot of the first
// table that recorded it, and any other table (another Program over the same files, or one that
// ran out of slot numbers) keeps its entry in a hash index instead. Slots are written without
// synchronisation: Programs over the same parsed files must not analyse them concurrently.
// Expressions without a slot (none that sema types today) stay in a hash map.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sema/flat_map.h"
#include "sema/ident_facts.h"
#include "syntax/ast.h"

namespace gotrap::sema {

struct Type;

// Trivially constructible: chunks are allocated unwritten and an entry is written whole.
struct NodeType {
  const ast::Node* node;
  const Type* type;  // null: no type (recorded, then erased)
};

// How a table reads and writes the slot of its nodes.
struct WideSlot {
  static constexpr uint32_t kMax = ast::SlottedExpr::kMaxSemaSlot;
  static bool holds(ast::Kind k) { return ast::has_wide_sema_slot(k); }
  static uint32_t get(const ast::Node* n) { return static_cast<const ast::SlottedExpr*>(n)->sema_slot; }
  static void set(const ast::Node* n, uint32_t slot) { static_cast<const ast::SlottedExpr*>(n)->sema_slot = slot; }
};
struct NarrowSlot {
  static constexpr uint32_t kMax = ast::kMaxNarrowSemaSlot;
  static bool holds(ast::Kind k) { return ast::has_narrow_sema_slot(k); }
  static uint32_t get(const ast::Node* n) {
    return n->kind == ast::Kind::BinaryExpr ? static_cast<const ast::BinaryExpr*>(n)->sema_slot
                                            : static_cast<const ast::UnaryExpr*>(n)->sema_slot;
  }
  static void set(const ast::Node* n, uint32_t slot) {
    if (n->kind == ast::Kind::BinaryExpr)
      static_cast<const ast::BinaryExpr*>(n)->sema_slot = uint16_t(slot);
    else
      static_cast<const ast::UnaryExpr*>(n)->sema_slot = uint16_t(slot);
  }
};

template <class Slot>
class NodeTypeTable {
 public:
  // A node's slot: 0 = never recorded; 1..kMaxSlot = 1 + index in the table that slotted it;
  // kInIndex = recorded by a table that had no slot numbers left (look in the index).
  static constexpr uint32_t kInIndex = Slot::kMax;
  static constexpr uint32_t kMaxSlot = kInIndex - 1;

  NodeTypeTable() = default;
  NodeTypeTable(const NodeTypeTable&) = delete;
  NodeTypeTable& operator=(const NodeTypeTable&) = delete;

  // The entry recorded here for `n` (whose kind Slot holds), or null.
  const NodeType* find(const ast::Node* n) const {
    uint32_t slot = Slot::get(n);
    // Slot 0 wraps around to a huge index: one compare rejects it along with foreign slots.
    if (slot - 1 < size_) {
      const NodeType& e = at(slot - 1);
      if (e.node == n) return &e;
    }
    if (slot == 0 || index_.empty()) return nullptr;
    auto it = index_.find(n);
    return it == index_.end() ? nullptr : &at(it->second);
  }
  // The type field of `n`'s entry, appended (with no type) if there is none yet. Inline: the
  // checker records a type for most expressions; the common cases are the two early returns.
  [[gnu::always_inline]] const Type*& get(const ast::Node* n) {
    uint32_t slot = Slot::get(n);
    if (slot - 1 < size_) {
      NodeType& e = at(slot - 1);
      if (e.node == n) return e.type;
    }
    if (slot == 0 && next_ != append_end_) {
      NodeType& e = *next_++;
      e = NodeType{n, nullptr};
      Slot::set(n, ++size_);
      return e.type;
    }
    return get_slow(n);
  }

  size_t size() const { return size_; }
  const NodeType& at(size_t i) const { return chunks_[i >> kChunkBits][i & kChunkMask]; }
  NodeType& at(size_t i) { return chunks_[i >> kChunkBits][i & kChunkMask]; }

  // Tests, before anything is recorded: run out of slot numbers after `limit` nodes.
  void set_slot_limit(uint32_t limit) { slot_limit_ = limit < kMaxSlot ? limit : kMaxSlot; }
  // Entries found through the hash index rather than their slot.
  size_t indexed() const { return index_.size(); }

 private:
  // Fixed-size chunks, as IdentTable's: entries never move, untouched tails cost nothing.
  static constexpr size_t kChunkBits = 14;
  static constexpr size_t kChunkSize = size_t(1) << kChunkBits;
  static constexpr size_t kChunkMask = kChunkSize - 1;

  [[gnu::noinline]] const Type*& get_slow(const ast::Node* n) {
    uint32_t slot = Slot::get(n);
    // A slot that is not ours (another table's, or the out-of-slots mark): we may have indexed it.
    if (slot != 0 && !index_.empty()) {
      auto it = index_.find(n);
      if (it != index_.end()) return at(it->second).type;
    }
    uint32_t i = size_;
    if ((i & kChunkMask) == 0) {
      chunks_.push_back(std::make_unique_for_overwrite<NodeType[]>(kChunkSize));
      next_ = chunks_.back().get();
      // Fast appends stop where the slot numbers do.
      append_end_ = i < slot_limit_ ? next_ + std::min<size_t>(kChunkSize, slot_limit_ - i) : next_;
    }
    NodeType& e = *next_++;
    if (append_end_ < next_) append_end_ = next_;  // past the slot limit: keep the two in step
    ++size_;
    e = NodeType{n, nullptr};
    if (slot == 0 && i < slot_limit_) {
      Slot::set(n, i + 1);
    } else {
      // The node keeps the slot it has (its first table answers through it); if it had none, the
      // mark says "look in the index", so lookups elsewhere stay one compare.
      if (slot == 0) Slot::set(n, kInIndex);
      index_[n] = i;
    }
    return e.type;
  }

  std::vector<std::unique_ptr<NodeType[]>> chunks_;
  NodeType* next_ = nullptr;
  NodeType* append_end_ = nullptr;
  uint32_t size_ = 0;
  uint32_t slot_limit_ = kMaxSlot;
  PtrMap<ast::Node, uint32_t> index_;
};

// Types of expressions: identifiers' in the identifier table, slotted expressions' in the node
// tables, any other expression's in a hash map.
class ExprTypes {
 public:
  explicit ExprTypes(IdentTable& idents) : idents_(&idents) {}
  const Type* find(const ast::Node* e) const {
    if (!e) return nullptr;
    if (e->kind == ast::Kind::Ident) {
      const IdentFacts* f = idents_->find(static_cast<const ast::Ident*>(e));
      return f ? f->type : nullptr;
    }
    if (WideSlot::holds(e->kind)) {
      const NodeType* t = wide_.find(e);
      return t ? t->type : nullptr;
    }
    if (NarrowSlot::holds(e->kind)) {
      const NodeType* t = narrow_.find(e);
      return t ? t->type : nullptr;
    }
    auto it = unslotted_.find(e);
    return it == unslotted_.end() ? nullptr : it->second;
  }
  size_t count(const ast::Node* e) const { return find(e) ? 1 : 0; }
  // `e` must not be null. Assigning null removes the entry. Inline: the checker records through
  // here once per typed expression.
  [[gnu::always_inline]] const Type*& operator[](const ast::Node* e) {
    if (e->kind == ast::Kind::Ident) return idents_->get(static_cast<const ast::Ident*>(e)).type;
    if (WideSlot::holds(e->kind)) return wide_.get(e);
    if (NarrowSlot::holds(e->kind)) return narrow_.get(e);
    return unslotted_[e];
  }
  // operator[] for a literal, without the dispatch on its kind (convert_untyped_literal retypes
  // a few hundred thousand literals).
  [[gnu::always_inline]] const Type*& literal(const ast::BasicLit* lit) { return wide_.get(lit); }
  void erase(const ast::Node* e) {
    if (!e) return;
    if (e->kind == ast::Kind::Ident) {
      if (const IdentFacts* f = idents_->find(static_cast<const ast::Ident*>(e)))
        const_cast<IdentFacts*>(f)->type = nullptr;
    } else if (WideSlot::holds(e->kind)) {
      if (const NodeType* t = wide_.find(e)) const_cast<NodeType*>(t)->type = nullptr;
    } else if (NarrowSlot::holds(e->kind)) {
      if (const NodeType* t = narrow_.find(e)) const_cast<NodeType*>(t)->type = nullptr;
    } else {
      unslotted_.erase(e);
    }
  }
  // Every (expression, type): other expressions first, then identifiers in recording order.
  template <class F>
  void for_each(F&& f) const {
    for (auto& [node, type] : unslotted_)
      if (type) f(node, type);
    for_each_in(wide_, f);
    for_each_in(narrow_, f);
    for (size_t i = 0; i < idents_->size(); ++i) {
      const IdentFacts& e = idents_->at(i);
      if (e.type) f(static_cast<const ast::Node*>(e.ident), e.type);
    }
  }
  size_t size() const {
    size_t n = 0;
    for_each([&](const ast::Node*, const Type*) { ++n; });
    return n;
  }
  // Non-identifier expressions only.
  size_t others_size() const {
    size_t n = unslotted_.size();
    for_each_in(wide_, [&](const ast::Node*, const Type*) { ++n; });
    for_each_in(narrow_, [&](const ast::Node*, const Type*) { ++n; });
    return n;
  }
  // Statistics: expressions kept in a hash (the unslotted map and the tables' indexes).
  size_t hashed_size() const { return unslotted_.size() + wide_.indexed() + narrow_.indexed(); }

  // Tests: the tables themselves.
  NodeTypeTable<WideSlot>& wide() { return wide_; }
  NodeTypeTable<NarrowSlot>& narrow() { return narrow_; }

 private:
  template <class Table, class F>
  static void for_each_in(const Table& table, F&& f) {
    for (size_t i = 0; i < table.size(); ++i) {
      const NodeType& e = table.at(i);
      if (e.type) f(e.node, e.type);
    }
  }

  IdentTable* idents_;
  NodeTypeTable<WideSlot> wide_;
  NodeTypeTable<NarrowSlot> narrow_;
  PtrMap<ast::Node, const Type*> unslotted_;
};

}  // namespace gotrap::sema
