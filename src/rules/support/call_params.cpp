#include "rules/support/call_params.h"

#include <algorithm>
#include <vector>

#include "rules/support/walk.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

namespace {

const sema::Object* use_of(const Pass& pass, const Ident* id) {
  return pass.sema() && id ? pass.sema()->use_of(id) : nullptr;
}

// The callee expression without parentheses and explicit instantiation: f[int] -> f.
const Expr* callee_expr(const Expr* fun) {
  fun = unparen(fun);
  if (auto* ix = as<IndexExpr>(fun)) return unparen(ix->x);
  if (auto* il = as<IndexListExpr>(fun)) return unparen(il->x);
  return fun;
}

// One declared parameter, as the declaration spells it.
struct DeclParam {
  const Ident* name = nullptr;
  const Expr* type = nullptr;  // element type for `...T`
  bool variadic = false;
};

std::vector<DeclParam> declared_params(const FuncType* type) {
  std::vector<DeclParam> out;
  if (!type || !type->params) return out;
  for (const Field* f : type->params->list) {
    const Expr* t = f->type;
    bool variadic = false;
    if (auto* e = as<Ellipsis>(t)) t = e->elt, variadic = true;
    if (f->names.empty()) out.push_back({nullptr, t, variadic});
    for (const Ident* id : f->names) out.push_back({id, t, variadic});
  }
  return out;
}

}  // namespace

bool denotes_type(const Pass& pass, const Expr* e) {
  e = unparen(e);
  if (!e) return false;
  switch (e->kind) {
    case Kind::ArrayType:
    case Kind::StructType:
    case Kind::FuncType:
    case Kind::InterfaceType:
    case Kind::MapType:
    case Kind::ChanType:
      return true;
    case Kind::StarExpr: return denotes_type(pass, as<StarExpr>(e)->x);
    case Kind::IndexExpr: return denotes_type(pass, as<IndexExpr>(e)->x);
    case Kind::IndexListExpr: return denotes_type(pass, as<IndexListExpr>(e)->x);
    case Kind::Ident: {
      const sema::Object* o = use_of(pass, as<Ident>(e));
      return o && o->kind == sema::ObjectKind::TypeName;
    }
    case Kind::SelectorExpr: {
      const sema::Object* o = use_of(pass, as<SelectorExpr>(e)->sel);
      return o && o->kind == sema::ObjectKind::TypeName;
    }
    default: return false;
  }
}

const sema::Object* static_callee(const Pass& pass, const CallExpr* call) {
  const Expr* fun = callee_expr(call->fun);
  const sema::Object* o = nullptr;
  if (auto* id = as<Ident>(fun)) o = use_of(pass, id);
  else if (auto* sel = as<SelectorExpr>(fun)) o = use_of(pass, sel->sel);
  return o && o->kind == sema::ObjectKind::Func ? o : nullptr;
}

const FuncDecl* callee_decl(const Pass& pass, const CallExpr* call) {
  const sema::Object* o = static_callee(pass, call);
  return o ? as<FuncDecl>(o->decl) : nullptr;
}

std::optional<ParamOfArg> param_of_arg(const Pass& pass, const CallExpr* call, size_t arg) {
  if (!pass.sema() || arg >= call->args.size()) return std::nullopt;
  if (denotes_type(pass, call->fun)) return std::nullopt;  // a conversion
  const Expr* fun = callee_expr(call->fun);
  if (auto* id = as<Ident>(fun)) {
    const sema::Object* o = use_of(pass, id);
    if (o && o->kind == sema::ObjectKind::Builtin) return std::nullopt;
  }
  // A method expression T.M takes the receiver first: its declaration's list does not line up.
  bool method_expression = false;
  if (auto* sel = as<SelectorExpr>(fun)) method_expression = denotes_type(pass, sel->x);
  bool spread = valid(call->ellipsis);

  ParamOfArg out;
  bool bound = false;
  const sema::Type* sig = pass.sema()->type_of(unparen(call->fun));
  if (!sig) sig = pass.sema()->type_of(fun);
  const sema::Object* callee = static_callee(pass, call);
  if (!sig && callee) sig = callee->type;
  sig = sema::underlying(sig);
  if (sig && sig->is(sema::TypeKind::Func) && !sig->params.empty()) {
    size_t n = sig->params.size();
    if (sig->variadic && arg >= n - 1) {
      out.index = n - 1;
      out.variadic = !spread;
      const sema::Type* slice = sema::underlying(sig->params[n - 1].type);
      out.type = spread ? sig->params[n - 1].type : (slice && slice->is(sema::TypeKind::Slice) ? slice->elem : nullptr);
      bound = true;
    } else if (arg < n) {
      out.index = arg;
      out.type = sig->params[arg].type;
      bound = true;
    } else {
      return std::nullopt;  // more arguments than parameters: a tuple spread or a broken call
    }
    out.name = sig->params[out.index].name;
  }
  if (method_expression) return bound ? std::optional<ParamOfArg>(out) : std::nullopt;
  const FuncDecl* decl = callee ? as<FuncDecl>(callee->decl) : nullptr;
  if (!decl) return bound ? std::optional<ParamOfArg>(out) : std::nullopt;
  std::vector<DeclParam> params = declared_params(decl->type);
  if (params.empty()) return bound ? std::optional<ParamOfArg>(out) : std::nullopt;
  size_t n = params.size();
  size_t index = 0;
  bool variadic = params.back().variadic;
  if (variadic && arg >= n - 1) index = n - 1;
  else if (arg < n) index = arg;
  else return bound ? std::optional<ParamOfArg>(out) : std::nullopt;
  if (bound && index != out.index) return out;  // the two views disagree: trust the types
  out.index = index;
  out.variadic = params[index].variadic && !spread;
  // With `...` the argument is the slice itself: no element type expression to offer.
  out.type_expr = params[index].variadic && spread ? nullptr : params[index].type;
  if (out.name.empty() && params[index].name) out.name = params[index].name->name;
  return out;
}

namespace {

bool accepts_nil(const sema::PackageInfo* info, const FuncDecl* fn, size_t index, int depth) {
  if (!info || !fn || !fn->body || depth > 3) return false;
  std::vector<DeclParam> params = declared_params(fn->type);
  if (index >= params.size() || params[index].variadic) return false;
  const Ident* name = params[index].name;
  if (!name || name->name == "_") return true;  // the body cannot use it
  const sema::Object* param = info->def_of(name);
  if (!param) return false;
  auto is_param = [&](const Expr* e) {
    auto* id = as<Ident>(unparen(e));
    return id && info->use_of(id) == param;
  };
  auto is_nil = [&](const Expr* e) {
    auto* id = as<Ident>(unparen(e));
    const sema::Object* o = id ? info->use_of(id) : nullptr;
    return o && o->kind == sema::ObjectKind::Nil;
  };
  // A named parameter the body never mentions still counts as used: passing nil to it is what
  // staticcheck's SA1012 reports, and the body may start using it.
  // `if p == nil { panic(...) }` rejects nil rather than accepting it.
  std::vector<const Node*> rejections;
  for_each_node(fn->body, [&](const Node* n) {
    auto* i = as<IfStmt>(n);
    auto* b = i ? as<BinaryExpr>(unparen(i->cond)) : nullptr;
    if (!b || b->op != Tok::EQL || !i->body || i->body->list.empty()) return;
    auto* last = as<ExprStmt>(i->body->list.back());
    auto* call = last ? as<CallExpr>(last->x) : nullptr;
    auto* f = call ? as<Ident>(unparen(call->fun)) : nullptr;
    const sema::Object* o = f ? info->use_of(f) : nullptr;
    if (o && o->kind == sema::ObjectKind::Builtin && o->builtin == sema::Builtin::Panic) rejections.push_back(b);
  });
  bool mentioned = false, accepted = false;
  for_each_node(fn->body, [&](const Node* n) {
    if (accepted) return;
    if (auto* id = as<Ident>(n); id && info->use_of(id) == param) mentioned = true;
    if (auto* b = as<BinaryExpr>(n); b && (b->op == Tok::EQL || b->op == Tok::NEQ)) {
      bool rejects = std::find(rejections.begin(), rejections.end(), b) != rejections.end();
      if (!rejects && ((is_param(b->x) && is_nil(b->y)) || (is_nil(b->x) && is_param(b->y)))) accepted = true;
      return;
    }
    auto* call = as<CallExpr>(n);
    if (!call) return;
    for (size_t i = 0; i < call->args.size() && !accepted; ++i) {
      if (!is_param(call->args[i])) continue;
      if (valid(call->ellipsis) && i + 1 == call->args.size()) continue;  // spread into `...`
      const Expr* fun = unparen(call->fun);
      if (auto* ix = as<IndexExpr>(fun)) fun = unparen(ix->x);
      const sema::Object* callee = nullptr;
      if (auto* id = as<Ident>(fun)) callee = info->use_of(id);
      else if (auto* sel = as<SelectorExpr>(fun)) callee = info->use_of(sel->sel);
      if (!callee || callee->kind != sema::ObjectKind::Func) continue;
      if (auto* sel = as<SelectorExpr>(fun)) {
        auto* x = as<Ident>(unparen(sel->x));
        const sema::Object* xo = x ? info->use_of(x) : nullptr;
        if (xo && xo->kind == sema::ObjectKind::TypeName) continue;  // method expression
      }
      accepted = accepts_nil(callee->package(), as<FuncDecl>(callee->decl), i, depth + 1);
    }
  });
  (void)mentioned;
  return accepted;
}

}  // namespace

bool accepts_nil_param(const sema::PackageInfo* info, const FuncDecl* fn, size_t index) {
  return accepts_nil(info, fn, index, 0);
}

}  // namespace gotrap::rules::support
