// Internal: the recursive-descent parser, a close port of go/parser's structure so that trees and
// accept/reject decisions match it. Split over parser_*.cpp by grammar area.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <cstdlib>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/ast.h"
#include "syntax/parser.h"
#include "syntax/scanner.h"

namespace gotrap::syntax {

using namespace gotrap::ast;

// The parser's working stack for lists under construction (go/parser appends to slices): each
// list is pushed entry by entry, then frozen into one arena array. Entries live in chunks, so
// pushing never copies. The first chunk covers ordinary files; the chunks a huge list needs
// beyond it are mapped separately and unmapped while that list is frozen, so a list of N entries
// costs about N pointers of stack at any time, not the 2N+ of a doubling array plus its copy.
class ListStack {
  struct Chunk {
    Chunk* prev;
    Chunk* next;
    Node** end;
    bool mapped;
    Node** entries() { return reinterpret_cast<Node**>(this + 1); }
  };
  static constexpr size_t kFirstChunkBytes = size_t(64) << 10;
  static constexpr size_t kMappedChunkBytes = size_t(1) << 20;

 public:
  // Where a list starts: the stack top when it was begun. The [entries(), end] ranges of
  // different chunks never overlap (each lies within its own allocation), so the mark alone
  // tells which chunk it is in.
  using Mark = Node**;

  ListStack() { enter(new_chunk(nullptr, false)); }
  ListStack(const ListStack&) = delete;
  ListStack& operator=(const ListStack&) = delete;
  ~ListStack() {
    Chunk* c = chunk_;
    while (c->prev) c = c->prev;
    release_from(c);
  }

  Mark mark() const { return top_; }
  void push(Node* n) {
    if (__builtin_expect(top_ == end_, 0)) next_chunk();
    *top_++ = n;
  }
  // Copies the entries pushed since `m` into arena storage and pops them.
  template <class T>
  Span<T*> freeze(Mark m, ArenaCursor& arena) {
    if (__builtin_expect(!within(m, begin_, top_), 0)) return freeze_across<T>(m, arena);
    uint32_t n = uint32_t(top_ - m);
    if (n == 0) return {};
    T** data = static_cast<T**>(arena.allocate(sizeof(T*) * n));
    copy_entries(data, m, n);
    top_ = m;
    return Span<T*>{data, n};
  }

 private:
  // lo <= p <= hi, for pointers that may point into different allocations.
  static bool within(Node** p, Node** lo, Node** hi) {
    auto a = reinterpret_cast<uintptr_t>(p);
    return a >= reinterpret_cast<uintptr_t>(lo) && a <= reinterpret_cast<uintptr_t>(hi);
  }
  // Copies entries two at a time (the Node* -> T* casts are no-ops: every node type derives
  // from Node through single inheritance, Node at offset 0, directly or via SlottedExpr).
  template <class T>
  static void copy_entries(T** out, Node* const* in, uint32_t n) {
    static_assert(sizeof(T*) == sizeof(Node*));
    uint32_t i = 0;
    for (; i + 2 <= n; i += 2) std::memcpy(out + i, in + i, 2 * sizeof(Node*));
    if (i < n) out[i] = static_cast<T*>(in[i]);
  }
  static Chunk* new_chunk(Chunk* prev, bool mapped) {
    size_t bytes = mapped ? kMappedChunkBytes : kFirstChunkBytes;
    void* p;
    if (mapped) {
      p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) throw std::bad_alloc();
    } else {
      p = std::malloc(bytes);
      if (!p) throw std::bad_alloc();
    }
    Chunk* c = static_cast<Chunk*>(p);
    c->prev = prev;
    c->next = nullptr;
    c->end = reinterpret_cast<Node**>(static_cast<char*>(p) + bytes);
    c->mapped = mapped;
    return c;
  }
  // Frees `c` and every chunk after it.
  static void release_from(Chunk* c) {
    while (c) {
      Chunk* next = c->next;
      if (c->mapped) munmap(c, kMappedChunkBytes);
      else std::free(c);
      c = next;
    }
  }
  void enter(Chunk* c) {
    chunk_ = c;
    begin_ = c->entries();
    top_ = begin_;
    end_ = c->end;
  }
  __attribute__((noinline)) void next_chunk() {
    if (!chunk_->next) chunk_->next = new_chunk(chunk_, true);
    enter(chunk_->next);
  }
  // The rare freeze of a list that spans chunks: the chunks after the mark's are released as
  // soon as they are copied.
  template <class T>
  __attribute__((noinline)) Span<T*> freeze_across(Mark at, ArenaCursor& arena) {
    Chunk* first = chunk_->prev;
    while (!within(at, first->entries(), first->end)) first = first->prev;
    size_t n = size_t(first->end - at);
    for (Chunk* c = first->next;; c = c->next) {
      n += size_t((c == chunk_ ? top_ : c->end) - c->entries());
      if (c == chunk_) break;
    }
    T** data = static_cast<T**>(arena.allocate(sizeof(T*) * n));
    T** out = data;
    for (Node** p = at; p != first->end; ++p) *out++ = static_cast<T*>(*p);
    Chunk* c = first->next;
    first->next = nullptr;
    for (bool last = false; !last;) {
      last = c == chunk_;
      Node** to = last ? top_ : c->end;
      for (Node** p = c->entries(); p != to; ++p) *out++ = static_cast<T*>(*p);
      Chunk* next = c->next;
      c->next = nullptr;
      release_from(c);
      c = next;
    }
    release_from(c);  // spare chunks beyond the top
    chunk_ = first;
    begin_ = first->entries();
    top_ = at;
    end_ = first->end;
    return Span<T*>{data, uint32_t(n)};
  }

  Chunk* chunk_ = nullptr;
  Node** begin_ = nullptr;  // chunk_->entries()
  Node** top_ = nullptr;
  Node** end_ = nullptr;
};

// precedence() of every token as parse_binary_expr sees it, outside ([t][0]) and inside ([t][1])
// a right-hand side, where '=' reads as '==' (go/parser's tokPrec); filled once at start-up.
inline const std::array<std::array<uint8_t, 2>, size_t(Tok::COUNT_)> kBinaryPrecedence = [] {
  std::array<std::array<uint8_t, 2>, size_t(Tok::COUNT_)> table{};
  for (size_t i = 0; i < size_t(Tok::COUNT_); i++) {
    table[i][0] = uint8_t(precedence(Tok(i)));
    table[i][1] = uint8_t(precedence(Tok(i) == Tok::ASSIGN ? Tok::EQL : Tok(i)));
  }
  return table;
}();

// What the token after an identifier or basic literal means to parse_binary_expr, outside
// ([t][0]) and inside ([t][1]) a right-hand side: 255 if it continues a primary expression
// ('.', '[', '(', '{'), else its binary precedence (kBinaryPrecedence). So one look-up tells
// whether the operand is a whole binary expression of any precedence >= 1.
inline const std::array<std::array<uint8_t, 2>, size_t(Tok::COUNT_)> kOperandFollow = [] {
  std::array<std::array<uint8_t, 2>, size_t(Tok::COUNT_)> table = kBinaryPrecedence;
  for (Tok t : {Tok::PERIOD, Tok::LBRACK, Tok::LPAREN, Tok::LBRACE}) table[size_t(t)] = {255, 255};
  return table;
}();

// Thrown to abandon the parse (too many errors, nesting too deep); the partial tree is kept.
struct Bailout {};

class Parser {
 public:
  Parser(ParsedFile& out);
  File* parse_file();

  // ---- tokens, comments, errors (parser.cpp) ----
  void next0();
  // Advances to the next non-comment token, collecting comment groups and noting which one is a
  // lead or line comment (go/parser's next). The comment-free case stays inline. go/parser clears
  // both comments on every token; here next_comments notes the token they belong to instead, so
  // that the hot path writes nothing.
  void next() {
    uint32_t prev_line = tok_.line;
    scanner_.scan(tok_);
    if (tok_.tok == Tok::COMMENT) next_comments(prev_line);
  }
  // go/parser's leadComment and lineComment: set only if comments came right before tok_. No two
  // consecutive tokens share both position and kind (an end-of-file semicolon and the end of
  // file share the position), so that pair identifies the token.
  bool comments_belong_to_tok() const {
    return comments_pos_ == tok_.pos && comments_tok_ == tok_.tok;
  }
  CommentGroup* lead_comment() const { return comments_belong_to_tok() ? lead_comment_ : nullptr; }
  CommentGroup* line_comment() const { return comments_belong_to_tok() ? line_comment_ : nullptr; }
  void next_comments(uint32_t prev_line);
  // Notes a //go:build line among the comments before the first other token.
  void note_comment() {
    if (top_) note_leading_comment();
  }
  __attribute__((noinline)) void note_leading_comment();
  std::pair<Comment*, uint32_t> consume_comment();
  // Inlined into next_comments, its only caller.
  __attribute__((always_inline)) std::pair<CommentGroup*, uint32_t> consume_comment_group(uint32_t n);
  void error(Pos pos, std::string msg);
  void error_expected(Pos pos, std::string msg);
  Pos expect(Tok tok) {
    Pos pos = tok_.pos;
    if (__builtin_expect(tok_.tok != tok, 0)) expect_failed(tok);
    next();
    return pos;
  }
  // expect's error path, out of line so that the common path builds no strings.
  __attribute__((noinline, cold)) void expect_failed(Tok tok);
  // go/parser's expect2: kNoPos (and an error) if the token is missing; the common path inline.
  Pos expect2(Tok tok) {
    if (__builtin_expect(tok_.tok == tok, 1)) {
      Pos pos = tok_.pos;
      next();
      return pos;
    }
    return expect2_failed(tok);
  }
  __attribute__((noinline)) Pos expect2_failed(Tok tok);
  Pos expect_closing(Tok tok, const char* context) {
    if (__builtin_expect(tok_.tok == tok, 1)) {
      Pos pos = tok_.pos;
      next();
      return pos;
    }
    return expect_closing_slow(tok, context);
  }
  __attribute__((noinline)) Pos expect_closing_slow(Tok tok, const char* context);
  CommentGroup* expect_semi() {
    if (__builtin_expect(tok_.tok == Tok::SEMICOLON, 1)) {
      bool explicit_semi = tok_.lit == ";";
      CommentGroup* comment = line_comment();  // an automatic ';': the preceding line comment
      next();
      if (explicit_semi) comment = line_comment();  // an explicit ';': the following one
      return comment;
    }
    return expect_semi_slow();
  }
  __attribute__((noinline)) CommentGroup* expect_semi_slow();
  bool at_comma(const char* context, Tok follow) {
    if (tok_.tok == Tok::COMMA) return true;
    if (tok_.tok == follow) return false;
    missing_comma(context);
    return true;  // "insert" comma and continue
  }
  __attribute__((noinline)) void missing_comma(const char* context);
  enum class Sync { Stmt, Decl, ExprEnd };
  void advance(Sync to);
  uint32_t line_of(Pos pos);

  static constexpr int kMaxNestLev = 100000;  // go/parser's limit
  // The current stack address. On x86-64 read from %rsp: __builtin_frame_address would make
  // every function that checks it set up a frame pointer.
  static const char* stack_pointer() {
#if defined(__x86_64__)
    const char* sp;
    asm("mov %%rsp, %0" : "=r"(sp));
    return sp;
#else
    return static_cast<const char*>(__builtin_frame_address(0));
#endif
  }
  // Counts nesting as go/parser does, and also stops before the machine stack runs out.
  void inc_nest() {
    if (++nest_lev_ > kMaxNestLev ||
        stack_pointer() < stack_limit_) {
      nesting_too_deep();
    }
  }
  // The per-round count of parse_primary_expr's and parse_binary_expr's loops, without the stack
  // check: every unbounded recursion out of those loops passes a NestGuard, which checks it.
  void inc_nest_level() {
    if (++nest_lev_ > kMaxNestLev) nesting_too_deep();
  }
  [[noreturn]] void nesting_too_deep();
  void dec_nest(int n = 1) { nest_lev_ -= n; }
  struct NestGuard {
    Parser& p;
    explicit NestGuard(Parser& parser) : p(parser) { p.inc_nest(); }
    ~NestGuard() { p.dec_nest(); }
  };

  // ---- lists in arena ----
  using ListMark = ListStack::Mark;
  ListMark mark() const { return stack_.mark(); }
  void push(Node* n) { stack_.push(n); }
  template <class T>
  Span<T*> freeze(ListMark m) { return stack_.freeze<T>(m, arena_); }
  template <class T, class... Args>
  T* make(Args&&... args) {
    if constexpr (requires { T::kKind; }) counts_.kinds |= uint64_t(1) << unsigned(T::kKind);
    return arena_.make<T>(std::forward<Args>(args)...);
  }
  // A bracketed field list: struct fields, interface methods, parameters, type parameters.
  FieldList* make_field_list(Pos opening, Span<Field*> list, Pos closing) {
    FieldList* fl = make<FieldList>();
    fl->opening = opening;
    fl->list = list;
    fl->closing = closing;
    return fl;
  }
  template <class T>
  Span<T*> one(T* x) {
    T** data = static_cast<T**>(arena_.allocate(sizeof(T*)));
    data[0] = x;
    return Span<T*>{data, 1};
  }

  // ---- types (parser_type.cpp) and expressions (parser_expr.cpp) ----
  Ident* parse_ident() {
    if (__builtin_expect(tok_.tok == Tok::IDENT, 1)) {
      Ident* id = make<Ident>(tok_.pos, tok_.lit);
      counts_.words |= census_word_bit(tok_.lit);
      counts_.add_name(tok_.lit);
      next();
      return id;
    }
    return parse_missing_ident();
  }
  __attribute__((noinline)) Ident* parse_missing_ident();
  BasicLit* parse_basic_lit() {
    Pos end = tok_.tok == Tok::STRING ? tok_.string_end : tok_.pos + Pos(tok_.lit.size());
    BasicLit* x = make<BasicLit>(tok_.pos, end, tok_.tok, tok_.lit);
    next();
    return x;
  }
  Span<Ident*> parse_ident_list() {
    Ident* first = parse_ident();
    if (tok_.tok != Tok::COMMA) return one(first);  // the common case needs no list stack
    return parse_ident_list_rest(first);
  }
  __attribute__((noinline)) Span<Ident*> parse_ident_list_rest(Ident* first);
  // go/parser's parseList: inline, as the one-expression list (the common case, which needs
  // no list stack) is most of a simple statement's or a return's work.
  Span<Expr*> parse_list(bool in_rhs) {
    bool old = in_rhs_;
    in_rhs_ = in_rhs;
    Expr* first = parse_expr();
    Span<Expr*> list = tok_.tok != Tok::COMMA ? one(first) : parse_expr_list_rest(first);
    in_rhs_ = old;
    return list;
  }
  // The list after its first expression, when a ',' follows it.
  __attribute__((noinline)) Span<Expr*> parse_expr_list_rest(Expr* first);
  Expr* parse_type() {
    Expr* typ = try_ident_or_type();
    if (__builtin_expect(!typ, 0)) return parse_missing_type();
    return typ;
  }
  __attribute__((noinline)) Expr* parse_missing_type();
  Expr* parse_qualified_ident(Ident* ident);
  Expr* parse_type_name(Ident* ident) {
    if (!ident) ident = parse_ident();
    if (tok_.tok == Tok::PERIOD) return parse_qualified_name(ident);
    return ident;
  }
  __attribute__((noinline)) Expr* parse_qualified_name(Ident* package);
  ArrayType* parse_array_type(Pos lbrack, Expr* len);
  std::pair<Ident*, Expr*> parse_array_field_or_type_instance(Ident* x);
  Field* parse_field_decl();
  StructType* parse_struct_type();
  StarExpr* parse_pointer_type();
  Ellipsis* parse_dots_type();
  struct ParamField {
    Ident* name = nullptr;
    Expr* type = nullptr;
  };
  // Single-caller helpers below are inlined into their caller: a call saved per use.
  __attribute__((always_inline)) ParamField parse_param_decl(Ident* name, bool type_sets_ok);
  Span<Field*> parse_parameter_list(Ident* name0, Expr* typ0, Tok closing, bool dddok);
  FieldList* parse_type_parameters();
  FieldList* parse_parameters(bool result);
  FuncType* parse_func_type();
  Field* parse_method_spec();
  Expr* embedded_elem(Expr* x);
  Expr* embedded_term();
  InterfaceType* parse_interface_type();
  MapType* parse_map_type();
  ChanType* parse_chan_type();
  Expr* parse_type_instance(Expr* typ);
  // The most common type, a (qualified) type name, is parsed inline and counts its nesting level
  // only around what can recurse: nothing before a '[' does. Near the limit the general path
  // reports it.
  Expr* try_ident_or_type() {
    if (__builtin_expect(tok_.tok == Tok::IDENT && nest_lev_ < kMaxNestLev, 1)) {
      Expr* typ = parse_type_name(nullptr);
      if (__builtin_expect(tok_.tok != Tok::LBRACK, 1)) return typ;
      return parse_guarded_type_instance(typ);
    }
    return try_ident_or_type_general();
  }
  __attribute__((noinline)) Expr* parse_guarded_type_instance(Expr* typ);
  __attribute__((noinline)) Expr* try_ident_or_type_general();
  Expr* parse_func_type_or_lit();
  Expr* parse_operand();
  // Inline into parse_primary_expr's loop: x.f is its most common round.
  Expr* parse_selector(Expr* x) {
    Ident* sel = parse_ident();
    SelectorExpr* s = make<SelectorExpr>();
    s->x = x;
    s->sel = sel;
    return s;
  }
  Expr* parse_type_assertion(Expr* x);
  __attribute__((always_inline)) Expr* parse_index_or_slice_or_instance(Expr* x);  // in the loop
  // Inlined into parse_primary_expr's loop, as is its argument list.
  __attribute__((always_inline)) CallExpr* parse_call_or_conversion(Expr* fun);
  __attribute__((always_inline)) Span<Expr*> parse_arguments(Pos& ellipsis);
  Expr* parse_value();
  Expr* parse_element();
  Span<Expr*> parse_element_list();
  Expr* parse_literal_value(Expr* type);
  Expr* parse_primary_expr(Expr* x);
  // parse_primary_expr's loop, inlined into both entry points.
  __attribute__((always_inline)) Expr* parse_primary_suffixes(Expr* x, int n);
  // Tokens after which parse_primary_expr's loop goes on: '.', '[', '(' and '{'.
  static bool continues_primary_expr(Tok t) {
    static_assert(int(Tok::LBRACK) == int(Tok::LPAREN) + 1 && int(Tok::LBRACE) == int(Tok::LPAREN) + 2 &&
                  int(Tok::COMMA) == int(Tok::LPAREN) + 3 && int(Tok::PERIOD) == int(Tok::LPAREN) + 4);
    unsigned d = unsigned(t) - unsigned(Tok::LPAREN);
    return d <= 4 && d != 3;
  }
  // Fast path for the most common operands, an identifier or a basic literal that ends its
  // unary expression. go/parser counts two nesting levels for it (parseUnaryExpr and the first
  // round of parsePrimaryExpr's loop); near the limit the general path reports the overflow
  // exactly as go/parser does.
  Expr* parse_unary_expr() {
    if (__builtin_expect(is_literal(tok_.tok), 1) && nest_lev_ < kMaxNestLev - 1) {
      Expr* x = tok_.tok == Tok::IDENT ? static_cast<Expr*>(parse_ident()) : parse_basic_lit();
      if (__builtin_expect(!continues_primary_expr(tok_.tok), 1)) return x;
      return parse_primary_expr_after_operand(x);
    }
    return parse_unary_expr_general();
  }
  __attribute__((noinline)) Expr* parse_primary_expr_after_operand(Expr* x);
  __attribute__((noinline)) Expr* parse_unary_expr_general();
  // Inline: its fast path is the cost of most operands.
  __attribute__((always_inline)) Expr* parse_binary_expr(Expr* x, int prec1) {
    if (!x) {
      // parse_unary_expr's fast path, where one look-up of the token after the operand tells
      // both that the unary expression ends and that no binary operator follows.
      if (__builtin_expect(is_literal(tok_.tok), 1) && nest_lev_ < kMaxNestLev - 1) {
        x = tok_.tok == Tok::IDENT ? static_cast<Expr*>(parse_ident()) : parse_basic_lit();
        if (__builtin_expect(kOperandFollow[size_t(tok_.tok)][in_rhs_] < prec1, 1)) return x;
        if (continues_primary_expr(tok_.tok)) x = parse_primary_expr_after_operand(x);
      } else {
        x = parse_unary_expr_general();
      }
    }
    // Fast exit when no binary operator of this precedence follows: go/parser's first loop round
    // only adds one nesting level, which is checked here.
    if (__builtin_expect(binary_precedence(tok_.tok) < prec1, 1) && nest_lev_ < kMaxNestLev) {
      return x;
    }
    return parse_binary_expr_loop(x, prec1);
  }
  __attribute__((noinline)) Expr* parse_binary_expr_loop(Expr* x, int prec1);
  // precedence() of the operator parse_binary_expr would see in `t` ('=' reads as '==' in a
  // right-hand side, as in go/parser's tokPrec), by table.
  int binary_precedence(Tok t) const { return kBinaryPrecedence[size_t(t)][in_rhs_]; }
  Expr* parse_expr() { return parse_binary_expr(nullptr, 1); }
  Expr* parse_rhs() {
    bool old = in_rhs_;
    in_rhs_ = true;
    Expr* x = parse_expr();
    in_rhs_ = old;
    return x;
  }
  Expr* pack_index_expr(Expr* x, Pos lbrack, Span<Expr*> exprs, Pos rbrack);
  BadExpr* bad_expr(Pos from, Pos to);

  // ---- statements (parser_stmt.cpp) ----
  enum class SimpleMode { Basic, LabelOk, RangeOk };
  std::pair<Stmt*, bool> parse_simple_stmt(SimpleMode mode);
  // parse_simple_stmt's body, inlined into parse_stmt.
  __attribute__((always_inline)) std::pair<Stmt*, bool> simple_stmt(SimpleMode mode);
  Span<Stmt*> parse_stmt_list();
  BlockStmt* parse_body();
  BlockStmt* parse_block_stmt();
  CallExpr* parse_call_expr(const char* call_type);
  Stmt* parse_go_stmt();
  Stmt* parse_defer_stmt();
  __attribute__((always_inline)) ReturnStmt* parse_return_stmt();  // inlined into parse_stmt
  BranchStmt* parse_branch_stmt(Tok tok);
  // go/parser's makeExpr: the expression of an expression statement (inline: the common case);
  // anything else is an error.
  Expr* make_expr(Stmt* s, const char* want) {
    if (!s) return nullptr;
    if (ExprStmt* es = as<ExprStmt>(s)) return es->x;
    return make_expr_failed(s, want);
  }
  __attribute__((noinline)) Expr* make_expr_failed(Stmt* s, const char* want);
  __attribute__((always_inline)) std::pair<Stmt*, Expr*> parse_if_header();
  IfStmt* parse_if_stmt();
  CaseClause* parse_case_clause();
  bool is_type_switch_guard(Stmt* s);
  Stmt* parse_switch_stmt();
  CommClause* parse_comm_clause();
  SelectStmt* parse_select_stmt();
  Stmt* parse_for_stmt();
  Stmt* parse_stmt();
  // parse_stmt's body, inlined into parse_stmt_list's loop.
  __attribute__((always_inline)) Stmt* stmt();

  // ---- declarations (parser_decl.cpp) ----
  enum class SpecKind { Import, Value, Type };
  Spec* parse_import_spec(CommentGroup* doc);
  // Inlined into parse_gen_decl: var and const specs are most of the specs.
  __attribute__((always_inline)) Spec* parse_value_spec(CommentGroup* doc, Tok keyword);
  void parse_generic_type(TypeSpec* spec, Pos open, Ident* name0, Expr* typ0);
  Spec* parse_type_spec(CommentGroup* doc);
  GenDecl* parse_gen_decl(Tok keyword, SpecKind kind);
  FuncDecl* parse_func_decl();
  Decl* parse_decl(Sync sync);
  std::pair<Ident*, Expr*> extract_name(Expr* x, bool force);
  std::string_view intern(std::string_view s);

  // ---- state ----
  ParsedFile& out_;
  ArenaCursor arena_;  // the file's arena, allocated from through the parser's own bump pointer
  std::string_view src_;
  Scanner scanner_;
  std::vector<SyntaxError>& errors_;
  LineTable error_lines_;
  bool error_lines_built_ = false;

  std::vector<CommentGroup*> comments_;
  CommentGroup* lead_comment_ = nullptr;  // read through lead_comment()
  CommentGroup* line_comment_ = nullptr;  // read through line_comment()
  Pos comments_pos_ = kNoPos;             // the token the two belong to
  Tok comments_tok_ = Tok::ILLEGAL;
  bool top_ = true;  // before the first non-comment token (cleared by next0 and the constructor)
  std::string_view go_version_;

  Token tok_;  // one token look-ahead: tok_.tok, tok_.pos, tok_.lit, tok_.string_end, tok_.line
  int64_t sync_pos_ = -1;
  int sync_cnt_ = 0;
  int expr_lev_ = 0;
  bool in_rhs_ = false;
  std::vector<ImportSpec*> imports_;
  int nest_lev_ = 0;
  const char* stack_limit_ = nullptr;

  ListStack stack_;
  std::vector<ParamField> params_;  // parse_parameter_list's working list, used as a stack
  DeclCounts counts_;               // of the declaration being parsed (syntax/census.h)
};

// Minimum Go version implied by a //go:build line (go/build/constraint's GoVersion: "go1.21", or ""
// when it implies none); nullopt when the line is not a valid //go:build constraint.
std::optional<std::string> go_build_version(std::string_view line);

}  // namespace gotrap::syntax
