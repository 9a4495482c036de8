#include "facts/assign.h"

#include "facts/walk.h"

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

const Ident* ident_of(const Expr* e) {
  auto* id = as<Ident>(unparen(e));
  return id && id->name != "_" ? id : nullptr;
}

void assignment_writes(Span<Expr*> lhs, Span<Expr*> rhs, const Node* stmt, WriteForm form,
                       const std::function<void(const Write&)>& fn) {
  for (uint32_t i = 0; i < lhs.size(); ++i) {
    const Ident* id = ident_of(lhs[i]);
    if (!id) continue;
    Write w{id, nullptr, -1, stmt, form};
    if (lhs.size() == rhs.size()) w.value = rhs[i];
    else if (rhs.size() == 1) w.value = rhs[0], w.index = int(i);
    fn(w);
  }
}

void writes_of_node(const Node* n, const std::function<void(const Write&)>& fn) {
  if (auto* a = as<AssignStmt>(n)) {
    if (a->tok == Tok::DEFINE || a->tok == Tok::ASSIGN) {
      assignment_writes(a->lhs, a->rhs, a, a->tok == Tok::DEFINE ? WriteForm::define : WriteForm::assign, fn);
    } else {
      for (const Expr* e : a->lhs)
        if (const Ident* id = ident_of(e)) fn(Write{id, nullptr, -1, a, WriteForm::op_assign});
    }
  } else if (auto* v = as<ValueSpec>(n)) {
    for (uint32_t i = 0; i < v->names.size(); ++i) {
      const Ident* id = v->names[i];
      if (!id || id->name == "_") continue;
      Write w{id, nullptr, -1, v, WriteForm::var_decl};
      if (v->names.size() == v->values.size()) w.value = v->values[i];
      else if (v->values.size() == 1) w.value = v->values[0], w.index = int(i);
      fn(w);
    }
  } else if (auto* r = as<RangeStmt>(n)) {
    if (const Ident* k = ident_of(r->key)) fn(Write{k, nullptr, -1, r, WriteForm::range});
    if (const Ident* v = ident_of(r->value)) fn(Write{v, nullptr, -1, r, WriteForm::range});
  } else if (auto* inc = as<IncDecStmt>(n)) {
    if (const Ident* id = ident_of(inc->x)) fn(Write{id, nullptr, -1, inc, WriteForm::inc_dec});
  } else if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) {
    if (const Ident* id = ident_of(u->x)) fn(Write{id, nullptr, -1, u, WriteForm::address_taken});
  }
}

}  // namespace

void for_each_write(const Node* root, const std::function<void(const Write&)>& fn) {
  for_each_node(root, [&](const Node* n) { writes_of_node(n, fn); });
}

std::optional<Write> write_at(const Node* stmt, const Ident* target) {
  std::optional<Write> out;
  writes_of_node(stmt, [&](const Write& w) {
    if (w.target == target) out = w;
  });
  return out;
}

Writes::Writes(const Node* fn, const sema::PackageInfo* info) : info_(info) {
  for_each_write(fn, [&](const Write& w) {
    const sema::Object* o = info ? info->object_of(w.target) : nullptr;
    if (o) by_object_[o].push_back(w);
    else by_name_[w.target->name].push_back(w);
  });
}

const std::vector<Write>* Writes::list(const Ident* id) const {
  if (!id) return nullptr;
  if (const sema::Object* o = info_ ? info_->object_of(id) : nullptr) {
    auto it = by_object_.find(o);
    return it == by_object_.end() ? nullptr : &it->second;
  }
  auto it = by_name_.find(id->name);
  return it == by_name_.end() ? nullptr : &it->second;
}

std::span<const Write> Writes::of(const Ident* id) const {
  const std::vector<Write>* l = list(id);
  return l ? std::span<const Write>(*l) : std::span<const Write>();
}

const Write* Writes::single_value(const Ident* id) const {
  const Write* found = nullptr;
  for (const Write& w : of(id)) {
    if (w.zero_decl()) continue;
    if (found || !w.value) return nullptr;
    found = &w;
  }
  return found;
}

}  // namespace gotrap::facts
