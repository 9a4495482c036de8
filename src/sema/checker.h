// Internal: the resolver/type inferencer behind sema::Program. One Checker per Program; it walks
// package-level declarations lazily (so declaration order never matters) and function bodies in
// source order (so local scoping follows Go's rules exactly).
#pragma once

#include <deque>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sema/pool.h"
#include "sema/sema.h"
#include "sema/small_vector.h"

namespace gotrap::sema {

// What an expression denotes. Sixteen bytes, so every expr() returns it in registers.
struct Operand {
  enum Mode : uint8_t { Invalid, NoValue, Value, TypeExpr, Package, BuiltinFunc, Constant };
  const Type* type = nullptr;  // value/constant type (may be untyped), or the denoted type
  Mode mode = Invalid;
  Builtin builtin = Builtin::None;  // BuiltinFunc: which one
  bool is_value() const { return mode == Value || mode == Constant; }
};
static_assert(sizeof(Operand) == 16);

class Checker {
 public:
  explicit Checker(Program& program);
  void collect(PackageInfo& pkg);       // package scope, file scopes, method attachment
  void check_package(PackageInfo& pkg); // every declaration and body
  const Scope& universe() const { return *universe_; }
  // Type of an object, typing a package-level one on first need. Inline: called for every
  // identifier, and nearly all objects are typed already.
  const Type* object_type(const Object* obj) {
    if (obj && obj->typed) return obj->type;
    return type_lazily(obj);
  }
  void attach_methods();  // after every package of a batch is collected
  void complete_types(PackageInfo& pkg);

  // Forgets a file about to be freed (its address may come back for another file).
  void forget_file(const syntax::ParsedFile* file) { files_.erase(file); }
  // Forgets the cached member lookups, whose names may point into texts about to be freed.
  void clear_member_cache() { std::fill(member_cache_.begin(), member_cache_.end(), MemberLookup{}); }
 private:
  // ---- declarations (checker_decls.cpp)
  void build_universe();
  Object* new_object(ObjectKind kind, std::string_view name, const ast::Ident* ident);
  Scope* new_scope(const Scope* parent);
  // The innermost block's scope, made on its first declaration: most blocks declare nothing.
  Scope* current_scope() {
    if (scope_pending_) {
      scope_ = new_scope(scope_);
      scope_pending_ = false;
    }
    return scope_;
  }
  void declare(Scope* scope, Object* obj, const ast::Ident* ident);
  void collect_file(PackageInfo& pkg, const syntax::ParsedFile& file, Scope* pkg_scope);
  const PackageInfo* find_package(std::string_view path);
  std::string_view vendored_path(std::string_view path);
  const Object* external_member(std::string_view path, std::string_view name);
  const Type* lazy_type(Object* obj);
  const Type* type_lazily(const Object* obj);  // object_type's slow path
  const Type* named_underlying(const Type* named);
  // concrete_underlying, computing a named type's underlying type first if nobody needed it yet
  // (it may belong to a package checked later). Inline: called for most expressions.
  const Type* concrete_under(const Type* t) {
    const Type* n = unalias(t);
    if (!n || n->kind != TypeKind::Named) return n;
    if (n->generic) return nullptr;
    if (!n->underlying_) named_underlying(n);
    return unalias(n->underlying_);
  }
  // want_type false: only declare (type) parameters; no Type is built and null is returned.
  // `resolved`: the signature this FuncType gave before, whose parameter types may be reused.
  const Type* signature_of(const ast::FuncType* ft, const ast::FieldList* recv, bool declare_params,
                           bool want_type = true, const Type* resolved = nullptr);
  void check_decl(const ast::Node* decl);
  void check_func_decl(const ast::FuncDecl* fd);
  void local_var_spec(const ast::ValueSpec* vs);
  void local_const_spec(const ast::ValueSpec* vs, const ast::ValueSpec* source, int iota);
  void local_type_spec(const ast::TypeSpec* ts);
  void declare_type_params(const ast::FieldList* tparams);

  // ---- types (checker_types.cpp)
  const Type* type_expr(const ast::Expr* e);
  const Type* struct_type(const ast::StructType* st, std::string_view owner);
  const Type* interface_type(const ast::InterfaceType* it, std::string_view owner);
  int64_t constant_int(const ast::Expr* e, const PackageInfo* in, int depth = 0);

  // ---- statements (checker_stmts.cpp)
  void func_body(const Type* sig, const ast::BlockStmt* body);
  void stmt_list(ast::Span<ast::Stmt*> list);
  void stmt(const ast::Stmt* s);
  void assign(const ast::AssignStmt* as);
  struct FunctionLabels {
    SmallVector<std::pair<std::string_view, Object*>, 4> declared;  // in source order
    SmallVector<const ast::Ident*, 4> uses;                        // branch statements' labels
  };
  void declare_label(const ast::Ident* label);
  void resolve_labels(const FunctionLabels& labels);
  void range_stmt(const ast::RangeStmt* rs);
  void type_switch(const ast::TypeSwitchStmt* ts);
  // Types produced for lhs_count targets; comma-ok forms record (T, ok_type) as go/types does.
  using TypeBuffer = SmallVector<const Type*, 4>;
  void rhs_types(ast::Span<ast::Expr*> rhs, size_t lhs_count, bool define, TypeBuffer& out,
                 const Type* ok_type = nullptr);

  // ---- expressions (checker_exprs.cpp)
  Operand expr(const ast::Expr* e, const Type* hint = nullptr);
  Operand compound(const ast::Expr* e, const Type* hint);
  bool compound_expr(const ast::Expr* e, const Type* hint, Operand& op);
  const Type* value(const ast::Expr* e, const Type* hint = nullptr);  // typed value or null
  Operand ident(const ast::Ident* id);
  Operand used_ident(const ast::Ident* id, const Object* obj);
  Operand operand_of(const Object* obj);
  const Object* find_member(const Type* t, std::string_view name);
  const Type* tuple_of(const Type* sig);
  Operand selector(const ast::SelectorExpr* se);
  Operand call(const ast::CallExpr* ce);
  Operand builtin_call(const ast::CallExpr* ce, Builtin b);
  Operand composite(const ast::CompositeLit* cl, const Type* hint);
  Operand index(const ast::IndexExpr* ie);
  Operand binary(const ast::BinaryExpr* be);
  Operand unary(const ast::UnaryExpr* ue);
  void record(const ast::Expr* e, const Operand& op);
  void note_file(const ast::Node* e);
  // Called for every argument, operand and assigned value; only literals need work.
  void convert_untyped(const ast::Expr* e, const Type* target) {
    if (e && e->kind == ast::Kind::BasicLit && target && pkg_)
      convert_untyped_literal(static_cast<const ast::BasicLit*>(e), target);
  }
  void convert_untyped_literal(const ast::BasicLit* lit, const Type* target);
  int8_t literal_conversion(const Type* target);
  // Recorded for every identifier: inline, an append to the package's identifier table.
  [[gnu::always_inline]] void use(const ast::Ident* id, const Object* obj) {
    if (pkg_ && id && obj) pkg_->idents.set_use(pkg_->idents.get(id), obj);
  }
  void def(const ast::Ident* id, const Object* obj) {
    if (pkg_ && id) pkg_->idents.set_def(pkg_->idents.get(id), obj);
  }

  struct ContextSwitch;
  struct ScopeGuard;
  std::unordered_map<const Type*, const Type*> tuples_;
  std::unique_ptr<PackageInfo> unsafe_;
  struct PendingMethod {
    const Scope* scope;
    std::string_view type_name;
    Object* method;
  };
  const Type* default_type(const Type* t) const;

  Program& program_;
  std::vector<PendingMethod> pending_methods_;
  std::vector<std::pair<Scope*, const PackageInfo*>> pending_dot_imports_;
  // Dot imports of packages gotrap has no source for, by file scope: a name no scope declares
  // may be one of their members (dot_import_member).
  std::vector<std::pair<const Scope*, std::string_view>> external_dot_imports_;
  const Object* dot_import_member(std::string_view name) const;
  std::unordered_set<const Type*> resolving_;
  // Recent find_member answers: x.f in a loop and method calls on one receiver type repeat the
  // same lookup. Direct-mapped; cleared when methods are attached (the only time a type gains
  // members after it is built).
  struct MemberLookup {
    const Type* type = nullptr;
    const char* name = nullptr;
    uint32_t name_size = 0;
    uint32_t hash = 0;
    const Object* member = nullptr;
  };
  static constexpr size_t kMemberCacheSize = 4096;  // power of two
  std::vector<MemberLookup> member_cache_;
  int iota_ = -1;
  static constexpr int kMaxLazyDepth = 400;
  TypeStore& types_;
  Pool<Object> objects_;
  Pool<Scope> scopes_;
  Scope* universe_ = nullptr;
  // Per file: its scope, and the origin of the objects declared in it (map nodes keep addresses).
  struct FileContext {
    Scope* scope = nullptr;
    ObjectOrigin origin;
  };
  std::unordered_map<const syntax::ParsedFile*, FileContext> files_;
  // import path -> member name -> placeholder; keys point into strings_.
  std::unordered_map<std::string_view, std::unordered_map<std::string_view, Object*>> externals_;
  std::deque<std::string> strings_;  // owned names of placeholder objects
  ObjectOrigin unsafe_origin_;  // of package unsafe's objects, which have no file

  // Current position in the walk.
  PackageInfo* pkg_ = nullptr;
  Scope* scope_ = nullptr;
  // The innermost block has no Scope yet (see ScopeGuard): scope_ is its nearest ancestor's.
  bool scope_pending_ = false;
  // Package and file of the objects made now: pkg_ and the file being walked (set by collect_file,
  // check_package, ContextSwitch, and build_universe for package unsafe).
  const ObjectOrigin* origin_ = &kNoOrigin;
  const Type* func_sig_ = nullptr;
  FunctionLabels* labels_ = nullptr;  // of the function body being walked
  int lazy_depth_ = 0;  // > 0 while typing a package-level object on demand: no body walks
  int nesting_ = 0;     // recursion guard for deeply nested input
};

// Opens a block. Its Scope is made only when something is declared in it (current_scope), so a
// lookup's chain holds only scopes that declare names, and empty blocks cost no memory.
struct Checker::ScopeGuard {
  Checker& c;
  Scope* saved;
  bool saved_pending;
  explicit ScopeGuard(Checker& checker)
      : c(checker), saved(checker.scope_), saved_pending(checker.scope_pending_) {
    c.scope_pending_ = true;
  }
  ~ScopeGuard() {
    c.scope_ = saved;
    c.scope_pending_ = saved_pending;
  }
};

}  // namespace gotrap::sema
