// Statements and local scopes, walked in source order so each local is visible exactly where Go
// makes it visible (after its ValueSpec or assignment, inside header and clause scopes).
#include "sema/checker.h"

namespace gotrap::sema {

using namespace ast;

namespace {

const Expr* unparen(const Expr* e) {
  for (int guard = 0; e && e->kind == Kind::ParenExpr && guard < 1000; ++guard)
    e = static_cast<const ParenExpr*>(e)->x;
  return e;
}

}  // namespace

// Labels are function-wide and may be used before they are declared (goto forward), so label
// uses are resolved when the body is done; the walk itself declares them as it meets them, which
// spares a separate pass over every body.
void Checker::func_body(const Type* sig, const BlockStmt* body) {
  const Type* saved_sig = func_sig_;
  FunctionLabels* saved_labels = labels_;
  FunctionLabels labels;
  func_sig_ = sig;
  labels_ = &labels;
  stmt_list(body->list);  // the body shares the function's scope (parameters included)
  resolve_labels(labels);
  func_sig_ = saved_sig;
  labels_ = saved_labels;
}

void Checker::declare_label(const Ident* label) {
  if (!labels_ || label->name == "_") return;
  Object* o = new_object(ObjectKind::Label, label->name, label);
  o->typed = true;
  def(label, o);
  labels_->declared.push_back({o->name, o});
}

// A use refers to the last label of its name (redeclared labels are an error go/types reports;
// the last one wins here, as it always has).
void Checker::resolve_labels(const FunctionLabels& labels) {
  if (labels.uses.empty()) return;
  if (labels.declared.size() * labels.uses.size() <= 4096) {
    for (const Ident* use_id : labels.uses) {
      for (size_t i = labels.declared.size(); i-- > 0;) {
        if (same_name(labels.declared[i].first, use_id->name)) {
          use(use_id, labels.declared[i].second);
          break;
        }
      }
    }
    return;
  }
  std::unordered_map<std::string_view, Object*> by_name;
  for (const auto& [name, o] : labels.declared) by_name[name] = o;
  for (const Ident* use_id : labels.uses) {
    auto it = by_name.find(use_id->name);
    if (it != by_name.end()) use(use_id, it->second);
  }
}

void Checker::stmt_list(Span<Stmt*> list) {
  for (const Node* s : list) stmt(s);
}

void Checker::stmt(const Stmt* s) {
  if (!s || nesting_ > 2000) return;
  struct Guard {
    int& n;
    explicit Guard(int& x) : n(x) { ++n; }
    ~Guard() { --n; }
  } guard(nesting_);
  switch (s->kind) {
    case Kind::DeclStmt: {
      const auto* gd = as<GenDecl>(static_cast<const DeclStmt*>(s)->decl);
      if (!gd) break;
      const ValueSpec* last_with_values = nullptr;
      int iota = 0;
      for (const Node* spec : gd->specs) {
        if (const auto* vs = as<ValueSpec>(spec)) {
          if (gd->tok == Tok::CONST) {
            if (!vs->values.empty() || vs->type) last_with_values = vs;
            local_const_spec(vs, last_with_values, iota);
          } else {
            local_var_spec(vs);
          }
          ++iota;
        } else if (const auto* ts = as<TypeSpec>(spec)) {
          local_type_spec(ts);
        }
      }
      break;
    }
    case Kind::LabeledStmt: {
      const auto* ls = static_cast<const LabeledStmt*>(s);
      declare_label(ls->label);
      stmt(ls->stmt);
      break;
    }
    case Kind::ExprStmt: expr(static_cast<const ExprStmt*>(s)->x); break;
    case Kind::SendStmt: {
      const auto* ss = static_cast<const SendStmt*>(s);
      const Type* ch = concrete_under(value(ss->chan));
      expr(ss->value, ch && ch->kind == TypeKind::Chan ? ch->elem : nullptr);
      convert_untyped(ss->value, ch && ch->kind == TypeKind::Chan ? ch->elem : nullptr);
      break;
    }
    case Kind::IncDecStmt: expr(static_cast<const IncDecStmt*>(s)->x); break;
    case Kind::AssignStmt: assign(static_cast<const AssignStmt*>(s)); break;
    case Kind::GoStmt: expr(static_cast<const GoStmt*>(s)->call); break;
    case Kind::DeferStmt: expr(static_cast<const DeferStmt*>(s)->call); break;
    case Kind::ReturnStmt: {
      const auto* rs = static_cast<const ReturnStmt*>(s);
      const Type* sig = func_sig_;
      for (uint32_t i = 0; i < rs->results.size(); ++i) {
        const Type* hint = sig && rs->results.size() == sig->results.size() ? sig->results[i].type : nullptr;
        expr(rs->results[i], hint);
        if (sig && sig->complete && !sig->generic) convert_untyped(rs->results[i], hint);
      }
      break;
    }
    case Kind::BranchStmt: {
      const auto* bs = static_cast<const BranchStmt*>(s);
      if (bs->label && labels_) labels_->uses.push_back(bs->label);
      break;
    }
    case Kind::BlockStmt: {
      ScopeGuard g(*this);
      stmt_list(static_cast<const BlockStmt*>(s)->list);
      break;
    }
    case Kind::IfStmt: {
      const auto* is = static_cast<const IfStmt*>(s);
      ScopeGuard g(*this);
      stmt(is->init);
      expr(is->cond);
      stmt(is->body);
      stmt(is->else_stmt);
      break;
    }
    case Kind::SwitchStmt: {
      const auto* ss = static_cast<const SwitchStmt*>(s);
      ScopeGuard g(*this);
      stmt(ss->init);
      expr(ss->tag);
      if (!ss->body) break;
      for (const Node* c : ss->body->list) {
        const auto* cc = as<CaseClause>(c);
        if (!cc) continue;
        for (const Node* e : cc->list) expr(e);
        ScopeGuard clause(*this);
        stmt_list(cc->body);
      }
      break;
    }
    case Kind::TypeSwitchStmt: type_switch(static_cast<const TypeSwitchStmt*>(s)); break;
    case Kind::SelectStmt: {
      const auto* ss = static_cast<const SelectStmt*>(s);
      if (!ss->body) break;
      for (const Node* c : ss->body->list) {
        const auto* cc = as<CommClause>(c);
        if (!cc) continue;
        ScopeGuard clause(*this);
        stmt(cc->comm);
        stmt_list(cc->body);
      }
      break;
    }
    case Kind::ForStmt: {
      const auto* fs = static_cast<const ForStmt*>(s);
      ScopeGuard g(*this);
      stmt(fs->init);
      expr(fs->cond);
      stmt(fs->post);
      stmt(fs->body);
      break;
    }
    case Kind::RangeStmt: range_stmt(static_cast<const RangeStmt*>(s)); break;
    default: break;
  }
}

void Checker::local_var_spec(const ValueSpec* vs) {
  const Type* declared = vs->type ? type_expr(vs->type) : nullptr;
  TypeBuffer ts;
  if (vs->type) {
    for (const Node* v : vs->values) {
      expr(v, declared);
      convert_untyped(v, declared);
    }
    ts.assign(vs->names.size(), declared);
  } else {
    rhs_types(vs->values, vs->names.size(), true, ts);
    if (vs->values.size() == vs->names.size())
      for (uint32_t i = 0; i < vs->values.size(); ++i) convert_untyped(vs->values[i], default_type(ts[i]));
  }
  for (uint32_t i = 0; i < vs->names.size(); ++i) {
    Object* o = new_object(ObjectKind::Var, vs->names[i]->name, vs->names[i]);
    o->type = i < ts.size() ? default_type(ts[i]) : nullptr;
    o->typed = true;
    o->decl = vs;
    o->value_index = int(i);
    declare(current_scope(), o, vs->names[i]);
  }
}

void Checker::local_const_spec(const ValueSpec* vs, const ValueSpec* source, int iota) {
  int saved = iota_;
  iota_ = iota;
  const Type* declared = source && source->type ? type_expr(source->type) : nullptr;
  TypeBuffer ts(vs->names.size(), declared);
  if (source) {
    for (uint32_t i = 0; i < source->values.size(); ++i) {
      const Type* t = expr(source->values[i], declared).type;
      if (!declared && i < ts.size()) ts[i] = t;
    }
  }
  iota_ = saved;
  for (uint32_t i = 0; i < vs->names.size(); ++i) {
    Object* o = new_object(ObjectKind::Const, vs->names[i]->name, vs->names[i]);
    o->type = ts[i];
    o->typed = true;
    o->decl = source;
    o->value_index = int(i);
    o->iota = iota;
    declare(current_scope(), o, vs->names[i]);
  }
}

void Checker::local_type_spec(const TypeSpec* ts) {
  // Made before the object: its decl_scope (the context of its lazy underlying type) is this block.
  Scope* scope = current_scope();
  Object* o = new_object(ObjectKind::TypeName, ts->name->name, ts->name);
  o->decl = ts;
  Type* t = types_.make(valid(ts->assign) ? TypeKind::Alias : TypeKind::Named);
  t->name = o->name;
  t->obj = o;
  t->generic = ts->type_params && !ts->type_params->list.empty();
  o->type = t;
  o->typed = true;
  declare(scope, o, ts->name);  // in scope inside its own definition (recursive types)
  if (t->kind == TypeKind::Alias) {
    t->elem = type_expr(ts->type);
  } else {
    named_underlying(t);
  }
}

void Checker::rhs_types(Span<Expr*> rhs, size_t lhs_count, bool define, TypeBuffer& out, const Type* ok_type) {
  out.assign(lhs_count, nullptr);
  if (rhs.size() == lhs_count) {
    for (size_t i = 0; i < lhs_count; ++i) {
      Operand op = expr(rhs[i]);
      out[i] = op.is_value() ? op.type : nullptr;
    }
    return;
  }
  if (rhs.size() != 1) {
    for (const Node* e : rhs) expr(e);
    return;
  }
  const Expr* e = unparen(rhs[0]);
  Operand op = expr(rhs[0]);
  if (!op.is_value() || !op.type) return;
  if (op.type->kind == TypeKind::Tuple) {
    for (size_t i = 0; i < lhs_count && i < op.type->results.size(); ++i) out[i] = op.type->results[i].type;
    return;
  }
  bool comma_ok = false;
  if (lhs_count == 2 && e) {
    if (e->kind == Kind::TypeAssertExpr) comma_ok = true;
    if (e->kind == Kind::UnaryExpr && static_cast<const UnaryExpr*>(e)->op == Tok::ARROW) comma_ok = true;
    if (e->kind == Kind::IndexExpr) {
      const Type* x = pkg_ ? pkg_->type_of(static_cast<const IndexExpr*>(e)->x) : nullptr;
      const Type* xu = concrete_under(x);
      comma_ok = xu && xu->kind == TypeKind::Map;
    }
  }
  if (!comma_ok) return;
  out[0] = op.type;
  out[1] = define ? types_.basic(BasicKind::Bool) : ok_type;
  if (pkg_ && (!out[1] || is_untyped(out[1]) || is_untyped(op.type))) {
    for (const Expr* x = rhs[0]; x;) {
      pkg_->types.erase(x);
      const auto* pe = as<ParenExpr>(x);
      x = pe ? pe->x : nullptr;
    }
  } else if (pkg_) {
    // go/types records the comma-ok expression as the pair it produces.
    Type* pair = types_.make(TypeKind::Tuple);
    const Var elements[2] = {Var{{}, op.type}, Var{{}, out[1]}};
    pair->results = types_.copy(elements, 2);
    for (const Expr* x = rhs[0];;) {
      if (pkg_->types.count(x)) pkg_->types.set(x, pair);
      const auto* pe = as<ParenExpr>(x);
      if (!pe) break;
      x = pe->x;
    }
  }
}

void Checker::assign(const AssignStmt* asg) {
  if (asg->tok != Tok::DEFINE) {
    const Type* second = nullptr;
    TypeBuffer lhs_types;
    for (uint32_t i = 0; i < asg->lhs.size(); ++i) {
      const Type* t = value(asg->lhs[i]);
      lhs_types.push_back(t);
      if (i == 1) second = t;
    }
    TypeBuffer rhs;
    if (asg->tok == Tok::ASSIGN) rhs_types(asg->rhs, asg->lhs.size(), false, rhs, second);
    else
      for (const Node* r : asg->rhs) expr(r);
    // x = 1 and x += 1 alike: the literal takes x's type (shifts excepted).
    if (asg->rhs.size() == asg->lhs.size() && asg->tok != Tok::SHL_ASSIGN && asg->tok != Tok::SHR_ASSIGN)
      for (uint32_t i = 0; i < asg->rhs.size(); ++i)
        if (lhs_types[i] && !is_untyped(lhs_types[i])) convert_untyped(asg->rhs[i], lhs_types[i]);
    return;
  }
  TypeBuffer ts;
  rhs_types(asg->rhs, asg->lhs.size(), true, ts);
  if (asg->rhs.size() == asg->lhs.size())
    for (uint32_t i = 0; i < asg->rhs.size(); ++i) convert_untyped(asg->rhs[i], default_type(ts[i]));
  SmallVector<std::pair<Object*, const Ident*>, 4> fresh;
  for (uint32_t i = 0; i < asg->lhs.size(); ++i) {
    const auto* id = as<Ident>(asg->lhs[i]);
    if (!id) {
      expr(asg->lhs[i]);
      continue;
    }
    if (id->name != "_") {
      const Object* existing = scope_pending_ ? nullptr : scope_->lookup_local(id->name);
      if (existing) {
        use(id, existing);  // redeclaration: assigns the existing variable
        continue;
      }
    }
    Object* o = new_object(ObjectKind::Var, id->name, id);
    o->type = i < ts.size() ? default_type(ts[i]) : nullptr;
    o->typed = true;
    o->decl = asg;
    o->value_index = int(i);
    fresh.push_back({o, id});
  }
  for (auto& [o, id] : fresh) declare(current_scope(), o, id);
}

void Checker::range_stmt(const RangeStmt* rs) {
  ScopeGuard g(*this);
  Operand x = expr(rs->x);
  const Type* key = nullptr;
  const Type* val = nullptr;
  const Type* u = x.is_value() ? concrete_under(x.type) : nullptr;
  if (u && u->kind == TypeKind::Pointer) {
    const Type* pu = concrete_under(u->elem);
    u = pu && pu->kind == TypeKind::Array ? pu : nullptr;
  }
  if (u) {
    switch (u->kind) {
      case TypeKind::Slice:
      case TypeKind::Array: key = types_.basic(BasicKind::Int); val = u->elem; break;
      case TypeKind::Map: key = u->key; val = u->elem; break;
      case TypeKind::Chan: key = u->elem; break;
      case TypeKind::Basic:
        if (u->basic == BasicKind::String || u->basic == BasicKind::UntypedString) {
          key = types_.basic(BasicKind::Int);
          val = types_.rune_type();
        } else if (u->basic >= BasicKind::Int && u->basic <= BasicKind::Uintptr) {
          key = x.type;
        } else if (u->basic == BasicKind::UntypedInt || u->basic == BasicKind::UntypedRune) {
          key = default_type(x.type);
        }
        break;
      case TypeKind::Func:
        if (u->params.size() == 1) {
          const Type* yield = concrete_under(u->params[0].type);
          if (yield && yield->kind == TypeKind::Func) {
            if (yield->params.size() > 0) key = yield->params[0].type;
            if (yield->params.size() > 1) val = yield->params[1].type;
          }
        }
        break;
      default: break;
    }
  }
  if (rs->tok == Tok::DEFINE) {
    SmallVector<std::pair<Object*, const Ident*>, 2> fresh;
    const Expr* lhs[2] = {rs->key, rs->value};
    const Type* ts[2] = {key, val};
    for (int i = 0; i < 2; ++i) {
      const auto* id = as<Ident>(lhs[i]);
      if (!id) continue;
      Object* o = new_object(ObjectKind::Var, id->name, id);
      o->type = ts[i];
      o->typed = true;
      o->decl = rs;
      o->value_index = i;
      fresh.push_back({o, id});
    }
    for (auto& [o, id] : fresh) declare(current_scope(), o, id);
  } else {
    expr(rs->key);
    expr(rs->value);
  }
  stmt(rs->body);
}

void Checker::type_switch(const TypeSwitchStmt* ts) {
  ScopeGuard g(*this);
  stmt(ts->init);
  const Ident* symbol = nullptr;
  const TypeAssertExpr* guard = nullptr;
  if (const auto* asg = as<AssignStmt>(ts->assign)) {
    if (asg->lhs.size() == 1) symbol = as<Ident>(asg->lhs[0]);
    if (asg->rhs.size() == 1) guard = as<TypeAssertExpr>(unparen(asg->rhs[0]));
  } else if (const auto* es = as<ExprStmt>(ts->assign)) {
    guard = as<TypeAssertExpr>(unparen(es->x));
  }
  const Type* x = guard ? value(guard->x) : nullptr;
  if (!ts->body) return;
  for (const Node* c : ts->body->list) {
    const auto* cc = as<CaseClause>(c);
    if (!cc) continue;
    const Type* single = nullptr;
    for (const Node* e : cc->list) {
      Operand op = expr(e);
      single = op.mode == Operand::TypeExpr ? op.type : nullptr;
    }
    ScopeGuard clause(*this);
    if (symbol && symbol->name != "_") {
      // Each clause declares its own variable, positioned at the symbol in the switch header.
      Object* o = new_object(ObjectKind::Var, symbol->name, symbol);
      o->type = cc->list.size() == 1 ? single : x;
      o->typed = true;
      o->decl = ts;
      current_scope()->insert(o);
    }
    stmt_list(cc->body);
  }
}

}  // namespace gotrap::sema
