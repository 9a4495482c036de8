// Forward questions over sema's control-flow graphs: from a statement, which later statements
// can run before some other statement stops the path ("is `a` read again before it is
// reassigned?", "does this assignment run again with its own result?").
#pragma once

#include <functional>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "sema/cfg.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// What a graph node runs at its place: the node itself, except a RangeStmt node (the
// per-iteration assignment: only its key and value) and a SelectStmt node (nothing: its cases
// are nodes of their own). Null parts are left out.
void for_each_executed_part(const ast::Node* cfg_node, const std::function<void(const ast::Node*)>& fn);

// The nodes satisfying `hit` that some path from just after `from` reaches before a node
// satisfying `kill` (a node that hits is not asked whether it kills). `from` itself is reached
// again only through a loop. Paths that end in a never-returning call end there. Sorted by
// position, each once.
std::vector<const ast::Node*> reached_before(const sema::Cfg& cfg, const ast::Node* from,
                                             const std::function<bool(const ast::Node*)>& hit,
                                             const std::function<bool(const ast::Node*)>& kill);

// The graph node holding `n` (given with its ancestors, root first): `n` itself or its innermost
// ancestor in the graph. Null when none is (a node of a nested function literal).
const ast::Node* cfg_node_of(const sema::Cfg& cfg, const ast::Node* n,
                             std::span<const ast::Node* const> ancestors);

// Graphs of one pass's function bodies, built once each.
class CfgCache {
 public:
  explicit CfgCache(const sema::PackageInfo* info) : info_(info) {}
  const sema::Cfg& of(const ast::BlockStmt* body);

 private:
  const sema::PackageInfo* info_;
  std::unordered_map<const ast::BlockStmt*, std::unique_ptr<sema::Cfg>> graphs_;
};

}  // namespace gotrap::rules::support
