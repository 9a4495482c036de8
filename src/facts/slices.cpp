#include "facts/slices.h"

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

// `e` is an element of `recv`, or a field path into one: r[i], r[i].f.g.
bool element_of(const sema::PackageInfo* info, const Expr* e, const sema::Object* recv) {
  e = unparen(e);
  while (auto* sel = as<SelectorExpr>(e)) e = unparen(sel->x);
  auto* ix = as<IndexExpr>(e);
  return ix && var_of(info, ix->x) == recv;
}

// Two operands denote the same place: the same variable, the same field of the same place, or
// the same index (a variable or a constant) of the same place.
bool same_operand(const sema::PackageInfo* info, const Expr* a, const Expr* b) {
  a = unparen(a);
  b = unparen(b);
  if (auto* ia = as<Ident>(a)) {
    auto* ib = as<Ident>(b);
    const sema::Object* oa = info->object_of(ia);
    return ib && oa && oa == info->object_of(ib);
  }
  if (auto* sa = as<SelectorExpr>(a)) {
    auto* sb = as<SelectorExpr>(b);
    return sb && sa->sel && sb->sel && sa->sel->name == sb->sel->name && same_operand(info, sa->x, sb->x);
  }
  if (auto* xa = as<IndexExpr>(a)) {
    auto* xb = as<IndexExpr>(b);
    if (!xb || !same_operand(info, xa->x, xb->x)) return false;
    auto* la = as<BasicLit>(unparen(xa->index));
    auto* lb = as<BasicLit>(unparen(xb->index));
    if (la && lb) return la->value == lb->value;
    return same_operand(info, xa->index, xb->index);
  }
  if (auto* sa = as<StarExpr>(a)) {
    auto* sb = as<StarExpr>(b);
    return sb && same_operand(info, sa->x, sb->x);
  }
  return false;
}

}  // namespace

const sema::Object* value_receiver_type(const sema::PackageInfo* info, const FuncDecl* fn) {
  if (!info || !fn || !fn->recv || fn->recv->list.size() != 1) return nullptr;
  const Expr* t = unparen(fn->recv->list[0]->type);
  if (auto* ix = as<IndexExpr>(t)) t = unparen(ix->x);  // a generic type's receiver: T[E]
  if (auto* ix = as<IndexListExpr>(t)) t = unparen(ix->x);
  auto* id = as<Ident>(t);
  const sema::Object* o = id ? info->use_of(id) : nullptr;
  return o && o->kind == sema::ObjectKind::TypeName ? o : nullptr;
}

bool slice_type_changed_in_place(const sema::PackageInfo* info, std::span<const File* const> files,
                                 const sema::Object* named) {
  if (!info || !named) return false;
  for (const File* file : files) {
    if (!file) continue;
    for (const Decl* d : file->decls) {
      auto* fd = as<FuncDecl>(d);
      if (!fd || !fd->body || value_receiver_type(info, fd) != named) continue;
      const sema::Object* recv = nullptr;
      for (const Ident* id : fd->recv->list[0]->names) recv = info->def_of(id);
      if (!recv) continue;
      bool changed = false;
      inspect(fd->body, [&](const Node* n, std::span<const Node* const>) {
        if (changed) return Visit::stop;
        if (auto* a = as<AssignStmt>(n)) {
          bool writes = false;
          for (const Expr* l : a->lhs) writes |= element_of(info, l, recv);
          if (!writes || a->tok == Tok::DEFINE) return Visit::descend;
          bool permutation = a->tok == Tok::ASSIGN;
          for (const Expr* r : a->rhs) permutation &= element_of(info, r, recv);
          if (!permutation) changed = true;
        } else if (auto* inc = as<IncDecStmt>(n)) {
          changed = element_of(info, inc->x, recv);
        } else if (auto* r = as<ReturnStmt>(n)) {
          for (const Expr* e : r->results)
            if (auto* call = as<CallExpr>(unparen(e));
                call && is_append(info, call) && !call->args.empty() && var_of(info, call->args[0]) == recv)
              changed = true;
        }
        return Visit::descend;
      });
      if (changed) return true;
    }
  }
  return false;
}

bool result_stored_over_receiver(const sema::PackageInfo* info, std::span<const File* const> files,
                                 const sema::Object* method) {
  if (!info || !method) return false;
  for (const File* file : files) {
    bool found = false;
    if (file)
      inspect(file, [&](const Node* n, std::span<const Node* const>) {
        if (found) return Visit::stop;
        auto* a = as<AssignStmt>(n);
        if (!a || a->lhs.size() != a->rhs.size()) return Visit::descend;
        for (size_t k = 0; k < a->rhs.size(); ++k) {
          auto* call = as<CallExpr>(unparen(a->rhs[k]));
          auto* sel = call ? as<SelectorExpr>(unparen(call->fun)) : nullptr;
          if (!sel || !sel->sel || info->use_of(sel->sel) != method) continue;
          if (same_operand(info, a->lhs[k], sel->x)) found = true;
        }
        return Visit::descend;
      });
    if (found) return true;
  }
  return false;
}

}  // namespace gotrap::facts
