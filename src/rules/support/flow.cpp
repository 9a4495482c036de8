#include "rules/support/flow.h"

#include <string_view>

#include "rules/support/walk.h"
#include "sema/no_return.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

namespace {

// Statement lists of the nodes that hold one.
Span<Stmt*> stmt_list(const Node* n) {
  if (auto* b = as<BlockStmt>(n)) return b->list;
  if (auto* c = as<CaseClause>(n)) return c->body;
  if (auto* c = as<CommClause>(n)) return c->body;
  return {};
}

bool is_breakable(const Node* n) {
  return is<ForStmt>(n) || is<RangeStmt>(n) || is<SwitchStmt>(n) || is<TypeSwitchStmt>(n) ||
         is<SelectStmt>(n);
}

bool is_loop(const Node* n) { return is<ForStmt>(n) || is<RangeStmt>(n); }

// Index in `anc` of the statement a break/continue targets, searching from `from` upward; -1 if
// none (or the function boundary comes first).
int jump_target(const BranchStmt* br, std::span<const Node* const> anc, int from) {
  for (int i = from; i >= 0; --i) {
    const Node* a = anc[i];
    if (is<FuncLit>(a) || is<FuncDecl>(a)) return -1;
    if (br->label) {
      auto* l = as<LabeledStmt>(a);
      if (l && l->label->name == br->label->name) return i + 1 < int(anc.size()) ? i + 1 : -1;
      continue;
    }
    if (br->tok == Tok::CONTINUE ? is_loop(a) : is_breakable(a)) return i;
  }
  return -1;
}

}  // namespace

bool is_terminating(const Stmt* s, const sema::PackageInfo* info) {
  if (!s) return false;
  switch (s->kind) {
    case Kind::ReturnStmt: return true;
    case Kind::BranchStmt: return as<BranchStmt>(s)->tok == Tok::GOTO;
    case Kind::ExprStmt:
      return sema::is_no_return_call(as<ExprStmt>(s)->x, info,
                                     sema::UnresolvedCallee::NeverReturnsIfNamedSo);
    case Kind::BlockStmt: {
      auto* b = as<BlockStmt>(s);
      return !b->list.empty() && is_terminating(b->list.back(), info);
    }
    case Kind::LabeledStmt: return is_terminating(as<LabeledStmt>(s)->stmt, info);
    case Kind::IfStmt: {
      auto* i = as<IfStmt>(s);
      return i->else_stmt && is_terminating(i->body, info) && is_terminating(i->else_stmt, info);
    }
    default: return false;
  }
}

bool may_run_again(const Stmt* s, std::span<const Node* const> anc, const sema::PackageInfo* info) {
  const Node* cur = s;
  int i = int(anc.size()) - 1;
  while (i >= 0) {
    const Node* parent = anc[i];
    if (is<FuncLit>(parent) || is<FuncDecl>(parent)) return false;
    if (is_loop(parent)) {
      if (cur == loop_body(parent)) return true;  // the body ends, the loop goes round again
      cur = parent, --i;
      continue;
    }
    Span<Stmt*> list = stmt_list(parent);
    bool after = false;
    bool jumped = false;
    for (Stmt* st : list) {
      if (st == cur) {
        after = true;
        continue;
      }
      if (!after) continue;
      if (is_terminating(st, info)) return false;
      auto* br = as<BranchStmt>(st);
      if (!br || (br->tok != Tok::BREAK && br->tok != Tok::CONTINUE)) continue;
      int target = jump_target(br, anc, i);
      if (target < 0) return false;  // malformed; stay quiet
      if (br->tok == Tok::CONTINUE) return true;
      // Control resumes after the broken statement: climb on from there.
      cur = anc[target];
      i = target - 1;
      jumped = true;
      break;
    }
    if (jumped) continue;
    cur = parent, --i;
  }
  return false;
}

}  // namespace gotrap::rules::support
