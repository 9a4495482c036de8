// Walking syntax trees for rules: a preorder inspection of every node kind of ast.h, with the
// chain of ancestors at hand. Iterative (an explicit stack), so deeply nested input cannot
// overflow the call stack.
#pragma once

#include <functional>
#include <span>
#include <vector>

#include "syntax/ast.h"

namespace gotrap::rules::support {

// What the visitor wants after seeing a node.
enum class Visit {
  descend,  // visit the node's children
  skip,     // do not visit its children, go on with its siblings
  stop,     // end the whole walk
};

// `ancestors` runs from the root (front) to the node's parent (back); empty for the root.
using Visitor = std::function<Visit(const ast::Node* node, std::span<const ast::Node* const> ancestors)>;

// Preorder walk of `root` and everything below it, children in source order (as go/ast.Inspect,
// comments included). Null roots and null children are skipped.
void inspect(const ast::Node* root, const Visitor& visit);

// Shorthand: visit every node, always descending.
void for_each_node(const ast::Node* root, const std::function<void(const ast::Node*)>& fn);

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

}  // namespace gotrap::rules::support
