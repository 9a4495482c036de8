#include "rules/support/timers.h"

#include <vector>

#include "rules/support/walk.h"
#include "sema/sema.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

TimeCall classify_time_call(const Resolver& r, const Expr* e) {
  auto* call = as<CallExpr>(unparen(e));
  if (!call) return TimeCall::none;
  std::string_view name = r.member_of(call->fun, "time");
  if (name == "Tick") return TimeCall::tick;
  if (name == "After") return TimeCall::after;
  if (name == "NewTicker") return TimeCall::new_ticker;
  if (name == "NewTimer") return TimeCall::new_timer;
  if (name == "AfterFunc") return TimeCall::after_func;
  return TimeCall::none;
}

bool can_return(const sema::Cfg& cfg, const std::function<bool(const RangeStmt*)>& endless_range) {
  if (cfg.blocks.empty() || cfg.exit < 0) return false;
  std::vector<char> seen(cfg.blocks.size(), 0);
  std::vector<int> stack{0};
  seen[0] = 1;
  while (!stack.empty()) {
    int b = stack.back();
    stack.pop_back();
    if (b == cfg.exit) return true;
    const sema::CfgBlock& block = cfg.blocks[size_t(b)];
    // A range header block holds the RangeStmt last; its second successor leaves the loop.
    bool endless = false;
    if (!block.nodes.empty() && endless_range)
      if (auto* rs = as<RangeStmt>(block.nodes[block.nodes.size() - 1])) endless = endless_range(rs);
    for (size_t i = 0; i < block.succs.size(); ++i) {
      if (endless && i == 1) continue;
      int s = block.succs[i];
      if (!seen[size_t(s)]) {
        seen[size_t(s)] = 1;
        stack.push_back(s);
      }
    }
  }
  return false;
}

namespace {

// Every write of `obj` in `fn` other than its declaration: assignments, ++/--, &x, range
// assignment without :=.
bool written_after_declaration(const sema::PackageInfo& info, const Node* fn, const sema::Object* obj) {
  bool written = false;
  auto is_obj = [&](const Expr* e) {
    auto* id = as<Ident>(unparen(e));
    return id && id != obj->ident && info.object_of(id) == obj;
  };
  for_each_node(fn, [&](const Node* n) {
    if (written) return;
    if (auto* a = as<AssignStmt>(n)) {
      for (const Expr* l : a->lhs) written |= is_obj(l);
    } else if (auto* u = as<UnaryExpr>(n)) {
      written |= u->op == Tok::AND && is_obj(u->x);
    } else if (auto* inc = as<IncDecStmt>(n)) {
      written |= is_obj(inc->x);
    } else if (auto* rs = as<RangeStmt>(n)) {
      written |= rs->tok == Tok::ASSIGN && (is_obj(rs->key) || is_obj(rs->value));
    }
  });
  return written;
}

bool invariant(const Pass& pass, const Node* fn, const Node* loop, const Expr* e, int depth) {
  if (!e || depth > 20) return false;
  const sema::PackageInfo* info = pass.sema();
  switch (e->kind) {
    case Kind::BasicLit: return true;
    case Kind::ParenExpr: return invariant(pass, fn, loop, as<ParenExpr>(e)->x, depth + 1);
    case Kind::UnaryExpr: {
      auto* u = as<UnaryExpr>(e);
      return (u->op == Tok::SUB || u->op == Tok::ADD) && invariant(pass, fn, loop, u->x, depth + 1);
    }
    case Kind::BinaryExpr: {
      auto* b = as<BinaryExpr>(e);
      return invariant(pass, fn, loop, b->x, depth + 1) && invariant(pass, fn, loop, b->y, depth + 1);
    }
    case Kind::SelectorExpr: {
      const sema::Object* o = info->use_of(as<SelectorExpr>(e)->sel);
      return o && o->kind == sema::ObjectKind::Const;
    }
    case Kind::CallExpr: {
      // A conversion such as time.Duration(n).
      auto* call = as<CallExpr>(e);
      if (call->args.size() != 1) return false;
      const Ident* fun = as<Ident>(unparen(call->fun));
      if (auto* sel = as<SelectorExpr>(unparen(call->fun))) fun = sel->sel;
      const sema::Object* o = fun ? info->use_of(fun) : nullptr;
      return o && o->kind == sema::ObjectKind::TypeName && invariant(pass, fn, loop, call->args[0], depth + 1);
    }
    case Kind::Ident: {
      const sema::Object* o = info->use_of(as<Ident>(e));
      if (!o) return false;
      if (o->kind == sema::ObjectKind::Const) return true;
      if (o->kind != sema::ObjectKind::Var || o->package_level || !o->ident) return false;
      // Declared in this function before the loop (so not once per iteration), never written.
      if (!contains(fn, o->ident) || o->ident->pos() >= loop->pos()) return false;
      return !written_after_declaration(*info, fn, o);
    }
    default: return false;
  }
}

}  // namespace

bool is_invariant_in(const Pass& pass, const Node* fn, const Node* loop, const Expr* e) {
  if (!pass.sema()) return false;
  return invariant(pass, fn, loop, e, 0);
}

}  // namespace gotrap::rules::support
