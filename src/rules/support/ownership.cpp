#include "rules/support/ownership.h"

#include <vector>

#include "rules/support/walk.h"
#include "sema/sema.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

namespace {

constexpr int kMaxDepth = 4;

bool is_blank(const Expr* e) {
  auto* id = as<Ident>(unparen(e));
  return id && id->name == "_";
}

// A function literal assigned to `_` never runs.
bool discarded_literal(const FuncLit* lit, const Node* parent) {
  if (auto* a = as<AssignStmt>(parent)) {
    if (a->lhs.size() != a->rhs.size()) return false;
    for (size_t i = 0; i < a->rhs.size(); ++i)
      if (a->rhs[i] == lit) return is_blank(a->lhs[i]);
  }
  return false;
}

// Whether the parameters of a function with this type and body release argument `index`.
bool params_release(const sema::PackageInfo* info, const FuncType* type, const BlockStmt* body, size_t index,
                    bool response, int depth, bool close_only) {
  if (!type || !type->params || !body || !info) return !close_only;  // nothing to look at: unknown
  std::vector<const Ident*> names;
  bool unnamed = false;
  for (const Field* f : type->params->list) {
    if (f->names.empty()) {
      names.push_back(nullptr);
      unnamed = true;
    }
    for (const Ident* id : f->names) names.push_back(id);
  }
  (void)unnamed;
  if (names.empty()) return false;
  if (index >= names.size()) index = names.size() - 1;  // variadic
  const Ident* p = names[index];
  if (!p || p->name == "_") return false;  // never looked at: never closed
  const sema::Object* obj = info->def_of(p);
  if (!obj) return !close_only;
  return releases_in(Closable{info, obj, response, close_only}, body, depth + 1);
}

// The function literal a local function variable holds, if it got exactly one.
const FuncLit* literal_of(const sema::Object* var) {
  if (!var || !var->decl || var->value_index < 0) return nullptr;
  if (auto* a = as<AssignStmt>(var->decl)) {
    if (a->lhs.size() == a->rhs.size() && size_t(var->value_index) < a->rhs.size())
      return as<FuncLit>(unparen(a->rhs[size_t(var->value_index)]));
  } else if (auto* v = as<ValueSpec>(var->decl)) {
    if (v->names.size() == v->values.size() && size_t(var->value_index) < v->values.size())
      return as<FuncLit>(unparen(v->values[size_t(var->value_index)]));
  }
  return nullptr;
}

// Whether a standard-library function hands back something that can be closed (a wrapper of
// what it got, as http.MaxBytesReader).
bool returns_closer(const sema::Object* fn) {
  const sema::Type* sig = fn ? sema::underlying(fn->type) : nullptr;
  if (!sig || sig->kind != sema::TypeKind::Func || sig->results.empty()) return false;
  return sema::lookup_field_or_method(sig->results[0].type, "Close") != nullptr;
}

}  // namespace

bool is_stdlib_object(const sema::Object* obj) {
  if (!obj) return false;
  if (const sema::PackageInfo* p = obj->package()) return p->from_stdlib_table || p->vendor_std_imports;
  if (obj->kind != sema::ObjectKind::Unknown) return false;
  std::string_view path = obj->external_path;
  std::string_view first = path.substr(0, path.find('/'));
  return !path.empty() && first.find('.') == std::string_view::npos;
}

namespace {

// The response variables a function returns as one of its results.
std::vector<const sema::Object*> returned_vars(const sema::PackageInfo* info, const BlockStmt* body) {
  std::vector<const sema::Object*> out;
  inspect(body, [&](const Node* n, std::span<const Node* const>) {
    if (is<FuncLit>(n)) return Visit::skip;
    if (auto* r = as<ReturnStmt>(n))
      for (const Expr* e : r->results)
        if (auto* id = as<Ident>(unparen(e)))
          if (const sema::Object* o = info->use_of(id); o && o->kind == sema::ObjectKind::Var) out.push_back(o);
    return Visit::descend;
  });
  return out;
}

}  // namespace

namespace {

bool closed_response_rec(const sema::PackageInfo* info, const CallExpr* call, int depth, ClosedResponseMemo& memo);
bool function_returns_closed_uncached(const sema::PackageInfo* info, const FuncDecl* fd, int depth,
                                      ClosedResponseMemo& memo);

// Whether the function (declaration with a body) closes the body of a response it returns, or
// returns one that a call of its own hands back closed. Each function is judged once per memo: an
// interface method fans out to every method of its name, and without the memo a chain of such
// calls took minutes on a package with hundreds of same-named methods. A function met again
// while it is being judged (recursion) counts as not closing.
bool function_returns_closed(const sema::PackageInfo* info, const FuncDecl* fd, int depth, ClosedResponseMemo& memo) {
  auto [it, fresh] = memo.closes.try_emplace(fd, false);
  if (!fresh) return it->second;
  bool closes = function_returns_closed_uncached(info, fd, depth, memo);
  memo.closes[fd] = closes;
  return closes;
}

bool function_returns_closed_uncached(const sema::PackageInfo* info, const FuncDecl* fd, int depth,
                                      ClosedResponseMemo& memo) {
  // `return http.ReadResponse(...)`, `return other(...)`: the response of a call, handed back.
  bool direct = false;
  inspect(fd->body, [&](const Node* n, std::span<const Node* const>) {
    if (is<FuncLit>(n)) return Visit::skip;
    if (auto* r = as<ReturnStmt>(n); r && r->results.size() == 1)
      if (auto* c = as<CallExpr>(unparen(r->results[0])))
        direct |= is_connectionless_response_call(info, c) || closed_response_rec(info, c, depth + 1, memo);
    return direct ? Visit::stop : Visit::descend;
  });
  if (direct) return true;
  for (const sema::Object* v : returned_vars(info, fd->body)) {
    Closable c{info, v, true, true};
    for (const Stmt* s : fd->body->list)
      if (auto* d = as<DeferStmt>(s); d && releases_in(c, d, 0)) return true;
    // A statement that closes it, in a block that does not end by returning (a close on an
    // error path that then returns something else does not count).
    bool closed = false;
    inspect(fd->body, [&](const Node* n, std::span<const Node* const> anc) {
      if (is<FuncLit>(n)) return Visit::skip;
      auto* block = anc.empty() ? nullptr : as<BlockStmt>(anc.back());
      if (!block || !is_stmt_node(n) || is<ReturnStmt>(n) || is<DeferStmt>(n) || is<BlockStmt>(n) ||
          is<IfStmt>(n) || is<ForStmt>(n) || is<RangeStmt>(n) || is<SwitchStmt>(n) || is<TypeSwitchStmt>(n) ||
          is<SelectStmt>(n) || is<LabeledStmt>(n))
        return Visit::descend;
      if (!block->list.empty() && is<ReturnStmt>(block->list.back()) && block != fd->body) return Visit::descend;
      if (releases_in(c, n, 0)) closed = true;
      return closed ? Visit::stop : Visit::skip;
    });
    if (closed) return true;
    // Forwarded: `resp, err := other(...)`, where other returns a closed response.
    const CallExpr* source = nullptr;
    if (auto* a = as<AssignStmt>(v->decl); a && a->rhs.size() == 1) source = as<CallExpr>(unparen(a->rhs[0]));
    if (source && (is_connectionless_response_call(info, source) || closed_response_rec(info, source, depth + 1, memo)))
      return true;
  }
  return false;
}

bool closed_response_rec(const sema::PackageInfo* info, const CallExpr* call, int depth, ClosedResponseMemo& memo) {
  if (!info || depth > kMaxDepth) return false;
  const Expr* fun = unparen(call->fun);
  const Ident* name = as<Ident>(fun);
  if (auto* sel = as<SelectorExpr>(fun)) name = sel->sel;
  const sema::Object* obj = name ? info->use_of(name) : nullptr;
  if (!obj || obj->kind != sema::ObjectKind::Func || is_stdlib_object(obj)) return false;
  const sema::PackageInfo* callee_info = obj->package() ? obj->package() : info;
  if (auto* fd = as<FuncDecl>(obj->decl); fd && fd->body) return function_returns_closed(callee_info, fd, depth, memo);
  if (!obj->is_method || !obj->package()) return false;
  // An interface method: its implementations of the same name in the interface's package.
  for (const syntax::ParsedFile* f : obj->package()->files) {
    if (!f || !f->file) continue;
    for (const Decl* d : f->file->decls) {
      auto* fd = as<FuncDecl>(d);
      if (fd && fd->recv && fd->body && fd->name && fd->name->name == obj->name &&
          function_returns_closed(obj->package(), fd, depth, memo))
        return true;
    }
  }
  return false;
}

}  // namespace

bool is_connectionless_response_call(const sema::PackageInfo* info, const CallExpr* call) {
  auto* sel = info ? as<SelectorExpr>(unparen(call->fun)) : nullptr;
  const sema::Object* o = sel ? info->use_of(sel->sel) : nullptr;
  if (!o) return false;
  return o->pkg_path() == "net/http/httptest" || (o->pkg_path() == "net/http" && o->name == "ReadResponse");
}

bool returns_closed_response(const sema::PackageInfo* info, const CallExpr* call, ClosedResponseMemo* memo) {
  ClosedResponseMemo local;
  return closed_response_rec(info, call, 0, memo ? *memo : local);
}

bool call_releases(const sema::PackageInfo* info, const CallExpr* call, size_t index, bool response,
                   bool result_kept, int depth, bool close_only) {
  const bool unknown = !close_only;  // what a callee gotrap cannot see is assumed to do
  if (depth > kMaxDepth || !info) return unknown;
  const Expr* fun = unparen(call->fun);
  if (auto* lit = as<FuncLit>(fun)) return params_release(info, lit->type, lit->body, index, response, depth, close_only);
  const Ident* name = as<Ident>(fun);
  if (auto* sel = as<SelectorExpr>(fun)) name = sel->sel;
  if (auto* ix = as<IndexExpr>(fun)) name = as<Ident>(unparen(ix->x));  // generic instantiation
  const sema::Object* obj = name ? info->use_of(name) : nullptr;
  if (!obj) return unknown;
  switch (obj->kind) {
    case sema::ObjectKind::Builtin: return !close_only && obj->builtin == sema::Builtin::Append;
    case sema::ObjectKind::Func: {
      if (is_stdlib_object(obj)) return !close_only && result_kept && returns_closer(obj);
      auto* fd = as<FuncDecl>(obj->decl);
      if (!fd || !fd->body) return unknown;  // interface method, or no source
      return params_release(obj->package() ? obj->package() : info, fd->type, fd->body, index, response, depth, close_only);
    }
    case sema::ObjectKind::Var: {
      if (obj->is_field || obj->package_level || obj->is_param) return unknown;
      const FuncLit* lit = literal_of(obj);
      if (!lit) return unknown;
      return params_release(obj->package() ? obj->package() : info, lit->type, lit->body, index, response, depth, close_only);
    }
    case sema::ObjectKind::Unknown:
      return !close_only && !is_stdlib_object(obj);
    default: return unknown;  // conversions and the like: the value goes on, unknown where
  }
}

bool releases_in(const Closable& c, const Node* n, int depth) {
  if (!c.info || !c.var || !n) return false;
  bool released = false;
  inspect(n, [&](const Node* node, std::span<const Node* const> anc) {
    if (released) return Visit::stop;
    if (auto* lit = as<FuncLit>(node); lit && !anc.empty() && discarded_literal(lit, anc.back())) return Visit::skip;
    auto* id = as<Ident>(node);
    if (!id || id->name != c.var->name || c.info->use_of(id) != c.var) return Visit::descend;
    // Climb from the mention while it is the value itself (the response or its body).
    int level = c.response ? 0 : 1;  // 0: the response, 1: the body
    const Node* cur = id;
    for (size_t i = anc.size(); i > 0; --i) {
      const Node* parent = anc[i - 1];
      if (is<ParenExpr>(parent) || is<TypeAssertExpr>(parent)) {  // the same value, seen as another type
        cur = parent;
        continue;
      }
      if (auto* u = as<UnaryExpr>(parent)) {
        if (u->op != Tok::AND) break;
        cur = parent;
        continue;
      }
      if (auto* sel = as<SelectorExpr>(parent)) {
        if (sel->x != cur) break;
        if (level == 0 && sel->sel->name == "Body") {
          level = 1;
          cur = parent;
          continue;
        }
        released = level == 1 && sel->sel->name == "Close";  // called, or a method value
        // (*http.Response).Write sends the response and closes its body.
        if (level == 0 && sel->sel->name == "Write" && i >= 2 && is<CallExpr>(anc[i - 2])) {
          const sema::Object* m = c.info->use_of(sel->sel);
          released = m && m->is_method && m->owner == "Response" && m->pkg_path() == "net/http";
        }
        break;
      }
      if (auto* call = as<CallExpr>(parent)) {
        for (size_t k = 0; k < call->args.size(); ++k) {
          if (call->args[k] != cur) continue;
          const Node* up = i >= 2 ? anc[i - 2] : nullptr;
          bool kept = up && !is<ExprStmt>(up);
          if (auto* a = as<AssignStmt>(up); a && a->lhs.size() == 1 && is_blank(a->lhs[0])) kept = false;
          released = call_releases(c.info, call, k, level == 0, kept, depth, c.close_only);
        }
        break;
      }
      if (c.close_only) break;  // handing the value on is not closing it
      if (is<ReturnStmt>(parent) || is<CompositeLit>(parent) || is<SendStmt>(parent)) {
        released = !(is<SendStmt>(parent) && as<SendStmt>(parent)->chan == cur);
        break;
      }
      if (auto* kv = as<KeyValueExpr>(parent)) {
        released = kv->value == cur;
        break;
      }
      if (auto* a = as<AssignStmt>(parent)) {
        for (size_t k = 0; k < a->rhs.size(); ++k)
          if (a->rhs[k] == cur) released = !(a->lhs.size() == a->rhs.size() && is_blank(a->lhs[k]));
        break;
      }
      if (auto* v = as<ValueSpec>(parent)) {
        for (size_t k = 0; k < v->values.size(); ++k)
          if (v->values[k] == cur) released = !(v->names.size() == v->values.size() && v->names[k]->name == "_");
        break;
      }
      break;
    }
    return released ? Visit::stop : Visit::descend;
  });
  return released;
}

}  // namespace gotrap::rules::support
