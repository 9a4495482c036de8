#include "rules/support/release_paths.h"

#include <vector>

#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

Guard compose_guard(const Expr* cond, const std::function<Guard(const Expr*)>& leaf) {
  cond = unparen(cond);
  if (!cond) return {};
  if (auto* u = as<UnaryExpr>(cond); u && u->op == Tok::NOT) {
    Guard g = compose_guard(u->x, leaf);
    return {g.false_means_failed, g.true_means_failed};
  }
  if (auto* b = as<BinaryExpr>(cond); b && (b->op == Tok::LAND || b->op == Tok::LOR)) {
    Guard x = compose_guard(b->x, leaf), y = compose_guard(b->y, leaf);
    if (b->op == Tok::LAND)  // true: both hold; false: either fails
      return {x.true_means_failed || y.true_means_failed, x.false_means_failed && y.false_means_failed};
    return {x.true_means_failed && y.true_means_failed, x.false_means_failed || y.false_means_failed};
  }
  return leaf(cond);
}

ReleaseLeak find_unreleased_path(const ReleaseQuery& q) {
  ReleaseLeak out;
  const sema::Cfg& cfg = *q.cfg;
  auto [from_block, from_index] = cfg.where(q.acquire);
  if (from_block < 0 || cfg.exit < 0) return out;
  auto note = [&](const Node* at, bool overwritten, Pos pos) {
    if (!out.leaks || pos < out.pos) {
      out.leaks = true;
      out.at = at;
      out.overwritten = overwritten;
      out.pos = pos;
    }
  };
  Pos end_pos = cfg.body && valid(cfg.body->rbrace) ? cfg.body->rbrace : kNoPos;
  // States: (block, err_valid); a block is entered at its first node except the start.
  std::vector<char> seen(cfg.blocks.size() * 2, 0);
  struct Item {
    int block;
    size_t start;
    bool err_valid;
  };
  std::vector<Item> stack{{from_block, size_t(from_index) + 1, true}};
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    const sema::CfgBlock& b = cfg.blocks[size_t(item.block)];
    bool err_valid = item.err_valid;
    bool done = false;
    const ReturnStmt* ret = nullptr;
    for (size_t i = item.start; i < b.nodes.size() && !done; ++i) {
      const Node* n = b.nodes[i];
      switch (q.node_effect(n)) {
        case NodeEffect::released: done = true; break;
        case NodeEffect::overwritten:
          note(n, true, n->pos());
          done = true;
          break;
        case NodeEffect::err_written: err_valid = false; break;
        case NodeEffect::none: break;
      }
      if (auto* r = as<ReturnStmt>(n)) ret = r;
    }
    if (done) continue;
    Guard g;
    if (!b.nodes.empty() && b.succs.size() == 2) {
      const Node* last = b.nodes[b.nodes.size() - 1];
      if (q.is_condition(last)) g = q.guard(static_cast<const Expr*>(last), err_valid);
    }
    for (size_t i = 0; i < b.succs.size(); ++i) {
      if (b.succs.size() == 2 && ((i == 0 && g.true_means_failed) || (i == 1 && g.false_means_failed))) continue;
      int s = b.succs[i];
      if (s == cfg.exit) {
        if (ret) note(ret, false, ret->pos());
        else note(nullptr, false, end_pos);
        continue;
      }
      const sema::CfgBlock& next = cfg.blocks[size_t(s)];
      if (q.is_case_condition && !next.nodes.empty() && q.is_case_condition(next.nodes[0]) &&
          q.guard(static_cast<const Expr*>(next.nodes[0]), err_valid).true_means_failed)
        continue;
      size_t key = size_t(s) * 2 + (err_valid ? 1 : 0);
      if (!seen[key]) {
        seen[key] = 1;
        stack.push_back({s, 0, err_valid});
      }
    }
  }
  return out;
}

}  // namespace gotrap::rules::support
