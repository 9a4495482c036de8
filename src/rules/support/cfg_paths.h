// Path questions on sema's control-flow graphs that several rules ask: is there a path from the
// entry (or from a node) to the exit that never meets a node of some kind, and can one node reach
// another.
#pragma once

#include <functional>

#include "sema/cfg.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// A path to the function's exit that meets no node satisfying the predicate.
struct MissingPath {
  bool found = false;                     // such a path exists
  const ast::ReturnStmt* ret = nullptr;   // its return, the first in source order (null: falls off the end)
  ast::Pos pos = ast::kNoPos;             // that return, or the body's closing brace
};

// From the entry of `cfg` (from == null) or from just after node `from`: a path to the exit on
// which no node satisfies `pred`. Paths that end in a never-returning call, or loop forever, do not
// reach the exit and do not count.
MissingPath path_missing(const sema::Cfg& cfg, const ast::Node* from,
                         const std::function<bool(const ast::Node*)>& pred);

// True when, after node `from`, some path (within the same call of the function, loops included)
// reaches a node satisfying `pred` (`from` itself again counts, through a loop).
bool reaches(const sema::Cfg& cfg, const ast::Node* from, const std::function<bool(const ast::Node*)>& pred);

// Calls fn for every node of one graph node's own code: the expression or simple statement,
// without the bodies of nested function literals; a select or range header contributes nothing
// (its cases and operand are nodes of their own).
void for_each_in_cfg_node(const ast::Node* n, const std::function<void(const ast::Node*)>& fn);

}  // namespace gotrap::rules::support
