#include "rules/support/cfg_paths.h"

#include <algorithm>
#include <vector>

#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

MissingPath path_missing(const sema::Cfg& cfg, const Node* from,
                         const std::function<bool(const Node*)>& pred) {
  sema::PathCheck check = sema::reached_on_every_path(cfg, from, pred);
  MissingPath out;
  out.found = !check.ok;
  out.ret = check.offending;
  out.pos = check.offending_pos;
  return out;
}

bool reaches(const sema::Cfg& cfg, const Node* from, const std::function<bool(const Node*)>& pred) {
  auto [fb, fi] = cfg.where(from);
  if (fb < 0) return false;
  const sema::CfgBlock& first = cfg.blocks[fb];
  for (size_t i = size_t(fi) + 1; i < first.nodes.size(); ++i)
    if (pred(first.nodes[i])) return true;
  std::vector<char> visited(cfg.blocks.size(), 0);
  std::vector<int> stack(first.succs.begin(), first.succs.end());
  while (!stack.empty()) {
    int b = stack.back();
    stack.pop_back();
    if (b < 0 || b >= int(cfg.blocks.size()) || visited[b]) continue;
    visited[b] = 1;
    for (const Node* n : cfg.blocks[b].nodes)
      if (pred(n)) return true;
    for (int s : cfg.blocks[b].succs) stack.push_back(s);
  }
  return false;
}

void for_each_in_cfg_node(const Node* n, const std::function<void(const Node*)>& fn) {
  if (!n || is<SelectStmt>(n) || is<RangeStmt>(n)) return;
  inspect(n, [&](const Node* m, std::span<const Node* const>) {
    if (is<FuncLit>(m)) return Visit::skip;
    fn(m);
    return Visit::descend;
  });
}

}  // namespace gotrap::rules::support
