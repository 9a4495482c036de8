// Declarations (go/parser's parseImportSpec ... parseDecl).
#include "syntax/parser_impl.h"

namespace gotrap::syntax {

Spec* Parser::parse_import_spec(CommentGroup* doc) {
  Ident* ident = nullptr;
  if (tok_.tok == Tok::IDENT) {
    ident = parse_ident();
  } else if (tok_.tok == Tok::PERIOD) {
    ident = make<Ident>();
    ident->name_pos = tok_.pos;
    ident->name = ".";
    next();
  }
  Pos pos = tok_.pos;
  Pos end = tok_.pos;
  std::string_view path;
  if (tok_.tok == Tok::STRING) {
    path = tok_.lit;
    end = tok_.string_end;
    next();
  } else if (is_literal(tok_.tok)) {
    error(pos, "import path must be a string");
    next();
  } else {
    error(pos, "missing import path");
    advance(Sync::ExprEnd);
  }
  CommentGroup* comment = expect_semi();
  ImportSpec* spec = make<ImportSpec>();
  spec->doc = doc;
  spec->name = ident;
  BasicLit* lit = make<BasicLit>();
  lit->value_pos = pos;
  lit->value_end = end;
  lit->lit_kind = Tok::STRING;
  lit->value = path;
  spec->path = lit;
  spec->comment = comment;
  imports_.push_back(spec);
  return spec;
}

inline Spec* Parser::parse_value_spec(CommentGroup* doc, Tok keyword) {
  ValueSpec* spec = make<ValueSpec>();
  spec->doc = doc;
  spec->names = parse_ident_list();
  if (keyword == Tok::CONST) {
    // always permit optional type and initialization for more tolerant parsing
    if (tok_.tok != Tok::END_OF_FILE && tok_.tok != Tok::SEMICOLON && tok_.tok != Tok::RPAREN) {
      spec->type = try_ident_or_type();
      if (tok_.tok == Tok::ASSIGN) {
        next();
        spec->values = parse_list(true);
      }
    }
  } else {
    if (tok_.tok != Tok::ASSIGN) spec->type = parse_type();
    if (tok_.tok == Tok::ASSIGN) {
      next();
      spec->values = parse_list(true);
    }
  }
  spec->comment = expect_semi();
  return spec;
}

void Parser::parse_generic_type(TypeSpec* spec, Pos open, Ident* name0, Expr* typ0) {
  Span<Field*> list = parse_parameter_list(name0, typ0, Tok::RBRACK, false);
  Pos close = expect(Tok::RBRACK);
  spec->type_params = make_field_list(open, list, close);
  if (tok_.tok == Tok::ASSIGN) {  // type alias
    spec->assign = tok_.pos;
    next();
  }
  spec->type = parse_type();
}

namespace {

bool is_type_elem(Expr* x) {
  switch (x->kind) {
    case Kind::ArrayType: case Kind::StructType: case Kind::FuncType: case Kind::InterfaceType:
    case Kind::MapType: case Kind::ChanType:
      return true;
    case Kind::BinaryExpr: {
      BinaryExpr* b = static_cast<BinaryExpr*>(x);
      return is_type_elem(b->x) || is_type_elem(b->y);
    }
    case Kind::UnaryExpr: return static_cast<UnaryExpr*>(x)->op == Tok::TILDE;
    case Kind::ParenExpr: return is_type_elem(static_cast<ParenExpr*>(x)->x);
    default: return false;
  }
}

}  // namespace

// Splits "P *C", "P C|D" and "P(C)" (parsed as expressions) into a type parameter name and its
// constraint, as go/parser's extractName does.
std::pair<Ident*, Expr*> Parser::extract_name(Expr* x, bool force) {
  switch (x->kind) {
    case Kind::Ident: return {static_cast<Ident*>(x), nullptr};
    case Kind::BinaryExpr: {
      BinaryExpr* b = static_cast<BinaryExpr*>(x);
      if (b->op == Tok::MUL) {
        Ident* name = as<Ident>(b->x);
        if (name && (force || is_type_elem(b->y))) {
          // x = name *x.Y
          StarExpr* s = make<StarExpr>();
          s->star = b->op_pos;
          s->x = b->y;
          return {name, s};
        }
      } else if (b->op == Tok::OR) {
        auto [name, lhs] = extract_name(b->x, force || is_type_elem(b->y));
        if (name && lhs) {
          // x = name lhs|x.Y
          BinaryExpr* op = make<BinaryExpr>();
          *op = *b;
          op->x = lhs;
          return {name, op};
        }
      }
      break;
    }
    case Kind::CallExpr: {
      CallExpr* c = static_cast<CallExpr*>(x);
      if (Ident* name = as<Ident>(c->fun)) {
        if (c->args.size() == 1 && !valid(c->ellipsis) && (force || is_type_elem(c->args[0]))) {
          // x = name (x.Args[0]); the parentheses do not matter in a constraint
          ParenExpr* p = make<ParenExpr>();
          p->lparen = c->lparen;
          p->x = c->args[0];
          p->rparen = c->rparen;
          return {name, p};
        }
      }
      break;
    }
    default: break;
  }
  return {nullptr, x};
}

Spec* Parser::parse_type_spec(CommentGroup* doc) {
  TypeSpec* spec = make<TypeSpec>();
  spec->doc = doc;
  spec->name = parse_ident();
  if (tok_.tok == Tok::LBRACK) {
    // spec.Name "[" ...: either an array/slice type or a type parameter list
    Pos lbrack = tok_.pos;
    next();
    if (tok_.tok == Tok::IDENT) {
      // We may have an array type or a type parameter list; parse an expression and decide.
      Expr* x = parse_ident();
      if (tok_.tok != Tok::LBRACK) {
        // To parse the expression starting with name, expand the call sequence we would get by
        // passing in name to parser.expr, and pass in name to parsePrimaryExpr.
        expr_lev_++;
        Expr* lhs = parse_primary_expr(x);
        x = parse_binary_expr(lhs, 1);
        expr_lev_--;
      }
      auto [pname, ptype] = extract_name(x, tok_.tok == Tok::COMMA);
      if (pname && (ptype || tok_.tok != Tok::RBRACK)) {
        parse_generic_type(spec, lbrack, pname, ptype);  // ptype may be null
      } else {
        spec->type = parse_array_type(lbrack, x);
      }
    } else {
      spec->type = parse_array_type(lbrack, nullptr);
    }
  } else {
    if (tok_.tok == Tok::ASSIGN) {  // type alias
      spec->assign = tok_.pos;
      next();
    }
    spec->type = parse_type();
  }
  spec->comment = expect_semi();
  return spec;
}

GenDecl* Parser::parse_gen_decl(Tok keyword, SpecKind kind) {
  GenDecl* d = make<GenDecl>();
  d->doc = lead_comment();
  d->tok_pos = expect(keyword);
  d->tok = keyword;
  auto spec = [&](CommentGroup* doc) -> Spec* {
    switch (kind) {
      case SpecKind::Import: return parse_import_spec(doc);
      case SpecKind::Value: return parse_value_spec(doc, keyword);
      case SpecKind::Type: return parse_type_spec(doc);
    }
    return nullptr;
  };
  if (tok_.tok == Tok::LPAREN) {
    d->lparen = tok_.pos;
    next();
    ListMark m = mark();
    while (tok_.tok != Tok::RPAREN && tok_.tok != Tok::END_OF_FILE) push(spec(lead_comment()));
    d->specs = freeze<Spec>(m);
    d->rparen = expect(Tok::RPAREN);
    expect_semi();
  } else {
    d->specs = one(spec(nullptr));
  }
  return d;
}

FuncDecl* Parser::parse_func_decl() {
  FuncDecl* d = make<FuncDecl>();
  d->doc = lead_comment();
  Pos pos = expect(Tok::FUNC);
  if (tok_.tok == Tok::LPAREN) d->recv = parse_parameters(false);
  d->name = parse_ident();
  FieldList* tparams = nullptr;
  if (tok_.tok == Tok::LBRACK) {
    tparams = parse_type_parameters();
    if (d->recv && tparams) {
      // Method declarations do not have type parameters; the parser accepts them to report a
      // better error.
      error(tparams->opening, "method must have no type parameters");
      tparams = nullptr;
    }
  }
  FuncType* ft = make<FuncType>();
  ft->func = pos;
  ft->type_params = tparams;
  ft->params = parse_parameters(false);
  ft->results = parse_parameters(true);
  d->type = ft;
  switch (tok_.tok) {
    case Tok::LBRACE:
      d->body = parse_body();
      expect_semi();
      break;
    case Tok::SEMICOLON:
      next();
      if (tok_.tok == Tok::LBRACE) {
        // opening { of function declaration on next line
        error(tok_.pos, "unexpected semicolon or newline before {");
        d->body = parse_body();
        expect_semi();
      }
      break;
    default:
      expect_semi();
      break;
  }
  return d;
}

Decl* Parser::parse_decl(Sync sync) {
  switch (tok_.tok) {
    case Tok::IMPORT: return parse_gen_decl(Tok::IMPORT, SpecKind::Import);
    case Tok::CONST: return parse_gen_decl(Tok::CONST, SpecKind::Value);
    case Tok::VAR: return parse_gen_decl(Tok::VAR, SpecKind::Value);
    case Tok::TYPE: return parse_gen_decl(Tok::TYPE, SpecKind::Type);
    case Tok::FUNC: return parse_func_decl();
    default: {
      Pos pos = tok_.pos;
      error_expected(pos, "declaration");
      advance(sync);
      BadDecl* b = make<BadDecl>();
      b->from = pos;
      b->to = tok_.pos;
      return b;
    }
  }
}

}  // namespace gotrap::syntax
