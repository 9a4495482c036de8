#include "rules/support/cfg_reach.h"

#include <algorithm>

namespace gotrap::rules::support {

using namespace gotrap::ast;

void for_each_executed_part(const Node* n, const std::function<void(const Node*)>& fn) {
  if (!n) return;
  if (auto* r = as<RangeStmt>(n)) {
    if (r->key) fn(r->key);
    if (r->value) fn(r->value);
    return;
  }
  if (is<SelectStmt>(n)) return;
  fn(n);
}

std::vector<const Node*> reached_before(const sema::Cfg& cfg, const Node* from,
                                        const std::function<bool(const Node*)>& hit,
                                        const std::function<bool(const Node*)>& kill) {
  std::vector<const Node*> hits;
  auto [from_block, from_index] = cfg.where(from);
  if (from_block < 0) return hits;
  std::vector<char> visited(cfg.blocks.size(), 0);
  struct Item {
    int block;
    size_t start;
  };
  std::vector<Item> stack{{from_block, size_t(from_index) + 1}};
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    const sema::CfgBlock& b = cfg.blocks[size_t(item.block)];
    bool stopped = false;
    for (size_t i = item.start; i < b.nodes.size(); ++i) {
      const Node* n = b.nodes[i];
      if (hit(n)) {
        hits.push_back(n);
        stopped = true;
        break;
      }
      if (kill(n)) {
        stopped = true;
        break;
      }
    }
    if (stopped) continue;
    for (int s : b.succs) {
      if (s < 0 || visited[size_t(s)]) continue;
      visited[size_t(s)] = 1;
      stack.push_back({s, 0});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Node* a, const Node* b) { return a->pos() < b->pos(); });
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  return hits;
}

const Node* cfg_node_of(const sema::Cfg& cfg, const Node* n, std::span<const Node* const> ancestors) {
  if (cfg.where(n).first >= 0) return n;
  for (size_t i = ancestors.size(); i-- > 0;) {
    if (is<FuncLit>(ancestors[i]) || is<FuncDecl>(ancestors[i])) return nullptr;
    if (cfg.where(ancestors[i]).first >= 0) return ancestors[i];
  }
  return nullptr;
}

const sema::Cfg& CfgCache::of(const BlockStmt* body) {
  auto& slot = graphs_[body];
  if (!slot) slot = std::make_unique<sema::Cfg>(sema::build_cfg(body, info_));
  return *slot;
}

}  // namespace gotrap::rules::support
