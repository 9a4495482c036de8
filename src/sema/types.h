// Light types: enough of Go's type system to answer "what type does this expression have?" from
// source alone. A null `const Type*` means unknown and is a normal answer: nothing is guessed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sema/pool.h"
#include "syntax/arena.h"

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

// A list built once and then only read (a signature's parameters, a struct's fields...): its
// elements live in storage the TypeStore owns, so a Type holds a pointer and a count instead of a
// std::vector (half the bytes, and no malloc per list). Read like a vector.
template <class T>
class FixedList {
 public:
  constexpr FixedList() = default;
  FixedList(const T* data, size_t size) : data_(data), size_(uint32_t(size)) {}
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T& back() const { return data_[size_ - 1]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

 private:
  const T* data_ = nullptr;
  uint32_t size_ = 0;
};

// A struct field, function parameter/result or tuple element.
struct Var {
  std::string_view name;       // empty when unnamed
  const Type* type = nullptr;  // null: unknown
  const Object* obj = nullptr; // declaring object, when gotrap saw the declaration
};
static_assert(sizeof(Var) <= 32, "Var grew: one per parameter, result and field of a tree");

// What only a struct field has besides its Var, kept in a list beside the fields (Type::field_tags)
// so the far more numerous parameters and results do not carry it.
struct FieldTag {
  // The tag's value (unquoted), as pointer and size so the flag below shares their word. It
  // points into the source text, or into the TypeStore when it had escapes.
  const char* tag_data = nullptr;
  uint32_t tag_size = 0;
  bool embedded = false;
  std::string_view tag() const { return {tag_data, tag_size}; }
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
  explicit Type(TypeKind k = TypeKind::Basic) : kind(k) {}

  TypeKind kind;
  BasicKind basic = BasicKind::Invalid;  // Basic
  uint8_t chan_dir = kSendRecv;
  bool variadic = false;      // Func
  bool complete = true;       // Struct/Interface/Func: false if some part could not be resolved
  bool generic = false;       // Named/Func declared with type parameters
  mutable int8_t printable_ = -1;  // cached answer of the expression-type printer's "fully known" test
  mutable int8_t literal_conversion_ = -1;  // cached by the checker: what an untyped literal becomes
  std::string_view name;      // Basic spelling ("byte" vs "uint8"), Named/Alias/TypeParam name
  const Type* elem = nullptr; // Pointer/Slice/Array/Chan element, Map value, Alias target
  const Type* key = nullptr;  // Map key
  int64_t length = -1;        // Array length; -1 when not a known constant
  const Object* obj = nullptr;       // Named/Alias/TypeParam: its type name
  mutable const Type* underlying_ = nullptr;  // Named: filled during analysis
  // Derived types built once per element type (TypeStore::pointer_to / slice_of).
  mutable const Type* pointer_to_ = nullptr;
  mutable const Type* slice_of_ = nullptr;
  mutable std::unique_ptr<MemberIndex> member_index_;  // see MemberIndex; null until needed
  // The lists, each used by some kinds only: kinds that never share a Type share the storage
  // (most Types are signatures, which need two lists, not five). Read a list only on its kinds.
  union {
    FixedList<Var> params{};    // Func
    FixedList<Var> fields;      // Struct
    FixedList<Method> methods;  // Interface: explicit methods (sorted as go/types); Named: declared methods
  };
  union {
    FixedList<Var> results{};          // Func; Tuple elements
    FixedList<const Type*> embeds;     // Interface: embedded elements
    FixedList<FieldTag> field_tags;    // Struct: one per field, in the order of `fields`
  };

  bool is(TypeKind k) const { return kind == k; }
  // Named/Alias: the declaring package's path ("" for predeclared), kept by the type name.
  std::string_view pkg_path() const;
};
static_assert(sizeof(Type) <= 120, "Type grew: every signature in a tree is one");

class TypeStore;

// Builds one list for a Type on the TypeStore's stack of lists under construction; a type nested
// in the list (a field's struct type) builds and finishes its own lists on top meanwhile, so each
// list's elements stay contiguous. finish() copies them to their final place in one piece.
template <class T>
class ListBuilder {
 public:
  ListBuilder(TypeStore& store, std::vector<T>& stack) : store_(store), stack_(stack), start_(stack.size()) {}
  ListBuilder(const ListBuilder&) = delete;
  ListBuilder& operator=(const ListBuilder&) = delete;
  ~ListBuilder() { stack_.resize(start_); }
  void push_back(const T& v) { stack_.push_back(v); }
  // The elements so far, for sorting in place (valid until the next push_back).
  T* begin() { return stack_.data() + start_; }
  T* end() { return stack_.data() + stack_.size(); }
  FixedList<T> finish();

 private:
  TypeStore& store_;
  std::vector<T>& stack_;
  size_t start_;
};

// Owns every Type built during an analysis; pointers stay valid for the store's lifetime.
class TypeStore {
 public:
  TypeStore();
  TypeStore(const TypeStore&) = delete;
  TypeStore& operator=(const TypeStore&) = delete;
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

  // A copy of n elements (trivially copyable) in storage that lives as long as the store.
  template <class T>
  FixedList<T> copy(const T* data, size_t n) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);
    if (n == 0) return {};
    return {lists_.copy_array(data, n), n};
  }
  std::string_view save(std::string_view s) {
    if (s.empty()) return {};
    char* out = lists_.copy_array(s.data(), s.size());
    return {out, s.size()};
  }
  ListBuilder<Var> vars() { return {*this, var_stack_}; }
  ListBuilder<Method> methods() { return {*this, method_stack_}; }
  ListBuilder<const Type*> type_list() { return {*this, type_stack_}; }
  ListBuilder<FieldTag> field_tags() { return {*this, field_tag_stack_}; }

 private:
  Pool<Type> types_;
  ast::Arena lists_;  // the lists and saved strings above; nothing is freed before the store
  std::vector<Var> var_stack_;
  std::vector<Method> method_stack_;
  std::vector<const Type*> type_stack_;
  std::vector<FieldTag> field_tag_stack_;
  const Type* basics_[size_t(BasicKind::UntypedNil) + 1] = {};
  const Type* byte_ = nullptr;
  const Type* rune_ = nullptr;
  const Type* error_ = nullptr;
  const Type* any_ = nullptr;
};

template <class T>
FixedList<T> ListBuilder<T>::finish() {
  FixedList<T> out = store_.copy(stack_.data() + start_, stack_.size() - start_);
  stack_.resize(start_);
  return out;
}

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
