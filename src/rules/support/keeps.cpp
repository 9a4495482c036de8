#include "rules/support/keeps.h"

#include "rules/support/walk.h"
#include "sema/sema.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

namespace {

constexpr int kMaxDepth = 3;

const FuncDecl* callee_decl(const sema::PackageInfo* info, const CallExpr* call) {
  const Expr* fun = unparen(call->fun);
  const Ident* name = as<Ident>(fun);
  if (auto* sel = as<SelectorExpr>(fun)) name = sel->sel;
  if (!name || !info) return nullptr;
  const sema::Object* o = info->use_of(name);
  if (!o || o->kind != sema::ObjectKind::Func || o->package() != info) return nullptr;
  auto* decl = as<FuncDecl>(o->decl);
  return decl && decl->body ? decl : nullptr;
}

}  // namespace

Keeps callee_keeps_arg(const sema::PackageInfo* info, const CallExpr* call, size_t index, int depth) {
  if (depth >= kMaxDepth || valid(call->ellipsis)) return Keeps::maybe;
  const FuncDecl* decl = callee_decl(info, call);
  if (!decl || !decl->type || !decl->type->params) return Keeps::maybe;
  // The parameter the argument lands in.
  size_t i = 0;
  const Ident* param = nullptr;
  bool found = false;
  for (const Field* f : decl->type->params->list) {
    if (f->names.empty()) {
      if (i++ == index) found = true;
      continue;
    }
    for (const Ident* id : f->names)
      if (i++ == index) param = id, found = true;
    if (is<Ellipsis>(f->type) && index >= i) return Keeps::maybe;
  }
  if (!found) return Keeps::maybe;
  if (!param || param->name == "_") return Keeps::no;  // never mentioned
  const sema::Object* o = info->object_of(param);
  if (!o) return Keeps::maybe;
  return kept_by_callees(info, decl, o, depth + 1);
}

Keeps kept_by_callees(const sema::PackageInfo* info, const Node* fn, const sema::Object* var,
                      int depth) {
  if (!info || !var) return Keeps::maybe;
  Keeps result = Keeps::no;
  inspect(fn, [&](const Node* n, std::span<const Node* const> anc) {
    if (result == Keeps::yes) return Visit::stop;
    auto* id = as<Ident>(n);
    if (!id || anc.empty() || info->use_of(id) != var) return Visit::descend;
    for (const Node* a : anc)
      if (a != fn && (is<FuncLit>(a) || is<GoStmt>(a))) {
        result = Keeps::yes;  // a goroutine or a callback may run after the call
        return Visit::stop;
      }
    const Node* parent = anc.back();
    if (auto* sel = as<SelectorExpr>(parent)) {
      if (sel->x != id) return Visit::descend;
      // ctx.Done(), ctx.Err(), ctx.Value(k): a use during the call. A method value (ctx.Done
      // not called) is kept like the variable.
      const Node* up = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
      auto* call = as<CallExpr>(up);
      if (!call || call->fun != sel) result = worse(result, Keeps::maybe);
      return Visit::descend;
    }
    if (auto* call = as<CallExpr>(parent)) {
      for (size_t i = 0; i < call->args.size(); ++i)
        if (call->args[i] == id) result = worse(result, callee_keeps_arg(info, call, i, depth));
      return Visit::descend;
    }
    if (auto* b = as<BinaryExpr>(parent)) {
      (void)b;  // compared: kept by nothing
      return Visit::descend;
    }
    if (auto* a = as<AssignStmt>(parent)) {
      for (const Expr* l : a->lhs)
        if (l == id) return Visit::descend;  // written, not kept
    }
    if (is<IfStmt>(parent) || is<SwitchStmt>(parent) || is<ExprStmt>(parent)) return Visit::descend;
    // Returned, stored, sent, put in a literal, converted, aliased: it lives on.
    result = Keeps::yes;
    return Visit::stop;
  });
  return result;
}

}  // namespace gotrap::rules::support
