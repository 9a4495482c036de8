#include "facts/flow.h"

#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "facts/assign.h"
#include "facts/walk.h"

namespace gotrap::facts {

using namespace gotrap::ast;

bool may_run_again(const sema::Cfg& cfg, const Node* stmt) {
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

namespace {

// One condition known to hold: `var == nil` (is_nil) or `var` as a boolean, with its value.
struct Known {
  const sema::Object* var = nullptr;
  bool is_nil = false;
  bool value = true;
};

// What an atomic condition says: `x == nil`, `x != nil`, `x`, `!x` on a local variable.
struct Atom {
  const sema::Object* var = nullptr;
  bool is_nil = false;
  bool value = true;
  explicit operator bool() const { return var != nullptr; }
};

class Conditions {
 public:
  Conditions(const sema::PackageInfo* info, const BlockStmt* body) : info_(info) {
    // Variables written through an address or inside a function literal may change behind the
    // graph's back: no condition on them is kept.
    inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
      if (auto* u = as<UnaryExpr>(n); u && u->op == syntax::Tok::AND)
        if (auto* id = as<Ident>(unparen(u->x))) unstable_.insert(info_->use_of(id));
      if (is<FuncLit>(n))
        for_each_write(n, [&](const Write& w) { unstable_.insert(info_->object_of(w.target)); });
      (void)anc;
      return Visit::descend;
    });
  }

  Atom atom(const Expr* e) const {
    e = unparen(e);
    bool value = true;
    while (auto* u = as<UnaryExpr>(e)) {
      if (u->op != syntax::Tok::NOT) return {};
      value = !value;
      e = unparen(u->x);
    }
    if (auto* id = as<Ident>(e)) {
      const sema::Object* o = local(id);
      return o ? Atom{o, false, value} : Atom{};
    }
    auto* b = as<BinaryExpr>(e);
    if (!b || (b->op != syntax::Tok::EQL && b->op != syntax::Tok::NEQ)) return {};
    auto* x = as<Ident>(unparen(b->x));
    auto* y = as<Ident>(unparen(b->y));
    if (y && y->name == "nil") std::swap(x, y);
    if (!x || x->name != "nil" || !y) return {};
    const sema::Object* o = local(y);
    if (!o) return {};
    return Atom{o, true, (b->op == syntax::Tok::EQL) == value};
  }

  // The atoms `e` establishes when it is `truth`: the conjuncts of a true `a && b`, the
  // disjuncts of a false `a || b`.
  void establish(const Expr* e, bool truth, std::vector<Known>& out) const {
    e = unparen(e);
    if (auto* b = as<BinaryExpr>(e)) {
      if ((b->op == syntax::Tok::LAND && truth) || (b->op == syntax::Tok::LOR && !truth)) {
        establish(b->x, truth, out);
        establish(b->y, truth, out);
        return;
      }
    }
    if (Atom a = atom(e)) out.push_back({a.var, a.is_nil, a.value == truth});
  }

  // The value of `e` under the known conditions `alive` of `known`: 1 true, 0 false, -1 unknown.
  int eval(const Expr* e, const std::vector<Known>& known, uint32_t alive) const {
    e = unparen(e);
    if (auto* b = as<BinaryExpr>(e); b && (b->op == syntax::Tok::LAND || b->op == syntax::Tok::LOR)) {
      int l = eval(b->x, known, alive), r = eval(b->y, known, alive);
      if (b->op == syntax::Tok::LAND) return l == 0 || r == 0 ? 0 : (l == 1 && r == 1 ? 1 : -1);
      return l == 1 || r == 1 ? 1 : (l == 0 && r == 0 ? 0 : -1);
    }
    if (auto* u = as<UnaryExpr>(e); u && u->op == syntax::Tok::NOT) {
      int v = eval(u->x, known, alive);
      return v < 0 ? -1 : 1 - v;
    }
    Atom a = atom(e);
    if (!a) return -1;
    for (size_t i = 0; i < known.size(); ++i)
      if ((alive >> i & 1) && known[i].var == a.var && known[i].is_nil == a.is_nil)
        return known[i].value == a.value ? 1 : 0;
    return -1;
  }

  // The known conditions a node writes the variable of (cleared from `alive`).
  uint32_t kill(const Node* n, const std::vector<Known>& known, uint32_t alive) const {
    if (!alive) return alive;
    for_each_write(n, [&](const Write& w) {
      const sema::Object* o = info_->object_of(w.target);
      for (size_t i = 0; i < known.size(); ++i)
        if (known[i].var == o) alive &= ~(uint32_t(1) << i);
    });
    return alive;
  }

 private:
  const sema::Object* local(const Ident* id) const {
    const sema::Object* o = info_->use_of(id);
    if (!o || o->kind != sema::ObjectKind::Var || o->package_level || unstable_.count(o)) return nullptr;
    return o;
  }

  const sema::PackageInfo* info_;
  std::unordered_set<const sema::Object*> unstable_;
};

}  // namespace

bool may_run_again(const sema::Cfg& cfg, const Node* stmt, std::span<const Node* const> anc,
                   const sema::PackageInfo* info) {
  auto [block, index] = cfg.where(stmt);
  if (block < 0) return false;
  if (!info || !cfg.body) return may_run_again(cfg, stmt);
  Conditions conds(info, cfg.body);
  // What the enclosing branches establish at `stmt`.
  std::vector<Known> known;
  const Node* child = stmt;
  for (size_t i = anc.size(); i-- > 0 && known.size() < 16; child = anc[i]) {
    const Node* a = anc[i];
    if (is<FuncLit>(a) || is<FuncDecl>(a)) break;
    auto* ifs = as<IfStmt>(a);
    if (!ifs || (child != ifs->body && child != ifs->else_stmt)) continue;
    size_t first = known.size();
    conds.establish(ifs->cond, child == ifs->body, known);
    // A condition on a variable the branch writes may not hold any more at `stmt`.
    for_each_write(child, [&](const Write& w) {
      const sema::Object* o = info->object_of(w.target);
      for (size_t k = first; k < known.size(); ++k)
        if (known[k].var == o) known[k].var = nullptr;
    });
    std::erase_if(known, [](const Known& k) { return !k.var; });
  }
  if (known.empty()) return may_run_again(cfg, stmt);
  if (known.size() > 16) known.resize(16);

  // The condition expressions of the graph: an if's (successors: then, else) and the cases of a
  // tagless switch without fallthrough (clause index, and the switch's clauses).
  std::unordered_map<const Node*, const IfStmt*> if_of;
  struct Case {
    const SwitchStmt* sw;
    size_t clause;
  };
  std::unordered_map<const Node*, Case> case_of;
  inspect(cfg.body, [&](const Node* n, std::span<const Node* const>) {
    if (is<FuncLit>(n)) return Visit::skip;
    if (auto* ifs = as<IfStmt>(n); ifs && ifs->cond) if_of[unparen(ifs->cond)] = ifs, if_of[ifs->cond] = ifs;
    if (auto* sw = as<SwitchStmt>(n); sw && !sw->tag && sw->body) {
      bool falls = false;
      for (const Stmt* c : sw->body->list)
        if (auto* cc = as<CaseClause>(c); cc && !cc->body.empty())
          if (auto* br = as<BranchStmt>(cc->body.back()); br && br->tok == syntax::Tok::FALLTHROUGH) falls = true;
      if (!falls) {
        size_t k = 0;
        for (const Stmt* c : sw->body->list)
          if (auto* cc = as<CaseClause>(c)) {
            if (!cc->list.empty()) case_of[cc->list[0]] = {sw, k};
            ++k;
          }
      }
    }
    return Visit::descend;
  });
  // A clause of a tagless switch the known conditions rule out: its single expression is false,
  // or an earlier clause's single expression is true.
  auto clause_ruled_out = [&](const Case& c, uint32_t alive) {
    size_t k = 0;
    for (const Stmt* s : c.sw->body->list) {
      auto* cc = as<CaseClause>(s);
      if (!cc) continue;
      if (cc->list.size() == 1) {
        int v = conds.eval(cc->list[0], known, alive);
        if (k == c.clause) return v == 0;
        if (v == 1) return true;
      }
      if (k == c.clause) return false;
      ++k;
    }
    return false;
  };

  uint32_t all = known.size() >= 32 ? ~uint32_t(0) : (uint32_t(1) << known.size()) - 1;
  // Walk (block, conditions still known) states; a state's conditions only shrink along a path.
  std::vector<std::unordered_set<uint32_t>> seen(cfg.blocks.size());
  struct State {
    int block;
    uint32_t alive;
  };
  std::vector<State> work;
  // The rest of `stmt`'s own block, then its successors.
  auto leave = [&](int b, size_t from, uint32_t alive) {
    const sema::CfgBlock& blk = cfg.blocks[size_t(b)];
    for (size_t i = from; i < blk.nodes.size(); ++i) alive = conds.kill(blk.nodes[i], known, alive);
    const Node* last = blk.nodes.empty() ? nullptr : blk.nodes[blk.nodes.size() - 1];
    auto it = last ? if_of.find(last) : if_of.end();
    if (it != if_of.end() && blk.succs.size() == 2) {
      int v = conds.eval(it->second->cond, known, alive);
      if (v != 0) work.push_back({blk.succs[0], alive});
      if (v != 1) work.push_back({blk.succs[1], alive});
      return;
    }
    for (int s : blk.succs) work.push_back({s, alive});
  };
  leave(block, size_t(index) + 1, all);
  while (!work.empty()) {
    State st = work.back();
    work.pop_back();
    if (st.block < 0 || size_t(st.block) >= cfg.blocks.size()) continue;
    if (st.block == block) return true;
    if (!seen[size_t(st.block)].insert(st.alive).second) continue;
    const sema::CfgBlock& blk = cfg.blocks[size_t(st.block)];
    if (!blk.nodes.empty())
      if (auto it = case_of.find(blk.nodes[0]); it != case_of.end() && clause_ruled_out(it->second, st.alive))
        continue;
    leave(st.block, 0, st.alive);
  }
  return false;
}

}  // namespace gotrap::facts
