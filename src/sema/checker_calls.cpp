// Calls, conversions, built-ins and composite literals.
#include "sema/checker.h"

namespace gotrap::sema {

using namespace ast;

const Type* Checker::tuple_of(const Type* sig) {
  auto it = tuples_.find(sig);
  if (it != tuples_.end()) return it->second;
  Type* t = types_.make(TypeKind::Tuple);
  t->results = sig->results;  // shared: both are read-only
  tuples_[sig] = t;
  return t;
}

Operand Checker::call(const CallExpr* ce) {
  Operand fn = expr(ce->fun);
  Operand op;
  if (fn.mode == Operand::TypeExpr) {  // conversion T(x)
    for (const Node* a : ce->args) expr(a);
    op.mode = Operand::Value;
    op.type = fn.type;
    return op;
  }
  if (fn.mode == Operand::BuiltinFunc) return builtin_call(ce, fn.builtin);
  const Type* sig = concrete_under(fn.type);
  bool known = sig && sig->kind == TypeKind::Func && sig->complete && !sig->generic;
  // Read once, not per argument (a complete signature does not change while its call is checked).
  const Var* params = known ? sig->params.data() : nullptr;
  size_t param_count = known ? sig->params.size() : 0;
  bool variadic = known && sig->variadic;
  // f(g()) with a multi-valued g: no argument stands for one parameter.
  bool one_per_param = ce->args.size() <= 1 || !is<CallExpr>(ce->args[0]);
  for (uint32_t i = 0; i < ce->args.size(); ++i) {
    expr(ce->args[i], !variadic && i < param_count ? params[i].type : nullptr);
    if (param_count == 0 || !one_per_param) continue;
    const Type* param = nullptr;
    if (!variadic || i + 1 < param_count) {
      if (i < param_count) param = params[i].type;
    } else if (!valid(ce->ellipsis)) {
      const Type* last = params[param_count - 1].type;
      param = last && last->kind == TypeKind::Slice ? last->elem : nullptr;
    }
    convert_untyped(ce->args[i], param);
  }
  op.mode = Operand::Value;
  if (!known) return op;
  if (sig->results.empty()) {
    op.mode = Operand::NoValue;
  } else if (sig->results.size() == 1) {
    op.type = sig->results[0].type;
  } else {
    op.type = tuple_of(sig);
  }
  return op;
}

Operand Checker::builtin_call(const CallExpr* ce, Builtin b) {
  Operand op;
  op.mode = Operand::Value;
  auto arg = [&](size_t i) -> const Node* { return i < ce->args.size() ? ce->args[i] : nullptr; };
  auto rest = [&](size_t from) {
    for (size_t i = from; i < ce->args.size(); ++i) expr(ce->args[i]);
  };
  switch (b) {
    case Builtin::Len:
    case Builtin::Cap:
    case Builtin::Copy:
      rest(0);
      op.type = types_.basic(BasicKind::Int);
      return op;
    case Builtin::Append: {
      const Type* s = value(arg(0));
      const Type* su = concrete_under(s);
      for (size_t i = 1; i < ce->args.size(); ++i)
        expr(ce->args[i], su && su->kind == TypeKind::Slice && !valid(ce->ellipsis) ? su->elem : nullptr);
      op.type = is_untyped(s) ? nullptr : s;
      return op;
    }
    case Builtin::Make:
      op.type = type_expr(arg(0));
      rest(1);
      return op;
    case Builtin::New:
      op.type = types_.pointer_to(type_expr(arg(0)));
      return op;
    case Builtin::Min:
    case Builtin::Max: {
      const Type* typed = nullptr;
      bool all_known = true;
      for (const Node* a : ce->args) {
        const Type* t = value(a);
        if (!t) all_known = false;
        else if (!is_untyped(t) && !typed) typed = t;
      }
      op.type = all_known ? typed : nullptr;
      return op;
    }
    case Builtin::Sizeof:
    case Builtin::Alignof:
    case Builtin::Offsetof:
      rest(0);
      op.mode = Operand::Constant;
      op.type = types_.basic(BasicKind::Uintptr);
      return op;
    case Builtin::Add:
      rest(0);
      op.type = types_.basic(BasicKind::UnsafePointer);
      return op;
    case Builtin::String:
      rest(0);
      op.type = types_.basic(BasicKind::String);
      return op;
    case Builtin::StringData:
      rest(0);
      op.type = types_.pointer_to(types_.byte_type());
      return op;
    case Builtin::Slice: {
      const Type* p = value(arg(0));
      rest(1);
      op.type = types_.slice_of(pointer_elem(p));
      return op;
    }
    case Builtin::SliceData: {
      const Type* s = concrete_under(value(arg(0)));
      op.type = s && s->kind == TypeKind::Slice ? types_.pointer_to(s->elem) : nullptr;
      return op;
    }
    case Builtin::Panic: case Builtin::Print: case Builtin::Println: case Builtin::Close:
    case Builtin::Delete: case Builtin::Clear:
      rest(0);
      op.mode = Operand::NoValue;
      return op;
    default:  // complex, real, imag, recover: result types depend on constants or are rarely needed
      rest(0);
      return op;
  }
}

Operand Checker::composite(const CompositeLit* cl, const Type* hint) {
  const Type* t = nullptr;
  const Type* base = nullptr;
  if (cl->type) {
    const auto* at = as<ArrayType>(cl->type);
    if (at && at->len && is<Ellipsis>(at->len)) {
      // [...]T{...}: the length is the number of elements when none is keyed.
      const Type* elem = type_expr(at->elt);
      bool keyed = false;
      for (const Node* e : cl->elts) keyed = keyed || is<KeyValueExpr>(e);
      if (elem && !keyed) {
        Type* arr = types_.make(TypeKind::Array);
        arr->elem = elem;
        arr->length = cl->elts.size();
        t = arr;
      } else {
        Type* arr = types_.make(TypeKind::Array);
        arr->elem = elem;
        base = arr;  // elements still get their hint; the array type itself is not printed
      }
    } else {
      t = type_expr(cl->type);
    }
    if (!base) base = t;
  } else {
    t = hint;
    base = hint;
    const Type* hu = concrete_under(hint);
    if (hu && hu->kind == TypeKind::Pointer) base = hu->elem;  // &T elided in []*T{{...}}
  }
  const Type* u = base && base->kind == TypeKind::Named ? named_underlying(base) : concrete_under(base);
  if (u && u->kind == TypeKind::Struct) {
    size_t i = 0;
    for (const Node* e : cl->elts) {
      if (const auto* kv = as<KeyValueExpr>(e)) {
        const Type* ft = nullptr;
        if (const auto* key = as<Ident>(kv->key)) {
          for (const Var& f : u->fields) {
            if (same_name(f.name, key->name)) {
              use(key, f.obj);
              ft = f.type;
              break;
            }
          }
        }
        expr(kv->value, ft);
        convert_untyped(kv->value, ft);
      } else {
        const Type* ft = i < u->fields.size() ? u->fields[i].type : nullptr;
        expr(e, ft);
        convert_untyped(e, ft);
      }
      ++i;
    }
  } else if (u && (u->kind == TypeKind::Slice || u->kind == TypeKind::Array || u->kind == TypeKind::Map)) {
    for (const Node* e : cl->elts) {
      if (const auto* kv = as<KeyValueExpr>(e)) {
        expr(kv->key, u->kind == TypeKind::Map ? u->key : nullptr);
        if (u->kind == TypeKind::Map) convert_untyped(kv->key, u->key);
        expr(kv->value, u->elem);
        convert_untyped(kv->value, u->elem);
      } else {
        expr(e, u->elem);
        convert_untyped(e, u->elem);
      }
    }
  } else if (cl->type && (is<ArrayType>(cl->type) || is<MapType>(cl->type))) {
    // An array (or map) literal whose length or key type gotrap cannot evaluate: its keys are
    // still expressions, never field names.
    for (const Node* e : cl->elts) {
      if (const auto* kv = as<KeyValueExpr>(e)) {
        expr(kv->key);
        expr(kv->value);
      } else {
        expr(e);
      }
    }
  } else {
    // Unknown literal type: a bare identifier key may name a struct field, so it stays unresolved.
    for (const Node* e : cl->elts) {
      if (const auto* kv = as<KeyValueExpr>(e)) {
        if (!is<Ident>(kv->key)) expr(kv->key);
        expr(kv->value);
      } else {
        expr(e);
      }
    }
  }
  Operand op;
  op.mode = Operand::Value;
  op.type = t;
  return op;
}

}  // namespace gotrap::sema
