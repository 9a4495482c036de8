// Package-level collection, lazy typing of package-level objects, declarations, and Program.
#include <algorithm>

#include "sema/checker.h"
#include "sema/stdlib.h"

namespace gotrap::sema {

using namespace ast;

Object* Checker::new_object(ObjectKind kind, std::string_view name, const Ident* ident) {
  Object& o = *objects_.make();
  o.kind = kind;
  o.name = name;
  o.ident = ident;
  o.origin = origin_;
  o.decl_scope = scope_;
  return &o;
}

Scope* Checker::new_scope(const Scope* parent) { return scopes_.make(parent); }

void Checker::declare(Scope* scope, Object* obj, const Ident* ident) {
  if (ident) def(ident, obj);
  if (obj->name != "_" && scope) scope->insert(obj);
}

const PackageInfo* Checker::find_package(std::string_view path) {
  if (path == "unsafe") return unsafe_.get();
  return program_.find(path);
}

Checker::Checker(Program& program) : program_(program), types_(program.types_) { build_universe(); }

// A member of an import gotrap has no source for: `path.Name`, kind and type unknown.
const Object* Checker::external_member(std::string_view path, std::string_view name) {
  // Looked up once per selector on such an import: no strings are built unless the member is new.
  auto pit = externals_.find(path);
  if (pit == externals_.end()) pit = externals_.try_emplace(strings_.emplace_back(path)).first;
  auto& members = pit->second;
  auto it = members.find(name);
  if (it != members.end()) return it->second;
  Object& o = *objects_.make();
  o.kind = ObjectKind::Unknown;
  o.external_path = pit->first;
  o.name = strings_.emplace_back(name);
  o.package_level = true;
  o.typed = true;
  members.emplace(o.name, &o);
  return &o;
}

std::string_view import_path_of(const ImportSpec* spec) {
  std::string_view v = spec->path ? spec->path->value : std::string_view();
  if (v.size() >= 2) v = v.substr(1, v.size() - 2);
  return v;
}

// Name a package is imported under when the import has no explicit name and gotrap lacks its
// source: the last path element, skipping a major-version suffix (as most module layouts do),
// then as goimports assumes: without a gopkg.in ".vN" suffix, a "go-" prefix or a "-go" suffix,
// up to the first character an identifier cannot hold (github.com/redis/go-redis/v9 -> redis,
// github.com/segmentio/kafka-go -> kafka, gopkg.in/yaml.v3 -> yaml).
static std::string_view guess_package_name(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (last.size() >= 2 && last[0] == 'v' && std::all_of(last.begin() + 1, last.end(), ::isdigit) &&
      slash != std::string_view::npos) {
    return guess_package_name(path.substr(0, slash));
  }
  if (size_t dot = last.rfind(".v"); dot != std::string_view::npos && dot + 2 < last.size() &&
                                     std::all_of(last.begin() + dot + 2, last.end(), ::isdigit))
    last = last.substr(0, dot);
  if (last.starts_with("go-") && last.size() > 3) last = last.substr(3);
  if (last.ends_with("-go") && last.size() > 3) last = last.substr(0, last.size() - 3);
  size_t end = 0;
  while (end < last.size() && (::isalnum(static_cast<unsigned char>(last[end])) || last[end] == '_' ||
                               static_cast<unsigned char>(last[end]) >= 0x80))
    ++end;
  return end == 0 ? last : last.substr(0, end);
}

// Inside the standard library, imports outside it (a dot in the first path element) resolve to
// the std module's vendor directory, as the go command does.
std::optional<std::string> std_vendored_path(std::string_view path) {
  std::string_view first = path.substr(0, path.find('/'));
  if (first.find('.') == std::string_view::npos) return std::nullopt;
  return "vendor/" + std::string(path);
}

std::string_view Checker::vendored_path(std::string_view path) {
  std::optional<std::string> vendored = std_vendored_path(path);
  return vendored ? std::string_view(strings_.emplace_back(std::move(*vendored))) : path;
}

void Checker::collect(PackageInfo& pkg) {
  pkg_ = &pkg;
  Scope* pkg_scope = new_scope(universe_);
  pkg.scope = pkg_scope;
  for (const syntax::ParsedFile* f : pkg.files) collect_file(pkg, *f, pkg_scope);
  pkg_ = nullptr;
  origin_ = &kNoOrigin;
  scope_ = nullptr;
}

void Checker::collect_file(PackageInfo& pkg, const syntax::ParsedFile& file, Scope* pkg_scope) {
  FileContext& context = files_[&file];
  context.origin = {&pkg, &file};
  origin_ = &context.origin;
  Scope* file_scope = new_scope(pkg_scope);
  context.scope = file_scope;
  scope_ = file_scope;
  std::vector<const FuncDecl*> methods;
  for (const Node* d : file.file->decls) {
    if (const auto* gd = as<GenDecl>(d)) {
      const ValueSpec* last_with_values = nullptr;
      int iota = 0;
      for (const Node* spec : gd->specs) {
        if (const auto* is = as<ImportSpec>(spec)) {
          std::string_view path = import_path_of(is);
          if (pkg.vendor_std_imports) path = vendored_path(path);
          const PackageInfo* imported = find_package(path);
          std::string_view name = is->name ? is->name->name
                                  : imported ? std::string_view(imported->name)
                                             : guess_package_name(path);
          Object* o = new_object(ObjectKind::PkgName, name, is->name);
          o->decl = is;  // its position when it has no name (never typed lazily: `typed` below)
          o->imported = imported;  // replaces decl_scope: an import is never typed lazily
          o->imported_path = path;
          o->typed = true;
          if (is->name) def(is->name, o);
          if (name == ".") {
            if (imported) pending_dot_imports_.push_back({file_scope, imported});
            else external_dot_imports_.push_back({file_scope, path});
          } else if (name != "_") {
            file_scope->insert(o);
          }
        } else if (const auto* vs = as<ValueSpec>(spec)) {
          bool is_const = gd->tok == Tok::CONST;
          if (is_const && (!vs->values.empty() || vs->type)) last_with_values = vs;
          for (uint32_t i = 0; i < vs->names.size(); ++i) {
            Object* o = new_object(is_const ? ObjectKind::Const : ObjectKind::Var, vs->names[i]->name, vs->names[i]);
            o->package_level = true;
            o->decl = is_const ? (last_with_values ? last_with_values : vs) : vs;
            o->value_index = int(i);
            declare(pkg_scope, o, vs->names[i]);
            if (is_const) o->iota = iota;
          }
          ++iota;
        } else if (const auto* ts = as<TypeSpec>(spec)) {
          Object* o = new_object(ObjectKind::TypeName, ts->name->name, ts->name);
          o->package_level = true;
          o->decl = ts;
          Type* t = types_.make(valid(ts->assign) ? TypeKind::Alias : TypeKind::Named);
          t->name = o->name;
          t->obj = o;
          t->generic = ts->type_params && !ts->type_params->list.empty();
          o->type = t;
          o->typed = t->kind == TypeKind::Named;  // an alias's target is resolved on demand
          declare(pkg_scope, o, ts->name);
        }
      }
    } else if (const auto* fd = as<FuncDecl>(d)) {
      if (fd->recv) {
        methods.push_back(fd);
        continue;
      }
      Object* o = new_object(ObjectKind::Func, fd->name->name, fd->name);
      o->package_level = true;
      o->decl = fd;
      if (fd->name->name == "init") def(fd->name, o);
      else declare(pkg_scope, o, fd->name);
    }
  }
  for (const FuncDecl* fd : methods) {
    Object* o = new_object(ObjectKind::Func, fd->name->name, fd->name);
    o->decl = fd;
    o->is_method = true;
    o->package_level = true;
    def(fd->name, o);
    if (fd->recv->list.empty()) continue;
    const Node* rt = fd->recv->list[0]->type;
    for (int guard = 0; rt && guard < 8; ++guard) {
      if (const auto* st = as<StarExpr>(rt)) rt = st->x;
      else if (const auto* pe = as<ParenExpr>(rt)) rt = pe->x;
      else if (const auto* ie = as<IndexExpr>(rt)) rt = ie->x;
      else if (const auto* il = as<IndexListExpr>(rt)) rt = il->x;
      else break;
    }
    const auto* base = as<Ident>(rt);
    if (!base) continue;
    o->owner = base->name;
    pending_methods_.push_back({pkg_scope, base->name, o});
  }
}

void Checker::attach_methods() {
  // Dot imports: the package's exported members join the file scope (all scopes exist now).
  for (auto& [file_scope, imported] : pending_dot_imports_) {
    if (!imported->scope) continue;
    for (auto& [n, member] : imported->scope->names())
      if (!n.empty() && n[0] >= 'A' && n[0] <= 'Z') file_scope->insert(member);
  }
  pending_dot_imports_.clear();
  // Methods join their type's list; each type's new methods are gathered first (in declaration
  // order) so its list is copied once, not grown method by method.
  std::vector<std::pair<Type*, Method>> found;
  found.reserve(pending_methods_.size());
  for (const PendingMethod& m : pending_methods_) {
    const Object* tn = m.scope->lookup_local(m.type_name);
    if (!tn || tn->kind != ObjectKind::TypeName || !tn->type || tn->type->kind != TypeKind::Named) continue;
    found.push_back({const_cast<Type*>(tn->type), Method{m.method->name, nullptr, m.method}});
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < found.size();) {
    Type* named = found[i].first;
    ListBuilder<Method> methods = types_.methods();
    for (const Method& m : named->methods) methods.push_back(m);  // from an earlier analyze()
    for (; i < found.size() && found[i].first == named; ++i) methods.push_back(found[i].second);
    named->methods = methods.finish();
  }
  pending_methods_.clear();
  // Types gained methods. (Analysed one package at a time, many packages declare none.)
  if (!found.empty()) std::fill(member_cache_.begin(), member_cache_.end(), MemberLookup{});
}

// Switches the walk to the declaration context of a package-level object and back.
struct Checker::ContextSwitch {
  Checker& c;
  PackageInfo* pkg;
  Scope* scope;
  const ObjectOrigin* origin;
  bool scope_pending;
  ContextSwitch(Checker& checker, const Object* obj)
      : c(checker), pkg(checker.pkg_), scope(checker.scope_), origin(checker.origin_),
        scope_pending(checker.scope_pending_) {
    c.pkg_ = const_cast<PackageInfo*>(obj->package());
    c.scope_ = const_cast<Scope*>(obj->decl_scope);
    c.scope_pending_ = false;
    c.origin_ = obj->origin;
    ++c.lazy_depth_;
  }
  ~ContextSwitch() {
    c.pkg_ = pkg;
    c.scope_ = scope;
    c.scope_pending_ = scope_pending;
    c.origin_ = origin;
    --c.lazy_depth_;
  }
};

const Type* Checker::type_lazily(const Object* cobj) {
  if (!cobj) return nullptr;
  if (cobj->typed) return cobj->type;
  Object* obj = const_cast<Object*>(cobj);
  // Chains of declarations each typed from the next (var a = b; var b = c; ...) recurse here:
  // past a depth no real program reaches, answer unknown instead of exhausting the stack.
  if (obj->typing || !obj->decl || lazy_depth_ > kMaxLazyDepth) return nullptr;
  obj->typing = true;
  const Type* t = lazy_type(obj);
  obj->typing = false;
  obj->type = t;
  obj->typed = true;
  return t;
}

const Type* Checker::default_type(const Type* t) const {
  if (!is_untyped(t)) return t;
  switch (t->basic) {
    case BasicKind::UntypedBool: return types_.basic(BasicKind::Bool);
    case BasicKind::UntypedInt: return types_.basic(BasicKind::Int);
    case BasicKind::UntypedRune: return types_.rune_type();
    case BasicKind::UntypedFloat: return types_.basic(BasicKind::Float64);
    case BasicKind::UntypedComplex: return types_.basic(BasicKind::Complex128);
    case BasicKind::UntypedString: return types_.basic(BasicKind::String);
    default: return nullptr;
  }
}

const Type* Checker::lazy_type(Object* obj) {
  ContextSwitch ctx(*this, obj);
  if (const auto* vs = as<ValueSpec>(obj->decl)) {
    if (obj->kind == ObjectKind::Const) {
      int saved = iota_;
      iota_ = obj->iota;
      const Type* t = vs->type ? type_expr(vs->type)
                      : size_t(obj->value_index) < vs->values.size() ? expr(vs->values[obj->value_index]).type
                                                                     : nullptr;
      iota_ = saved;
      return t;
    }
    if (vs->type) return type_expr(vs->type);
    TypeBuffer ts;
    rhs_types(vs->values, vs->names.size(), true, ts);
    return size_t(obj->value_index) < ts.size() ? ts[obj->value_index] : nullptr;
  }
  if (const auto* ts = as<TypeSpec>(obj->decl)) {
    if (obj->type && obj->type->kind == TypeKind::Alias) {
      Type* alias = const_cast<Type*>(obj->type);
      if (!alias->elem) alias->elem = type_expr(ts->type);
    }
    return obj->type;
  }
  if (const auto* fd = as<FuncDecl>(obj->decl)) {
    ScopeGuard g(*this);
    return signature_of(fd->type, fd->recv, false);
  }
  return nullptr;
}

// Named types get their underlying type on first need, in their own declaration context.
const Type* Checker::named_underlying(const Type* named) {
  if (!named || named->kind != TypeKind::Named) return underlying(named);
  if (named->underlying_ || !named->obj || resolving_.count(named)) return underlying(named);
  if (resolving_.size() > size_t(kMaxLazyDepth)) return nullptr;
  const Object* obj = named->obj;
  const auto* ts = as<TypeSpec>(obj->decl);
  if (!ts) return nullptr;
  resolving_.insert(named);
  const Type* u = nullptr;
  {
    ContextSwitch ctx(*this, obj);
    Scope* saved = scope_;
    if (ts->type_params && !ts->type_params->list.empty()) {
      scope_ = new_scope(scope_);
      declare_type_params(ts->type_params);
    }
    const Type* rhs = nullptr;
    if (const auto* st = as<StructType>(ts->type)) rhs = struct_type(st, obj->name);
    else if (const auto* it = as<InterfaceType>(ts->type)) rhs = interface_type(it, obj->name);
    else rhs = type_expr(ts->type);
    scope_ = saved;
    u = rhs && rhs->kind == TypeKind::Named ? named_underlying(rhs) : underlying(rhs);
    if (rhs && rhs->kind == TypeKind::TypeParam) u = nullptr;
  }
  resolving_.erase(named);
  const_cast<Type*>(named)->underlying_ = u;
  return u;
}

void Checker::declare_type_params(const FieldList* tparams) {
  if (!tparams) return;
  std::vector<std::pair<Object*, const Node*>> declared;
  for (const Field* f : tparams->list) {
    for (const Ident* name : f->names) {
      Object* o = new_object(ObjectKind::TypeName, name->name, name);
      Type* t = types_.make(TypeKind::TypeParam);
      t->name = name->name;
      t->obj = o;
      o->type = t;
      o->typed = true;
      declare(current_scope(), o, name);
      declared.push_back({o, f->type});
    }
  }
  // Constraints may refer to any type parameter of the list, so resolve them after declaring all.
  const Node* last = nullptr;
  for (auto& [o, constraint] : declared) {
    if (constraint && constraint != last) type_expr(constraint);
    last = constraint;
  }
}

// Receiver type parameters: `func (l *List[T]) ...` declares T.
static void receiver_type_params(const FieldList* recv, SmallVector<const Ident*, 4>& out) {
  if (!recv || recv->list.empty()) return;
  const Node* t = recv->list[0]->type;
  for (int guard = 0; t && guard < 8; ++guard) {
    if (const auto* st = as<StarExpr>(t)) t = st->x;
    else if (const auto* pe = as<ParenExpr>(t)) t = pe->x;
    else break;
  }
  if (const auto* ie = as<IndexExpr>(t)) {
    if (const auto* id = as<Ident>(ie->index)) out.push_back(id);
  } else if (const auto* il = as<IndexListExpr>(t)) {
    for (const Node* e : il->indices)
      if (const auto* id = as<Ident>(e)) out.push_back(id);
  }
}

// Parameters (or results) a field list declares: one per name, one per unnamed field.
static size_t var_count(const FieldList* fl) {
  size_t n = 0;
  if (fl)
    for (const Field* f : fl->list) n += f->names.empty() ? 1 : f->names.size();
  return n;
}

const Type* Checker::signature_of(const FuncType* ft, const FieldList* recv, bool declare_params,
                                  bool want_type, const Type* resolved) {
  SmallVector<const Ident*, 4> rtparams;
  receiver_type_params(recv, rtparams);
  for (const Ident* id : rtparams) {
    Object* o = new_object(ObjectKind::TypeName, id->name, id);
    Type* t = types_.make(TypeKind::TypeParam);
    t->name = id->name;
    t->obj = o;
    o->type = t;
    o->typed = true;
    declare(current_scope(), o, id);
  }
  if (ft->type_params) declare_type_params(ft->type_params);
  Type* sig = nullptr;
  if (want_type) {
    sig = types_.make(TypeKind::Func);
    sig->generic = (ft->type_params && !ft->type_params->list.empty()) || !rtparams.empty();
  }
  // A complete, non-generic signature built from this FuncType before (in the same scope, which
  // recorded what its type expressions use) gives the parameters' types without resolving them
  // again. (With type parameters, each pass declares its own objects, which the uses refer to.)
  // Only when no new signature is built: the reused types do not say which one is variadic.
  bool reuse = !sig && resolved && resolved->kind == TypeKind::Func && resolved->complete && !resolved->generic &&
               rtparams.empty() && !(ft->type_params && !ft->type_params->list.empty()) &&
               resolved->params.size() == var_count(ft->params) &&
               resolved->results.size() == var_count(ft->results);
  SmallVector<std::pair<Object*, const Ident*>, 8> to_declare;
  auto vars = [&](const FieldList* fl, ListBuilder<Var>* out, const FixedList<Var>* known) {
    if (!fl) return;
    size_t k = 0;  // index in `known` of the field's first parameter
    for (const Field* f : fl->list) {
      const Type* t = nullptr;
      if (known) {
        t = (*known)[k].type;  // variadic: the slice type already
        k += f->names.empty() ? 1 : f->names.size();
      } else {
        const Node* te = f->type;
        bool variadic = false;
        if (const auto* el = as<Ellipsis>(te)) {
          te = el->elt;
          variadic = true;
        }
        // The receiver's base type (generic receivers resolve to the generic type itself).
        t = te ? type_expr(te) : nullptr;
        if (variadic) {
          t = types_.slice_of(t);
          if (sig) sig->variadic = true;
        }
      }
      if (!t && sig) sig->complete = false;
      auto add = [&](const Ident* name) {
        if (out) out->push_back(Var{name ? name->name : std::string_view(), t});
        if (declare_params && name) {
          Object* o = new_object(ObjectKind::Var, name->name, name);
          o->type = t;
          o->typed = true;
          o->is_param = true;
          to_declare.push_back({o, name});
        }
      };
      if (f->names.empty()) add(nullptr);
      for (const Ident* name : f->names) add(name);
    }
  };
  vars(recv, nullptr, nullptr);  // the receiver is not a parameter: nothing is added
  {
    ListBuilder<Var> params = types_.vars();
    vars(ft->params, sig ? &params : nullptr, reuse ? &resolved->params : nullptr);
    if (sig) sig->params = params.finish();
  }
  {
    ListBuilder<Var> results = types_.vars();
    vars(ft->results, sig ? &results : nullptr, reuse ? &resolved->results : nullptr);
    if (sig) sig->results = results.finish();
  }
  // Parameter names come into scope only after every parameter and result type is resolved.
  for (auto& [o, name] : to_declare) declare(current_scope(), o, name);
  return sig;
}

void Checker::check_package(PackageInfo& pkg) {
  pkg_ = &pkg;
  for (const syntax::ParsedFile* f : pkg.files) {
    FileContext& context = files_[f];
    if (!context.origin.package) context.origin = {&pkg, f};  // not collected: as a file of pkg
    scope_ = context.scope;
    origin_ = &context.origin;
    for (const Node* d : f->file->decls) check_decl(d);
  }
  pkg_ = nullptr;
  origin_ = &kNoOrigin;
  scope_ = nullptr;
}

// Underlying types of a stub package's named types (so sizes and member lookups work after
// analysis without going through the checker); functions and variables stay lazy.
void Checker::complete_types(PackageInfo& pkg) {
  if (!pkg.scope) return;
  for (auto& [name, obj] : pkg.scope->names()) {
    if (obj->kind != ObjectKind::TypeName) continue;
    const Type* t = object_type(obj);
    if (t && t->kind == TypeKind::Named) named_underlying(t);
  }
}

void Checker::check_decl(const Node* d) {
  if (const auto* fd = as<FuncDecl>(d)) {
    check_func_decl(fd);
    return;
  }
  const auto* gd = as<GenDecl>(d);
  if (!gd) return;
  for (const Node* spec : gd->specs) {
    if (const auto* vs = as<ValueSpec>(spec)) {
      for (const Ident* name : vs->names) object_type(pkg_->def_of(name));
      if (vs->type) type_expr(vs->type);
      for (const Node* v : vs->values) expr(v);
    } else if (const auto* ts = as<TypeSpec>(spec)) {
      const Object* o = pkg_->def_of(ts->name);
      object_type(o);
      if (o && o->type) {
        if (o->type->kind == TypeKind::Named) named_underlying(o->type);
        for (const Method& m : o->type->methods) object_type(m.obj);
      }
    }
  }
}

void Checker::check_func_decl(const FuncDecl* fd) {
  const Object* fn = pkg_->def_of(fd->name);
  const Type* sig = object_type(fn);
  ScopeGuard g(*this);
  signature_of(fd->type, fd->recv, true, false, sig);  // sig above is the function's type
  if (fd->body) func_body(sig, fd->body);
}

// ---- Program ----

Program::Program() : checker_(std::make_unique<Checker>(*this)) {}
Program::~Program() = default;

PackageInfo* Program::add_package(std::string import_path, std::vector<const syntax::ParsedFile*> files) {
  auto info = std::make_unique<PackageInfo>();
  info->import_path = std::move(import_path);
  for (const syntax::ParsedFile* f : files)
    if (f && f->file && f->file->name && info->name.empty()) info->name = std::string(f->file->name->name);
  info->files = std::move(files);
  packages_.push_back(std::move(info));
  by_path_[packages_.back()->import_path] = packages_.back().get();
  return packages_.back().get();
}

const PackageInfo* Program::find(std::string_view import_path) const {
  auto it = by_path_.find(std::string(import_path));
  return it == by_path_.end() ? nullptr : it->second;
}

void Program::retire(const PackageInfo* info) {
  auto it = by_path_.find(info->import_path);
  if (it != by_path_.end() && it->second == info) by_path_.erase(it);
}

const Scope& Program::universe() const { return checker_->universe(); }

// Adds, for every import that no added package provides, the standard-library stub (and the
// stubs those import in turn).
void Program::add_stdlib_imports(size_t first) {
  for (size_t i = first; i < packages_.size(); ++i) {
    const PackageInfo& pkg = *packages_[i];
    for (const syntax::ParsedFile* f : pkg.files) {
      for (const ImportSpec* is : f->file->imports) {
        std::string path(import_path_of(is));
        if (pkg.vendor_std_imports && path.substr(0, path.find('/')).find('.') != std::string::npos)
          path = "vendor/" + path;
        if (path == "unsafe" || find(path)) continue;
        const StdlibStub* stub = find_stdlib_stub(path);
        if (!stub) continue;
        auto parsed = syntax::parse_file(path + ".go", std::string(stub->source));
        PackageInfo* info = add_package(path, {parsed.get()});
        info->from_stdlib_table = true;
        stub_files_.push_back(std::move(parsed));
      }
    }
  }
}

void Program::analyze() {
  size_t first = analyzed_;
  add_stdlib_imports(first);
  for (size_t i = first; i < packages_.size(); ++i) checker_->collect(*packages_[i]);
  checker_->attach_methods();
  // Standard-library stubs are only declarations: their objects are typed when first needed.
  for (size_t i = first; i < packages_.size(); ++i) {
    if (!packages_[i]->from_stdlib_table) checker_->check_package(*packages_[i]);
    else checker_->complete_types(*packages_[i]);
  }
  analyzed_ = packages_.size();
}

void Program::release(const std::vector<PackageInfo*>& packages) {
  for (PackageInfo* info : packages) {
    for (const syntax::ParsedFile* file : info->files) checker_->forget_file(file);
    info->files.clear();
    info->idents.release();
    info->types.release();
    info->expression_files = {};
  }
  if (!packages.empty()) checker_->clear_member_cache();
}

const Type* Program::type_of_object(const Object* obj) { return checker_->object_type(obj); }

}  // namespace gotrap::sema
