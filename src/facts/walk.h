// Walking syntax trees for facts and rules: a preorder inspection of every node kind of ast.h, with the
// chain of ancestors at hand. Iterative (an explicit stack), so deeply nested input cannot
// overflow the call stack.
#pragma once

#include <algorithm>
#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "syntax/ast.h"

namespace gotrap::facts {

// What the visitor wants after seeing a node.
enum class Visit {
  descend,  // visit the node's children
  skip,     // do not visit its children, go on with its siblings
  stop,     // end the whole walk
};

// `ancestors` runs from the root (front) to the node's parent (back); empty for the root.
using Visitor = std::function<Visit(const ast::Node* node, std::span<const ast::Node* const> ancestors)>;

namespace detail {

template <class F>
struct ChildCall {
  F& fn;
  void add(const ast::Node* n) {
    if (n) fn(n);
  }
  template <class T>
  void add_all(ast::Span<T*> list) {
    for (T* n : list) add(n);
  }
};

struct WalkItem {
  const ast::Node* node;
  size_t depth;  // number of ancestors
};

struct WalkStacks {
  std::vector<WalkItem> work;
  std::vector<const ast::Node*> ancestors;
  std::vector<const ast::Node*> nodes;
};

// The stacks of one walk, borrowed from a per-thread pool and handed back (cleared, capacity
// kept) when the walk ends; walks nest (visitors start walks of their own), each gets its own.
class StackLease {
 public:
  StackLease();
  ~StackLease();
  StackLease(const StackLease&) = delete;
  StackLease& operator=(const StackLease&) = delete;
  WalkStacks& get() { return *stacks_; }

 private:
  WalkStacks* stacks_;
};

}  // namespace detail

// Calls fn(child) for the direct children of `node`, in source order (null fields left out).
template <class F>
inline void for_each_child(const ast::Node* node, F&& fn) {
  using namespace gotrap::ast;
  if (!node) return;
  detail::ChildCall<F> c{fn};
  switch (node->kind) {
    case Kind::Comment:
    case Kind::BadExpr:
    case Kind::Ident:
    case Kind::BasicLit:
    case Kind::BadStmt:
    case Kind::EmptyStmt:
    case Kind::BadDecl:
    case Kind::COUNT_:
      break;
    case Kind::CommentGroup: c.add_all(static_cast<const CommentGroup*>(node)->list); break;
    case Kind::Field: {
      auto* n = static_cast<const Field*>(node);
      c.add(n->doc), c.add_all(n->names), c.add(n->type), c.add(n->tag), c.add(n->comment);
      break;
    }
    case Kind::FieldList: c.add_all(static_cast<const FieldList*>(node)->list); break;
    case Kind::Ellipsis: c.add(static_cast<const Ellipsis*>(node)->elt); break;
    case Kind::FuncLit: {
      auto* n = static_cast<const FuncLit*>(node);
      c.add(n->type), c.add(n->body);
      break;
    }
    case Kind::CompositeLit: {
      auto* n = static_cast<const CompositeLit*>(node);
      c.add(n->type), c.add_all(n->elts);
      break;
    }
    case Kind::ParenExpr: c.add(static_cast<const ParenExpr*>(node)->x); break;
    case Kind::SelectorExpr: {
      auto* n = static_cast<const SelectorExpr*>(node);
      c.add(n->x), c.add(n->sel);
      break;
    }
    case Kind::IndexExpr: {
      auto* n = static_cast<const IndexExpr*>(node);
      c.add(n->x), c.add(n->index);
      break;
    }
    case Kind::IndexListExpr: {
      auto* n = static_cast<const IndexListExpr*>(node);
      c.add(n->x), c.add_all(n->indices);
      break;
    }
    case Kind::SliceExpr: {
      auto* n = static_cast<const SliceExpr*>(node);
      c.add(n->x), c.add(n->low), c.add(n->high), c.add(n->max);
      break;
    }
    case Kind::TypeAssertExpr: {
      auto* n = static_cast<const TypeAssertExpr*>(node);
      c.add(n->x), c.add(n->type);
      break;
    }
    case Kind::CallExpr: {
      auto* n = static_cast<const CallExpr*>(node);
      c.add(n->fun), c.add_all(n->args);
      break;
    }
    case Kind::StarExpr: c.add(static_cast<const StarExpr*>(node)->x); break;
    case Kind::UnaryExpr: c.add(static_cast<const UnaryExpr*>(node)->x); break;
    case Kind::BinaryExpr: {
      auto* n = static_cast<const BinaryExpr*>(node);
      c.add(n->x), c.add(n->y);
      break;
    }
    case Kind::KeyValueExpr: {
      auto* n = static_cast<const KeyValueExpr*>(node);
      c.add(n->key), c.add(n->value);
      break;
    }
    case Kind::ArrayType: {
      auto* n = static_cast<const ArrayType*>(node);
      c.add(n->len), c.add(n->elt);
      break;
    }
    case Kind::StructType: c.add(static_cast<const StructType*>(node)->fields); break;
    case Kind::FuncType: {
      auto* n = static_cast<const FuncType*>(node);
      c.add(n->type_params), c.add(n->params), c.add(n->results);
      break;
    }
    case Kind::InterfaceType: c.add(static_cast<const InterfaceType*>(node)->methods); break;
    case Kind::MapType: {
      auto* n = static_cast<const MapType*>(node);
      c.add(n->key), c.add(n->value);
      break;
    }
    case Kind::ChanType: c.add(static_cast<const ChanType*>(node)->value); break;
    case Kind::DeclStmt: c.add(static_cast<const DeclStmt*>(node)->decl); break;
    case Kind::LabeledStmt: {
      auto* n = static_cast<const LabeledStmt*>(node);
      c.add(n->label), c.add(n->stmt);
      break;
    }
    case Kind::ExprStmt: c.add(static_cast<const ExprStmt*>(node)->x); break;
    case Kind::SendStmt: {
      auto* n = static_cast<const SendStmt*>(node);
      c.add(n->chan), c.add(n->value);
      break;
    }
    case Kind::IncDecStmt: c.add(static_cast<const IncDecStmt*>(node)->x); break;
    case Kind::AssignStmt: {
      auto* n = static_cast<const AssignStmt*>(node);
      c.add_all(n->lhs), c.add_all(n->rhs);
      break;
    }
    case Kind::GoStmt: c.add(static_cast<const GoStmt*>(node)->call); break;
    case Kind::DeferStmt: c.add(static_cast<const DeferStmt*>(node)->call); break;
    case Kind::ReturnStmt: c.add_all(static_cast<const ReturnStmt*>(node)->results); break;
    case Kind::BranchStmt: c.add(static_cast<const BranchStmt*>(node)->label); break;
    case Kind::BlockStmt: c.add_all(static_cast<const BlockStmt*>(node)->list); break;
    case Kind::IfStmt: {
      auto* n = static_cast<const IfStmt*>(node);
      c.add(n->init), c.add(n->cond), c.add(n->body), c.add(n->else_stmt);
      break;
    }
    case Kind::CaseClause: {
      auto* n = static_cast<const CaseClause*>(node);
      c.add_all(n->list), c.add_all(n->body);
      break;
    }
    case Kind::SwitchStmt: {
      auto* n = static_cast<const SwitchStmt*>(node);
      c.add(n->init), c.add(n->tag), c.add(n->body);
      break;
    }
    case Kind::TypeSwitchStmt: {
      auto* n = static_cast<const TypeSwitchStmt*>(node);
      c.add(n->init), c.add(n->assign), c.add(n->body);
      break;
    }
    case Kind::CommClause: {
      auto* n = static_cast<const CommClause*>(node);
      c.add(n->comm), c.add_all(n->body);
      break;
    }
    case Kind::SelectStmt: c.add(static_cast<const SelectStmt*>(node)->body); break;
    case Kind::ForStmt: {
      auto* n = static_cast<const ForStmt*>(node);
      c.add(n->init), c.add(n->cond), c.add(n->post), c.add(n->body);
      break;
    }
    case Kind::RangeStmt: {
      auto* n = static_cast<const RangeStmt*>(node);
      c.add(n->key), c.add(n->value), c.add(n->x), c.add(n->body);
      break;
    }
    case Kind::ImportSpec: {
      auto* n = static_cast<const ImportSpec*>(node);
      c.add(n->doc), c.add(n->name), c.add(n->path), c.add(n->comment);
      break;
    }
    case Kind::ValueSpec: {
      auto* n = static_cast<const ValueSpec*>(node);
      c.add(n->doc), c.add_all(n->names), c.add(n->type), c.add_all(n->values), c.add(n->comment);
      break;
    }
    case Kind::TypeSpec: {
      auto* n = static_cast<const TypeSpec*>(node);
      c.add(n->doc), c.add(n->name), c.add(n->type_params), c.add(n->type), c.add(n->comment);
      break;
    }
    case Kind::GenDecl: {
      auto* n = static_cast<const GenDecl*>(node);
      c.add(n->doc), c.add_all(n->specs);
      break;
    }
    case Kind::FuncDecl: {
      auto* n = static_cast<const FuncDecl*>(node);
      // go/ast walks Doc, Recv, Name, Type, Body; keep that order.
      c.add(n->doc), c.add(n->recv), c.add(n->name), c.add(n->type), c.add(n->body);
      break;
    }
    case Kind::File: {
      auto* n = static_cast<const File*>(node);
      c.add(n->doc), c.add(n->name), c.add_all(n->decls);
      // go/ast.Walk leaves File.Comments out too: they are reached through the nodes' Doc fields.
      break;
    }
  }
}

// Preorder walk of `root` and everything below it, children in source order (as go/ast.Inspect,
// comments included). Null roots and null children are skipped. `visit(node, ancestors)` returns
// a Visit. No allocation per node: the stacks are reused across walks.
template <class V>
void inspect(const ast::Node* root, V&& visit) {
  if (!root) return;
  detail::StackLease lease;
  std::vector<detail::WalkItem>& work = lease.get().work;
  std::vector<const ast::Node*>& ancestors = lease.get().ancestors;
  work.push_back({root, 0});
  while (!work.empty()) {
    detail::WalkItem item = work.back();
    work.pop_back();
    ancestors.resize(item.depth);
    Visit v = visit(item.node, std::span<const ast::Node* const>(ancestors.data(), ancestors.size()));
    if (v == Visit::stop) return;
    if (v == Visit::skip) continue;
    size_t first = work.size();
    size_t depth = item.depth + 1;
    for_each_child(item.node, [&](const ast::Node* kid) { work.push_back({kid, depth}); });
    std::reverse(work.begin() + std::ptrdiff_t(first), work.end());
    ancestors.push_back(item.node);
  }
}

namespace detail {

// Below this depth for_each_node recurses (no stack vector to fill and reverse per node); deeper
// subtrees go on with the explicit stack, so nesting cannot overflow the call stack.
inline constexpr unsigned kMaxWalkRecursion = 200;

template <class F>
void for_each_node_iterative(const ast::Node* root, F& fn) {
  StackLease lease;
  std::vector<const ast::Node*>& work = lease.get().nodes;
  work.push_back(root);
  while (!work.empty()) {
    const ast::Node* n = work.back();
    work.pop_back();
    fn(n);
    size_t first = work.size();
    for_each_child(n, [&](const ast::Node* kid) { work.push_back(kid); });
    std::reverse(work.begin() + std::ptrdiff_t(first), work.end());
  }
}

template <class F>
void for_each_node_recursive(const ast::Node* n, F& fn, unsigned depth) {
  if (depth == kMaxWalkRecursion) return for_each_node_iterative(n, fn);
  fn(n);
  for_each_child(n, [&](const ast::Node* kid) { for_each_node_recursive(kid, fn, depth + 1); });
}

}  // namespace detail

// Shorthand: visit every node (preorder, source order), always descending; fn(node).
template <class F>
void for_each_node(const ast::Node* root, F&& fn) {
  if (!root) return;
  detail::for_each_node_recursive(root, fn, 0);
}

// Appends the direct children of `node` to `out`, in source order (null fields left out).
void children(const ast::Node* node, std::vector<const ast::Node*>& out);

// The innermost ancestor that is a function (FuncDecl or FuncLit), or null.
const ast::Node* enclosing_func(std::span<const ast::Node* const> ancestors);

// The body of a FuncDecl or FuncLit (null for external functions and other nodes).
const ast::BlockStmt* func_body(const ast::Node* fn);

// The innermost ForStmt/RangeStmt ancestor that is inside the innermost function, or null.
const ast::Node* enclosing_loop(std::span<const ast::Node* const> ancestors);

// The loop body of a ForStmt or RangeStmt, else null.
const ast::BlockStmt* loop_body(const ast::Node* loop);

// True for statement nodes (ast::is_stmt on the node's kind).
inline bool is_stmt_node(const ast::Node* n) { return n && ast::is_stmt(n->kind); }

// Strips parentheses: ((x)) -> x.
const ast::Expr* unparen(const ast::Expr* e);

// True when `inner` lies within `outer`'s byte range (same file assumed).
bool contains(const ast::Node* outer, const ast::Node* inner);

}  // namespace gotrap::facts
