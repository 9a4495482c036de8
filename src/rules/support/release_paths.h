// Is a resource released on every path where acquiring it succeeded? A search over a function's
// control-flow graph from the acquiring statement to the function's exit that skips the branches
// where the acquisition is known to have failed (`err != nil`, `x == nil`), as long as the error
// variable still holds the acquisition's error.
//
// The caller says what each graph node does to the resource (node_effect) and what each branch
// condition proves (guard); the search reports the first way the resource is left behind: a
// return, the end of the function, or an assignment that overwrites the variable.
#pragma once

#include <functional>

#include "sema/cfg.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

enum class NodeEffect {
  none,
  released,     // closes the resource or hands it to code that owns it from now on
  overwritten,  // assigns the resource's variable: the old value is lost
  err_written,  // assigns the error variable: its checks say nothing about the acquisition
};

// What a branch condition proves about the acquisition on each of its two branches.
struct Guard {
  bool true_means_failed = false;   // on the true branch, the acquisition failed (nothing to release)
  bool false_means_failed = false;  // on the false branch, likewise
};

struct ReleaseQuery {
  const sema::Cfg* cfg = nullptr;
  const ast::Node* acquire = nullptr;  // a node of the graph
  std::function<NodeEffect(const ast::Node*)> node_effect;
  // Called on the conditions of if statements and for loops. `err_valid` is false once the
  // error variable was written after the acquisition on the path.
  std::function<Guard(const ast::Expr* cond, bool err_valid)> guard;
  // The conditions `guard` may be asked about (if/for conditions of the function).
  std::function<bool(const ast::Node*)> is_condition;
  // The sole expression of a tagless switch's case clause (`case err != nil:`), which holds on
  // entering the clause's block: guard's true_means_failed then prunes the entry. May be empty.
  std::function<bool(const ast::Node*)> is_case_condition;
};

struct ReleaseLeak {
  bool leaks = false;
  const ast::Node* at = nullptr;  // the return or overwriting assignment; null: the end of the function
  bool overwritten = false;
  ast::Pos pos = ast::kNoPos;     // where (for the end of the function, the closing brace)
};

// The first (in source order) place a path leaves the resource unreleased.
ReleaseLeak find_unreleased_path(const ReleaseQuery& q);

// Builds a Guard from the leaves of a condition: `leaf` answers for a comparison or other
// non-logical expression; `!`, `&&`, `||` and parentheses are composed here.
Guard compose_guard(const ast::Expr* cond, const std::function<Guard(const ast::Expr*)>& leaf);

}  // namespace gotrap::rules::support
