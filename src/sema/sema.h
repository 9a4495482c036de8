// Scopes and name resolution for Go packages, from source alone.
//
// Usage:
//   sema::Program program;                       // holds every package of one run
//   auto* pkg = program.add_package("example.com/m/p", files);  // files: parsed, same package
//   program.analyze();                           // resolves all packages together
//   const Object* obj = pkg->use_of(ident);      // what an identifier refers to
//   const Type* t = pkg->type_of(expr);          // null when unknown
//
// Imports of packages added to the same Program resolve to their declarations (so calls across
// packages get types); other imports come from the standard-library table when it knows the
// package, else their members are placeholder objects `importpath.Name` of unknown type.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sema/flat_map.h"
#include "sema/ident_facts.h"
#include "sema/node_facts.h"
#include "sema/types.h"
#include "syntax/ast.h"
#include "syntax/parser.h"

namespace gotrap::sema {

enum class ObjectKind : uint8_t {
  Var, Const, TypeName, Func, PkgName, Label, Builtin, Nil,
  Unknown,  // member of an import gotrap has no source for: kind and type unknown
};

enum class Builtin : uint8_t {
  None, Append, Cap, Clear, Close, Complex, Copy, Delete, Imag, Len, Make, Max, Min, New, Panic,
  Print, Println, Real, Recover,
  // package unsafe
  Add, Alignof, Offsetof, Sizeof, Slice, SliceData, String, StringData,
};

struct PackageInfo;
class Scope;

// The package and file an object was declared in. All objects of one file share one, so an Object
// keeps a single pointer for both (8 bytes less on each of hundreds of thousands of objects).
struct ObjectOrigin {
  const PackageInfo* package = nullptr;
  const syntax::ParsedFile* file = nullptr;
};
// The origin of universe objects and placeholders: no package, no file.
inline constexpr ObjectOrigin kNoOrigin{};

struct Object {
  Object() {}  // spelled out: the string_views in the union below have non-trivial constructors

  // Ordered so the small fields share words, the flags packed in one byte: millions of Objects
  // are made over a large tree, and every 8 bytes less is 5% less memory to write and read back.
  ObjectKind kind = ObjectKind::Unknown;
  Builtin builtin = Builtin::None;
  bool package_level : 1 = false;        // declared at package scope
  bool is_field : 1 = false;             // struct field
  bool is_method : 1 = false;            // Func with a receiver, or interface method
  bool is_param : 1 = false;             // parameter, result or receiver
  bool typing : 1 = false;               // cycle guard during lazy typing
  bool typed : 1 = false;
  int value_index = -1;                  // index in a ValueSpec/AssignStmt lhs
  std::string_view name;
  const ast::Ident* ident = nullptr;     // declaring identifier; null for universe/placeholders
  const ObjectOrigin* origin = &kNoOrigin;  // never null
  const Type* type = nullptr;            // null: unknown (or not a value/type)
  // Members that only some kinds use share storage with members of other kinds: read each only
  // on the objects its comment names.
  union {
    std::string_view owner{};         // fields/methods: name of the declaring named type
    std::string_view imported_path;   // PkgName: import path
    std::string_view external_path;   // Unknown: path of the import it is a member of
    int iota;                         // Const: the value of iota in its spec
  };
  // Where the object was declared, for lazy typing: the ValueSpec/TypeSpec/FuncDecl/AssignStmt...
  const ast::Node* decl = nullptr;
  union {
    const Scope* decl_scope = nullptr;  // objects typed lazily (with a `decl`): the declaring scope
    const PackageInfo* imported;        // PkgName: the package when gotrap has it
  };

  // Declaring package; null for universe objects and placeholders.
  const PackageInfo* package() const { return origin->package; }
  // File of `ident`; null when there is none.
  const syntax::ParsedFile* file() const { return origin->file; }
  // Path of the declaring package; "" for predeclared (universe) objects.
  std::string_view pkg_path() const;
  // Declaring position (an import without a name: its path's), from the declaring node.
  ast::Pos pos() const {
    if (ident) return ident->pos();
    return kind == ObjectKind::PkgName && decl ? decl->pos() : ast::kNoPos;
  }
};
static_assert(sizeof(Object) <= 80, "Object grew: keep the small fields together");
static_assert(alignof(Object) >= 8, "IdentFacts keeps three flags in an Object address's low bits");

inline const Type* IdentTable::type(const IdentFacts& e) const {
  if (!e.has_type()) return nullptr;
  if (!other_types_.empty()) [[unlikely]]
    if (const Type* t = other_type(e.ident)) return t;
  return e.object()->type;
}

// Inline: the checker records a type for most identifiers it resolves.
inline void IdentTable::set_type(IdentFacts& e, const Type* t) {
  // The common case: a first type, the used object's own (the side map cannot hold the entry yet).
  if (t && !e.has_type() && e.is_use() && e.object()->type == t) {
    e.object_bits |= kTyped;
    return;
  }
  set_type_slow(e, t);
}

// Hash of an identifier, computed once per lookup and compared before any characters are.
// Inline: every identifier's lookup starts here.
inline uint32_t name_hash(std::string_view name) {
  // Identifiers are short: one or two overlapping loads cover a name of up to 8 bytes, longer
  // ones are folded in 8 bytes at a time. Each step folds the high half onto the low one before
  // multiplying, so every input bit reaches the product's high half, which is the hash.
  const char* p = name.data();
  size_t n = name.size();
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  auto word = [](const char* q) {
    uint64_t w;
    std::memcpy(&w, q, 8);
    return w;
  };
  auto step = [](uint64_t h) {
    h ^= h >> 32;
    return h * kMul;
  };
  uint64_t h = uint64_t(n) * 0xBF58476D1CE4E5B9ull;
  if (n > 8) {
    for (; n > 8; p += 8, n -= 8) h = step(h ^ word(p));
    h ^= word(p + n - 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, p, 4);
    std::memcpy(&b, p + n - 4, 4);
    h ^= uint64_t(a) | uint64_t(b) << 32;
  } else if (n > 0) {
    h ^= uint64_t(uint8_t(p[0])) | uint64_t(uint8_t(p[n / 2])) << 8 | uint64_t(uint8_t(p[n - 1])) << 16;
  }
  return uint32_t(step(h) >> 32);
}

// a == b for identifiers: inline word compares, cheaper than a call to memcmp for short names.
inline bool same_name(std::string_view a, std::string_view b) {
  size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  auto load8 = [](const char* s) {
    uint64_t w;
    std::memcpy(&w, s, 8);
    return w;
  };
  auto load4 = [](const char* s) {
    uint32_t w;
    std::memcpy(&w, s, 4);
    return w;
  };
  if (n >= 8) {
    for (; n > 8; p += 8, q += 8, n -= 8)
      if (load8(p) != load8(q)) return false;
    return load8(p + n - 8) == load8(q + n - 8);
  }
  if (n >= 4) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
  for (size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

// Names declared in one block. Most blocks declare one to three names: those live in the scope
// itself, which fills one cache line (a lookup walking the chain reads one line per scope). Larger
// scopes keep their names out of line, as a flat list searched linearly up to kFlatLimit names
// (faster than hashing for a handful), then as an open-addressing table. Each name's hash is
// stored, so a lookup hashes its name once for the whole chain and reads an Object's name only
// on a hash match (nearly always the object it finds, which the caller reads next anyway).
class alignas(64) Scope {
 public:
  explicit Scope(const Scope* parent) : parent_(parent) {}
  ~Scope() { delete[] more_; }
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;
  const Scope* parent() const { return parent_; }
  const Object* lookup_local(std::string_view name) const { return find(name, name_hash(name)); }
  const Object* lookup(std::string_view name) const {
    uint32_t hash = name_hash(name);
    for (const Scope* s = this; s; s = s->parent_)
      if (const Object* o = s->find(name, hash)) return o;
    return nullptr;
  }
  void insert(const Object* o);
  // Every name, in no particular order.
  std::vector<std::pair<std::string_view, const Object*>> names() const;

 private:
  struct Entry {
    uint32_t hash;
    const Object* obj;
  };
  static constexpr uint32_t kInline = 3;      // names held in the scope itself
  static constexpr uint32_t kFlatLimit = 16;  // past this many names: hash table
  static uint64_t filter_bit(uint32_t hash) { return uint64_t(1) << (hash >> 26); }
  static bool matches(uint32_t stored_hash, const Object* obj, std::string_view name, uint32_t hash) {
    return stored_hash == hash && same_name(obj->name, name);
  }
  bool hashed() const { return count_ > kFlatLimit; }
  // A hashed scope's table size follows from its count: twice the count rounded up to a power of
  // two, which keeps the table between a quarter and half full. Its mask is kept where the inline
  // hashes would be (unused then), which is cheaper for lookups than recomputing it.
  static size_t table_capacity(uint32_t count) { return size_t(2) << std::bit_width(count - 1); }
  size_t table_mask() const { return hashes_[0]; }
  const Object* find(std::string_view name, uint32_t hash) const {
    // Most lookups walk past scopes that do not declare the name: one bit test says so.
    if (!(filter_ & filter_bit(hash))) return nullptr;
    if (count_ <= kInline) {
      for (uint32_t i = 0; i < count_; ++i)
        if (matches(hashes_[i], objects_[i], name, hash)) return objects_[i];
      return nullptr;
    }
    const Entry* e = find_entry(name, hash);
    return e ? e->obj : nullptr;
  }
  // Past kInline names: the entry for `name`; if there is none, the empty slot that ends the
  // probe in a hashed scope (where insert puts it), null in a flat one.
  const Entry* find_entry(std::string_view name, uint32_t hash) const {
    if (hashed()) {
      size_t mask = table_mask();
      for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Entry& e = more_[i];
        if (!e.obj || matches(e.hash, e.obj, name, hash)) return &e;
      }
    }
    for (uint32_t i = 0; i < count_; ++i)
      if (matches(more_[i].hash, more_[i].obj, name, hash)) return &more_[i];
    return nullptr;
  }
  void rebuild_table(uint32_t count);
  void put_in_table(const Entry& e);

  const Scope* parent_;
  uint64_t filter_ = 0;  // one bit per declared name's hash (a one-hash Bloom filter)
  uint32_t count_ = 0;
  uint32_t hashes_[kInline];  // up to kInline names: their hashes and objects (hashed: the mask)
  const Object* objects_[kInline];
  // Past kInline names: every entry, as a flat list (room for kFlatLimit) up to kFlatLimit, then
  // as an open-addressing table of table_capacity(count_) entries.
  Entry* more_ = nullptr;
};
static_assert(sizeof(Scope) == 64, "a Scope is meant to fill one cache line");

struct PackageInfo {
  PackageInfo() = default;
  // The views below point into this object's own tables.
  PackageInfo(const PackageInfo&) = delete;
  PackageInfo& operator=(const PackageInfo&) = delete;

  std::string import_path;
  std::string name;
  std::vector<const syntax::ParsedFile*> files;
  const Scope* scope = nullptr;  // package scope (parent: universe)
  bool from_stdlib_table = false;
  bool vendor_std_imports = false;  // set for packages of the standard library (module "std")

  // Everything recorded about the package's identifiers; read it through the views below.
  IdentTable idents;
  // Identifier uses (not declarations) -> object. Includes selector names (x.f) whose receiver
  // type is known and composite-literal keys that name struct fields.
  IdentFactsView<UseFacts> uses{idents};
  // Declaring identifiers -> object.
  IdentFactsView<DefFacts> defs{idents};
  // Expressions whose type gotrap knows, as go/types reports them. Untyped constants have the type
  // their context gives them; gotrap records that only for literals in a typed context (argument,
  // assignment, operand, element, return, send) and otherwise leaves them out.
  ExprTypes types{idents};

  const Object* use_of(const ast::Ident* id) const {
    const IdentFacts* f = idents.find(id);
    return f ? idents.use(*f) : nullptr;
  }
  const Object* def_of(const ast::Ident* id) const {
    const IdentFacts* f = idents.find(id);
    return f ? idents.def(*f) : nullptr;
  }
  // Use or definition.
  const Object* object_of(const ast::Ident* id) const {
    const IdentFacts* f = idents.find(id);
    if (!f) return nullptr;
    return f->is_use() ? f->object() : idents.def(*f);
  }
  // With Program::keep_expression_files(true): the file of each expression in `types`.
  PtrMap<ast::Node, const syntax::ParsedFile*> expression_files;

  // The file whose text holds this identifier.
  const syntax::ParsedFile* file_of(const ast::Ident* id) const {
    for (const syntax::ParsedFile* f : files) {
      const char* p = id->name.data();
      if (p >= f->text.data() && p <= f->text.data() + f->text.size()) return f;
    }
    return nullptr;
  }
  const Type* type_of(const ast::Node* e) const { return types.find(e); }
  // Package-level member by name, or null.
  const Object* member(std::string_view name) const { return scope ? scope->lookup_local(name) : nullptr; }
};

// Kept by the declaring package rather than in each of the millions of objects.
inline std::string_view Object::pkg_path() const {
  if (const PackageInfo* package = origin->package) return package->import_path;
  return kind == ObjectKind::Unknown ? external_path : std::string_view();
}

class Checker;

// All packages of one run, analysed together so imports between them resolve.
class Program {
 public:
  Program();
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  // Registers a package; `files` must outlive the Program. Call before analyze().
  PackageInfo* add_package(std::string import_path, std::vector<const syntax::ParsedFile*> files);
  // Resolves and types every added package (standard-library table packages on demand).
  void analyze();
  // Drops what the analysis recorded about the syntax of `packages` (identifier and expression
  // facts, the checker's per-file state), before their parsed files are freed. Their package
  // scopes and objects stay, but no package analysed later may import them, and nothing may ask
  // about their syntax again: call it only once every package depending on them is done with.
  void release(const std::vector<PackageInfo*>& packages);

  const std::vector<std::unique_ptr<PackageInfo>>& packages() const { return packages_; }
  const PackageInfo* find(std::string_view import_path) const;
  // Stops `info` answering find() for its path (a newer analysis of the package replaces it, or it
  // is out of date): packages analysed after this no longer resolve imports to it. Its objects and
  // types stay valid for as long as the Program lives.
  void retire(const PackageInfo* info);
  TypeStore& types() { return types_; }
  const Scope& universe() const;
  // Debugging aid: also remember which file each typed expression is in (PackageInfo::expression_files).
  void keep_expression_files(bool on) { keep_expression_files_ = on; }
  bool keeps_expression_files() const { return keep_expression_files_; }
  // Type of any object (package-level objects are typed on demand); null when unknown.
  const Type* type_of_object(const Object* obj);

 private:
  friend class Checker;
  TypeStore types_;
  std::vector<std::unique_ptr<PackageInfo>> packages_;
  std::unordered_map<std::string, PackageInfo*> by_path_;
  size_t analyzed_ = 0;
  std::vector<std::unique_ptr<syntax::ParsedFile>> stub_files_;  // parsed standard-library stubs
  void add_stdlib_imports(size_t first);
  bool keep_expression_files_ = false;
  std::unique_ptr<Checker> checker_;
};

// The path an import spec names, without its quotes ("" when it has none).
std::string_view import_path_of(const ast::ImportSpec* spec);
// Inside the standard library (PackageInfo::vendor_std_imports), an import outside it (a dot in
// its first path element) names the std module's vendor directory: "vendor/" + path. Null when
// the path is resolved as written.
std::optional<std::string> std_vendored_path(std::string_view path);

// Method set lookup: field or method `name` of type t (auto-deref of pointers, promotion through
// embedded fields). Null when unknown or absent.
const Object* lookup_field_or_method(const Type* t, std::string_view name);

}  // namespace gotrap::sema
