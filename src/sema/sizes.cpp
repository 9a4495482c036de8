#include "sema/sizes.h"

namespace gotrap::sema {

namespace {

constexpr int64_t kWord = 8;

int64_t round_up(int64_t x, int64_t a) { return (x + a - 1) / a * a; }

int64_t basic_size(BasicKind k) {
  switch (k) {
    case BasicKind::Bool: case BasicKind::Int8: case BasicKind::Uint8: return 1;
    case BasicKind::Int16: case BasicKind::Uint16: return 2;
    case BasicKind::Int32: case BasicKind::Uint32: case BasicKind::Float32: return 4;
    case BasicKind::Int64: case BasicKind::Uint64: case BasicKind::Float64: case BasicKind::Int:
    case BasicKind::Uint: case BasicKind::Uintptr: case BasicKind::UnsafePointer:
    case BasicKind::Complex64: return 8;
    case BasicKind::Complex128: case BasicKind::String: return 16;
    default: return -1;
  }
}

int64_t size_impl(const Type* t, int depth);

int64_t align_impl(const Type* t, int depth) {
  const Type* u = underlying(t);
  if (!u || depth > 64) return -1;
  switch (u->kind) {
    case TypeKind::Basic:
      if (u->basic == BasicKind::Complex64) return 4;
      if (u->basic == BasicKind::Complex128 || u->basic == BasicKind::String) return kWord;
      return basic_size(u->basic);
    case TypeKind::Array: return align_impl(u->elem, depth + 1);
    case TypeKind::Struct: {
      if (!u->complete) return -1;
      int64_t a = 1;
      for (const Var& f : u->fields) {
        int64_t fa = align_impl(f.type, depth + 1);
        if (fa < 0) return -1;
        if (fa > a) a = fa;
      }
      return a;
    }
    case TypeKind::Pointer: case TypeKind::Slice: case TypeKind::Map: case TypeKind::Chan:
    case TypeKind::Func: case TypeKind::Interface: return kWord;
    default: return -1;
  }
}

std::vector<int64_t> offsets_impl(const Type* u, int depth) {
  std::vector<int64_t> out;
  int64_t off = 0;
  for (const Var& f : u->fields) {
    int64_t a = align_impl(f.type, depth + 1), s = size_impl(f.type, depth + 1);
    if (a < 0 || s < 0) return {};
    off = round_up(off, a);
    out.push_back(off);
    off += s;
  }
  return out;
}

int64_t size_impl(const Type* t, int depth) {
  const Type* u = underlying(t);
  if (!u || depth > 64) return -1;
  switch (u->kind) {
    case TypeKind::Basic: return basic_size(u->basic);
    case TypeKind::Pointer: case TypeKind::Map: case TypeKind::Chan: case TypeKind::Func: return kWord;
    case TypeKind::Slice: return 3 * kWord;
    case TypeKind::Interface: return 2 * kWord;
    case TypeKind::Array: {
      if (u->length < 0) return -1;
      if (u->length == 0) return 0;
      int64_t es = size_impl(u->elem, depth + 1);
      return es < 0 ? -1 : es * u->length;
    }
    case TypeKind::Struct: {
      if (!u->complete) return -1;
      if (u->fields.empty()) return 0;
      std::vector<int64_t> offs = offsets_impl(u, depth);
      if (offs.size() != u->fields.size()) return -1;
      int64_t last = size_impl(u->fields.back().type, depth + 1);
      if (last < 0) return -1;
      if (offs.back() > 0 && last == 0) last = 1;  // gc: no zero-sized final field in a non-empty struct
      return round_up(offs.back() + last, align_impl(u, depth));
    }
    default: return -1;
  }
}

}  // namespace

int64_t size_of(const Type* t) { return size_impl(t, 0); }
int64_t align_of(const Type* t) { return align_impl(t, 0); }

std::vector<int64_t> field_offsets(const Type* t) {
  const Type* u = underlying(t);
  if (!u || u->kind != TypeKind::Struct || !u->complete) return {};
  return offsets_impl(u, 0);
}

}  // namespace gotrap::sema
