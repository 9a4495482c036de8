// Control-flow graphs of function bodies (FuncDecl or FuncLit), block by block over statements,
// in the spirit of golang.org/x/tools/go/cfg.
//
// Nodes in blocks are whole simple statements (assignments, expression statements, go, defer,
// return, send, inc/dec, declarations) and the control expressions of if/for/switch/range headers
// (the condition/tag/range operand expression itself). Function literals nested in a body are not
// entered: build their own graph. A call known never to return (sema/no_return.h; resolved
// calls only) ends its block with no successor.
#pragma once

#include <functional>
#include <vector>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::sema {

// A block's nodes and successors are views into two arrays the Cfg owns (one allocation each
// per graph, instead of two per block).
struct CfgBlock {
  ast::Span<const ast::Node* const> nodes;
  ast::Span<const int> succs;
  bool live = false;  // reachable from the entry
};

struct Cfg {
  Cfg() = default;
  // Move-only: the blocks view storage the graph owns.
  Cfg(Cfg&&) = default;
  Cfg& operator=(Cfg&&) = default;
  Cfg(const Cfg&) = delete;
  Cfg& operator=(const Cfg&) = delete;

  std::vector<CfgBlock> blocks;  // blocks[0] is the entry
  int exit = -1;                 // the block every return (and falling off the end) leads to
  const ast::BlockStmt* body = nullptr;
  // Where `n` sits: block index and position within the block; {-1, -1} when not in the graph.
  std::pair<int, int> where(const ast::Node* n) const;

  std::vector<const ast::Node*> node_storage;  // every block's nodes, block by block
  std::vector<int> succ_storage;               // every block's successors, block by block
};

// `info` (may be null) lets calls to never-returning functions be recognised through resolution;
// without it only the builtin panic (by name) ends a block.
Cfg build_cfg(const ast::BlockStmt* body, const PackageInfo* info);
// The same into `out`, replacing the graph it held and reusing its arrays: building graph after
// graph into one Cfg allocates nothing once the arrays have grown.
void build_cfg(const ast::BlockStmt* body, const PackageInfo* info, Cfg& out);

struct PathCheck {
  bool ok = true;                        // every path from `from` to the exit passes `pred`
  const ast::ReturnStmt* offending = nullptr;  // a return reached without it (null: falls off the end)
  ast::Pos offending_pos = ast::kNoPos;  // that return, or the body's closing brace
};

// Is a node satisfying `pred` reached on every path from just after `from` (a node of the graph;
// null: the function's entry) to the function's exit? Paths that end in a never-returning call do not count. When not, the
// first offending return (in source order) is reported.
PathCheck reached_on_every_path(const Cfg& cfg, const ast::Node* from,
                                const std::function<bool(const ast::Node*)>& pred);

}  // namespace gotrap::sema
