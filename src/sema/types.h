// Light types: enough of Go's type system to answer "what type does this expression have?" from
// source alone. A null `const Type*` means unknown and is a normal answer: nothing is guessed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sema/pool.h"

namespace gotrap::sema {

struct Object;
struct Type;

enum class TypeKind : uint8_t {
  Basic, Named, Alias, Pointer, Slice, Array, Map, Chan, Func, Struct, Interface, TypeParam, Tuple,
};

enum class BasicKind : uint8_t {
  Invalid, Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
  Float32, Float64, Complex64, Complex128, String, UnsafePointer,
  UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString, UntypedNil,
};

enum ChanDirection : uint8_t { kSendOnly = 1, kRecvOnly = 2, kSendRecv = 3 };

// A struct field, function parameter/result or tuple element.
struct Var {
  std::string_view name;       // empty when unnamed
  const Type* type = nullptr;  // null: unknown
  bool embedded = false;       // struct fields only
  std::string tag;             // struct fields only: the tag's value (unquoted)
  const Object* obj = nullptr; // declaring object, when gotrap saw the declaration
};

struct Method {
  std::string_view name;
  const Type* signature = nullptr;  // Func type, or null when unknown
  const Object* obj = nullptr;
};

// Member names of one type with many of them (a named type's methods, a struct's fields), so a
// selector finds its member without comparing the name against each one. Built on first lookup.
struct MemberIndex {
  struct Slot {
    uint32_t hash = 0;
    uint32_t size = 0;  // of the name
    const char* data = nullptr;
    const Object* obj = nullptr;  // the last member of this name, as a scan of the list finds
    uint32_t count = 0;           // members of this name (more than one: ambiguous)
  };
  std::vector<Slot> slots;          // power-of-two size, at most half full; count 0: empty
  size_t indexed = 0;               // length of the list when indexed: any other means stale
  std::vector<uint32_t> embedded;   // Struct: positions of the embedded fields, in order
};

struct Type {
  TypeKind kind;
  BasicKind basic = BasicKind::Invalid;  // Basic
  std::string_view name;      // Basic spelling ("byte" vs "uint8"), Named/Alias/TypeParam name
  std::string_view pkg_path;  // Named/Alias: declaring package ("" for predeclared)
  const Type* elem = nullptr; // Pointer/Slice/Array/Chan element, Map value, Alias target
  const Type* key = nullptr;  // Map key
  int64_t length = -1;        // Array length; -1 when not a known constant
  uint8_t chan_dir = kSendRecv;
  bool variadic = false;      // Func
  bool complete = true;       // Struct/Interface/Func: false if some part could not be resolved
  std::vector<Var> params, results;  // Func; Tuple elements are in `results`
  std::vector<Var> fields;           // Struct
  std::vector<Method> methods;       // Interface: explicit methods (sorted as go/types);
                                     // Named: declared methods
  std::vector<const Type*> embeds;   // Interface: embedded elements
  const Object* obj = nullptr;       // Named/Alias/TypeParam: its type name
  mutable const Type* underlying_ = nullptr;  // Named: filled during analysis
  bool generic = false;              // Named/Func declared with type parameters
  // Derived types built once per element type (TypeStore::pointer_to / slice_of) and a cached
  // answer of the expression-type printer's "fully known" test.
  mutable const Type* pointer_to_ = nullptr;
  mutable const Type* slice_of_ = nullptr;
  mutable int8_t printable_ = -1;
  mutable std::unique_ptr<MemberIndex> member_index_;  // see MemberIndex; null until needed

  bool is(TypeKind k) const { return kind == k; }
};

// Owns every Type built during an analysis; pointers stay valid for the store's lifetime.
class TypeStore {
 public:
  TypeStore();
  Type* make(TypeKind kind);
  const Type* basic(BasicKind k) const { return basics_[size_t(k)]; }
  const Type* byte_type() const { return byte_; }
  const Type* rune_type() const { return rune_; }
  const Type* pointer_to(const Type* elem);
  const Type* slice_of(const Type* elem);
  const Type* error_type() const { return error_; }
  const Type* any_type() const { return any_; }
  void set_error_type(const Type* t) { error_ = t; }
  void set_any_type(const Type* t) { any_ = t; }

 private:
  Pool<Type> types_;
  const Type* basics_[size_t(BasicKind::UntypedNil) + 1] = {};
  const Type* byte_ = nullptr;
  const Type* rune_ = nullptr;
  const Type* error_ = nullptr;
  const Type* any_ = nullptr;
};

// The small helpers below run for nearly every expression: they are inline, with only the rare
// alias chain handled out of line.
const Type* unalias_chain(const Type* t);
// Alias resolved to its target; null when unknown.
inline const Type* unalias(const Type* t) {
  return t && t->kind == TypeKind::Alias ? unalias_chain(t) : t;
}
// Underlying type (through Named and Alias); null when unknown.
inline const Type* underlying(const Type* t) {
  t = unalias(t);
  if (t && t->kind == TypeKind::Named) return unalias(t->underlying_);
  return t;
}
// Underlying type, or null when t is a generic type used without tracking its type arguments
// (its underlying type is written in its own type parameters).
inline const Type* concrete_underlying(const Type* t) {
  t = unalias(t);
  if (t && t->kind == TypeKind::Named) return t->generic ? nullptr : unalias(t->underlying_);
  return t;
}
// The element type of a pointer's underlying type, else null.
inline const Type* pointer_elem(const Type* t) {
  const Type* u = concrete_underlying(t);
  return u && u->kind == TypeKind::Pointer ? u->elem : nullptr;
}
inline bool is_untyped(const Type* t) {
  return t && t->kind == TypeKind::Basic && t->basic >= BasicKind::UntypedBool;
}
bool is_basic(const Type* t, BasicKind k);
// Identity for the types gotrap builds (named types by identity of their object).
bool identical(const Type* a, const Type* b);

// go/types' types.TypeString(t, func(p) { return p.Path() }); "<unknown>" for null.
std::string type_string(const Type* t);

}  // namespace gotrap::sema
