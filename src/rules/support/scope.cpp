#include "rules/support/scope.h"

#include "rules/support/facts.h"
#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

LocalScopes::LocalScopes(const Node* root) {
  auto add = [&](const Ident* id, Pos start, Pos end) {
    if (id && id->name != "_" && valid(start) && valid(end)) decls_.push_back({id, start, end});
  };
  inspect(root, [&](const Node* n, std::span<const Node* const> anc) {
    const Node* parent = anc.empty() ? nullptr : anc.back();
    if (auto* a = as<AssignStmt>(n); a && a->tok == Tok::DEFINE && parent) {
      const Node* scope = parent;
      if (is<LabeledStmt>(parent) && anc.size() >= 2) scope = anc[anc.size() - 2];
      for (const Expr* l : a->lhs) add(as<Ident>(l), a->end(), scope->end());
    } else if (auto* r = as<RangeStmt>(n); r && r->tok == Tok::DEFINE && r->body) {
      add(as<Ident>(r->key), r->body->pos(), r->body->end());
      add(as<Ident>(r->value), r->body->pos(), r->body->end());
    } else if (auto* ds = as<DeclStmt>(n); ds && parent) {
      if (auto* g = as<GenDecl>(ds->decl))
        for (const Node* spec : g->specs) {
          if (auto* vs = as<ValueSpec>(spec))
            for (const Ident* id : vs->names) add(id, vs->end(), parent->end());
          if (auto* ts = as<TypeSpec>(spec)) add(ts->name, ts->pos(), parent->end());
        }
    } else if (auto* fl = as<FuncLit>(n); fl && fl->body && fl->type) {
      for (const FieldList* list : {fl->type->params, fl->type->results})
        if (list)
          for (const Field* f : list->list)
            for (const Ident* id : f->names) add(id, fl->body->pos(), fl->body->end());
    } else if (auto* fd = as<FuncDecl>(n); fd && fd->body && fd->type) {
      for (const FieldList* list : {fd->recv, fd->type->params, fd->type->results})
        if (list)
          for (const Field* f : list->list)
            for (const Ident* id : f->names) add(id, fd->body->pos(), fd->body->end());
    }
    return Visit::descend;
  });
}

const Ident* LocalScopes::resolve(const Ident* use) const {
  const Decl* best = nullptr;
  for (const Decl& d : decls_) {
    if (d.ident->name != use->name || use->pos() < d.scope_start || use->pos() >= d.scope_end)
      continue;
    if (d.ident == use) return use;
    // Innermost scope wins; in the same scope, the later declaration.
    if (!best || d.scope_end - d.scope_start < best->scope_end - best->scope_start ||
        (d.scope_end - d.scope_start == best->scope_end - best->scope_start &&
         d.scope_start > best->scope_start))
      best = &d;
  }
  return best ? best->ident : nullptr;
}

bool same_variable(const Pass& pass, const LocalScopes& scopes, const Ident* use,
                   const Ident* var_ident, bool var_declared_in_root) {
  if (use->name != var_ident->name) return false;
  if (pass.sema()) {
    const sema::Object* a = object_of(pass, use);
    const sema::Object* b = object_of(pass, var_ident);
    return a && a == b;
  }
  if (var_declared_in_root) return scopes.resolve(use) == var_ident;
  // `for x = range`: the loop assigns a variable declared elsewhere; same declaration (or both
  // outside the scanned node) means the same variable.
  return scopes.resolve(use) == scopes.resolve(var_ident);
}

}  // namespace gotrap::rules::support
