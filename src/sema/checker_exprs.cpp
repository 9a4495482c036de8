// Expressions: resolution of identifiers and selectors, and bottom-up types.
#include <iterator>

#include "sema/checker.h"
#include "sema/dsl_members.h"
#include "sema/no_return.h"
#include "sema/lookup.h"

namespace gotrap::sema {

using namespace ast;

namespace {

// True when printing t would not match go/types: unknown parts, or generic types whose type
// arguments gotrap does not track.
bool printable_uncached(const Type* t, int depth);

[[gnu::noinline]] bool printable_first_time(const Type* t, int depth) {
  // Named types are answered without looking inside, so a cached answer never goes stale.
  t->printable_ = printable_uncached(t, depth) ? 1 : 0;
  return t->printable_ == 1;
}

// Asked for nearly every typed expression, and answered before for nearly every type: always
// inline (out of line, its call cost more than its work).
[[gnu::always_inline]] inline bool printable(const Type* t, int depth = 0) {
  if (!t || depth > 32) return false;
  if (t->printable_ >= 0) return t->printable_ == 1;  // the common case: answered before
  return printable_first_time(t, depth);
}

bool printable_uncached(const Type* t, int depth) {
  auto vars_ok = [&](FixedList<Var> vs) {
    for (const Var& v : vs)
      if (!printable(v.type, depth + 1)) return false;
    return true;
  };
  switch (t->kind) {
    case TypeKind::Basic: return t->basic != BasicKind::Invalid && !is_untyped(t);
    case TypeKind::Named: return !t->generic;
    case TypeKind::Alias: return !t->generic && t->elem;
    case TypeKind::TypeParam: return true;
    case TypeKind::Pointer:
    case TypeKind::Slice:
    case TypeKind::Chan: return printable(t->elem, depth + 1);
    case TypeKind::Array: return t->length >= 0 && printable(t->elem, depth + 1);
    case TypeKind::Map: return printable(t->key, depth + 1) && printable(t->elem, depth + 1);
    case TypeKind::Func: return t->complete && !t->generic && vars_ok(t->params) && vars_ok(t->results);
    case TypeKind::Tuple: return vars_ok(t->results);
    case TypeKind::Struct: return t->complete && vars_ok(t->fields);
    case TypeKind::Interface:
      if (!t->complete) return false;
      for (const Method& m : t->methods)
        if (!printable(m.signature, depth + 1)) return false;
      for (const Type* e : t->embeds)
        if (!printable(e, depth + 1)) return false;
      return true;
  }
  return false;
}

BasicKind literal_kind(Tok t) {
  switch (t) {
    case Tok::INT: return BasicKind::UntypedInt;
    case Tok::FLOAT: return BasicKind::UntypedFloat;
    case Tok::IMAG: return BasicKind::UntypedComplex;
    case Tok::CHAR: return BasicKind::UntypedRune;
    case Tok::STRING: return BasicKind::UntypedString;
    default: return BasicKind::Invalid;
  }
}

}  // namespace

// Debugging aid (Program::keep_expression_files). Out of line: the hash map's insertion code
// inlined into expr and convert_untyped_literal made every call to them save more registers.
[[gnu::noinline]] void Checker::note_file(const ast::Node* e) { pkg_->expression_files[e] = origin_->file; }

// Inline into expr, its only caller: out of line it cost a call per expression.
[[gnu::always_inline]] inline void Checker::record(const Expr* e, const Operand& op) {
  if (!pkg_ || !op.is_value() || !printable(op.type)) return;
  pkg_->types.set(e, op.type);
  if (program_.keeps_expression_files()) note_file(e);
}

// How an untyped literal converts to a target type (see convert_untyped_literal).
enum LiteralConversion : int8_t { kNoConversion, kToTarget, kToDefaultType };

// Computed once per target type, when its underlying type is known (it never changes after).
[[gnu::noinline]] int8_t Checker::literal_conversion(const Type* target) {
  const Type* u = concrete_under(target);
  if (!u) return kNoConversion;  // perhaps not yet known: not kept
  int8_t how = kNoConversion;
  if (u->kind == TypeKind::Basic && !is_untyped(u) && u->basic != BasicKind::UnsafePointer) how = kToTarget;
  else if (u->kind == TypeKind::Interface && u->complete && u->methods.empty() && u->embeds.empty()) how = kToDefaultType;
  target->literal_conversion_ = how;
  return how;
}

// An untyped literal used where a value of type `target` is expected takes that type, as go/types
// records it: a basic target's own type, the default type for an empty interface. Only literals
// themselves are handled: untyped constant expressions would need their operands updated too.
void Checker::convert_untyped_literal(const BasicLit* lit, const Type* target) {
  int8_t how = target->literal_conversion_;
  if (how < 0) how = literal_conversion(target);
  const Type* result = nullptr;
  if (how == kToTarget) result = target;
  else if (how == kToDefaultType) result = default_type(types_.basic(literal_kind(lit->lit_kind)));
  if (result && printable(result)) {
    pkg_->types.literal(lit) = result;
    if (program_.keeps_expression_files()) note_file(lit);
  }
}

const Type* Checker::value(const Expr* e, const Type* hint) {
  Operand op = expr(e, hint);
  return op.is_value() ? op.type : nullptr;
}

// Every resolved identifier and selector comes here: inline, with no branch on the kind but one.
[[gnu::always_inline]] inline Operand Checker::operand_of(const Object* obj) {
  static constexpr Operand::Mode kModes[] = {
      Operand::Value,        // Var
      Operand::Constant,     // Const
      Operand::TypeExpr,     // TypeName
      Operand::Value,        // Func
      Operand::Package,      // PkgName
      Operand::Invalid,      // Label
      Operand::BuiltinFunc,  // Builtin
      Operand::Value,        // Nil
      Operand::Value,        // Unknown
  };
  static_assert(size_t(ObjectKind::Unknown) + 1 == std::size(kModes));
  Operand op;
  op.mode = kModes[size_t(obj->kind)];
  if (obj->kind <= ObjectKind::Func) op.type = object_type(obj);  // Var, Const, TypeName, Func
  else if (obj->kind == ObjectKind::Nil) op.type = types_.basic(BasicKind::UntypedNil);
  else if (obj->kind == ObjectKind::Builtin) op.builtin = obj->builtin;
  return op;
}

// An identifier's use and its type, recorded through one look-up of its entry. (What use() and
// then record() would do.)
[[gnu::always_inline]] inline Operand Checker::used_ident(const Ident* id, const Object* obj) {
  if (!pkg_) return operand_of(obj);
  IdentFacts& facts = pkg_->idents.get(id);  // before typing obj, as use() would: entry order
  pkg_->idents.set_use(facts, obj);
  Operand op = operand_of(obj);
  if (op.is_value() && printable(op.type)) {
    pkg_->idents.set_type(facts, op.type);
    if (program_.keeps_expression_files()) note_file(id);
  }
  return op;
}

// Half of all expressions are identifiers. Out of line, as compound() is: expr itself then needs
// no stack frame, so a literal costs no register saves, an identifier only the few it needs.
[[gnu::noinline]] Operand Checker::ident(const Ident* id) {
  if (id->name == "_" || !scope_) return {};
  const Object* obj = scope_->lookup(id->name);
  if (!obj && !external_dot_imports_.empty()) obj = dot_import_member(id->name);
  if (!obj) return {};
  return used_ident(id, obj);
}

// A name no scope declares, in a file that dot-imports packages gotrap has no source for: a member
// of the only such import, or of the only one of several known to export it (sema/no_return.h,
// sema/dsl_members.h: Ginkgo's Fail or It next to gomega's matchers). Unresolved otherwise.
const Object* Checker::dot_import_member(std::string_view name) const {
  if (name.empty() || name[0] < 'A' || name[0] > 'Z') return nullptr;
  const Scope* file = scope_;
  while (file && file->parent() && file->parent()->parent() && file->parent()->parent()->parent()) file = file->parent();
  std::string_view only, listed;
  int count = 0, listing = 0;
  for (const auto& [scope, path] : external_dot_imports_) {
    if (scope != file) continue;
    ++count, only = path;
    if (is_no_return_member(path, name) || is_dsl_member(path, name)) ++listing, listed = path;
  }
  std::string_view path = count == 1 ? only : listing == 1 ? listed : std::string_view();
  if (path.empty()) return nullptr;
  return const_cast<Checker*>(this)->external_member(path, name);
}

Operand Checker::expr(const Expr* e, const Type* hint) {
  if (!e || nesting_ > 2000) return {};
  switch (e->kind) {
    case Kind::Ident: return ident(static_cast<const Ident*>(e));  // recorded there
    case Kind::BasicLit: {
      Operand op;
      op.mode = Operand::Constant;
      op.type = types_.basic(literal_kind(static_cast<const BasicLit*>(e)->lit_kind));
      return op;  // untyped, so not recorded here (convert_untyped_literal types it in context)
    }
    default: return compound(e, hint);
  }
}

// Expressions with operands: the only ones that recurse, so the nesting count is kept for them.
[[gnu::noinline]] Operand Checker::compound(const Expr* e, const Type* hint) {
  Operand op;
  ++nesting_;
  bool typed = compound_expr(e, hint, op);
  --nesting_;
  if (typed) record(e, op);
  return op;
}

// expr's cases with operands. False: e is no expression of its own (nothing to record).
[[gnu::always_inline]] inline bool Checker::compound_expr(const Expr* e, const Type* hint, Operand& op) {
  switch (e->kind) {
    case Kind::FuncLit: {
      const auto* fl = static_cast<const FuncLit*>(e);
      ScopeGuard g(*this);
      const Type* sig = signature_of(fl->type, nullptr, lazy_depth_ == 0);
      if (lazy_depth_ == 0 && fl->body) func_body(sig, fl->body);
      op.mode = Operand::Value;
      op.type = sig;
      break;
    }
    case Kind::CompositeLit: op = composite(static_cast<const CompositeLit*>(e), hint); break;
    case Kind::ParenExpr: op = expr(static_cast<const ParenExpr*>(e)->x, hint); break;
    case Kind::SelectorExpr: op = selector(static_cast<const SelectorExpr*>(e)); break;
    case Kind::IndexExpr: op = index(static_cast<const IndexExpr*>(e)); break;
    case Kind::IndexListExpr: {
      const auto* il = static_cast<const IndexListExpr*>(e);
      Operand x = expr(il->x);
      for (const Node* arg : il->indices) type_expr(arg);
      if (x.mode == Operand::TypeExpr) op = x;
      else op.mode = Operand::Value;  // instantiated generic function: type unknown
      break;
    }
    case Kind::SliceExpr: {
      const auto* se = static_cast<const SliceExpr*>(e);
      Operand x = expr(se->x);
      value(se->low);
      value(se->high);
      value(se->max);
      op.mode = Operand::Value;
      const Type* u = concrete_under(x.type);
      if (u && u->kind == TypeKind::Pointer) u = concrete_under(u->elem);
      if (!u) break;
      if (u->kind == TypeKind::Slice) op.type = x.type;
      else if (u->kind == TypeKind::Array) op.type = types_.slice_of(u->elem);
      else if (u->kind == TypeKind::Basic && (u->basic == BasicKind::String || u->basic == BasicKind::UntypedString))
        op.type = is_untyped(x.type) ? types_.basic(BasicKind::String) : x.type;
      break;
    }
    case Kind::TypeAssertExpr: {
      const auto* ta = static_cast<const TypeAssertExpr*>(e);
      expr(ta->x);
      op.mode = Operand::Value;
      if (ta->type) op.type = type_expr(ta->type);
      else return false;  // x.(type) is not an expression of its own
      break;
    }
    case Kind::CallExpr: op = call(static_cast<const CallExpr*>(e)); break;
    case Kind::StarExpr: {
      Operand x = expr(static_cast<const StarExpr*>(e)->x);
      if (x.mode == Operand::TypeExpr) {
        op.mode = Operand::TypeExpr;
        op.type = types_.pointer_to(x.type);
      } else {
        op.mode = Operand::Value;
        op.type = pointer_elem(x.type);
      }
      break;
    }
    case Kind::UnaryExpr: op = unary(static_cast<const UnaryExpr*>(e)); break;
    case Kind::BinaryExpr: op = binary(static_cast<const BinaryExpr*>(e)); break;
    case Kind::KeyValueExpr: {
      const auto* kv = static_cast<const KeyValueExpr*>(e);
      expr(kv->key);
      expr(kv->value);
      return false;
    }
    case Kind::Ellipsis: {
      const auto* el = static_cast<const Ellipsis*>(e);
      if (el->elt) type_expr(el->elt);
      return false;
    }
    case Kind::ArrayType:
    case Kind::MapType:
    case Kind::ChanType:
    case Kind::FuncType:
    case Kind::StructType:
    case Kind::InterfaceType:
      op.mode = Operand::TypeExpr;
      op.type = type_expr(e);
      return false;
    default: return false;
  }
  return true;
}

Operand Checker::selector(const SelectorExpr* se) {
  Operand op;
  Operand x;
  if (const auto* base = as<Ident>(se->x)) {
    const Object* o = scope_ && base->name != "_" ? scope_->lookup(base->name) : nullptr;
    if (o && o->kind == ObjectKind::PkgName) {
      use(base, o);
      const Object* member = nullptr;
      if (o->imported && o->imported->scope) member = o->imported->scope->lookup_local(se->sel->name);
      else if (!o->imported) member = external_member(o->imported_path, se->sel->name);
      if (!member) return op;
      use(se->sel, member);
      return operand_of(member);
    }
    // What expr(base) would do (nesting guard included), without looking the name up again.
    if (o && nesting_ <= 2000) x = used_ident(base, o);
  } else {
    x = expr(se->x);
  }
  if (x.mode == Operand::TypeExpr) {
    // Method expression T.M / (*T).M: resolved; its type (receiver first) is not tracked.
    const Object* m = find_member(x.type, se->sel->name);
    if (m && m->is_method) use(se->sel, m);
    op.mode = Operand::Value;
    return op;
  }
  if (!x.is_value()) return op;
  const Object* member = find_member(x.type, se->sel->name);
  op.mode = Operand::Value;
  if (!member) return op;
  use(se->sel, member);
  op.type = object_type(member);
  // Members of a generic type are typed in its own type parameters, not the instance's arguments.
  const Type* base = unalias(x.type);
  if (base && base->kind == TypeKind::Pointer) base = unalias(base->elem);
  if (base && base->kind == TypeKind::Named && base->generic) op.type = nullptr;
  return op;
}

const Object* Checker::find_member(const Type* t, std::string_view name) {
  auto lookup = [&] {
    return lookup_member(
        t, name,
        [this](const Type* n) {  // named_underlying, without a call for the usual resolved type
          return n->kind == TypeKind::Named && n->underlying_ ? unalias(n->underlying_) : named_underlying(n);
        },
        [this](const Object* o) { return object_type(o); }, true);
  };
  // While a named type is being resolved, or a package-level object typed on demand, lookups
  // through it may answer "unknown" for now (cycle guards): such answers are not kept (nor are
  // cached ones used, though they would be the same).
  if (!t || !resolving_.empty() || lazy_depth_ > 0) return lookup();
  if (member_cache_.empty()) member_cache_.resize(kMemberCacheSize);
  uint32_t hash = name_hash(name);
  uint64_t mix = (uint64_t(reinterpret_cast<uintptr_t>(t)) ^ hash) * 0x9E3779B97F4A7C15ull;
  MemberLookup& slot = member_cache_[(mix >> 32) & (kMemberCacheSize - 1)];
  if (slot.type == t && slot.hash == hash && same_name(std::string_view(slot.name, slot.name_size), name))
    return slot.member;
  const Object* member = lookup();
  slot = MemberLookup{t, name.data(), uint32_t(name.size()), hash, member};
  return member;
}

Operand Checker::index(const IndexExpr* ie) {
  Operand x = expr(ie->x);
  Operand op;
  if (x.mode == Operand::TypeExpr) {  // generic type instantiation
    type_expr(ie->index);
    return x;
  }
  const Type* fu = concrete_under(x.type);
  if (fu && fu->kind == TypeKind::Func && fu->generic) {  // explicit function instantiation
    type_expr(ie->index);
    op.mode = Operand::Value;
    return op;
  }
  expr(ie->index);
  op.mode = Operand::Value;
  const Type* u = x.type && x.type->kind == TypeKind::Named && !x.type->generic ? named_underlying(x.type)
                                                                                : concrete_under(x.type);
  if (u && u->kind == TypeKind::Pointer) {
    const Type* pu = concrete_under(u->elem);
    u = pu && pu->kind == TypeKind::Array ? pu : nullptr;
  }
  if (!u) return op;
  switch (u->kind) {
    case TypeKind::Slice:
    case TypeKind::Array:
    case TypeKind::Map: op.type = u->elem; break;
    case TypeKind::Basic:
      if (u->basic == BasicKind::String || u->basic == BasicKind::UntypedString) op.type = types_.byte_type();
      break;
    default: break;
  }
  return op;
}

Operand Checker::unary(const UnaryExpr* ue) {
  Operand op;
  Operand x = expr(ue->x);
  switch (ue->op) {
    case Tok::AND:
      op.mode = Operand::Value;
      op.type = x.is_value() ? types_.pointer_to(x.type) : nullptr;
      break;
    case Tok::ARROW: {
      op.mode = Operand::Value;
      const Type* u = concrete_under(x.type);
      if (u && u->kind == TypeKind::Chan) op.type = u->elem;
      break;
    }
    case Tok::TILDE: op.mode = Operand::Invalid; break;
    default:
      op.mode = x.mode == Operand::Constant ? Operand::Constant : Operand::Value;
      op.type = x.type;
      if (ue->op == Tok::NOT && !x.type) op.type = nullptr;
      break;
  }
  return op;
}

Operand Checker::binary(const BinaryExpr* be) {
  Operand x = expr(be->x), y = expr(be->y);
  Operand op;
  op.mode = x.mode == Operand::Constant && y.mode == Operand::Constant ? Operand::Constant : Operand::Value;
  if (be->op != Tok::SHL && be->op != Tok::SHR && be->op != Tok::LAND && be->op != Tok::LOR) {
    if (x.type && !is_untyped(x.type) && is_untyped(y.type)) convert_untyped(be->y, x.type);
    if (y.type && !is_untyped(y.type) && is_untyped(x.type)) convert_untyped(be->x, y.type);
  }
  switch (be->op) {
    case Tok::EQL: case Tok::NEQ: case Tok::LSS: case Tok::LEQ: case Tok::GTR: case Tok::GEQ:
      op.type = types_.basic(BasicKind::UntypedBool);  // its final type depends on context
      return op;
    case Tok::SHL: case Tok::SHR:
      op.type = is_untyped(x.type) && op.mode != Operand::Constant ? nullptr : x.type;
      return op;
    default: break;
  }
  if (!x.type || !y.type) return op;
  if (!is_untyped(x.type)) op.type = x.type;
  else if (!is_untyped(y.type)) op.type = y.type;
  else op.type = x.type->basic >= y.type->basic ? x.type : y.type;  // untyped: the "larger" kind
  return op;
}

}  // namespace gotrap::sema
