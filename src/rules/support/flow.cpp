#include "rules/support/flow.h"

#include <string_view>

#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

namespace {

bool is_no_return_call(const Expr* e) {
  auto* call = as<CallExpr>(unparen(e));
  if (!call) return false;
  const Expr* fun = unparen(call->fun);
  if (auto* id = as<Ident>(fun)) return id->name == "panic";
  auto* sel = as<SelectorExpr>(fun);
  if (!sel) return false;
  std::string_view name = sel->sel->name;
  auto* pkg = as<Ident>(unparen(sel->x));
  if (pkg && pkg->name == "os" && name == "Exit") return true;
  if (pkg && pkg->name == "runtime" && name == "Goexit") return true;
  if (pkg && (pkg->name == "log" || pkg->name == "klog" || pkg->name == "logrus"))
    return name.starts_with("Fatal") || name.starts_with("Panic") || name == "Exit";
  // testing.T/B/F methods that end the test goroutine.
  return name == "Fatal" || name == "Fatalf" || name == "FailNow" || name == "Skip" ||
         name == "Skipf" || name == "SkipNow";
}

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

bool is_terminating(const Stmt* s) {
  if (!s) return false;
  switch (s->kind) {
    case Kind::ReturnStmt: return true;
    case Kind::BranchStmt: return as<BranchStmt>(s)->tok == Tok::GOTO;
    case Kind::ExprStmt: return is_no_return_call(as<ExprStmt>(s)->x);
    case Kind::BlockStmt: {
      auto* b = as<BlockStmt>(s);
      return !b->list.empty() && is_terminating(b->list.back());
    }
    case Kind::LabeledStmt: return is_terminating(as<LabeledStmt>(s)->stmt);
    case Kind::IfStmt: {
      auto* i = as<IfStmt>(s);
      return i->else_stmt && is_terminating(i->body) && is_terminating(i->else_stmt);
    }
    default: return false;
  }
}

bool may_run_again(const Stmt* s, std::span<const Node* const> anc) {
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
      if (is_terminating(st)) return false;
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
