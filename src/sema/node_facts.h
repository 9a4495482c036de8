// The types sema records for expressions other than identifiers, stored densely per package in
// SlotTables (sema/slot_table.h) the way identifiers' facts are (sema/ident_facts.h). A hash table
// keyed by node pointers made every one of these records (a million over the standard library) a
// random write into tens of megabytes.
//
// The slot number lives in bytes after `kind` that were padding: ast::SlottedExpr::sema_slot
// (24 bits) for most value expressions, a 16-bit field for unary and binary expressions, which
// have only two spare bytes. Expressions without a slot (none that sema types today) stay in a
// hash map.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sema/flat_map.h"
#include "sema/ident_facts.h"
#include "sema/slot_table.h"
#include "syntax/ast.h"

namespace gotrap::sema {

struct Type;

// Trivially constructible: chunks are allocated unwritten and an entry is written whole.
struct NodeType {
  const ast::Node* node;
  const Type* type;  // null: no type (recorded, then erased)

  static NodeType fresh(const ast::Node* n) { return {n, nullptr}; }
  const ast::Node* key() const { return node; }
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
class NodeTypeTable : public SlotTable<NodeType, ast::Node, Slot> {
 public:
  // The type field of `n`'s entry (`n`'s kind must be one Slot holds), appended with no type if
  // there is none yet.
  [[gnu::always_inline]] const Type*& get(const ast::Node* n) { return this->entry(n).type; }
};

// Types of expressions: identifiers' in the identifier table, slotted expressions' in the node
// tables, any other expression's in a hash map.
class ExprTypes {
 public:
  explicit ExprTypes(IdentTable& idents) : idents_(&idents) {}
  // Forgets the expression types (the identifiers' go with the identifier table's release()).
  void release() {
    wide_.release();
    narrow_.release();
    unslotted_ = {};
  }
  const Type* find(const ast::Node* e) const {
    if (!e) return nullptr;
    if (e->kind == ast::Kind::Ident) {
      const IdentFacts* f = idents_->find(static_cast<const ast::Ident*>(e));
      return f ? idents_->type(*f) : nullptr;
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
  // Records `t` as the type of `e` (not null); null removes the record. Inline: the checker
  // records through here once per typed expression.
  [[gnu::always_inline]] void set(const ast::Node* e, const Type* t) {
    if (e->kind == ast::Kind::Ident) {
      IdentTable& idents = *idents_;
      idents.set_type(idents.get(static_cast<const ast::Ident*>(e)), t);
    } else if (WideSlot::holds(e->kind)) {
      wide_.get(e) = t;
    } else if (NarrowSlot::holds(e->kind)) {
      narrow_.get(e) = t;
    } else if (t) {
      unslotted_[e] = t;
    } else {
      unslotted_.erase(e);
    }
  }
  // set() for a literal, without the dispatch on its kind (convert_untyped_literal retypes
  // a few hundred thousand literals).
  [[gnu::always_inline]] const Type*& literal(const ast::BasicLit* lit) { return wide_.get(lit); }
  // Removes the type recorded for `e`, if any (without making an entry for it).
  void erase(const ast::Node* e) {
    if (find(e)) set(e, nullptr);
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
      if (const Type* type = idents_->type(e)) f(static_cast<const ast::Node*>(e.ident), type);
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
