// The Go syntax tree. It mirrors go/ast node for node and field for field (Go 1.26), with
// snake_case field names, so that anything written against go/ast reads the same here.
//
// Differences from go/ast, all deliberate:
//  - positions are byte offsets (uint32_t) into the file text; kNoPos stands for token.NoPos;
//  - interfaces (Expr, Stmt, Decl, Spec) are a `Node*` whose `kind` says the concrete type; use
//    `as<T>(node)` / `is<T>(node)` instead of Go type switches (no RTTI);
//  - lists are `Span<T*>` into the file's arena; strings are `std::string_view` into the file text
//    (BasicLit::value and Comment::text are the raw source bytes; go/scanner strips '\r' from raw
//    strings and comments, which only matters when the text has carriage returns);
//  - deprecated, non-syntactic go/ast fields are absent: Ident.Obj, File.Scope, File.Unresolved;
//  - in the most common nodes a position or token field comes first, next to `kind`, where it
//    fills what would be padding (a CallExpr is 40 bytes, not 48): fewer bytes to write per node.
#pragma once

#include <cstdint>
#include <string_view>

#include "syntax/token.h"

namespace gotrap::ast {

using Tok = syntax::Tok;
using Pos = uint32_t;
inline constexpr Pos kNoPos = UINT32_MAX;
inline bool valid(Pos p) { return p != kNoPos; }

// A read-only view of an arena-allocated array.
template <class T>
struct Span {
  T* data = nullptr;
  uint32_t count = 0;
  T* begin() const { return data; }
  T* end() const { return data + count; }
  uint32_t size() const { return count; }
  bool empty() const { return count == 0; }
  T& operator[](uint32_t i) const { return data[i]; }
  T& front() const { return data[0]; }
  T& back() const { return data[count - 1]; }
};

enum class Kind : uint8_t {
  // Comments and field lists.
  Comment, CommentGroup, Field, FieldList,
  // Expressions and types.
  BadExpr, Ident, Ellipsis, BasicLit, FuncLit, CompositeLit, ParenExpr, SelectorExpr, IndexExpr,
  IndexListExpr, SliceExpr, TypeAssertExpr, CallExpr, StarExpr, UnaryExpr, BinaryExpr,
  KeyValueExpr, ArrayType, StructType, FuncType, InterfaceType, MapType, ChanType,
  // Statements.
  BadStmt, DeclStmt, EmptyStmt, LabeledStmt, ExprStmt, SendStmt, IncDecStmt, AssignStmt, GoStmt,
  DeferStmt, ReturnStmt, BranchStmt, BlockStmt, IfStmt, CaseClause, SwitchStmt, TypeSwitchStmt,
  CommClause, SelectStmt, ForStmt, RangeStmt,
  // Specs and declarations.
  ImportSpec, ValueSpec, TypeSpec, BadDecl, GenDecl, FuncDecl,
  File,
  COUNT_,
};

// go/ast type name without the package, e.g. "CallExpr".
std::string_view kind_name(Kind k);

inline bool is_expr(Kind k) { return k >= Kind::BadExpr && k <= Kind::ChanType; }
inline bool is_stmt(Kind k) { return k >= Kind::BadStmt && k <= Kind::RangeStmt; }
inline bool is_spec(Kind k) { return k >= Kind::ImportSpec && k <= Kind::TypeSpec; }
inline bool is_decl(Kind k) { return k >= Kind::BadDecl && k <= Kind::FuncDecl; }

struct Node {
  Kind kind;
  explicit Node(Kind k) : kind(k) {}
  // go/ast Node.Pos() / End() as byte offsets (dispatch on kind).
  Pos pos() const;
  Pos end() const;
};

// Interface-typed fields: the static type documents what go/ast allows there.
using Expr = Node;
using Stmt = Node;
using Decl = Node;
using Spec = Node;

template <class T>
inline bool is(const Node* n) { return n && n->kind == T::kKind; }
template <class T>
inline T* as(Node* n) { return is<T>(n) ? static_cast<T*>(n) : nullptr; }
template <class T>
inline const T* as(const Node* n) { return is<T>(n) ? static_cast<const T*>(n) : nullptr; }

#define GOTRAP_NODE(Name) \
  static constexpr Kind kKind = Kind::Name; \
  Name() : Node(Kind::Name) {}

// Base of the value expressions (other than identifiers) whose type sema records: semantic
// analysis's index for the expression (sema/node_facts.h) lives in the bytes after `kind` that
// would be padding, 0 until sema records its type. Not part of the syntax.
struct SlottedExpr : Node {
  static constexpr uint32_t kMaxSemaSlot = (uint32_t(1) << 24) - 1;
  explicit SlottedExpr(Kind k) : Node(k) {}
  mutable uint32_t sema_slot : 24 = 0;
};
// Unary and binary expressions have only two bytes after `op`: a narrower slot.
inline constexpr uint32_t kMaxNarrowSemaSlot = UINT16_MAX;

#define GOTRAP_SLOTTED_NODE(Name) \
  static constexpr Kind kKind = Kind::Name; \
  Name() : SlottedExpr(Kind::Name) {}

// The kinds built on SlottedExpr.
inline bool has_wide_sema_slot(Kind k) {
  static_assert(unsigned(Kind::COUNT_) <= 64);
  constexpr auto bit = [](Kind kind) { return uint64_t(1) << unsigned(kind); };
  constexpr uint64_t kWide = bit(Kind::BasicLit) | bit(Kind::FuncLit) | bit(Kind::CompositeLit) |
                             bit(Kind::ParenExpr) | bit(Kind::SelectorExpr) | bit(Kind::IndexExpr) |
                             bit(Kind::IndexListExpr) | bit(Kind::SliceExpr) | bit(Kind::TypeAssertExpr) |
                             bit(Kind::CallExpr) | bit(Kind::StarExpr);
  return (kWide >> unsigned(k)) & 1;
}
// The kinds with a 16-bit sema_slot after `op`.
inline bool has_narrow_sema_slot(Kind k) { return k == Kind::UnaryExpr || k == Kind::BinaryExpr; }

// ---- Comments ----

struct Comment : Node {
  GOTRAP_NODE(Comment)
  Pos slash = kNoPos;     // position of "/" starting the comment
  std::string_view text;  // comment text including "//" or "/*...*/" (no trailing newline)
  Pos pos() const { return slash; }
  Pos end() const { return slash + Pos(text.size()); }
};

struct CommentGroup : Node {
  GOTRAP_NODE(CommentGroup)
  Span<Comment*> list;  // never empty
  Pos pos() const { return list.front()->pos(); }
  Pos end() const { return list.back()->end(); }
};

// ---- Fields ----

struct BasicLit;
struct Ident;

struct Field : Node {
  GOTRAP_NODE(Field)
  CommentGroup* doc = nullptr;
  Span<Ident*> names;            // field/method/(type) parameter names; or empty
  Expr* type = nullptr;          // or null
  BasicLit* tag = nullptr;       // or null
  CommentGroup* comment = nullptr;
  Pos pos() const;
  Pos end() const;
};

struct FieldList : Node {
  GOTRAP_NODE(FieldList)
  Pos opening = kNoPos;  // "(" / "{" / "[", if any
  Span<Field*> list;
  Pos closing = kNoPos;
  Pos pos() const;
  Pos end() const;
  // Number of parameters/fields, counting each name (go/ast FieldList.NumFields).
  int num_fields() const;
};

// ---- Expressions ----

struct BadExpr : Node {
  GOTRAP_NODE(BadExpr)
  Pos from = kNoPos, to = kNoPos;
  Pos pos() const { return from; }
  Pos end() const { return to; }
};

struct Ident : Node {
  GOTRAP_NODE(Ident)
  // Writes each field once (the default member initializers would be stores to undo: the
  // parser makes an Ident per identifier).
  Ident(Pos pos, std::string_view n) : Node(Kind::Ident), name_pos(pos), name(n) {}
  // Semantic analysis's index for this identifier (sema/ident_facts.h), in the bytes after
  // `kind` that were padding: 0 until sema records something about it. Not part of the syntax.
  static constexpr uint32_t kMaxSemaSlot = (uint32_t(1) << 24) - 1;
  mutable uint32_t sema_slot : 24 = 0;
  Pos name_pos = kNoPos;
  std::string_view name;
  Pos pos() const { return name_pos; }
  Pos end() const { return name_pos + Pos(name.size()); }
};
static_assert(sizeof(Ident) == 24, "Ident's sema slot must stay in the padding after kind");

struct Ellipsis : Node {
  GOTRAP_NODE(Ellipsis)
  Pos ellipsis = kNoPos;
  Expr* elt = nullptr;  // element type (parameter lists only); or null
  Pos pos() const { return ellipsis; }
  Pos end() const { return elt ? elt->end() : ellipsis + 3; }
};

struct BasicLit : SlottedExpr {
  GOTRAP_SLOTTED_NODE(BasicLit)
  // Writes each field once, as Ident's constructor does.
  BasicLit(Pos pos, Pos end, Tok kind, std::string_view v)
      : SlottedExpr(Kind::BasicLit), value_pos(pos), value_end(end), lit_kind(kind), value(v) {}
  Pos value_pos = kNoPos;
  Pos value_end = kNoPos;
  Tok lit_kind = Tok::ILLEGAL;  // INT, FLOAT, IMAG, CHAR or STRING (go/ast field "Kind")
  std::string_view value;       // raw literal text, quotes included
  Pos pos() const { return value_pos; }
  Pos end() const { return value_end; }
};

struct BlockStmt;
struct FuncType;

struct FuncLit : SlottedExpr {
  GOTRAP_SLOTTED_NODE(FuncLit)
  FuncType* type = nullptr;
  BlockStmt* body = nullptr;
  Pos pos() const;
  Pos end() const;
};

struct CompositeLit : SlottedExpr {
  GOTRAP_SLOTTED_NODE(CompositeLit)
  Pos lbrace = kNoPos;
  Expr* type = nullptr;  // or null
  Span<Expr*> elts;
  Pos rbrace = kNoPos;
  bool incomplete = false;  // after rbrace, where it fills padding: the slot takes the bytes after kind
  Pos pos() const { return type ? type->pos() : lbrace; }
  Pos end() const { return rbrace + 1; }
};

struct ParenExpr : SlottedExpr {
  GOTRAP_SLOTTED_NODE(ParenExpr)
  Pos lparen = kNoPos;
  Expr* x = nullptr;
  Pos rparen = kNoPos;
  Pos pos() const { return lparen; }
  Pos end() const { return rparen + 1; }
};

struct SelectorExpr : SlottedExpr {
  GOTRAP_SLOTTED_NODE(SelectorExpr)
  Expr* x = nullptr;
  Ident* sel = nullptr;
  Pos pos() const { return x->pos(); }
  Pos end() const { return sel->end(); }
};

struct IndexExpr : SlottedExpr {
  GOTRAP_SLOTTED_NODE(IndexExpr)
  Pos lbrack = kNoPos;
  Expr* x = nullptr;
  Expr* index = nullptr;
  Pos rbrack = kNoPos;
  Pos pos() const { return x->pos(); }
  Pos end() const { return rbrack + 1; }
};

struct IndexListExpr : SlottedExpr {
  GOTRAP_SLOTTED_NODE(IndexListExpr)
  Pos lbrack = kNoPos;
  Expr* x = nullptr;
  Span<Expr*> indices;
  Pos rbrack = kNoPos;
  Pos pos() const { return x->pos(); }
  Pos end() const { return rbrack + 1; }
};

struct SliceExpr : SlottedExpr {
  GOTRAP_SLOTTED_NODE(SliceExpr)
  Pos lbrack = kNoPos;
  Expr* x = nullptr;
  Expr* low = nullptr;
  Expr* high = nullptr;
  Expr* max = nullptr;
  Pos rbrack = kNoPos;
  bool slice3 = false;  // after rbrack, where it fills padding, as CompositeLit::incomplete
  Pos pos() const { return x->pos(); }
  Pos end() const { return rbrack + 1; }
};

struct TypeAssertExpr : SlottedExpr {
  GOTRAP_SLOTTED_NODE(TypeAssertExpr)
  Pos lparen = kNoPos;
  Expr* x = nullptr;
  Expr* type = nullptr;  // null means x.(type) in a type switch
  Pos rparen = kNoPos;
  Pos pos() const { return x->pos(); }
  Pos end() const { return rparen + 1; }
};

struct CallExpr : SlottedExpr {
  GOTRAP_SLOTTED_NODE(CallExpr)
  Pos lparen = kNoPos;
  Expr* fun = nullptr;
  Span<Expr*> args;
  Pos ellipsis = kNoPos;  // position of "...", or kNoPos
  Pos rparen = kNoPos;
  Pos pos() const { return fun->pos(); }
  Pos end() const { return rparen + 1; }
};

struct StarExpr : SlottedExpr {
  GOTRAP_SLOTTED_NODE(StarExpr)
  Pos star = kNoPos;
  Expr* x = nullptr;
  Pos pos() const { return star; }
  Pos end() const { return x->end(); }
};

struct UnaryExpr : Node {
  GOTRAP_NODE(UnaryExpr)
  Tok op = Tok::ILLEGAL;
  mutable uint16_t sema_slot = 0;  // as SlottedExpr::sema_slot, up to kMaxNarrowSemaSlot
  Pos op_pos = kNoPos;
  Expr* x = nullptr;
  Pos pos() const { return op_pos; }
  Pos end() const { return x->end(); }
};

struct BinaryExpr : Node {
  GOTRAP_NODE(BinaryExpr)
  Tok op = Tok::ILLEGAL;
  mutable uint16_t sema_slot = 0;  // as SlottedExpr::sema_slot, up to kMaxNarrowSemaSlot
  Pos op_pos = kNoPos;
  Expr* x = nullptr;
  Expr* y = nullptr;
  Pos pos() const { return x->pos(); }
  Pos end() const { return y->end(); }
};

// The sema slots live in what was padding: no node grew.
static_assert(sizeof(SlottedExpr) == 4);
static_assert(sizeof(BasicLit) == 32 && sizeof(FuncLit) == 24 && sizeof(CompositeLit) == 40 &&
              sizeof(ParenExpr) == 24 && sizeof(SelectorExpr) == 24 && sizeof(IndexExpr) == 32 &&
              sizeof(IndexListExpr) == 40 && sizeof(SliceExpr) == 48 && sizeof(TypeAssertExpr) == 32 &&
              sizeof(CallExpr) == 40 && sizeof(StarExpr) == 16 && sizeof(UnaryExpr) == 16 &&
              sizeof(BinaryExpr) == 24,
              "expression nodes must not grow for their sema slots");

struct KeyValueExpr : Node {
  GOTRAP_NODE(KeyValueExpr)
  Pos colon = kNoPos;
  Expr* key = nullptr;
  Expr* value = nullptr;
  Pos pos() const { return key->pos(); }
  Pos end() const { return value->end(); }
};

// go/ast ChanDir bits.
enum ChanDir : uint8_t { SEND = 1, RECV = 2 };

struct ArrayType : Node {
  GOTRAP_NODE(ArrayType)
  Pos lbrack = kNoPos;
  Expr* len = nullptr;  // Ellipsis for [...]T, null for slices
  Expr* elt = nullptr;
  Pos pos() const { return lbrack; }
  Pos end() const { return elt->end(); }
};

struct StructType : Node {
  GOTRAP_NODE(StructType)
  Pos struct_pos = kNoPos;  // go/ast field "Struct"
  FieldList* fields = nullptr;
  bool incomplete = false;
  Pos pos() const { return struct_pos; }
  Pos end() const { return fields->end(); }
};

struct FuncType : Node {
  GOTRAP_NODE(FuncType)
  Pos func = kNoPos;  // "func" keyword, or kNoPos (method signatures, FuncDecl keeps it)
  FieldList* type_params = nullptr;
  FieldList* params = nullptr;  // never null once parsed
  FieldList* results = nullptr;
  Pos pos() const;
  Pos end() const { return results ? results->end() : params->end(); }
};

struct InterfaceType : Node {
  GOTRAP_NODE(InterfaceType)
  Pos interface = kNoPos;
  FieldList* methods = nullptr;
  bool incomplete = false;
  Pos pos() const { return interface; }
  Pos end() const { return methods->end(); }
};

struct MapType : Node {
  GOTRAP_NODE(MapType)
  Pos map = kNoPos;
  Expr* key = nullptr;
  Expr* value = nullptr;
  Pos pos() const { return map; }
  Pos end() const { return value->end(); }
};

struct ChanType : Node {
  GOTRAP_NODE(ChanType)
  Pos begin = kNoPos;  // "chan" or "<-", whichever comes first
  Pos arrow = kNoPos;  // "<-" or kNoPos
  uint8_t dir = SEND | RECV;
  Expr* value = nullptr;
  Pos pos() const { return begin; }
  Pos end() const { return value->end(); }
};

// ---- Statements ----

struct BadStmt : Node {
  GOTRAP_NODE(BadStmt)
  Pos from = kNoPos, to = kNoPos;
  Pos pos() const { return from; }
  Pos end() const { return to; }
};

struct DeclStmt : Node {
  GOTRAP_NODE(DeclStmt)
  Decl* decl = nullptr;  // GenDecl with CONST, TYPE or VAR
  Pos pos() const { return decl->pos(); }
  Pos end() const { return decl->end(); }
};

struct EmptyStmt : Node {
  GOTRAP_NODE(EmptyStmt)
  Pos semicolon = kNoPos;
  bool implicit = false;
  Pos pos() const { return semicolon; }
  Pos end() const { return implicit ? semicolon : semicolon + 1; }
};

struct LabeledStmt : Node {
  GOTRAP_NODE(LabeledStmt)
  Pos colon = kNoPos;
  Ident* label = nullptr;
  Stmt* stmt = nullptr;
  Pos pos() const { return label->pos(); }
  Pos end() const { return stmt->end(); }
};

struct ExprStmt : Node {
  GOTRAP_NODE(ExprStmt)
  Expr* x = nullptr;
  Pos pos() const { return x->pos(); }
  Pos end() const { return x->end(); }
};

struct SendStmt : Node {
  GOTRAP_NODE(SendStmt)
  Pos arrow = kNoPos;
  Expr* chan = nullptr;
  Expr* value = nullptr;
  Pos pos() const { return chan->pos(); }
  Pos end() const { return value->end(); }
};

struct IncDecStmt : Node {
  GOTRAP_NODE(IncDecStmt)
  Tok tok = Tok::ILLEGAL;  // INC or DEC
  Pos tok_pos = kNoPos;
  Expr* x = nullptr;
  Pos pos() const { return x->pos(); }
  Pos end() const { return tok_pos + 2; }
};

struct AssignStmt : Node {
  GOTRAP_NODE(AssignStmt)
  Tok tok = Tok::ILLEGAL;  // ASSIGN, DEFINE or an op-assign
  Pos tok_pos = kNoPos;
  Span<Expr*> lhs;
  Span<Expr*> rhs;
  Pos pos() const { return lhs.front()->pos(); }
  Pos end() const { return rhs.back()->end(); }
};

struct CallExpr;

struct GoStmt : Node {
  GOTRAP_NODE(GoStmt)
  Pos go = kNoPos;
  CallExpr* call = nullptr;
  Pos pos() const { return go; }
  Pos end() const;
};

struct DeferStmt : Node {
  GOTRAP_NODE(DeferStmt)
  Pos defer = kNoPos;
  CallExpr* call = nullptr;
  Pos pos() const { return defer; }
  Pos end() const;
};

struct ReturnStmt : Node {
  GOTRAP_NODE(ReturnStmt)
  Pos return_pos = kNoPos;  // go/ast field "Return"
  Span<Expr*> results;
  Pos pos() const { return return_pos; }
  Pos end() const { return results.empty() ? return_pos + 6 : results.back()->end(); }
};

struct BranchStmt : Node {
  GOTRAP_NODE(BranchStmt)
  Tok tok = Tok::ILLEGAL;  // BREAK, CONTINUE, GOTO, FALLTHROUGH
  Pos tok_pos = kNoPos;
  Ident* label = nullptr;
  Pos pos() const { return tok_pos; }
  Pos end() const;
};

struct BlockStmt : Node {
  GOTRAP_NODE(BlockStmt)
  Pos lbrace = kNoPos;
  Span<Stmt*> list;
  Pos rbrace = kNoPos;  // kNoPos if missing after a syntax error
  Pos pos() const { return lbrace; }
  Pos end() const;
};

struct IfStmt : Node {
  GOTRAP_NODE(IfStmt)
  Pos if_pos = kNoPos;  // go/ast field "If"
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  BlockStmt* body = nullptr;
  Stmt* else_stmt = nullptr;  // go/ast field "Else": IfStmt or BlockStmt, or null
  Pos pos() const { return if_pos; }
  Pos end() const;
};

struct CaseClause : Node {
  GOTRAP_NODE(CaseClause)
  Pos case_pos = kNoPos;  // go/ast field "Case": "case" or "default"
  Span<Expr*> list;       // empty means default
  Pos colon = kNoPos;
  Span<Stmt*> body;
  Pos pos() const { return case_pos; }
  Pos end() const { return body.empty() ? colon + 1 : body.back()->end(); }
};

struct SwitchStmt : Node {
  GOTRAP_NODE(SwitchStmt)
  Pos switch_pos = kNoPos;  // go/ast field "Switch"
  Stmt* init = nullptr;
  Expr* tag = nullptr;
  BlockStmt* body = nullptr;
  Pos pos() const { return switch_pos; }
  Pos end() const;
};

struct TypeSwitchStmt : Node {
  GOTRAP_NODE(TypeSwitchStmt)
  Pos switch_pos = kNoPos;
  Stmt* init = nullptr;
  Stmt* assign = nullptr;  // x := y.(type) or y.(type)
  BlockStmt* body = nullptr;
  Pos pos() const { return switch_pos; }
  Pos end() const;
};

struct CommClause : Node {
  GOTRAP_NODE(CommClause)
  Pos case_pos = kNoPos;
  Stmt* comm = nullptr;  // send or receive; null means default
  Pos colon = kNoPos;
  Span<Stmt*> body;
  Pos pos() const { return case_pos; }
  Pos end() const { return body.empty() ? colon + 1 : body.back()->end(); }
};

struct SelectStmt : Node {
  GOTRAP_NODE(SelectStmt)
  Pos select = kNoPos;
  BlockStmt* body = nullptr;
  Pos pos() const { return select; }
  Pos end() const;
};

struct ForStmt : Node {
  GOTRAP_NODE(ForStmt)
  Pos for_pos = kNoPos;  // go/ast field "For"
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  Stmt* post = nullptr;
  BlockStmt* body = nullptr;
  Pos pos() const { return for_pos; }
  Pos end() const;
};

struct RangeStmt : Node {
  GOTRAP_NODE(RangeStmt)
  Pos for_pos = kNoPos;
  Expr* key = nullptr;
  Expr* value = nullptr;
  Pos tok_pos = kNoPos;
  Tok tok = Tok::ILLEGAL;  // ILLEGAL if key is null, else ASSIGN or DEFINE
  Pos range = kNoPos;
  Expr* x = nullptr;
  BlockStmt* body = nullptr;
  Pos pos() const { return for_pos; }
  Pos end() const;
};

// ---- Specs and declarations ----

struct ImportSpec : Node {
  GOTRAP_NODE(ImportSpec)
  CommentGroup* doc = nullptr;
  Ident* name = nullptr;  // local name (including "." and "_"); or null
  BasicLit* path = nullptr;
  CommentGroup* comment = nullptr;
  Pos end_pos = kNoPos;  // overrides path->end() when valid
  Pos pos() const { return name ? name->pos() : path->pos(); }
  Pos end() const { return valid(end_pos) ? end_pos : path->end(); }
};

struct ValueSpec : Node {
  GOTRAP_NODE(ValueSpec)
  CommentGroup* doc = nullptr;
  Span<Ident*> names;
  Expr* type = nullptr;
  Span<Expr*> values;
  CommentGroup* comment = nullptr;
  Pos pos() const { return names.front()->pos(); }
  Pos end() const;
};

struct TypeSpec : Node {
  GOTRAP_NODE(TypeSpec)
  CommentGroup* doc = nullptr;
  Ident* name = nullptr;
  FieldList* type_params = nullptr;
  Pos assign = kNoPos;  // "=" of an alias, or kNoPos
  Expr* type = nullptr;
  CommentGroup* comment = nullptr;
  Pos pos() const { return name->pos(); }
  Pos end() const { return type->end(); }
};

struct BadDecl : Node {
  GOTRAP_NODE(BadDecl)
  Pos from = kNoPos, to = kNoPos;
  Pos pos() const { return from; }
  Pos end() const { return to; }
};

struct GenDecl : Node {
  GOTRAP_NODE(GenDecl)
  CommentGroup* doc = nullptr;
  Pos tok_pos = kNoPos;
  Tok tok = Tok::ILLEGAL;  // IMPORT, CONST, TYPE or VAR
  Pos lparen = kNoPos;
  Span<Spec*> specs;
  Pos rparen = kNoPos;
  Pos pos() const { return tok_pos; }
  Pos end() const;
};

struct FuncDecl : Node {
  GOTRAP_NODE(FuncDecl)
  CommentGroup* doc = nullptr;
  FieldList* recv = nullptr;  // null for functions
  Ident* name = nullptr;
  FuncType* type = nullptr;   // type->func is the "func" keyword
  BlockStmt* body = nullptr;  // null for external functions
  Pos pos() const { return type->pos(); }
  Pos end() const;
};

struct File : Node {
  GOTRAP_NODE(File)
  CommentGroup* doc = nullptr;
  Pos package = kNoPos;
  Ident* name = nullptr;
  Span<Decl*> decls;
  Pos file_start = 0, file_end = 0;
  Span<ImportSpec*> imports;  // all import specs, in order
  Span<CommentGroup*> comments;
  std::string_view go_version;  // from //go:build, e.g. "go1.21"; empty if none
  Pos pos() const { return package; }
  Pos end() const;
};

#undef GOTRAP_NODE

// ---- out-of-line pos/end that need complete types ----

inline Pos Field::pos() const {
  if (!names.empty()) return names.front()->pos();
  if (type) return type->pos();
  return kNoPos;
}
inline Pos Field::end() const {
  if (tag) return tag->end();
  if (type) return type->end();
  if (!names.empty()) return names.back()->end();
  return kNoPos;
}
inline Pos FieldList::pos() const {
  if (valid(opening)) return opening;
  if (!list.empty()) return list.front()->pos();
  return kNoPos;
}
inline Pos FieldList::end() const {
  if (valid(closing)) return closing + 1;
  if (!list.empty()) return list.back()->end();
  return kNoPos;
}
inline int FieldList::num_fields() const {
  int n = 0;
  for (Field* f : list) n += f->names.empty() ? 1 : int(f->names.size());
  return n;
}
inline Pos FuncType::pos() const {
  if (valid(func) || !params) return func;
  return params->pos();
}
inline Pos FuncLit::pos() const { return type->pos(); }
inline Pos FuncLit::end() const { return body->end(); }
inline Pos GoStmt::end() const { return call->end(); }
inline Pos DeferStmt::end() const { return call->end(); }
inline Pos BranchStmt::end() const {
  return label ? label->end() : tok_pos + Pos(syntax::tok_string(tok).size());
}
inline Pos BlockStmt::end() const {
  if (valid(rbrace)) return rbrace + 1;
  if (!list.empty()) return list.back()->end();
  return lbrace + 1;
}
inline Pos IfStmt::end() const { return else_stmt ? else_stmt->end() : body->end(); }
inline Pos SwitchStmt::end() const { return body->end(); }
inline Pos TypeSwitchStmt::end() const { return body->end(); }
inline Pos SelectStmt::end() const { return body->end(); }
inline Pos ForStmt::end() const { return body->end(); }
inline Pos RangeStmt::end() const { return body->end(); }
inline Pos ValueSpec::end() const {
  if (!values.empty()) return values.back()->end();
  if (type) return type->end();
  return names.back()->end();
}
inline Pos GenDecl::end() const {
  if (valid(rparen)) return rparen + 1;
  return specs.front()->end();
}
inline Pos FuncDecl::end() const { return body ? body->end() : type->end(); }
inline Pos File::end() const {
  if (!decls.empty()) return decls.back()->end();
  return name->end();
}

}  // namespace gotrap::ast
