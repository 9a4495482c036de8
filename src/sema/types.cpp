#include "sema/types.h"

#include "sema/sema.h"

namespace gotrap::sema {

namespace {

struct BasicName {
  BasicKind kind;
  const char* name;
};
constexpr BasicName kBasicNames[] = {
    {BasicKind::Invalid, "invalid type"}, {BasicKind::Bool, "bool"}, {BasicKind::Int, "int"},
    {BasicKind::Int8, "int8"}, {BasicKind::Int16, "int16"}, {BasicKind::Int32, "int32"},
    {BasicKind::Int64, "int64"}, {BasicKind::Uint, "uint"}, {BasicKind::Uint8, "uint8"},
    {BasicKind::Uint16, "uint16"}, {BasicKind::Uint32, "uint32"}, {BasicKind::Uint64, "uint64"},
    {BasicKind::Uintptr, "uintptr"}, {BasicKind::Float32, "float32"},
    {BasicKind::Float64, "float64"}, {BasicKind::Complex64, "complex64"},
    {BasicKind::Complex128, "complex128"}, {BasicKind::String, "string"},
    {BasicKind::UnsafePointer, "unsafe.Pointer"}, {BasicKind::UntypedBool, "untyped bool"},
    {BasicKind::UntypedInt, "untyped int"}, {BasicKind::UntypedRune, "untyped rune"},
    {BasicKind::UntypedFloat, "untyped float"}, {BasicKind::UntypedComplex, "untyped complex"},
    {BasicKind::UntypedString, "untyped string"}, {BasicKind::UntypedNil, "untyped nil"},
};

}  // namespace

TypeStore::TypeStore() {
  for (const BasicName& b : kBasicNames) {
    Type* t = make(TypeKind::Basic);
    t->basic = b.kind;
    t->name = b.name;
    basics_[size_t(b.kind)] = t;
  }
  Type* byte = make(TypeKind::Basic);
  byte->basic = BasicKind::Uint8;
  byte->name = "byte";
  byte_ = byte;
  Type* rune = make(TypeKind::Basic);
  rune->basic = BasicKind::Int32;
  rune->name = "rune";
  rune_ = rune;
}

Type* TypeStore::make(TypeKind kind) { return types_.make(kind); }

const Type* TypeStore::pointer_to(const Type* elem) {
  if (!elem) return nullptr;
  if (elem->pointer_to_) return elem->pointer_to_;
  Type* t = make(TypeKind::Pointer);
  t->elem = elem;
  elem->pointer_to_ = t;
  return t;
}

const Type* TypeStore::slice_of(const Type* elem) {
  if (!elem) return nullptr;
  if (elem->slice_of_) return elem->slice_of_;
  Type* t = make(TypeKind::Slice);
  t->elem = elem;
  elem->slice_of_ = t;
  return t;
}

std::string_view Type::pkg_path() const { return obj ? obj->pkg_path() : std::string_view(); }

const Type* unalias_chain(const Type* t) {
  for (int guard = 0; t && t->kind == TypeKind::Alias && guard < 100; ++guard) t = t->elem;
  return t && t->kind == TypeKind::Alias ? nullptr : t;
}

bool is_basic(const Type* t, BasicKind k) {
  const Type* u = underlying(t);
  return u && u->kind == TypeKind::Basic && u->basic == k;
}

static bool identical_vars(FixedList<Var> a, FixedList<Var> b, bool names) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (names && a[i].name != b[i].name) return false;
    if (!identical(a[i].type, b[i].type)) return false;
  }
  return true;
}

static bool identical_fields(const Type* a, const Type* b) {
  if (!identical_vars(a->fields, b->fields, true)) return false;
  for (size_t i = 0; i < a->field_tags.size(); ++i)
    if (a->field_tags[i].embedded != b->field_tags[i].embedded || a->field_tags[i].tag() != b->field_tags[i].tag())
      return false;
  return true;
}

bool identical(const Type* a, const Type* b) {
  a = unalias(a);
  b = unalias(b);
  if (!a || !b) return false;
  if (a == b) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::Basic: return a->basic == b->basic;
    case TypeKind::Named:
    case TypeKind::TypeParam: return a->obj && a->obj == b->obj && !a->generic;
    case TypeKind::Pointer:
    case TypeKind::Slice: return identical(a->elem, b->elem);
    case TypeKind::Array: return a->length >= 0 && a->length == b->length && identical(a->elem, b->elem);
    case TypeKind::Map: return identical(a->key, b->key) && identical(a->elem, b->elem);
    case TypeKind::Chan: return a->chan_dir == b->chan_dir && identical(a->elem, b->elem);
    case TypeKind::Func:
      return a->complete && b->complete && a->variadic == b->variadic &&
             identical_vars(a->params, b->params, false) && identical_vars(a->results, b->results, false);
    case TypeKind::Struct: return a->complete && b->complete && identical_fields(a, b);
    case TypeKind::Tuple: return identical_vars(a->results, b->results, false);
    case TypeKind::Interface:
      if (!a->complete || !b->complete || !a->embeds.empty() || !b->embeds.empty()) return false;
      if (a->methods.size() != b->methods.size()) return false;
      for (size_t i = 0; i < a->methods.size(); ++i)
        if (a->methods[i].name != b->methods[i].name || !identical(a->methods[i].signature, b->methods[i].signature))
          return false;
      return true;
    case TypeKind::Alias: return false;
  }
  return false;
}

namespace {

// strconv.Quote for a struct tag: printable ASCII kept, the rest escaped.
void append_quoted(std::string& out, std::string_view s) {
  static const char* hex = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += char(c);  // UTF-8 passes through (printable runes stay as is in strconv.Quote)
        }
    }
  }
  out += '"';
}

void write(std::string& out, const Type* t, int depth);

void write_tuple(std::string& out, FixedList<Var> vars, bool variadic, int depth) {
  out += '(';
  for (size_t i = 0; i < vars.size(); ++i) {
    if (i) out += ", ";
    if (!vars[i].name.empty()) {
      out += vars[i].name;
      out += ' ';
    }
    const Type* t = vars[i].type;
    if (variadic && i + 1 == vars.size() && t && t->kind == TypeKind::Slice) {
      out += "...";
      write(out, t->elem, depth);
    } else {
      write(out, t, depth);
    }
  }
  out += ')';
}

void write_signature(std::string& out, const Type* f, int depth) {
  write_tuple(out, f->params, f->variadic, depth);
  if (f->results.empty()) return;
  out += ' ';
  if (f->results.size() == 1 && f->results[0].name.empty()) {
    write(out, f->results[0].type, depth);
    return;
  }
  write_tuple(out, f->results, false, depth);
}

void write(std::string& out, const Type* t, int depth) {
  if (!t || depth > 64) {
    out += "<unknown>";
    return;
  }
  ++depth;
  switch (t->kind) {
    case TypeKind::Basic: out += t->name; break;
    case TypeKind::Named:
    case TypeKind::Alias:
      if (std::string_view pkg = t->pkg_path(); !pkg.empty()) {
        out += pkg;
        out += '.';
      }
      out += t->name;
      break;
    case TypeKind::TypeParam: out += t->name; break;
    case TypeKind::Pointer: out += '*'; write(out, t->elem, depth); break;
    case TypeKind::Slice: out += "[]"; write(out, t->elem, depth); break;
    case TypeKind::Array:
      out += '[';
      out += std::to_string(t->length);
      out += ']';
      write(out, t->elem, depth);
      break;
    case TypeKind::Map:
      out += "map[";
      write(out, t->key, depth);
      out += ']';
      write(out, t->elem, depth);
      break;
    case TypeKind::Chan: {
      bool parens = false;
      if (t->chan_dir == kSendOnly) {
        out += "chan<- ";
      } else if (t->chan_dir == kRecvOnly) {
        out += "<-chan ";
      } else {
        out += "chan ";
        parens = t->elem && t->elem->kind == TypeKind::Chan && t->elem->chan_dir == kRecvOnly;
      }
      if (parens) out += '(';
      write(out, t->elem, depth);
      if (parens) out += ')';
      break;
    }
    case TypeKind::Func: out += "func"; write_signature(out, t, depth); break;
    case TypeKind::Tuple: write_tuple(out, t->results, false, depth); break;
    case TypeKind::Struct:
      out += "struct{";
      for (size_t i = 0; i < t->fields.size(); ++i) {
        const Var& f = t->fields[i];
        const FieldTag& tag = t->field_tags[i];
        if (i) out += "; ";
        if (!tag.embedded) {
          out += f.name;
          out += ' ';
        }
        write(out, f.type, depth);
        if (tag.tag_size) {
          out += ' ';
          append_quoted(out, tag.tag());
        }
      }
      out += '}';
      break;
    case TypeKind::Interface: {
      out += "interface{";
      bool first = true;
      for (const Method& m : t->methods) {
        if (!first) out += "; ";
        first = false;
        out += m.name;
        if (m.signature) write_signature(out, m.signature, depth);
        else out += "<unknown>";
      }
      for (const Type* e : t->embeds) {
        if (!first) out += "; ";
        first = false;
        write(out, e, depth);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string type_string(const Type* t) {
  std::string out;
  write(out, t, 0);
  return out;
}

}  // namespace gotrap::sema
