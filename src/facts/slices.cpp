#include "facts/slices.h"

#include <unordered_map>

#include "facts/walk.h"

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

const sema::Object* var_of(const sema::PackageInfo* info, const Expr* e) {
  auto* id = as<Ident>(unparen(e));
  const sema::Object* o = id ? info->object_of(id) : nullptr;
  return o && o->kind == sema::ObjectKind::Var ? o : nullptr;
}

bool is_append(const sema::PackageInfo* info, const CallExpr* call) {
  auto* f = as<Ident>(unparen(call->fun));
  const sema::Object* o = f ? info->use_of(f) : nullptr;
  return o && o->kind == sema::ObjectKind::Builtin && o->builtin == sema::Builtin::Append;
}

bool is_slice(const sema::Object* o) {
  const sema::Type* t = o ? sema::underlying(o->type) : nullptr;
  return t && t->is(sema::TypeKind::Slice);
}

}  // namespace

std::vector<ForkedParam> forked_params(const sema::PackageInfo* info, const FuncDecl* fn) {
  std::vector<ForkedParam> out;
  if (!info || !fn || !fn->body || !fn->type || !fn->type->params) return out;
  std::unordered_map<const sema::Object*, size_t> index;
  auto add = [&](const FieldList* list, bool receiver) {
    if (!list) return;
    for (const Field* f : list->list) {
      if (is<Ellipsis>(f->type)) continue;  // variadic: the caller's slice only when passed with ...
      for (const Ident* id : f->names) {
        const sema::Object* o = info->def_of(id);
        if (!o || id->name == "_" || !is_slice(o)) continue;
        index.emplace(o, out.size());
        out.push_back({o, receiver, {}});
      }
    }
  };
  add(fn->recv, true);
  add(fn->type->params, false);
  if (out.empty()) return out;
  std::vector<bool> owned(out.size(), false);  // reassigned or its address taken somewhere
  inspect(fn->body, [&](const Node* n, std::span<const Node* const> anc) {
    auto own = [&](const Expr* e) {
      if (auto it = index.find(var_of(info, e)); it != index.end()) owned[it->second] = true;
    };
    if (auto* a = as<AssignStmt>(n)) {
      for (const Expr* l : a->lhs) own(l);
    } else if (auto* r = as<RangeStmt>(n)) {
      own(r->key);
      own(r->value);
    } else if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) {
      own(u->x);
    } else if (auto* call = as<CallExpr>(n); call && call->args.size() >= 2 && is_append(info, call)) {
      auto it = index.find(var_of(info, call->args[0]));
      if (it == index.end()) return Visit::descend;
      ParamFork fork{call, false, false};
      for (size_t i = 0; i < anc.size(); ++i) {
        const Node* a = anc[i];
        const Node* inner = i + 1 < anc.size() ? anc[i + 1] : n;
        if (is<FuncLit>(a)) fork.in_literal = true;
        // In the body, not the header: the range operand or init runs once.
        if (auto* f = as<ForStmt>(a); f && inner == f->body) fork.in_loop = true;
        if (auto* r = as<RangeStmt>(a); r && inner == r->body) fork.in_loop = true;
      }
      out[it->second].forks.push_back(fork);
    }
    return Visit::descend;
  });
  std::vector<ForkedParam> kept;
  for (size_t i = 0; i < out.size(); ++i)
    if (!owned[i] && !out[i].forks.empty()) kept.push_back(std::move(out[i]));
  return kept;
}

}  // namespace gotrap::facts
