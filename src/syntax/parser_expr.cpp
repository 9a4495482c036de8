// Expressions (go/parser's parseIdentList, parseExprList and parseFuncTypeOrLit ... parseRhs).
#include "syntax/parser_impl.h"

namespace gotrap::syntax {

BadExpr* Parser::bad_expr(Pos from, Pos to) {
  BadExpr* b = make<BadExpr>();
  b->from = from;
  b->to = to;
  return b;
}

Ident* Parser::parse_missing_ident() {
  Ident* id = make<Ident>();
  id->name_pos = tok_.pos;
  id->name = "_";
  expect(Tok::IDENT);
  return id;
}


Span<Ident*> Parser::parse_ident_list_rest(Ident* first) {
  ListMark m = mark();
  push(first);
  while (tok_.tok == Tok::COMMA) {
    next();
    push(parse_ident());
  }
  return freeze<Ident>(m);
}

Span<Expr*> Parser::parse_expr_list_rest(Expr* first) {
  ListMark m = mark();
  push(first);
  while (tok_.tok == Tok::COMMA) {
    next();
    push(parse_expr());
  }
  return freeze<Expr>(m);
}

Expr* Parser::parse_func_type_or_lit() {
  FuncType* typ = parse_func_type();
  if (tok_.tok != Tok::LBRACE) return typ;
  expr_lev_++;
  BlockStmt* body = parse_body();
  expr_lev_--;
  FuncLit* fl = make<FuncLit>();
  fl->type = typ;
  fl->body = body;
  return fl;
}

Expr* Parser::parse_operand() {
  switch (tok_.tok) {
    case Tok::IDENT: return parse_ident();
    case Tok::INT: case Tok::FLOAT: case Tok::IMAG: case Tok::CHAR: case Tok::STRING:
      return parse_basic_lit();
    case Tok::LPAREN: {
      ParenExpr* p = make<ParenExpr>();
      p->lparen = tok_.pos;
      next();
      expr_lev_++;
      p->x = parse_rhs();  // types may be parenthesized: (some type)
      expr_lev_--;
      p->rparen = expect(Tok::RPAREN);
      return p;
    }
    case Tok::FUNC: return parse_func_type_or_lit();
    default: break;
  }
  if (Expr* typ = try_ident_or_type()) return typ;
  Pos pos = tok_.pos;
  error_expected(pos, "operand");
  advance(Sync::Stmt);
  return bad_expr(pos, tok_.pos);
}

Expr* Parser::parse_type_assertion(Expr* x) {
  TypeAssertExpr* ta = make<TypeAssertExpr>();
  ta->x = x;
  ta->lparen = expect(Tok::LPAREN);
  if (tok_.tok == Tok::TYPE) {
    next();  // type switch: x.(type)
  } else {
    ta->type = parse_type();
  }
  ta->rparen = expect(Tok::RPAREN);
  return ta;
}

inline Expr* Parser::parse_index_or_slice_or_instance(Expr* x) {
  Pos lbrack = expect(Tok::LBRACK);
  if (tok_.tok == Tok::RBRACK) {
    error_expected(tok_.pos, "operand");
    Pos rbrack = tok_.pos;
    next();
    IndexExpr* ix = make<IndexExpr>();
    ix->x = x;
    ix->lbrack = lbrack;
    ix->index = bad_expr(rbrack, rbrack);
    ix->rbrack = rbrack;
    return ix;
  }
  expr_lev_++;
  Expr* index[3] = {nullptr, nullptr, nullptr};
  Pos colons[2] = {kNoPos, kNoPos};
  ListMark m = mark();
  bool have_args = false;
  if (tok_.tok != Tok::COLON) index[0] = parse_rhs();
  int ncolons = 0;
  if (tok_.tok == Tok::COLON) {
    while (tok_.tok == Tok::COLON && ncolons < 2) {
      colons[ncolons] = tok_.pos;
      ncolons++;
      next();
      if (tok_.tok != Tok::COLON && tok_.tok != Tok::RBRACK && tok_.tok != Tok::END_OF_FILE) {
        index[ncolons] = parse_rhs();
      }
    }
  } else if (tok_.tok == Tok::COMMA) {
    have_args = true;
    push(index[0]);
    while (tok_.tok == Tok::COMMA) {
      next();
      if (tok_.tok != Tok::RBRACK && tok_.tok != Tok::END_OF_FILE) push(parse_type());
    }
  }
  expr_lev_--;
  Span<Expr*> args = freeze<Expr>(m);
  Pos rbrack = expect(Tok::RBRACK);
  if (ncolons > 0) {
    SliceExpr* s = make<SliceExpr>();
    if (ncolons == 2) {
      s->slice3 = true;
      if (!index[1]) {
        error(colons[0], "middle index required in 3-index slice");
        index[1] = bad_expr(colons[0] + 1, colons[1]);
      }
      if (!index[2]) {
        error(colons[1], "final index required in 3-index slice");
        index[2] = bad_expr(colons[1] + 1, rbrack);
      }
    }
    s->x = x;
    s->lbrack = lbrack;
    s->low = index[0];
    s->high = index[1];
    s->max = index[2];
    s->rbrack = rbrack;
    return s;
  }
  if (!have_args) {
    IndexExpr* ix = make<IndexExpr>();
    ix->x = x;
    ix->lbrack = lbrack;
    ix->index = index[0];
    ix->rbrack = rbrack;
    return ix;
  }
  return pack_index_expr(x, lbrack, args, rbrack);
}

// parse_call_or_conversion's argument list, up to the closing ')'.
inline Span<Expr*> Parser::parse_arguments(Pos& ellipsis) {
  ListMark m = mark();
  while (tok_.tok != Tok::RPAREN && tok_.tok != Tok::END_OF_FILE && !valid(ellipsis)) {
    push(parse_expr());  // builtins may expect a type: make(some type, ...)
    if (tok_.tok == Tok::ELLIPSIS) {
      ellipsis = tok_.pos;
      next();
    }
    if (!at_comma("argument list", Tok::RPAREN)) break;
    next();
  }
  return freeze<Expr>(m);
}

inline CallExpr* Parser::parse_call_or_conversion(Expr* fun) {
  Pos lparen = tok_.pos;  // parse_primary_expr saw the '('
  next();
  expr_lev_++;
  // Every argument is a right-hand side (parse_rhs); set that once for the whole list.
  bool old_rhs = in_rhs_;
  in_rhs_ = true;
  Pos ellipsis = kNoPos;
  Span<Expr*> args;
  if (tok_.tok != Tok::RPAREN) args = parse_arguments(ellipsis);
  in_rhs_ = old_rhs;
  expr_lev_--;
  Pos rparen = expect_closing(Tok::RPAREN, "argument list");
  CallExpr* c = make<CallExpr>();  // made last: every field is written once
  c->fun = fun;
  c->lparen = lparen;
  c->args = args;
  c->ellipsis = ellipsis;
  c->rparen = rparen;
  return c;
}


Expr* Parser::parse_value() {
  if (tok_.tok == Tok::LBRACE) return parse_literal_value(nullptr);
  return parse_expr();
}

Expr* Parser::parse_element() {
  Expr* x = parse_value();
  if (tok_.tok == Tok::COLON) {
    Pos colon = tok_.pos;
    next();
    Expr* value = parse_value();
    KeyValueExpr* kv = make<KeyValueExpr>();
    kv->key = x;
    kv->colon = colon;
    kv->value = value;
    x = kv;
  }
  return x;
}

Span<Expr*> Parser::parse_element_list() {
  ListMark m = mark();
  while (tok_.tok != Tok::RBRACE && tok_.tok != Tok::END_OF_FILE) {
    push(parse_element());
    if (!at_comma("composite literal", Tok::RBRACE)) break;
    next();
  }
  return freeze<Expr>(m);
}

Expr* Parser::parse_literal_value(Expr* type) {
  NestGuard guard(*this);
  Pos lbrace = expect(Tok::LBRACE);
  expr_lev_++;
  Span<Expr*> elts;
  if (tok_.tok != Tok::RBRACE) elts = parse_element_list();
  expr_lev_--;
  Pos rbrace = expect_closing(Tok::RBRACE, "composite literal");
  CompositeLit* c = make<CompositeLit>();
  c->type = type;
  c->lbrace = lbrace;
  c->elts = elts;
  c->rbrace = rbrace;
  return c;
}

namespace {
Expr* unparen(Expr* x) {
  while (ParenExpr* p = as<ParenExpr>(x)) x = p->x;
  return x;
}
}  // namespace

// parse_primary_expr's loop over selectors, indexes, calls and composite literals. `n` nesting
// levels are already counted; the loop counts one per round and undoes them all on exit.
inline Expr* Parser::parse_primary_suffixes(Expr* x, int n) {
  struct Restore {
    Parser& p;
    int& n;
    ~Restore() { p.nest_lev_ -= n; }
  } restore{*this, n};
  for (;;) {
    n++;
    inc_nest_level();
    switch (tok_.tok) {
      case Tok::PERIOD: {
        next();
        if (tok_.tok == Tok::IDENT) {
          x = parse_selector(x);
        } else if (tok_.tok == Tok::LPAREN) {
          x = parse_type_assertion(x);
        } else {
          Pos pos = tok_.pos;
          error_expected(pos, "selector or type assertion");
          if (tok_.tok != Tok::RBRACE) next();  // make progress
          Ident* sel = make<Ident>();
          sel->name_pos = pos;
          sel->name = "_";
          SelectorExpr* s = make<SelectorExpr>();
          s->x = x;
          s->sel = sel;
          x = s;
        }
        break;
      }
      case Tok::LBRACK: x = parse_index_or_slice_or_instance(x); break;
      case Tok::LPAREN: x = parse_call_or_conversion(x); break;
      case Tok::LBRACE: {
        Expr* t = unparen(x);
        switch (t->kind) {
          case Kind::BadExpr: case Kind::Ident: case Kind::SelectorExpr:
          case Kind::IndexExpr: case Kind::IndexListExpr:
            if (expr_lev_ < 0) return x;  // x is possibly a composite literal type
            break;
          case Kind::ArrayType: case Kind::StructType: case Kind::MapType:
            break;  // x is a composite literal type
          default:
            return x;
        }
        if (t != x) error(t->pos(), "cannot parenthesize type in composite literal");
        x = parse_literal_value(x);
        break;
      }
      default: return x;
    }
  }
}

Expr* Parser::parse_primary_expr(Expr* x) {
  if (!x) x = parse_operand();
  return parse_primary_suffixes(x, 0);
}

Expr* Parser::parse_primary_expr_after_operand(Expr* x) {
  inc_nest();  // parse_unary_expr's level, undone with the loop's
  return parse_primary_suffixes(x, 1);
}

Expr* Parser::parse_unary_expr_general() {
  NestGuard guard(*this);
  switch (tok_.tok) {
    case Tok::ADD: case Tok::SUB: case Tok::NOT: case Tok::XOR: case Tok::AND: case Tok::TILDE: {
      UnaryExpr* u = make<UnaryExpr>();
      u->op_pos = tok_.pos;
      u->op = tok_.tok;
      next();
      u->x = parse_unary_expr();
      return u;
    }
    case Tok::ARROW: {
      Pos arrow = tok_.pos;
      next();
      Expr* x = parse_unary_expr();
      if (ChanType* typ = as<ChanType>(x)) {
        // (<-type): reassociate the arrow into the channel type(s).
        uint8_t dir = SEND;
        bool ok = true;
        while (ok && dir == SEND) {
          if (typ->dir == RECV) error_expected(typ->arrow, "'chan'");  // <-x is not a type
          Pos a = typ->arrow;
          typ->begin = arrow;
          typ->arrow = arrow;
          arrow = a;
          dir = typ->dir;
          typ->dir = RECV;
          typ = as<ChanType>(typ->value);
          ok = typ != nullptr;
        }
        if (dir == SEND) error_expected(arrow, "channel type");
        return x;
      }
      UnaryExpr* u = make<UnaryExpr>();
      u->op_pos = arrow;
      u->op = Tok::ARROW;
      u->x = x;
      return u;
    }
    case Tok::MUL: {
      StarExpr* s = make<StarExpr>();
      s->star = tok_.pos;
      next();
      s->x = parse_unary_expr();
      return s;
    }
    default: break;
  }
  return parse_primary_expr(nullptr);
}



Expr* Parser::parse_binary_expr_loop(Expr* x, int prec1) {
  int n = 0;
  struct Restore {
    Parser& p;
    int& n;
    ~Restore() { p.nest_lev_ -= n; }
  } restore{*this, n};
  for (;;) {
    n++;
    inc_nest_level();
    Tok op = tok_.tok;
    int oprec = binary_precedence(op);
    if (oprec < prec1) return x;
    if (op == Tok::ASSIGN) op = Tok::EQL;  // only in a right-hand side: elsewhere '=' has none
    Pos op_pos = expect(op);
    Expr* y = parse_binary_expr(nullptr, oprec + 1);
    BinaryExpr* b = make<BinaryExpr>();  // made last: every field is written once
    b->x = x;
    b->op_pos = op_pos;
    b->op = op;
    b->y = y;
    x = b;
  }
}

Expr* Parser::pack_index_expr(Expr* x, Pos lbrack, Span<Expr*> exprs, Pos rbrack) {
  if (exprs.size() == 1) {
    IndexExpr* ix = make<IndexExpr>();
    ix->x = x;
    ix->lbrack = lbrack;
    ix->index = exprs[0];
    ix->rbrack = rbrack;
    return ix;
  }
  IndexListExpr* il = make<IndexListExpr>();
  il->x = x;
  il->lbrack = lbrack;
  il->indices = exprs;
  il->rbrack = rbrack;
  return il;
}

}  // namespace gotrap::syntax
