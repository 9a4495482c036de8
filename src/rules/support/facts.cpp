#include "rules/support/facts.h"

#include <cctype>
#include <cstdio>

#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules::support {

using namespace gotrap::ast;
using sema::BasicKind;
using sema::TypeKind;

const sema::Object* object_of(const Pass& pass, const Ident* id) {
  if (!pass.sema() || !id) return nullptr;
  return pass.sema()->object_of(id);
}

const sema::Type* type_of(const Pass& pass, const Expr* e) {
  if (!pass.sema() || !e) return nullptr;
  e = unparen(e);
  if (const sema::Type* t = pass.sema()->type_of(e)) return t;
  if (auto* id = as<Ident>(e)) {
    const sema::Object* o = pass.sema()->object_of(id);
    if (o && o->kind == sema::ObjectKind::Var) return o->type;
  }
  return nullptr;
}

bool is_named(const sema::Type* t, std::string_view pkg_path, std::string_view name,
              bool through_pointer) {
  t = sema::unalias(t);
  if (t && through_pointer && t->is(TypeKind::Pointer)) t = sema::unalias(t->elem);
  return t && t->is(TypeKind::Named) && t->name == name && t->pkg_path() == pkg_path;
}

namespace {

struct Layout {
  int64_t size;
  int64_t align;
};

std::optional<Layout> basic_layout(BasicKind k) {
  switch (k) {
    case BasicKind::Bool: case BasicKind::Int8: case BasicKind::Uint8: return Layout{1, 1};
    case BasicKind::Int16: case BasicKind::Uint16: return Layout{2, 2};
    case BasicKind::Int32: case BasicKind::Uint32: case BasicKind::Float32: return Layout{4, 4};
    case BasicKind::Int: case BasicKind::Uint: case BasicKind::Int64: case BasicKind::Uint64:
    case BasicKind::Uintptr: case BasicKind::Float64: case BasicKind::UnsafePointer:
      return Layout{8, 8};
    case BasicKind::Complex64: return Layout{8, 4};
    case BasicKind::Complex128: return Layout{16, 8};
    case BasicKind::String: return Layout{16, 8};
    default: return std::nullopt;
  }
}

std::optional<Layout> layout(const sema::Type* t, int depth) {
  if (!t || depth > 50) return std::nullopt;
  t = sema::underlying(t);
  if (!t) return std::nullopt;
  switch (t->kind) {
    case TypeKind::Basic: return basic_layout(t->basic);
    case TypeKind::Pointer: case TypeKind::Map: case TypeKind::Chan: case TypeKind::Func:
      return Layout{8, 8};
    case TypeKind::Slice: return Layout{24, 8};
    case TypeKind::Interface: return Layout{16, 8};
    case TypeKind::Array: {
      if (t->length < 0) return std::nullopt;
      auto e = layout(t->elem, depth + 1);
      if (!e) return std::nullopt;
      return Layout{e->size * t->length, e->align};
    }
    case TypeKind::Struct: {
      if (!t->complete) return std::nullopt;
      int64_t offset = 0, align = 1;
      for (const sema::Var& f : t->fields) {
        auto fl = layout(f.type, depth + 1);
        if (!fl) return std::nullopt;
        offset = (offset + fl->align - 1) / fl->align * fl->align + fl->size;
        if (fl->align > align) align = fl->align;
      }
      // gc pads a trailing zero-size field so its address stays inside the struct.
      if (!t->fields.empty() && offset > 0) {
        auto last = layout(t->fields.back().type, depth + 1);
        if (last && last->size == 0) offset += 1;
      }
      offset = (offset + align - 1) / align * align;
      return Layout{offset, align};
    }
    default: return std::nullopt;
  }
}

}  // namespace

std::optional<int64_t> size_of(const sema::Type* t) {
  auto l = layout(t, 0);
  if (!l) return std::nullopt;
  return l->size;
}


std::string zero_value(const sema::Type* t, std::string_view spelled) {
  const sema::Type* u = sema::underlying(t);
  if (!u) return "";
  switch (u->kind) {
    case TypeKind::Pointer: case TypeKind::Map: case TypeKind::Chan: case TypeKind::Func:
    case TypeKind::Slice: case TypeKind::Interface:
      return "nil";
    case TypeKind::Basic:
      if (u->basic == BasicKind::String) return "\"\"";
      if (u->basic == BasicKind::Bool) return "false";
      if (u->basic == BasicKind::UnsafePointer) return "nil";
      return "0";
    case TypeKind::Struct: case TypeKind::Array:
      if (spelled.empty()) return "";
      return std::string(spelled) + "{}";
    default: return "";
  }
}

std::string_view text_of(const PassFile& file, const Node* n) {
  if (!n) return {};
  Pos p = n->pos(), e = n->end();
  if (!valid(p) || !valid(e) || e < p || e > file.text.size()) return {};
  return file.text.substr(p, e - p);
}

bool may_mention(const PassFile& file, const Node* n, std::string_view word) {
  if (!n) return file.text.find(word) != std::string_view::npos;
  if (!file.parsed || !file.parsed->ok()) return true;
  // No text (a range text_of cannot cut) proves nothing.
  std::string_view text = text_of(file, n);
  return text.empty() || text.find(word) != std::string_view::npos;
}

bool may_hold(const PassFile& file, const Node* decl, Kind k) {
  const facts::DeclCensus* c = file.census ? file.census->of(decl) : nullptr;
  return !c || c->has(k);
}

bool may_name(const PassFile& file, const Node* decl, facts::Word w) {
  const facts::DeclCensus* c = file.census ? file.census->of(decl) : nullptr;
  return !c || c->names(w);
}

bool may_name(const PassFile& file, const Node* decl, std::string_view name) {
  const facts::DeclCensus* c = file.census ? file.census->with_names(decl) : nullptr;
  return !c || c->may_name(name);
}

namespace {

std::optional<int64_t> parse_int_literal(std::string_view v) {
  std::string digits;
  for (char c : v)
    if (c != '_') digits.push_back(c);
  if (digits.empty()) return std::nullopt;
  int base = 10;
  size_t i = 0;
  if (digits.size() > 1 && digits[0] == '0') {
    char b = digits[1] | 0x20;
    if (b == 'x') base = 16, i = 2;
    else if (b == 'b') base = 2, i = 2;
    else if (b == 'o') base = 8, i = 2;
    else base = 8, i = 1;
  }
  int64_t value = 0;
  for (; i < digits.size(); ++i) {
    char c = digits[i] | 0x20;
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
    if (d >= base) return std::nullopt;
    if (value > (INT64_MAX - d) / base) return std::nullopt;
    value = value * base + d;
  }
  return value;
}

}  // namespace

namespace {

// The expression that gives a named integer constant its value, when the declaration spells it out
// (`const BatchSize = 5000`); null for iota-based, implicit or unknown constants.
const Expr* constant_definition(const Pass& pass, const Ident* id) {
  const sema::Object* o = object_of(pass, id);
  if (!o || o->kind != sema::ObjectKind::Const) return nullptr;
  auto* spec = as<ValueSpec>(o->decl);
  if (!spec || o->value_index < 0 || uint32_t(o->value_index) >= spec->values.size()) return nullptr;
  return spec->values[uint32_t(o->value_index)];
}

std::optional<int64_t> eval_int(const Pass* pass, const Expr* e, int depth) {
  e = unparen(e);
  if (auto* lit = as<BasicLit>(e)) {
    if (lit->lit_kind != Tok::INT) return std::nullopt;
    return parse_int_literal(lit->value);
  }
  if (auto* id = as<Ident>(e)) {
    // Named constants are followed a few steps only: enough for `const N = 5000`, and
    // declaration cycles in broken code cannot loop.
    if (!pass || depth > 8) return std::nullopt;
    const Expr* value = constant_definition(*pass, id);
    return value ? eval_int(pass, value, depth + 1) : std::nullopt;
  }
  auto* b = as<BinaryExpr>(e);
  if (!b) return std::nullopt;
  auto x = eval_int(pass, b->x, depth + 1), y = eval_int(pass, b->y, depth + 1);
  if (!x || !y) return std::nullopt;
  constexpr int64_t kLimit = int64_t(1) << 40;  // sizes beyond this are not worth estimating
  int64_t r = 0;
  switch (b->op) {
    case Tok::ADD: r = *x + *y; break;
    case Tok::SUB: r = *x - *y; break;
    case Tok::MUL:
      if (*x > kLimit || *y > kLimit) return std::nullopt;
      r = *x * *y;
      break;
    case Tok::QUO:
      if (*y == 0) return std::nullopt;
      r = *x / *y;
      break;
    case Tok::SHL:
      if (*y < 0 || *y > 40 || *x > kLimit) return std::nullopt;
      r = *x << *y;
      break;
    case Tok::SHR:
      if (*y < 0 || *y > 62) return std::nullopt;
      r = *x >> *y;
      break;
    case Tok::AND: r = *x & *y; break;
    case Tok::OR: r = *x | *y; break;
    default: return std::nullopt;
  }
  if (r > kLimit * 1024 || r < -kLimit) return std::nullopt;
  return r;
}

}  // namespace

std::optional<int64_t> const_int(const Expr* e) { return eval_int(nullptr, e, 0); }

std::optional<int64_t> const_int(const Pass& pass, const Expr* e) { return eval_int(&pass, e, 0); }

std::string short_type_string(const sema::Type* t) {
  std::string full = sema::type_string(t), out;
  // Keep the last element of each import path: *example.com/app/visits.Record -> *visits.Record.
  auto is_path_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '/' || c == '-' ||
           c == '~' || static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t i = 0; i < full.size();) {
    if (!is_path_char(full[i])) {
      out += full[i++];
      continue;
    }
    size_t j = i;
    while (j < full.size() && is_path_char(full[j])) ++j;
    std::string_view word(full.data() + i, j - i);
    if (auto slash = word.rfind('/'); slash != std::string_view::npos) word.remove_prefix(slash + 1);
    out += word;
    i = j;
  }
  return out;
}

std::string human_bytes(int64_t bytes) {
  static const char* const kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  double v = double(bytes);
  int unit = 0;
  while (v >= 1000 && unit < 4) v /= 1000, ++unit;
  char buf[32];
  if (unit == 0) std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(bytes));
  else if (v >= 10 && v == double(int64_t(v))) std::snprintf(buf, sizeof buf, "%.0f %s", v, kUnits[unit]);
  else std::snprintf(buf, sizeof buf, "%.1f %s", v, kUnits[unit]);
  return buf;
}

const PassFile* file_of(const Pass& pass, const File* file_node) {
  for (const PassFile& f : pass.files())
    if (f.parsed && f.parsed->file == file_node) return &f;
  return nullptr;
}

bool same_ref(const Expr* a, const Expr* b) {
  a = unparen(a), b = unparen(b);
  if (!a || !b || a->kind != b->kind) return false;
  if (auto* ia = as<Ident>(a)) return ia->name == as<Ident>(b)->name && ia->name != "_";
  if (auto* sa = as<SelectorExpr>(a)) {
    auto* sb = as<SelectorExpr>(b);
    return sa->sel->name == sb->sel->name && same_ref(sa->x, sb->x);
  }
  if (auto* sa = as<StarExpr>(a)) return same_ref(sa->x, as<StarExpr>(b)->x);
  return false;
}

}  // namespace gotrap::rules::support
