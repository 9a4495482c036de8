#include "sema/cfg.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sema/no_return.h"

namespace gotrap::sema {

using namespace ast;

namespace {

// The statements from ExprStmt to ReturnStmt in Kind's order: all simple, none nests another.
constexpr bool is_simple(Kind k) { return k >= Kind::ExprStmt && k <= Kind::ReturnStmt; }
static_assert(is_simple(Kind::SendStmt) && is_simple(Kind::IncDecStmt) && is_simple(Kind::AssignStmt) &&
              is_simple(Kind::GoStmt) && is_simple(Kind::DeferStmt) &&
              int(Kind::ReturnStmt) - int(Kind::ExprStmt) == 6);

struct Targets {
  const Ident* label = nullptr;
  int break_to = -1;
  int continue_to = -1;
};

// One builder per thread, kept from one graph to the next so that its buffers (and the graph's,
// when the caller reuses its Cfg) stop allocating once they have grown.
class Builder {
 public:
  void build(const BlockStmt* body, const PackageInfo* info, Cfg& cfg) {
    cfg_ = &cfg;
    info_ = info;
    cfg.body = body;
    if (!body) {
      cfg.blocks.clear();
      cfg.node_storage.clear();
      cfg.succ_storage.clear();
      cfg.exit = -1;
      return;
    }
    // Most bodies have no label and no goto, so the pre-pass that numbers label blocks is skipped
    // until the walk meets one; then the walk starts over with the labels numbered up front, so
    // every graph is the one a single pass with the pre-pass would build.
    walk(body, false);
    if (restart_) walk(body, true);
    lay_out();
    mark_live();
  }

 private:
  void walk(const BlockStmt* body, bool with_labels) {
    nodes_.clear();
    edges_.clear();
    targets_.clear();
    clause_blocks_.clear();
    if (!labels_.empty()) labels_.clear();
    block_count_ = 0;
    fallthrough_ = -1;
    depth_ = 0;
    restart_ = false;
    labels_collected_ = with_labels;
    current_ = new_block();  // entry
    cfg_->exit = new_block();
    if (with_labels) collect_labels(body);
    stmt_list(body->list);
    jump(cfg_->exit);  // falling off the end
  }

  int new_block() { return block_count_++; }
  void add(const Node* n) {
    if (n) nodes_.push_back({n, current_});
  }
  void edge(int from, int to) { edges_.push_back({from, to}); }

  // Groups nodes and successors by block (a stable counting sort, so each block keeps them in
  // the order they were added) into the graph's two arrays, counting both in one pass over the
  // blocks.
  void lay_out() {
    Cfg& cfg = *cfg_;
    size_t n = size_t(block_count_);
    cfg.blocks.resize(n);
    cfg.node_storage.resize(nodes_.size());
    cfg.succ_storage.resize(edges_.size());
    starts_.assign(n, Start{});
    Start* start = starts_.data();
    for (const auto& [node, b] : nodes_) ++start[b].node;
    for (const auto& [from, to] : edges_) ++start[from].succ;
    const Node** node_base = cfg.node_storage.data();
    int* succ_base = cfg.succ_storage.data();
    CfgBlock* block = cfg.blocks.data();
    uint32_t node_at = 0, succ_at = 0;
    for (size_t b = 0; b < n; ++b) {
      Start count = start[b];
      // live is reset too: the blocks of a reused graph still hold their old marks.
      block[b] = {{node_base + node_at, count.node}, {succ_base + succ_at, count.succ}, false};
      start[b] = {node_at, succ_at};
      node_at += count.node;
      succ_at += count.succ;
    }
    for (const auto& [node, b] : nodes_) node_base[start[b].node++] = node;
    for (const auto& [from, to] : edges_) succ_base[start[from].succ++] = to;
  }

  // Marks the blocks reachable from the entry.
  void mark_live() {
    std::vector<CfgBlock>& blocks = cfg_->blocks;
    live_stack_.clear();
    live_stack_.push_back(0);
    blocks[0].live = true;
    while (!live_stack_.empty()) {
      int b = live_stack_.back();
      live_stack_.pop_back();
      for (int s : blocks[size_t(b)].succs) {
        if (!blocks[size_t(s)].live) {
          blocks[size_t(s)].live = true;
          live_stack_.push_back(s);
        }
      }
    }
  }

  void jump(int to) { edge(current_, to); }
  void unreachable() { current_ = new_block(); }

  int label_block(const Ident* label) {
    if (!labels_collected_) {
      restart_ = true;  // the rest of this walk is thrown away
      return current_;
    }
    auto it = labels_.find(label->name);
    if (it != labels_.end()) return it->second;
    int b = new_block();
    labels_[label->name] = b;
    return b;
  }
  void collect_labels(const Node* n) {
    // Labels may be jumped to before they appear (goto), so give each its block up front.
    if (!n || depth_ > 2000) return;
    ++depth_;
    if (const auto* ls = as<LabeledStmt>(n)) {
      label_block(ls->label);
      collect_labels(ls->stmt);
    } else if (const auto* b = as<BlockStmt>(n)) {
      for (const Node* s : b->list) collect_labels(s);
    } else if (const auto* is = as<IfStmt>(n)) {
      collect_labels(is->body);
      collect_labels(is->else_stmt);
    } else if (const auto* fs = as<ForStmt>(n)) {
      collect_labels(fs->body);
    } else if (const auto* rs = as<RangeStmt>(n)) {
      collect_labels(rs->body);
    } else if (const auto* ss = as<SwitchStmt>(n)) {
      collect_labels(ss->body);
    } else if (const auto* ts = as<TypeSwitchStmt>(n)) {
      collect_labels(ts->body);
    } else if (const auto* sel = as<SelectStmt>(n)) {
      collect_labels(sel->body);
    } else if (const auto* cc = as<CaseClause>(n)) {
      for (const Node* s : cc->body) collect_labels(s);
    } else if (const auto* cm = as<CommClause>(n)) {
      for (const Node* s : cm->body) collect_labels(s);
    }
    --depth_;
  }

  const Targets* find_targets(const Ident* label, bool want_continue) const {
    for (size_t i = targets_.size(); i-- > 0;) {
      const Targets& t = targets_[i];
      if (label && (!t.label || t.label->name != label->name)) continue;
      if (want_continue && t.continue_to < 0) continue;
      return &t;
    }
    return nullptr;
  }

  void stmt_list(Span<Stmt*> list) {
    for (const Node* s : list) {
      // Most statements are simple: handled here, each saves a call to stmt (same guards).
      if (s && is_simple(s->kind) && depth_ <= 2000 && !restart_) simple_stmt(s);
      else stmt(s);
    }
  }

  void simple_stmt(const Node* s) {
    add(s);
    if (s->kind == Kind::ExprStmt) {
      if (is_no_return_call(static_cast<const ExprStmt*>(s)->x, info_)) unreachable();
    } else if (s->kind == Kind::ReturnStmt) {
      jump(cfg_->exit);
      unreachable();
    }
  }

  void stmt(const Node* s, const Ident* label = nullptr) {
    if (!s || depth_ > 2000 || restart_) return;
    ++depth_;
    switch (s->kind) {
      case Kind::BlockStmt: stmt_list(static_cast<const BlockStmt*>(s)->list); break;
      case Kind::LabeledStmt: {
        const auto* ls = static_cast<const LabeledStmt*>(s);
        int b = label_block(ls->label);
        jump(b);
        current_ = b;
        stmt(ls->stmt, ls->label);
        break;
      }
      case Kind::ExprStmt:
      case Kind::ReturnStmt: simple_stmt(s); break;
      case Kind::BranchStmt: branch(static_cast<const BranchStmt*>(s)); break;
      case Kind::IfStmt: if_stmt(static_cast<const IfStmt*>(s)); break;
      case Kind::SwitchStmt: {
        const auto* ss = static_cast<const SwitchStmt*>(s);
        stmt(ss->init);
        add(ss->tag);
        clauses(ss->body, label);
        break;
      }
      case Kind::TypeSwitchStmt: {
        const auto* ts = static_cast<const TypeSwitchStmt*>(s);
        stmt(ts->init);
        add(ts->assign);
        clauses(ts->body, label);
        break;
      }
      case Kind::SelectStmt: select_stmt(static_cast<const SelectStmt*>(s), label); break;
      case Kind::ForStmt: for_stmt(static_cast<const ForStmt*>(s), label); break;
      case Kind::RangeStmt: range_stmt(static_cast<const RangeStmt*>(s), label); break;
      case Kind::EmptyStmt: break;
      default: add(s); break;  // assignments, declarations, go, defer, send, inc/dec
    }
    --depth_;
  }

  void branch(const BranchStmt* bs) {
    add(bs);
    switch (bs->tok) {
      case syntax::Tok::BREAK:
        if (const Targets* t = find_targets(bs->label, false)) jump(t->break_to);
        break;
      case syntax::Tok::CONTINUE:
        if (const Targets* t = find_targets(bs->label, true)) jump(t->continue_to);
        break;
      case syntax::Tok::GOTO:
        if (bs->label) jump(label_block(bs->label));
        break;
      case syntax::Tok::FALLTHROUGH:
        if (fallthrough_ >= 0) jump(fallthrough_);
        break;
      default: break;
    }
    unreachable();
  }

  void if_stmt(const IfStmt* is) {
    stmt(is->init);
    add(is->cond);
    int cond = current_;
    int then_b = new_block(), done = new_block();
    edge(cond, then_b);
    current_ = then_b;
    stmt(is->body);
    jump(done);
    if (is->else_stmt) {
      int else_b = new_block();
      edge(cond, else_b);
      current_ = else_b;
      stmt(is->else_stmt);
      jump(done);
    } else {
      edge(cond, done);
    }
    current_ = done;
  }

  // Switch and type switch: the header leads to every clause; fallthrough goes to the next body.
  void clauses(const BlockStmt* body, const Ident* label) {
    int header = current_;
    int done = new_block();
    if (!body) {
      jump(done);
      current_ = done;
      return;
    }
    // The clauses' blocks are numbered before any body is walked; they sit on a stack shared by
    // nested switches.
    size_t first = clause_blocks_.size();
    bool has_default = false;
    for (const Node* c : body->list) {
      if (const auto* cc = as<CaseClause>(c)) {
        clause_blocks_.push_back(new_block());
        has_default = has_default || cc->list.empty();
      }
    }
    size_t count = clause_blocks_.size() - first;
    if (!has_default) edge(header, done);
    targets_.push_back({label, done, -1});
    size_t i = 0;
    for (const Node* c : body->list) {
      const auto* cc = as<CaseClause>(c);
      if (!cc) continue;
      int b = clause_blocks_[first + i];
      edge(header, b);
      current_ = b;
      for (const Node* e : cc->list) add(e);
      int saved = fallthrough_;
      fallthrough_ = i + 1 < count ? clause_blocks_[first + i + 1] : done;
      stmt_list(cc->body);
      fallthrough_ = saved;
      jump(done);
      ++i;
    }
    targets_.pop_back();
    clause_blocks_.resize(first);
    current_ = done;
  }

  void select_stmt(const SelectStmt* ss, const Ident* label) {
    add(ss);
    int header = current_;
    int done = new_block();
    targets_.push_back({label, done, -1});
    bool any = false;
    if (ss->body) {
      for (const Node* c : ss->body->list) {
        const auto* cc = as<CommClause>(c);
        if (!cc) continue;
        any = true;
        int b = new_block();
        edge(header, b);
        current_ = b;
        stmt(cc->comm);
        stmt_list(cc->body);
        jump(done);
      }
    }
    targets_.pop_back();
    (void)any;  // an empty select blocks forever: done stays unreachable
    current_ = done;
  }

  void for_stmt(const ForStmt* fs, const Ident* label) {
    stmt(fs->init);
    int loop = new_block(), body = new_block(), post = new_block(), done = new_block();
    jump(loop);
    current_ = loop;
    add(fs->cond);
    edge(loop, body);
    if (fs->cond) edge(loop, done);
    targets_.push_back({label, done, post});
    current_ = body;
    stmt(fs->body);
    jump(post);
    targets_.pop_back();
    current_ = post;
    stmt(fs->post);
    jump(loop);
    current_ = done;
  }

  void range_stmt(const RangeStmt* rs, const Ident* label) {
    add(rs->x);
    int loop = new_block(), body = new_block(), done = new_block();
    jump(loop);
    current_ = loop;
    add(rs);  // the per-iteration assignment of key and value
    edge(loop, body);
    edge(loop, done);
    targets_.push_back({label, done, loop});
    current_ = body;
    stmt(rs->body);
    jump(loop);
    targets_.pop_back();
    current_ = done;
  }

  Cfg* cfg_ = nullptr;
  const PackageInfo* info_ = nullptr;
  int block_count_ = 0;
  int current_ = 0;
  int fallthrough_ = -1;
  int depth_ = 0;
  bool labels_collected_ = false;
  bool restart_ = false;
  // What the walk records before the graph is laid out: nodes and edges in the order they are
  // found, each tagged with its block.
  std::vector<std::pair<const Node*, int>> nodes_;  // node, block
  std::vector<std::pair<int, int>> edges_;          // from, to
  struct Start {
    uint32_t node = 0, succ = 0;
  };
  std::vector<Start> starts_;  // per block: counts of nodes and successors, then offsets
  std::vector<Targets> targets_;
  std::vector<int> clause_blocks_;
  std::vector<int> live_stack_;
  std::unordered_map<std::string_view, int> labels_;
};

Builder& this_threads_builder() {
  thread_local Builder builder;
  return builder;
}

}  // namespace

// Both entry points call the builder directly (neither calls the other), so that profiling with
// callgrind --toggle-collect='gotrap::sema::build_cfg*' counts every build once.
Cfg build_cfg(const BlockStmt* body, const PackageInfo* info) {
  Cfg cfg;
  this_threads_builder().build(body, info, cfg);
  return cfg;
}

void build_cfg(const BlockStmt* body, const PackageInfo* info, Cfg& out) {
  this_threads_builder().build(body, info, out);
}

std::pair<int, int> Cfg::where(const Node* n) const {
  for (size_t b = 0; b < blocks.size(); ++b)
    for (uint32_t i = 0; i < blocks[b].nodes.size(); ++i)
      if (blocks[b].nodes[i] == n) return {int(b), int(i)};
  return {-1, -1};
}

PathCheck reached_on_every_path(const Cfg& cfg, const Node* from, const std::function<bool(const Node*)>& pred) {
  PathCheck result;
  if (cfg.blocks.empty() || cfg.exit < 0) return result;
  // From just after `from`, or from the entry when there is none.
  auto [from_block, from_index] = from ? cfg.where(from) : std::pair<int, int>{0, -1};
  if (from_block < 0) return result;
  // Depth-first search for a path to the exit on which no node satisfies pred.
  std::vector<char> visited(cfg.blocks.size(), 0);
  if (!from) visited[0] = 1;
  std::vector<const ReturnStmt*> offenders;
  bool falls_off_end = false;
  struct Item {
    int block;
    size_t start;
  };
  std::vector<Item> stack{{from_block, size_t(from_index + 1)}};
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    if (item.block == cfg.exit) {  // only the entry of an empty body is the exit itself
      falls_off_end = true;
      continue;
    }
    const CfgBlock& b = cfg.blocks[item.block];
    bool satisfied = false;
    const ReturnStmt* ret = nullptr;
    for (size_t i = item.start; i < b.nodes.size(); ++i) {
      if (pred(b.nodes[i])) {
        satisfied = true;
        break;
      }
      if (const auto* r = as<ReturnStmt>(b.nodes[i])) ret = r;
    }
    if (satisfied) continue;
    for (int s : b.succs) {
      if (s == cfg.exit) {
        if (ret) offenders.push_back(ret);
        else falls_off_end = true;
        continue;
      }
      if (!visited[s]) {
        visited[s] = 1;
        stack.push_back({s, 0});
      }
    }
  }
  if (offenders.empty() && !falls_off_end) return result;
  result.ok = false;
  if (!offenders.empty()) {
    result.offending = *std::min_element(offenders.begin(), offenders.end(),
                                         [](const ReturnStmt* a, const ReturnStmt* b) { return a->pos() < b->pos(); });
    result.offending_pos = result.offending->pos();
  } else {
    result.offending_pos = cfg.body && valid(cfg.body->rbrace) ? cfg.body->rbrace : kNoPos;
  }
  return result;
}

}  // namespace gotrap::sema
