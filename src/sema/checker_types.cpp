// Type expressions -> Type, and the universe scope.
#include <algorithm>
#include <cstdlib>

#include "sema/checker.h"

namespace gotrap::sema {

using namespace ast;

namespace {

bool is_exported(std::string_view name) { return !name.empty() && name[0] >= 'A' && name[0] <= 'Z'; }

// Decodes a Go string literal (interpreted or raw) for struct tags; false on escapes we do not
// decode. Most tags need no decoding: their value is a view of the source text (which outlives
// the analysis); others are decoded into `decoded` and must be saved by the caller.
bool unquote(std::string_view lit, std::string_view& out, std::string& decoded) {
  if (lit.size() < 2) return false;
  char q = lit[0];
  lit = lit.substr(1, lit.size() - 2);
  if (q == '`') {
    if (lit.find('\r') == std::string_view::npos) {
      out = lit;
      return true;
    }
    for (char c : lit)
      if (c != '\r') decoded += c;
    out = decoded;
    return true;
  }
  if (lit.find('\\') == std::string_view::npos) {
    out = lit;
    return true;
  }
  for (size_t i = 0; i < lit.size(); ++i) {
    char c = lit[i];
    if (c != '\\') {
      decoded += c;
      continue;
    }
    if (++i >= lit.size()) {
      out = decoded;  // what came before the bad escape stays the tag, as it always did
      return false;
    }
    switch (lit[i]) {
      case '"': decoded += '"'; break;
      case '\\': decoded += '\\'; break;
      case 'n': decoded += '\n'; break;
      case 't': decoded += '\t'; break;
      case 'r': decoded += '\r'; break;
      case '\'': decoded += '\''; break;
      default:
        out = decoded;
        return false;
    }
  }
  out = decoded;
  return true;
}

}  // namespace

const Type* Checker::type_expr(const Expr* e) {
  if (!e || nesting_ > 2000) return nullptr;
  struct Guard {
    int& n;
    explicit Guard(int& x) : n(x) { ++n; }
    ~Guard() { --n; }
  } guard(nesting_);
  switch (e->kind) {
    case Kind::Ident:
    case Kind::SelectorExpr: {
      Operand op = expr(e);
      return op.mode == Operand::TypeExpr ? op.type : nullptr;
    }
    case Kind::ParenExpr: return type_expr(static_cast<const ParenExpr*>(e)->x);
    case Kind::IndexExpr: {
      // Instantiation: resolve the arguments; the result is the generic type itself, which
      // answers member lookups but is never printed as an expression type.
      const auto* ie = static_cast<const IndexExpr*>(e);
      const Type* base = type_expr(ie->x);
      type_expr(ie->index);
      return base;
    }
    case Kind::IndexListExpr: {
      const auto* il = static_cast<const IndexListExpr*>(e);
      const Type* base = type_expr(il->x);
      for (const Node* arg : il->indices) type_expr(arg);
      return base;
    }
    case Kind::StarExpr: return types_.pointer_to(type_expr(static_cast<const StarExpr*>(e)->x));
    case Kind::ArrayType: {
      const auto* at = static_cast<const ArrayType*>(e);
      const Type* elem = type_expr(at->elt);
      if (!at->len) return types_.slice_of(elem);
      Type* t = types_.make(TypeKind::Array);
      t->elem = elem;
      if (!is<Ellipsis>(at->len)) {
        Operand len = expr(at->len);
        t->length = len.mode == Operand::Constant ? constant_int(at->len, pkg_) : -1;
      }
      // A length gotrap cannot evaluate leaves the array usable (elements, members) but unprinted
      // and unsized.
      if (!elem) return nullptr;
      return t;
    }
    case Kind::MapType: {
      const auto* mt = static_cast<const MapType*>(e);
      const Type* key = type_expr(mt->key);
      const Type* value = type_expr(mt->value);
      if (!key || !value) return nullptr;
      Type* t = types_.make(TypeKind::Map);
      t->key = key;
      t->elem = value;
      return t;
    }
    case Kind::ChanType: {
      const auto* ct = static_cast<const ChanType*>(e);
      const Type* value = type_expr(ct->value);
      if (!value) return nullptr;
      Type* t = types_.make(TypeKind::Chan);
      t->elem = value;
      t->chan_dir = ct->dir == SEND ? kSendOnly : ct->dir == RECV ? kRecvOnly : kSendRecv;
      return t;
    }
    case Kind::FuncType: {
      ScopeGuard g(*this);
      return signature_of(static_cast<const FuncType*>(e), nullptr, false);
    }
    case Kind::StructType: return struct_type(static_cast<const StructType*>(e), {});
    case Kind::InterfaceType: return interface_type(static_cast<const InterfaceType*>(e), {});
    case Kind::UnaryExpr:  // ~T in constraints
      type_expr(static_cast<const UnaryExpr*>(e)->x);
      return nullptr;
    case Kind::BinaryExpr: {  // A | B in constraints
      const auto* be = static_cast<const BinaryExpr*>(e);
      type_expr(be->x);
      type_expr(be->y);
      return nullptr;
    }
    default: expr(e); return nullptr;
  }
}

const Type* Checker::struct_type(const StructType* st, std::string_view owner) {
  Type* t = types_.make(TypeKind::Struct);
  if (!st->fields) return t;
  ListBuilder<Var> fields = types_.vars();
  ListBuilder<FieldTag> tags = types_.field_tags();
  for (const Field* f : st->fields->list) {
    const Type* ft = type_expr(f->type);
    if (!ft) t->complete = false;
    std::string_view tag;
    if (f->tag) {
      std::string decoded;
      if (!unquote(f->tag->value, tag, decoded)) t->complete = false;
      if (tag.data() == decoded.data()) tag = types_.save(decoded);
    }
    if (f->names.empty()) {
      // Embedded field: named after the type name (pointer, package qualifier, type args stripped).
      const Node* n = f->type;
      for (int guard = 0; n && guard < 8; ++guard) {
        if (const auto* s = as<StarExpr>(n)) n = s->x;
        else if (const auto* ie = as<IndexExpr>(n)) n = ie->x;
        else if (const auto* il = as<IndexListExpr>(n)) n = il->x;
        else if (const auto* pe = as<ParenExpr>(n)) n = pe->x;
        else break;
      }
      const Ident* name = nullptr;
      if (const auto* id = as<Ident>(n)) name = id;
      else if (const auto* se = as<SelectorExpr>(n)) name = se->sel;
      if (!name) {
        t->complete = false;
        continue;
      }
      Object* o = new_object(ObjectKind::Var, name->name, nullptr);
      o->ident = name;
      o->is_field = true;
      o->owner = owner;
      o->type = ft;
      o->typed = true;
      fields.push_back(Var{name->name, ft, o});
      tags.push_back(FieldTag{tag.data(), uint32_t(tag.size()), true});
      continue;
    }
    for (const Ident* name : f->names) {
      Object* o = new_object(ObjectKind::Var, name->name, name);
      o->is_field = true;
      o->owner = owner;
      o->type = ft;
      o->typed = true;
      def(name, o);
      fields.push_back(Var{name->name, ft, o});
      tags.push_back(FieldTag{tag.data(), uint32_t(tag.size()), false});
    }
  }
  t->fields = fields.finish();
  t->field_tags = tags.finish();
  return t;
}

const Type* Checker::interface_type(const InterfaceType* it, std::string_view owner) {
  Type* t = types_.make(TypeKind::Interface);
  if (!it->methods) return t;
  ListBuilder<Method> methods = types_.methods();
  ListBuilder<const Type*> embeds = types_.type_list();
  for (const Field* f : it->methods->list) {
    if (f->names.empty()) {
      const Type* e = type_expr(f->type);
      if (!e) t->complete = false;
      embeds.push_back(e);
      continue;
    }
    for (const Ident* name : f->names) {
      Object* o = new_object(ObjectKind::Func, name->name, name);
      o->is_method = true;
      o->owner = owner;
      const auto* ft = as<FuncType>(f->type);
      const Type* sig = nullptr;
      if (ft) {
        ScopeGuard g(*this);
        sig = signature_of(ft, nullptr, false);
      }
      o->type = sig;
      o->typed = true;
      def(name, o);
      methods.push_back(Method{name->name, sig, o});
    }
  }
  // go/types keeps explicit methods sorted: exported first, then by name, then by package.
  std::stable_sort(methods.begin(), methods.end(), [](const Method& a, const Method& b) {
    bool ea = is_exported(a.name), eb = is_exported(b.name);
    if (ea != eb) return ea;
    return a.name < b.name;
  });
  t->methods = methods.finish();
  t->embeds = embeds.finish();
  return t;
}

// Value of an integer constant expression, or -1 when gotrap cannot evaluate it. Identifiers are
// looked up in `in`, the package whose code holds `e`.
int64_t Checker::constant_int(const Expr* e, const PackageInfo* in, int depth) {
  if (!e || !in || depth > 50) return -1;
  switch (e->kind) {
    case Kind::BasicLit: {
      const auto* bl = static_cast<const BasicLit*>(e);
      if (bl->lit_kind != Tok::INT) return -1;
      std::string digits;
      for (char c : bl->value)
        if (c != '_') digits += c;
      char* end = nullptr;
      int base = 10;
      const char* p = digits.c_str();
      if (digits.size() > 1 && digits[0] == '0') {
        char b = digits[1];
        if (b == 'x' || b == 'X') base = 16, p += 2;
        else if (b == 'b' || b == 'B') base = 2, p += 2;
        else if (b == 'o' || b == 'O') base = 8, p += 2;
        else base = 8, p += 1;
      }
      long long v = std::strtoll(p, &end, base);
      return end && *end == 0 ? int64_t(v) : -1;
    }
    case Kind::ParenExpr: return constant_int(static_cast<const ParenExpr*>(e)->x, in, depth + 1);
    case Kind::Ident:
    case Kind::SelectorExpr: {
      const Ident* id = e->kind == Kind::Ident ? static_cast<const Ident*>(e) : static_cast<const SelectorExpr*>(e)->sel;
      const Object* o = in->use_of(id);
      if (!o || o->kind != ObjectKind::Const) return -1;
      if (o->name == "iota" && o->pkg_path().empty()) return iota_;
      const auto* vs = as<ValueSpec>(o->decl);
      if (!vs || size_t(o->value_index) >= vs->values.size() || !o->package()) return -1;
      object_type(o);  // makes sure the declaration's identifiers are resolved
      int saved = iota_;
      if (o->iota >= 0) iota_ = o->iota;
      int64_t v = constant_int(vs->values[o->value_index], o->package(), depth + 1);
      iota_ = saved;
      return v;
    }
    case Kind::BinaryExpr: {
      const auto* be = static_cast<const BinaryExpr*>(e);
      int64_t x = constant_int(be->x, in, depth + 1), y = constant_int(be->y, in, depth + 1);
      if (x < 0 || y < 0) return -1;
      int64_t r = -1;
      switch (be->op) {
        case Tok::ADD: r = x + y; break;
        case Tok::SUB: r = x - y; break;
        case Tok::MUL: r = x * y; break;
        case Tok::QUO: r = y ? x / y : -1; break;
        case Tok::REM: r = y ? x % y : -1; break;
        case Tok::SHL: r = y < 62 ? x << y : -1; break;
        case Tok::SHR: r = y < 63 ? x >> y : -1; break;
        default: return -1;
      }
      return r >= 0 && r < (int64_t(1) << 40) ? r : -1;  // array lengths: small and non-negative
    }
    default: return -1;
  }
}

void Checker::build_universe() {
  universe_ = new_scope(nullptr);
  auto add = [&](ObjectKind kind, std::string_view name, const Type* type) {
    Object* o = new_object(kind, name, nullptr);
    o->type = type;
    o->typed = true;
    universe_->insert(o);
    return o;
  };
  const BasicKind kinds[] = {BasicKind::Bool, BasicKind::Int, BasicKind::Int8, BasicKind::Int16,
                             BasicKind::Int32, BasicKind::Int64, BasicKind::Uint, BasicKind::Uint8,
                             BasicKind::Uint16, BasicKind::Uint32, BasicKind::Uint64,
                             BasicKind::Uintptr, BasicKind::Float32, BasicKind::Float64,
                             BasicKind::Complex64, BasicKind::Complex128, BasicKind::String};
  for (BasicKind k : kinds) add(ObjectKind::TypeName, types_.basic(k)->name, types_.basic(k));
  add(ObjectKind::TypeName, "byte", types_.byte_type());
  add(ObjectKind::TypeName, "rune", types_.rune_type());

  // error: interface{ Error() string }
  Object* error_obj = add(ObjectKind::TypeName, "error", nullptr);
  Type* error_t = types_.make(TypeKind::Named);
  error_t->name = "error";
  error_t->obj = error_obj;
  Type* error_sig = types_.make(TypeKind::Func);
  const Var error_result{{}, types_.basic(BasicKind::String)};
  error_sig->results = types_.copy(&error_result, 1);
  Type* error_iface = types_.make(TypeKind::Interface);
  Object* error_method = new_object(ObjectKind::Func, "Error", nullptr);
  error_method->type = error_sig;
  error_method->typed = true;
  error_method->is_method = true;
  const Method error_method_entry{"Error", error_sig, error_method};
  error_iface->methods = types_.copy(&error_method_entry, 1);
  error_t->underlying_ = error_iface;
  error_obj->type = error_t;
  types_.set_error_type(error_t);

  Type* any_t = types_.make(TypeKind::Alias);
  any_t->name = "any";
  any_t->elem = types_.make(TypeKind::Interface);
  add(ObjectKind::TypeName, "any", any_t)->type = any_t;
  any_t->obj = universe_->lookup_local("any");
  types_.set_any_type(any_t);

  Type* comparable_t = types_.make(TypeKind::Named);
  comparable_t->name = "comparable";
  comparable_t->underlying_ = types_.make(TypeKind::Interface);
  comparable_t->obj = add(ObjectKind::TypeName, "comparable", comparable_t);

  add(ObjectKind::Const, "true", types_.basic(BasicKind::UntypedBool));
  add(ObjectKind::Const, "false", types_.basic(BasicKind::UntypedBool));
  add(ObjectKind::Const, "iota", types_.basic(BasicKind::UntypedInt));
  add(ObjectKind::Nil, "nil", types_.basic(BasicKind::UntypedNil));

  struct B {
    const char* name;
    Builtin id;
  };
  const B builtins[] = {{"append", Builtin::Append}, {"cap", Builtin::Cap}, {"clear", Builtin::Clear},
                        {"close", Builtin::Close}, {"complex", Builtin::Complex}, {"copy", Builtin::Copy},
                        {"delete", Builtin::Delete}, {"imag", Builtin::Imag}, {"len", Builtin::Len},
                        {"make", Builtin::Make}, {"max", Builtin::Max}, {"min", Builtin::Min},
                        {"new", Builtin::New}, {"panic", Builtin::Panic}, {"print", Builtin::Print},
                        {"println", Builtin::Println}, {"real", Builtin::Real}, {"recover", Builtin::Recover}};
  for (const B& b : builtins) add(ObjectKind::Builtin, b.name, nullptr)->builtin = b.id;

  // Package unsafe, as a package gotrap always has.
  auto unsafe = std::make_unique<PackageInfo>();
  unsafe->import_path = "unsafe";
  unsafe->name = "unsafe";
  Scope* scope = new_scope(universe_);
  unsafe->scope = scope;
  PackageInfo* saved = pkg_;
  const ObjectOrigin* saved_origin = origin_;
  pkg_ = unsafe.get();
  unsafe_origin_ = {pkg_, nullptr};
  origin_ = &unsafe_origin_;
  Object* pointer = new_object(ObjectKind::TypeName, "Pointer", nullptr);
  pointer->type = types_.basic(BasicKind::UnsafePointer);
  pointer->typed = true;
  pointer->package_level = true;
  scope->insert(pointer);
  const B unsafe_builtins[] = {{"Add", Builtin::Add}, {"Alignof", Builtin::Alignof},
                               {"Offsetof", Builtin::Offsetof}, {"Sizeof", Builtin::Sizeof},
                               {"Slice", Builtin::Slice}, {"SliceData", Builtin::SliceData},
                               {"String", Builtin::String}, {"StringData", Builtin::StringData}};
  for (const B& b : unsafe_builtins) {
    Object* o = new_object(ObjectKind::Builtin, b.name, nullptr);
    o->builtin = b.id;
    o->typed = true;
    o->package_level = true;
    scope->insert(o);
  }
  pkg_ = saved;
  origin_ = saved_origin;
  unsafe_ = std::move(unsafe);
}

}  // namespace gotrap::sema
