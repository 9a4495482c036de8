#include "rules/support/cfg_paths.h"

#include <algorithm>
#include <vector>

#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

MissingPath path_missing(const sema::Cfg& cfg, const Node* from,
                         const std::function<bool(const Node*)>& pred) {
  MissingPath out;
  if (cfg.blocks.empty() || cfg.exit < 0) return out;
  int start_block = 0;
  size_t start_index = 0;
  if (from) {
    auto [b, i] = cfg.where(from);
    if (b < 0) return out;
    start_block = b;
    start_index = size_t(i) + 1;
  }
  std::vector<char> visited(cfg.blocks.size(), 0);
  std::vector<const ReturnStmt*> returns;
  bool falls_off = false;
  struct Item {
    int block;
    size_t start;
  };
  std::vector<Item> stack{{start_block, start_index}};
  if (!from) visited[0] = 1;
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    if (item.block == cfg.exit) {
      falls_off = true;
      continue;
    }
    const sema::CfgBlock& b = cfg.blocks[item.block];
    bool satisfied = false;
    const ReturnStmt* ret = nullptr;
    for (size_t i = item.start; i < b.nodes.size(); ++i) {
      if (pred(b.nodes[i])) {
        satisfied = true;
        break;
      }
      if (auto* r = as<ReturnStmt>(b.nodes[i])) ret = r;
    }
    if (satisfied) continue;
    for (int s : b.succs) {
      if (s == cfg.exit) {
        if (ret) returns.push_back(ret);
        else falls_off = true;
        continue;
      }
      if (!visited[s]) {
        visited[s] = 1;
        stack.push_back({s, 0});
      }
    }
  }
  if (returns.empty() && !falls_off) return out;
  out.found = true;
  if (!returns.empty()) {
    out.ret = *std::min_element(returns.begin(), returns.end(),
                                [](const ReturnStmt* a, const ReturnStmt* b) { return a->pos() < b->pos(); });
    out.pos = out.ret->pos();
  } else if (cfg.body) {
    out.pos = cfg.body->rbrace;
  }
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
