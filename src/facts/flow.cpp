#include "facts/flow.h"

#include <vector>

namespace gotrap::facts {

bool may_run_again(const sema::Cfg& cfg, const ast::Node* stmt) {
  auto [block, index] = cfg.where(stmt);
  if (block < 0) return false;
  std::vector<char> seen(cfg.blocks.size(), 0);
  std::vector<int> work(cfg.blocks[size_t(block)].succs.begin(), cfg.blocks[size_t(block)].succs.end());
  while (!work.empty()) {
    int b = work.back();
    work.pop_back();
    if (b == block) return true;  // the block runs from its start again, `stmt` with it
    if (b < 0 || size_t(b) >= cfg.blocks.size() || seen[size_t(b)]) continue;
    seen[size_t(b)] = 1;
    for (int s : cfg.blocks[size_t(b)].succs) work.push_back(s);
  }
  return false;
}

}  // namespace gotrap::facts
