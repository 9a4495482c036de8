// Statements (go/parser's parseSimpleStmt ... parseStmt).
#include "syntax/parser_impl.h"

namespace gotrap::syntax {


BlockStmt* Parser::parse_body() {
  Pos lbrace = expect(Tok::LBRACE);
  Span<Stmt*> list = parse_stmt_list();
  Pos rbrace = expect2(Tok::RBRACE);
  BlockStmt* b = make<BlockStmt>();  // made last: every field is written once
  b->lbrace = lbrace;
  b->list = list;
  b->rbrace = rbrace;
  return b;
}

BlockStmt* Parser::parse_block_stmt() { return parse_body(); }

inline std::pair<Stmt*, bool> Parser::simple_stmt(SimpleMode mode) {
  Span<Expr*> x = parse_list(false);
  switch (tok_.tok) {
    case Tok::DEFINE: case Tok::ASSIGN: case Tok::ADD_ASSIGN: case Tok::SUB_ASSIGN:
    case Tok::MUL_ASSIGN: case Tok::QUO_ASSIGN: case Tok::REM_ASSIGN: case Tok::AND_ASSIGN:
    case Tok::OR_ASSIGN: case Tok::XOR_ASSIGN: case Tok::SHL_ASSIGN: case Tok::SHR_ASSIGN:
    case Tok::AND_NOT_ASSIGN: {
      Pos tok_pos = tok_.pos;
      Tok tok = tok_.tok;
      next();
      bool is_range = false;
      Span<Expr*> rhs;
      if (mode == SimpleMode::RangeOk && tok_.tok == Tok::RANGE &&
          (tok == Tok::DEFINE || tok == Tok::ASSIGN)) {
        UnaryExpr* u = make<UnaryExpr>();
        u->op_pos = tok_.pos;
        u->op = Tok::RANGE;
        next();
        u->x = parse_rhs();
        rhs = one<Expr>(u);
        is_range = true;
      } else {
        rhs = parse_list(true);
      }
      AssignStmt* as = make<AssignStmt>();  // made last: every field is written once
      as->lhs = x;
      as->tok_pos = tok_pos;
      as->tok = tok;
      as->rhs = rhs;
      return {as, is_range};
    }
    default: break;
  }
  if (x.size() > 1) error_expected(x[0]->pos(), "1 expression");  // continue with first expression
  switch (tok_.tok) {
    case Tok::COLON: {
      Pos colon = tok_.pos;
      next();
      if (Ident* label = as<Ident>(x[0]); mode == SimpleMode::LabelOk && label) {
        LabeledStmt* ls = make<LabeledStmt>();
        ls->label = label;
        ls->colon = colon;
        ls->stmt = parse_stmt();
        return {ls, false};
      }
      error(colon, "illegal label declaration");
      BadStmt* b = make<BadStmt>();
      b->from = x[0]->pos();
      b->to = colon + 1;
      return {b, false};
    }
    case Tok::ARROW: {
      SendStmt* s = make<SendStmt>();
      s->chan = x[0];
      s->arrow = tok_.pos;
      next();
      s->value = parse_rhs();
      return {s, false};
    }
    case Tok::INC: case Tok::DEC: {
      IncDecStmt* s = make<IncDecStmt>();
      s->x = x[0];
      s->tok_pos = tok_.pos;
      s->tok = tok_.tok;
      next();
      return {s, false};
    }
    default: {
      ExprStmt* s = make<ExprStmt>();
      s->x = x[0];
      return {s, false};
    }
  }
}

std::pair<Stmt*, bool> Parser::parse_simple_stmt(SimpleMode mode) { return simple_stmt(mode); }

CallExpr* Parser::parse_call_expr(const char* call_type) {
  Expr* x = parse_rhs();  // could be a conversion: (some type)(x)
  Expr* t = x;
  while (ParenExpr* p = as<ParenExpr>(t)) t = p->x;
  if (t != x) {
    error(x->pos(), std::string("expression in ") + call_type + " must not be parenthesized");
    x = t;
  }
  if (CallExpr* call = as<CallExpr>(x)) return call;
  if (!is<BadExpr>(x)) {
    error(x->end(), std::string("expression in ") + call_type + " must be function call");
  }
  return nullptr;
}

Stmt* Parser::parse_go_stmt() {
  Pos pos = expect(Tok::GO);
  CallExpr* call = parse_call_expr("go");
  expect_semi();
  if (!call) {
    BadStmt* b = make<BadStmt>();
    b->from = pos;
    b->to = pos + 2;
    return b;
  }
  GoStmt* s = make<GoStmt>();
  s->go = pos;
  s->call = call;
  return s;
}

Stmt* Parser::parse_defer_stmt() {
  Pos pos = expect(Tok::DEFER);
  CallExpr* call = parse_call_expr("defer");
  expect_semi();
  if (!call) {
    BadStmt* b = make<BadStmt>();
    b->from = pos;
    b->to = pos + 5;
    return b;
  }
  DeferStmt* s = make<DeferStmt>();
  s->defer = pos;
  s->call = call;
  return s;
}

inline ReturnStmt* Parser::parse_return_stmt() {
  Pos pos = tok_.pos;
  expect(Tok::RETURN);
  Span<Expr*> results;
  if (tok_.tok != Tok::SEMICOLON && tok_.tok != Tok::RBRACE) results = parse_list(true);
  expect_semi();
  ReturnStmt* r = make<ReturnStmt>();  // made last: every field is written once
  r->return_pos = pos;
  r->results = results;
  return r;
}

BranchStmt* Parser::parse_branch_stmt(Tok tok) {
  BranchStmt* b = make<BranchStmt>();
  b->tok_pos = expect(tok);
  b->tok = tok;
  if (tok == Tok::GOTO || ((tok == Tok::CONTINUE || tok == Tok::BREAK) && tok_.tok == Tok::IDENT)) {
    b->label = parse_ident();
  }
  expect_semi();
  return b;
}

Expr* Parser::make_expr_failed(Stmt* s, const char* want) {
  const char* found = is<AssignStmt>(s) ? "assignment" : "simple statement";
  error(s->pos(), std::string("expected ") + want + ", found " + found +
                      " (missing parentheses around composite literal?)");
  return bad_expr(s->pos(), s->end());
}

inline std::pair<Stmt*, Expr*> Parser::parse_if_header() {
  Stmt* init = nullptr;
  Expr* cond = nullptr;
  if (tok_.tok == Tok::LBRACE) {
    error(tok_.pos, "missing condition in if statement");
    return {nullptr, bad_expr(tok_.pos, tok_.pos)};
  }
  int prev_lev = expr_lev_;
  expr_lev_ = -1;
  if (tok_.tok != Tok::SEMICOLON) {
    if (tok_.tok == Tok::VAR) {  // accept potential variable declaration but complain
      next();
      error(tok_.pos, "var declaration not allowed in if initializer");
    }
    init = parse_simple_stmt(SimpleMode::Basic).first;
  }
  Stmt* cond_stmt = nullptr;
  Pos semi_pos = kNoPos;
  bool semi_newline = false;
  if (tok_.tok != Tok::LBRACE) {
    if (tok_.tok == Tok::SEMICOLON) {
      semi_pos = tok_.pos;
      semi_newline = tok_.lit == "\n";
      next();
    } else {
      expect(Tok::SEMICOLON);
    }
    if (tok_.tok != Tok::LBRACE) cond_stmt = parse_simple_stmt(SimpleMode::Basic).first;
  } else {
    cond_stmt = init;
    init = nullptr;
  }
  if (cond_stmt) {
    cond = make_expr(cond_stmt, "boolean expression");
  } else if (valid(semi_pos)) {
    if (semi_newline) error(semi_pos, "unexpected newline, expecting { after if clause");
    else error(semi_pos, "missing condition in if statement");
  }
  if (!cond) cond = bad_expr(tok_.pos, tok_.pos);  // make sure we have a valid AST
  expr_lev_ = prev_lev;
  return {init, cond};
}

IfStmt* Parser::parse_if_stmt() {
  NestGuard guard(*this);
  IfStmt* s = make<IfStmt>();
  s->if_pos = expect(Tok::IF);
  auto [init, cond] = parse_if_header();
  s->init = init;
  s->cond = cond;
  s->body = parse_block_stmt();
  if (tok_.tok == Tok::ELSE) {
    next();
    if (tok_.tok == Tok::IF) {
      s->else_stmt = parse_if_stmt();
    } else if (tok_.tok == Tok::LBRACE) {
      s->else_stmt = parse_block_stmt();
      expect_semi();
    } else {
      error_expected(tok_.pos, "if statement or block");
      BadStmt* b = make<BadStmt>();
      b->from = tok_.pos;
      b->to = tok_.pos;
      s->else_stmt = b;
    }
  } else {
    expect_semi();
  }
  return s;
}

CaseClause* Parser::parse_case_clause() {
  CaseClause* c = make<CaseClause>();
  c->case_pos = tok_.pos;
  if (tok_.tok == Tok::CASE) {
    next();
    c->list = parse_list(true);
  } else {
    expect(Tok::DEFAULT);
  }
  c->colon = expect(Tok::COLON);
  c->body = parse_stmt_list();
  return c;
}

namespace {
bool is_type_switch_assert(Expr* x) {
  TypeAssertExpr* a = as<TypeAssertExpr>(x);
  return a && !a->type;
}
}  // namespace

bool Parser::is_type_switch_guard(Stmt* s) {
  if (!s) return false;
  if (ExprStmt* es = as<ExprStmt>(s)) return is_type_switch_assert(es->x);  // x.(type)
  if (AssignStmt* as_ = as<AssignStmt>(s)) {
    if (as_->lhs.size() == 1 && as_->rhs.size() == 1 && is_type_switch_assert(as_->rhs[0])) {
      if (as_->tok == Tok::ASSIGN) {
        error(as_->tok_pos, "expected ':=', found '='");  // permit v = x.(type) but complain
        return true;
      }
      if (as_->tok == Tok::DEFINE) return true;
    }
  }
  return false;
}

Stmt* Parser::parse_switch_stmt() {
  Pos pos = expect(Tok::SWITCH);
  Stmt* s1 = nullptr;
  Stmt* s2 = nullptr;
  if (tok_.tok != Tok::LBRACE) {
    int prev_lev = expr_lev_;
    expr_lev_ = -1;
    if (tok_.tok != Tok::SEMICOLON) s2 = parse_simple_stmt(SimpleMode::Basic).first;
    if (tok_.tok == Tok::SEMICOLON) {
      next();
      s1 = s2;
      s2 = nullptr;
      if (tok_.tok != Tok::LBRACE) s2 = parse_simple_stmt(SimpleMode::Basic).first;
    }
    expr_lev_ = prev_lev;
  }
  bool type_switch = is_type_switch_guard(s2);
  BlockStmt* body = make<BlockStmt>();
  body->lbrace = expect(Tok::LBRACE);
  ListMark m = mark();
  while (tok_.tok == Tok::CASE || tok_.tok == Tok::DEFAULT) push(parse_case_clause());
  body->list = freeze<Stmt>(m);
  body->rbrace = expect(Tok::RBRACE);
  expect_semi();
  if (type_switch) {
    TypeSwitchStmt* ts = make<TypeSwitchStmt>();
    ts->switch_pos = pos;
    ts->init = s1;
    ts->assign = s2;
    ts->body = body;
    return ts;
  }
  SwitchStmt* ss = make<SwitchStmt>();
  ss->switch_pos = pos;
  ss->init = s1;
  ss->tag = make_expr(s2, "switch expression");
  ss->body = body;
  return ss;
}

CommClause* Parser::parse_comm_clause() {
  CommClause* c = make<CommClause>();
  c->case_pos = tok_.pos;
  if (tok_.tok == Tok::CASE) {
    next();
    Span<Expr*> lhs = parse_list(false);
    if (tok_.tok == Tok::ARROW) {
      if (lhs.size() > 1) error_expected(lhs[0]->pos(), "1 expression");
      SendStmt* s = make<SendStmt>();
      s->chan = lhs[0];
      s->arrow = tok_.pos;
      next();
      s->value = parse_rhs();
      c->comm = s;
    } else if (tok_.tok == Tok::ASSIGN || tok_.tok == Tok::DEFINE) {
      if (lhs.size() > 2) {
        error_expected(lhs[0]->pos(), "1 or 2 expressions");
        lhs.count = 2;
      }
      AssignStmt* as_ = make<AssignStmt>();
      as_->lhs = lhs;
      as_->tok_pos = tok_.pos;
      as_->tok = tok_.tok;
      next();
      as_->rhs = one<Expr>(parse_rhs());
      c->comm = as_;
    } else {
      if (lhs.size() > 1) error_expected(lhs[0]->pos(), "1 expression");
      ExprStmt* es = make<ExprStmt>();
      es->x = lhs[0];
      c->comm = es;
    }
  } else {
    expect(Tok::DEFAULT);
  }
  c->colon = expect(Tok::COLON);
  c->body = parse_stmt_list();
  return c;
}

SelectStmt* Parser::parse_select_stmt() {
  SelectStmt* s = make<SelectStmt>();
  s->select = expect(Tok::SELECT);
  BlockStmt* body = make<BlockStmt>();
  body->lbrace = expect(Tok::LBRACE);
  ListMark m = mark();
  while (tok_.tok == Tok::CASE || tok_.tok == Tok::DEFAULT) push(parse_comm_clause());
  body->list = freeze<Stmt>(m);
  body->rbrace = expect(Tok::RBRACE);
  expect_semi();
  s->body = body;
  return s;
}

Stmt* Parser::parse_for_stmt() {
  Pos pos = expect(Tok::FOR);
  Stmt* s1 = nullptr;
  Stmt* s2 = nullptr;
  Stmt* s3 = nullptr;
  bool is_range = false;
  if (tok_.tok != Tok::LBRACE) {
    int prev_lev = expr_lev_;
    expr_lev_ = -1;
    if (tok_.tok != Tok::SEMICOLON) {
      if (tok_.tok == Tok::RANGE) {
        // "for range x" (nil lhs in assignment)
        UnaryExpr* u = make<UnaryExpr>();
        u->op_pos = tok_.pos;
        u->op = Tok::RANGE;
        next();
        u->x = parse_rhs();
        AssignStmt* as_ = make<AssignStmt>();
        as_->rhs = one<Expr>(u);
        s2 = as_;
        is_range = true;
      } else {
        auto [s, r] = parse_simple_stmt(SimpleMode::RangeOk);
        s2 = s;
        is_range = r;
      }
    }
    if (!is_range && tok_.tok == Tok::SEMICOLON) {
      next();
      s1 = s2;
      s2 = nullptr;
      if (tok_.tok != Tok::SEMICOLON) s2 = parse_simple_stmt(SimpleMode::Basic).first;
      expect_semi();
      if (tok_.tok != Tok::LBRACE) s3 = parse_simple_stmt(SimpleMode::Basic).first;
    }
    expr_lev_ = prev_lev;
  }
  BlockStmt* body = parse_block_stmt();
  expect_semi();
  if (is_range) {
    AssignStmt* as_ = static_cast<AssignStmt*>(s2);
    Expr* key = nullptr;
    Expr* value = nullptr;
    switch (as_->lhs.size()) {
      case 0: break;
      case 1: key = as_->lhs[0]; break;
      case 2: key = as_->lhs[0]; value = as_->lhs[1]; break;
      default: {
        error_expected(as_->lhs.back()->pos(), "at most 2 expressions");
        BadStmt* b = make<BadStmt>();
        b->from = pos;
        b->to = body->end();
        return b;
      }
    }
    UnaryExpr* u = static_cast<UnaryExpr*>(as_->rhs[0]);
    RangeStmt* r = make<RangeStmt>();
    r->for_pos = pos;
    r->key = key;
    r->value = value;
    r->tok_pos = as_->tok_pos;
    r->tok = as_->tok;
    r->range = u->pos();
    r->x = u->x;
    r->body = body;
    return r;
  }
  ForStmt* f = make<ForStmt>();
  f->for_pos = pos;
  f->init = s1;
  f->cond = make_expr(s2, "boolean or range expression");
  f->post = s3;
  f->body = body;
  return f;
}

inline Stmt* Parser::stmt() {
  NestGuard guard(*this);
  switch (tok_.tok) {
    case Tok::CONST: case Tok::TYPE: case Tok::VAR: {
      DeclStmt* d = make<DeclStmt>();
      d->decl = parse_decl(Sync::Stmt);
      return d;
    }
    case Tok::IDENT: case Tok::INT: case Tok::FLOAT: case Tok::IMAG: case Tok::CHAR:
    case Tok::STRING: case Tok::FUNC: case Tok::LPAREN:  // operands
    case Tok::LBRACK: case Tok::STRUCT: case Tok::MAP: case Tok::CHAN:
    case Tok::INTERFACE:  // composite types
    case Tok::ADD: case Tok::SUB: case Tok::MUL: case Tok::AND: case Tok::XOR: case Tok::ARROW:
    case Tok::NOT: {  // unary operators
      Stmt* s = simple_stmt(SimpleMode::LabelOk).first;  // inlined: the most common statement
      // because of the required look-ahead, labeled statements are parsed by parse_simple_stmt
      if (!is<LabeledStmt>(s)) expect_semi();
      return s;
    }
    case Tok::GO: return parse_go_stmt();
    case Tok::DEFER: return parse_defer_stmt();
    case Tok::RETURN: return parse_return_stmt();
    case Tok::BREAK: case Tok::CONTINUE: case Tok::GOTO: case Tok::FALLTHROUGH:
      return parse_branch_stmt(tok_.tok);
    case Tok::LBRACE: {
      BlockStmt* b = parse_block_stmt();
      expect_semi();
      return b;
    }
    case Tok::IF: return parse_if_stmt();
    case Tok::SWITCH: return parse_switch_stmt();
    case Tok::SELECT: return parse_select_stmt();
    case Tok::FOR: return parse_for_stmt();
    case Tok::SEMICOLON: {
      EmptyStmt* e = make<EmptyStmt>();
      e->semicolon = tok_.pos;
      e->implicit = tok_.lit == "\n";
      next();
      return e;
    }
    case Tok::RBRACE: {
      // a semicolon may be omitted before a closing "}"
      EmptyStmt* e = make<EmptyStmt>();
      e->semicolon = tok_.pos;
      e->implicit = true;
      return e;
    }
    default: {
      Pos pos = tok_.pos;
      error_expected(pos, "statement");
      advance(Sync::Stmt);
      BadStmt* b = make<BadStmt>();
      b->from = pos;
      b->to = tok_.pos;
      return b;
    }
  }
}

Stmt* Parser::parse_stmt() { return stmt(); }

namespace {
// The tokens that end a statement list: case, default, '}' and the end of the file.
constexpr std::array<bool, size_t(Tok::COUNT_)> kEndsStmtList = [] {
  std::array<bool, size_t(Tok::COUNT_)> table{};
  for (Tok t : {Tok::CASE, Tok::DEFAULT, Tok::RBRACE, Tok::END_OF_FILE}) table[size_t(t)] = true;
  return table;
}();
}  // namespace

Span<Stmt*> Parser::parse_stmt_list() {
  ListMark m = mark();
  while (!kEndsStmtList[size_t(tok_.tok)]) push(stmt());  // inlined: a call per statement saved
  return freeze<Stmt>(m);
}

}  // namespace gotrap::syntax
