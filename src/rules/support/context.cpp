#include "rules/support/context.h"

#include <array>

#include "facts/assign.h"
#include "facts/packages.h"
#include "rules/support/facts.h"
#include "rules/support/walk.h"
#include "sema/no_return.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;

namespace {

std::string_view unquote(std::string_view lit) {
  if (lit.size() >= 2 && (lit.front() == '"' || lit.front() == '`')) return lit.substr(1, lit.size() - 2);
  return lit;
}

const Ident* ident_of(const Expr* e) { return as<Ident>(unparen(e)); }


}  // namespace

ImportNames::ImportNames(const File* file) {
  if (!file) return;
  for (const ImportSpec* spec : file->imports) {
    if (!spec || !spec->path) continue;
    std::string_view path = unquote(spec->path->value);
    std::string_view local;
    if (spec->name) {
      local = spec->name->name;
      if (local == "_" || local == ".") continue;
    } else {
      size_t slash = path.rfind('/');
      local = slash == std::string_view::npos ? path : path.substr(slash + 1);
    }
    by_name_[local] = facts::canonical_package(path);
  }
}

std::string_view ImportNames::path_of(std::string_view local) const {
  auto it = by_name_.find(local);
  return it == by_name_.end() ? std::string_view() : it->second;
}

std::unordered_set<std::string_view> declared_names(const Node* fn) {
  std::unordered_set<std::string_view> names;
  auto add = [&](const Expr* e) {
    if (const Ident* id = ident_of(e)) names.insert(id->name);
  };
  for_each_node(fn, [&](const Node* n) {
    if (auto* f = as<Field>(n)) {
      for (const Ident* id : f->names) names.insert(id->name);
    } else if (auto* a = as<AssignStmt>(n)) {
      if (a->tok == Tok::DEFINE)
        for (const Expr* e : a->lhs) add(e);
    } else if (auto* v = as<ValueSpec>(n)) {
      for (const Ident* id : v->names) names.insert(id->name);
    } else if (auto* t = as<TypeSpec>(n)) {
      if (t->name) names.insert(t->name->name);
    } else if (auto* r = as<RangeStmt>(n)) {
      if (r->tok == Tok::DEFINE) add(r->key), add(r->value);
    }
  });
  return names;
}

std::string_view Resolver::member_of(const Expr* e, std::string_view path) const {
  auto* sel = as<SelectorExpr>(unparen(e));
  if (!sel || !sel->sel) return {};
  auto* x = as<Ident>(sel->x);
  if (!x) return {};
  if (sema) {
    if (const sema::Object* obj = sema->use_of(x)) {
      bool is_pkg = obj->kind == sema::ObjectKind::PkgName && facts::is_package(obj->imported_path, path);
      return is_pkg ? sel->sel->name : std::string_view();
    }
  }
  // Imports first: the cheaper question, and most selectors name no import of `path`.
  if (!imports || imports->path_of(x->name) != path) return {};
  if (locals && locals->count(x->name)) return {};
  return sel->sel->name;
}

bool Resolver::is_call_to(const Expr* e, std::string_view path, std::string_view name) const {
  auto* call = as<CallExpr>(unparen(e));
  return call && member_of(call->fun, path) == name;
}

ContextCall classify_context_call(const Resolver& r, const Expr* e) {
  auto* call = as<CallExpr>(unparen(e));
  if (!call) return ContextCall::none;
  std::string_view name = r.member_of(call->fun, "context");
  return name.empty() ? ContextCall::none : facts::context_call_named(name);
}

bool mentions_root_call(const PassFile& file, const Node* n) {
  return may_mention(file, n, "Background") || may_mention(file, n, "TODO");
}

bool is_context_type(const Resolver& r, const Expr* type) {
  return r.member_of(type, "context") == "Context";
}

bool is_http_request_pointer(const Resolver& r, const Expr* type) {
  auto* star = as<StarExpr>(unparen(type));
  return star && r.member_of(star->x, "net/http") == "Request";
}

StructTypes package_struct_types(const Pass& pass) {
  StructTypes out;
  for (const PassFile& pass_file : pass.files()) {
    const File* file = pass_file.parsed ? pass_file.parsed->file : nullptr;
    if (!file) continue;
    for (const Decl* d : file->decls) {
      auto* gd = as<GenDecl>(d);
      if (!gd || gd->tok != Tok::TYPE) continue;
      for (const Spec* s : gd->specs) {
        auto* ts = as<TypeSpec>(s);
        if (!ts || !ts->name || valid(ts->assign)) continue;
        if (auto* st = as<StructType>(ts->type)) out.emplace(ts->name->name, st);
      }
    }
  }
  return out;
}

namespace {

bool usable_name(std::string_view name) { return !name.empty() && name != "_"; }

// The first named parameter of `fn` whose type satisfies `pred`.
template <class Pred>
const Ident* param_where(const FuncType* type, Pred pred) {
  if (!type || !type->params) return nullptr;
  for (const Field* f : type->params->list) {
    if (!f->type || !pred(f->type)) continue;
    for (const Ident* id : f->names)
      if (usable_name(id->name)) return id;
  }
  return nullptr;
}

// `recv.field` where field is a context.Context field of the receiver's struct type.
AvailableContext receiver_field(const Resolver& r, const StructTypes& structs, const FuncDecl* fd) {
  if (!fd->recv || fd->recv->list.size() != 1) return {};
  const Field* recv = fd->recv->list[0];
  if (recv->names.size() != 1 || !usable_name(recv->names[0]->name)) return {};
  const Expr* t = unparen(recv->type);
  if (auto* star = as<StarExpr>(t)) t = unparen(star->x);
  if (auto* ix = as<IndexExpr>(t)) t = ix->x;
  if (auto* ixl = as<IndexListExpr>(t)) t = ixl->x;
  auto* name = as<Ident>(t);
  if (!name) return {};
  auto it = structs.find(name->name);
  if (it == structs.end() || !it->second->fields) return {};
  // A struct that also keeps a cancel function owns its context's lifetime (a server, a stream),
  // unlike a per-request logic struct: its context is not the caller's.
  for (const Field* f : it->second->fields->list) {
    if (r.member_of(f->type, "context") == "CancelFunc") return {};
    for (const Ident* id : f->names) {
      std::string lower;
      for (char c : id->name) lower += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (lower.find("cancel") != std::string::npos) return {};
    }
  }
  for (const Field* f : it->second->fields->list) {
    if (!f->type || !is_context_type(r, f->type)) continue;
    for (const Ident* id : f->names) {
      if (!usable_name(id->name)) continue;
      std::string_view base = recv->names[0]->name;
      return {std::string(base) + "." + std::string(id->name), base, fd, AvailableContext::Source::field};
    }
  }
  return {};
}

}  // namespace

AvailableContext available_context(const Resolver& r, const StructTypes& structs,
                                   std::span<const Node* const> ancestors) {
  for (size_t i = ancestors.size(); i-- > 0;) {
    const Node* fn = ancestors[i];
    const FuncType* type = nullptr;
    if (auto* fd = as<FuncDecl>(fn)) type = fd->type;
    else if (auto* fl = as<FuncLit>(fn)) type = fl->type;
    else continue;
    if (const Ident* id = param_where(type, [&](const Expr* t) { return is_context_type(r, t); }))
      return {std::string(id->name), id->name, fn};
    // A request counts in handlers only (next to a ResponseWriter): a client-side function that
    // takes a request to send may give it a context of its own on purpose.
    bool handler = param_where(type, [&](const Expr* t) {
                     return r.member_of(t, "net/http") == "ResponseWriter";
                   }) != nullptr;
    if (const Ident* id = param_where(type, [&](const Expr* t) { return is_http_request_pointer(r, t); });
        id && handler)
      return {std::string(id->name) + ".Context()", id->name, fn, AvailableContext::Source::request};
    if (auto* fd = as<FuncDecl>(fn)) {
      AvailableContext field = receiver_field(r, structs, fd);
      if (!field.expr.empty()) return field;
    }
  }
  return {};
}

LocalValues::LocalValues(const Resolver& r, const Node* fn) : r_(r) {
  // Every assignment form alike (facts/assign.h). A declaration without a value (`var req T`)
  // followed by one assignment is a single write: the zero value is never the one used.
  std::unordered_map<std::string_view, int> zero_decls;
  facts::for_each_write(fn, [&](const facts::Write& w) {
    Def& d = defs_[w.target->name];
    if (w.zero_decl()) {
      ++zero_decls[w.target->name];
      d.writes += 1;
      return;
    }
    bool plain = w.form == facts::WriteForm::define || w.form == facts::WriteForm::assign ||
                 w.form == facts::WriteForm::var_decl;
    d.writes += plain ? 1 : 2;
    if (plain) d.value = w.value, d.index = w.index;
  });
  for (auto& [name, zeros] : zero_decls) {
    Def& d = defs_[name];
    if (d.writes > zeros) d.writes -= zeros;
  }
  // Parameters and results are written by the caller.
  for_each_node(fn, [&](const Node* n) {
    if (auto* f = as<Field>(n))
      for (const Ident* id : f->names) defs_[id->name].writes += 2;
  });
}

const Expr* LocalValues::value_of(std::string_view name, int* result_index) const {
  auto it = defs_.find(name);
  if (it == defs_.end() || it->second.writes != 1 || !it->second.value) return nullptr;
  if (result_index) *result_index = it->second.index;
  return it->second.value;
}

Deadline LocalValues::deadline_of(const Expr* e) const { return deadline_rec(e, 0); }

Deadline LocalValues::deadline_rec(const Expr* e, int depth) const {
  if (depth > 16 || !e) return Deadline::unknown;
  e = unparen(e);
  if (auto* id = as<Ident>(e)) {
    int index = -1;
    const Expr* v = value_of(id->name, &index);
    if (!v || index > 0) return Deadline::unknown;
    return deadline_rec(v, depth + 1);
  }
  ContextCall c = classify_context_call(r_, e);
  if (is_root(c)) return Deadline::none;
  if (sets_deadline(c)) return Deadline::bounded;
  if (c == ContextCall::with_cancel || c == ContextCall::with_cancel_cause ||
      c == ContextCall::with_value) {
    auto* call = as<CallExpr>(e);
    if (call->args.empty()) return Deadline::unknown;
    return deadline_rec(call->args[0], depth + 1);
  }
  return Deadline::unknown;
}

bool LocalValues::derived_through_wrapper(const Expr* e) const { return wrapper_rec(e, 0); }

bool LocalValues::wrapper_rec(const Expr* e, int depth) const {
  if (depth > 16 || !e) return false;
  e = unparen(e);
  if (auto* id = as<Ident>(e)) {
    int index = -1;
    const Expr* v = value_of(id->name, &index);
    return v && index <= 0 && wrapper_rec(v, depth + 1);
  }
  ContextCall c = classify_context_call(r_, e);
  return c == ContextCall::with_cancel || c == ContextCall::with_cancel_cause ||
         c == ContextCall::with_value;
}

namespace {

// Visits the mentions of `decl`'s name in `fn` (the declaration itself left out) with their
// ancestors; stops at the first mention `ok` rejects.
template <class Ok>
bool all_mentions(const Node* fn, const Ident* decl, const sema::PackageInfo* info, Ok ok) {
  // With sema, identifiers resolved to another variable of the same name are not mentions;
  // unresolved ones still count (the answer errs towards "mentioned", hence quiet).
  const sema::Object* var = info ? info->object_of(decl) : nullptr;
  bool all = true;
  inspect(fn, [&](const Node* n, std::span<const Node* const> anc) {
    auto* id = as<Ident>(n);
    if (!id || id == decl || id->name != decl->name || anc.empty()) return Visit::descend;
    if (var) {
      const sema::Object* o = info->object_of(id);
      if (o && o != var) return Visit::descend;
    }
    bool inside_other = false;
    for (const Node* a : anc)
      if (a != fn && (is<FuncLit>(a) || is<GoStmt>(a))) inside_other = true;
    if (auto* sel = as<SelectorExpr>(anc.back()); sel && sel->sel == id) return Visit::descend;
    if (inside_other || !ok(id, anc)) all = false;
    return all ? Visit::descend : Visit::stop;
  });
  return all;
}

}  // namespace

bool only_called_here(const Node* fn, const Ident* decl, const sema::PackageInfo* info) {
  return all_mentions(fn, decl, info, [](const Ident* id, std::span<const Node* const> anc) {
    auto* call = as<CallExpr>(anc.back());
    const Node* holder = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
    return call && call->fun == id && (is<ExprStmt>(holder) || is<DeferStmt>(holder));
  });
}

bool only_passed_here(const Node* fn, const Ident* decl, const sema::PackageInfo* info) {
  return all_mentions(fn, decl, info, [](const Ident* id, std::span<const Node* const> anc) {
    const Node* parent = anc.back();
    if (auto* sel = as<SelectorExpr>(parent)) return sel->x == id;
    auto* call = as<CallExpr>(parent);
    if (!call) return false;
    for (const Expr* a : call->args)
      if (a == id) return true;
    return false;
  });
}

std::string comment_above(std::string_view text, uint32_t offset) {
  std::string out;
  if (offset > text.size()) return out;
  size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  while (line_start != std::string_view::npos && line_start > 0) {
    size_t prev = text.rfind('\n', line_start - 1);
    size_t begin = prev == std::string_view::npos ? 0 : prev + 1;
    std::string_view line = text.substr(begin, line_start - begin);
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line.substr(first, 2) != "//") break;
    for (char c : line.substr(first)) out += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    out += '\n';
    if (prev == std::string_view::npos) break;
    line_start = prev;
  }
  return out;
}

bool is_test_support(const PassFile& file) {
  if (file.is_test) return true;
  const File* f = file.parsed ? file.parsed->file : nullptr;
  if (!f) return false;
  if (f->name && f->name->name.find("test") != std::string_view::npos) return true;
  // Test frameworks and helpers: they import the testing package or a test framework.
  for (const ImportSpec* spec : f->imports) {
    if (!spec || !spec->path) continue;
    std::string_view path = unquote(spec->path->value);
    if (path == "testing" || path.find("onsi/ginkgo") != std::string_view::npos ||
        path.find("onsi/gomega") != std::string_view::npos ||
        path.find("stretchr/testify") != std::string_view::npos)
      return true;
  }
  return false;
}

std::string_view node_text(std::string_view file_text, const Node* n) {
  if (!n) return {};
  Pos start = n->pos(), end = n->end();
  if (!valid(start) || !valid(end) || start > end || end > file_text.size()) return {};
  return file_text.substr(start, end - start);
}

std::string_view callee_name(const CallExpr* call) {
  const Expr* fun = unparen(call->fun);
  for (int i = 0; i < 4; ++i) {
    if (auto* ix = as<IndexExpr>(fun)) fun = unparen(ix->x);
    else if (auto* ixl = as<IndexListExpr>(fun)) fun = unparen(ixl->x);
  }
  if (auto* id = as<Ident>(fun)) return id->name;
  if (auto* sel = as<SelectorExpr>(fun); sel && sel->sel) return sel->sel->name;
  return "the function";
}

bool is_no_return_call(const Resolver& r, const Expr* e) {
  e = unparen(e);
  // Without a semantic model, a local named panic still hides the builtin.
  if (!r.sema && r.locals && r.locals->count("panic")) {
    auto* call = as<CallExpr>(e);
    auto* id = call ? as<Ident>(unparen(call->fun)) : nullptr;
    if (id && id->name == "panic") return false;
  }
  return sema::is_no_return_call(e, r.sema, sema::UnresolvedCallee::NeverReturnsIfNamedSo);
}

}  // namespace gotrap::rules::support
