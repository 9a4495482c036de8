// Types (go/parser's parseType ... tryIdentOrType): type names, array, struct, pointer, function,
// interface, map and channel types, parameter lists and type instances.
#include "syntax/parser_impl.h"

namespace gotrap::syntax {

Expr* Parser::parse_missing_type() {
  Pos pos = tok_.pos;
  error_expected(pos, "type");
  advance(Sync::ExprEnd);
  return bad_expr(pos, tok_.pos);
}

Expr* Parser::parse_qualified_ident(Ident* ident) {
  Expr* typ = parse_type_name(ident);
  if (tok_.tok == Tok::LBRACK) typ = parse_type_instance(typ);
  return typ;
}

Expr* Parser::parse_qualified_name(Ident* package) {
  next();  // the '.'
  Ident* sel = parse_ident();
  SelectorExpr* s = make<SelectorExpr>();
  s->x = package;
  s->sel = sel;
  return s;
}

ArrayType* Parser::parse_array_type(Pos lbrack, Expr* len) {
  if (!len) {
    expr_lev_++;
    if (tok_.tok == Tok::ELLIPSIS) {
      Ellipsis* e = make<Ellipsis>();
      e->ellipsis = tok_.pos;
      len = e;
      next();
    } else if (tok_.tok != Tok::RBRACK) {
      len = parse_rhs();
    }
    expr_lev_--;
  }
  if (tok_.tok == Tok::COMMA) {
    error(tok_.pos, "unexpected comma; expecting ]");
    next();
  }
  expect(Tok::RBRACK);
  ArrayType* a = make<ArrayType>();
  a->lbrack = lbrack;
  a->len = len;
  a->elt = parse_type();
  return a;
}

std::pair<Ident*, Expr*> Parser::parse_array_field_or_type_instance(Ident* x) {
  Pos lbrack = expect(Tok::LBRACK);
  Pos trailing_comma = kNoPos;
  ListMark m = mark();
  if (tok_.tok != Tok::RBRACK) {
    expr_lev_++;
    push(parse_rhs());
    while (tok_.tok == Tok::COMMA) {
      Pos comma = tok_.pos;
      next();
      if (tok_.tok == Tok::RBRACK) {
        trailing_comma = comma;
        break;
      }
      push(parse_rhs());
    }
    expr_lev_--;
  }
  Pos rbrack = expect(Tok::RBRACK);
  Span<Expr*> args = freeze<Expr>(m);
  if (args.empty()) {
    ArrayType* a = make<ArrayType>();
    a->lbrack = lbrack;
    a->elt = parse_type();
    return {x, a};
  }
  if (args.size() == 1) {
    if (Expr* elt = try_ident_or_type()) {
      if (valid(trailing_comma)) error(trailing_comma, "unexpected comma; expecting ]");
      ArrayType* a = make<ArrayType>();
      a->lbrack = lbrack;
      a->len = args[0];
      a->elt = elt;
      return {x, a};
    }
  }
  return {nullptr, pack_index_expr(x, lbrack, args, rbrack)};
}

Field* Parser::parse_field_decl() {
  CommentGroup* doc = lead_comment();
  Span<Ident*> names;
  Expr* typ = nullptr;
  switch (tok_.tok) {
    case Tok::IDENT: {
      Ident* name = parse_ident();
      if (tok_.tok == Tok::PERIOD || tok_.tok == Tok::STRING || tok_.tok == Tok::SEMICOLON ||
          tok_.tok == Tok::RBRACE) {
        typ = name;
        if (tok_.tok == Tok::PERIOD) typ = parse_qualified_ident(name);
      } else {
        ListMark m = mark();
        push(name);
        while (tok_.tok == Tok::COMMA) {
          next();
          push(parse_ident());
        }
        names = freeze<Ident>(m);
        if (names.size() == 1 && tok_.tok == Tok::LBRACK) {
          auto [n, t] = parse_array_field_or_type_instance(name);
          typ = t;
          if (!n) names = {};
        } else {
          typ = parse_type();
        }
      }
      break;
    }
    case Tok::MUL: {
      Pos star = tok_.pos;
      next();
      if (tok_.tok == Tok::LPAREN) {
        error(tok_.pos, "cannot parenthesize embedded type");
        next();
        typ = parse_qualified_ident(nullptr);
        if (tok_.tok == Tok::RPAREN) next();
      } else {
        typ = parse_qualified_ident(nullptr);
      }
      StarExpr* s = make<StarExpr>();
      s->star = star;
      s->x = typ;
      typ = s;
      break;
    }
    case Tok::LPAREN: {
      error(tok_.pos, "cannot parenthesize embedded type");
      next();
      if (tok_.tok == Tok::MUL) {
        Pos star = tok_.pos;
        next();
        StarExpr* s = make<StarExpr>();
        s->star = star;
        s->x = parse_qualified_ident(nullptr);
        typ = s;
      } else {
        typ = parse_qualified_ident(nullptr);
      }
      if (tok_.tok == Tok::RPAREN) next();
      break;
    }
    default: {
      Pos pos = tok_.pos;
      error_expected(pos, "field name or embedded type");
      advance(Sync::ExprEnd);
      typ = bad_expr(pos, tok_.pos);
      break;
    }
  }
  BasicLit* tag = nullptr;
  if (tok_.tok == Tok::STRING) {
    tag = make<BasicLit>();
    tag->value_pos = tok_.pos;
    tag->value_end = tok_.string_end;
    tag->lit_kind = Tok::STRING;
    tag->value = tok_.lit;
    next();
  }
  CommentGroup* comment = expect_semi();
  Field* f = make<Field>();
  f->doc = doc;
  f->names = names;
  f->type = typ;
  f->tag = tag;
  f->comment = comment;
  return f;
}

StructType* Parser::parse_struct_type() {
  Pos pos = expect(Tok::STRUCT);
  Pos lbrace = expect(Tok::LBRACE);
  ListMark m = mark();
  while (tok_.tok == Tok::IDENT || tok_.tok == Tok::MUL || tok_.tok == Tok::LPAREN) {
    push(parse_field_decl());
  }
  Span<Field*> list = freeze<Field>(m);
  Pos rbrace = expect(Tok::RBRACE);
  StructType* s = make<StructType>();
  s->struct_pos = pos;
  s->fields = make_field_list(lbrace, list, rbrace);
  return s;
}

StarExpr* Parser::parse_pointer_type() {
  StarExpr* s = make<StarExpr>();
  s->star = expect(Tok::MUL);
  s->x = parse_type();
  return s;
}

Ellipsis* Parser::parse_dots_type() {
  Ellipsis* e = make<Ellipsis>();
  e->ellipsis = expect(Tok::ELLIPSIS);
  e->elt = parse_type();
  return e;
}

inline Parser::ParamField Parser::parse_param_decl(Ident* name, bool type_sets_ok) {
  ParamField f;
  Tok ptok = tok_.tok;
  if (name) {
    tok_.tok = Tok::IDENT;  // force the IDENT case below
  } else if (type_sets_ok && tok_.tok == Tok::TILDE) {
    f.type = embedded_elem(nullptr);
    return f;
  }
  switch (tok_.tok) {
    case Tok::IDENT:
      if (name) {
        f.name = name;
        tok_.tok = ptok;
      } else {
        f.name = parse_ident();
      }
      switch (tok_.tok) {
        case Tok::IDENT: case Tok::MUL: case Tok::ARROW: case Tok::FUNC: case Tok::CHAN:
        case Tok::MAP: case Tok::STRUCT: case Tok::INTERFACE: case Tok::LPAREN:
          f.type = parse_type();
          break;
        case Tok::LBRACK: {
          auto [n, t] = parse_array_field_or_type_instance(f.name);
          f.name = n;
          f.type = t;
          break;
        }
        case Tok::ELLIPSIS:
          f.type = parse_dots_type();
          return f;
        case Tok::PERIOD:
          f.type = parse_qualified_ident(f.name);
          f.name = nullptr;
          break;
        case Tok::TILDE:
          if (type_sets_ok) {
            f.type = embedded_elem(nullptr);
            return f;
          }
          break;
        case Tok::OR:
          if (type_sets_ok) {
            f.type = embedded_elem(f.name);
            f.name = nullptr;
            return f;
          }
          break;
        default: break;
      }
      break;
    case Tok::MUL: case Tok::ARROW: case Tok::FUNC: case Tok::LBRACK: case Tok::CHAN: case Tok::MAP:
    case Tok::STRUCT: case Tok::INTERFACE: case Tok::LPAREN:
      f.type = parse_type();
      break;
    case Tok::ELLIPSIS:
      f.type = parse_dots_type();
      return f;
    default:
      error_expected(tok_.pos, "')'");
      advance(Sync::ExprEnd);
      break;
  }
  if (type_sets_ok && tok_.tok == Tok::OR && f.type) f.type = embedded_elem(f.type);
  return f;
}

Span<Field*> Parser::parse_parameter_list(Ident* name0, Expr* typ0, Tok closing, bool dddok) {
  bool tparams = closing == Tok::RBRACK;
  Pos pos0 = tok_.pos;
  if (name0) pos0 = name0->pos();
  else if (typ0) pos0 = typ0->pos();

  // The working list lives in params_ from `base` on (nested parameter lists stack above it).
  const size_t base = params_.size();
  struct Restore {
    std::vector<ParamField>& v;
    size_t n;
    ~Restore() { v.resize(n); }
  } restore{params_, base};
  int named = 0, typed = 0;
  while (name0 || (tok_.tok != closing && tok_.tok != Tok::END_OF_FILE)) {
    ParamField par;
    if (typ0) {
      if (tparams) typ0 = embedded_elem(typ0);
      par = ParamField{name0, typ0};
    } else {
      par = parse_param_decl(name0, tparams);
    }
    name0 = nullptr;
    typ0 = nullptr;
    if (par.name || par.type) {
      params_.push_back(par);
      if (par.name && par.type) named++;
      if (par.type) typed++;
    }
    if (!at_comma("parameter list", closing)) break;
    next();
  }
  // The list is complete: from here on it is a plain array.
  const size_t count = params_.size() - base;
  ParamField* const ps = params_.data() + base;
  if (count == 0) return {};

  if (named == 0) {
    for (size_t i = 0; i < count; i++) {
      ParamField& par = ps[i];
      if (par.name) {
        par.type = par.name;
        par.name = nullptr;
      }
    }
    if (tparams) {
      Pos err_pos;
      std::string msg;
      if (named == typed) {
        err_pos = tok_.pos;
        msg = "missing type constraint";
      } else {
        err_pos = pos0;
        msg = "missing type parameter name";
        if (count == 1) msg += " or invalid array length";
      }
      error(err_pos, msg);
    }
  } else if (named != int(count)) {
    Pos err_pos = kNoPos;
    Expr* typ = nullptr;
    for (size_t i = 0; i < count; i++) {
      ParamField& par = ps[count - i - 1];
      if (par.type) {
        typ = par.type;
        if (!par.name) {
          err_pos = typ->pos();
          Ident* n = make<Ident>();
          n->name = "_";
          n->name_pos = err_pos;
          par.name = n;
        }
      } else if (typ) {
        par.type = typ;
      } else {
        err_pos = par.name->pos();
        par.type = bad_expr(err_pos, tok_.pos);
      }
    }
    if (valid(err_pos)) {
      std::string msg;
      if (named == typed) {
        err_pos = tok_.pos;
        msg = tparams ? "missing type constraint" : "missing parameter type";
      } else if (tparams) {
        msg = "missing type parameter name";
        if (count == 1) msg += " or invalid array length";
      } else {
        msg = "missing parameter name";
      }
      error(err_pos, msg);
    }
  }

  bool first = true;
  for (size_t i = 0; i < count; i++) {
    ParamField& f = ps[i];
    if (Ellipsis* t = as<Ellipsis>(f.type); t && (!dddok || i + 1 < count)) {
      if (first) {
        first = false;
        error(t->ellipsis, dddok ? "can only use ... with final parameter" : "invalid use of ...");
      }
      f.type = bad_expr(t->pos(), t->end());
    }
  }

  ListMark m = mark();
  if (named == 0) {
    for (size_t i = 0; i < count; i++) {
      Field* field = make<Field>();
      field->type = ps[i].type;
      push(field);
    }
    return freeze<Field>(m);
  }
  size_t i = 0;
  while (i < count) {
    size_t j = i;
    while (j < count && ps[j].type == ps[i].type) j++;
    Field* field = make<Field>();
    Ident** names = static_cast<Ident**>(arena_.allocate(sizeof(Ident*) * (j - i)));
    for (size_t k = i; k < j; k++) names[k - i] = ps[k].name;
    field->names = Span<Ident*>{names, uint32_t(j - i)};
    field->type = ps[i].type;
    push(field);
    i = j;
  }
  return freeze<Field>(m);
}

FieldList* Parser::parse_type_parameters() {
  Pos lbrack = expect(Tok::LBRACK);
  Span<Field*> list;
  if (tok_.tok != Tok::RBRACK) list = parse_parameter_list(nullptr, nullptr, Tok::RBRACK, false);
  Pos rbrack = expect(Tok::RBRACK);
  if (list.empty()) {
    error(rbrack, "empty type parameter list");
    return nullptr;
  }
  return make_field_list(lbrack, list, rbrack);
}

FieldList* Parser::parse_parameters(bool result) {
  if (!result || tok_.tok == Tok::LPAREN) {
    Pos lparen = expect(Tok::LPAREN);
    Span<Field*> list;
    if (tok_.tok != Tok::RPAREN) list = parse_parameter_list(nullptr, nullptr, Tok::RPAREN, !result);
    Pos rparen = expect(Tok::RPAREN);
    return make_field_list(lparen, list, rparen);
  }
  if (Expr* typ = try_ident_or_type()) {
    Field* f = make<Field>();
    f->type = typ;
    FieldList* fl = make<FieldList>();
    fl->list = one(f);
    return fl;
  }
  return nullptr;
}

FuncType* Parser::parse_func_type() {
  Pos pos = expect(Tok::FUNC);
  if (tok_.tok == Tok::LBRACK) {
    FieldList* tparams = parse_type_parameters();
    if (tparams) error(tparams->opening, "function type must have no type parameters");
  }
  FuncType* ft = make<FuncType>();
  ft->func = pos;
  ft->params = parse_parameters(false);
  ft->results = parse_parameters(true);
  return ft;
}

Field* Parser::parse_method_spec() {
  CommentGroup* doc = lead_comment();
  Span<Ident*> idents;
  Expr* typ = nullptr;
  Expr* x = parse_type_name(nullptr);
  if (Ident* ident = as<Ident>(x)) {
    if (tok_.tok == Tok::LBRACK) {
      Pos lbrack = tok_.pos;
      next();
      expr_lev_++;
      Expr* x2 = parse_expr();
      expr_lev_--;
      Ident* name0 = as<Ident>(x2);
      if (name0 && tok_.tok != Tok::COMMA && tok_.tok != Tok::RBRACK) {
        parse_parameter_list(name0, nullptr, Tok::RBRACK, false);
        expect(Tok::RBRACK);
        error(lbrack, "interface method must have no type parameters");
        FuncType* ft = make<FuncType>();
        ft->params = parse_parameters(false);
        ft->results = parse_parameters(true);
        idents = one(ident);
        typ = ft;
      } else {
        ListMark m = mark();
        push(x2);
        if (at_comma("type argument list", Tok::RBRACK)) {
          expr_lev_++;
          next();
          while (tok_.tok != Tok::RBRACK && tok_.tok != Tok::END_OF_FILE) {
            push(parse_type());
            if (!at_comma("type argument list", Tok::RBRACK)) break;
            next();
          }
          expr_lev_--;
        }
        Span<Expr*> list = freeze<Expr>(m);
        Pos rbrack = expect_closing(Tok::RBRACK, "type argument list");
        typ = pack_index_expr(ident, lbrack, list, rbrack);
      }
    } else if (tok_.tok == Tok::LPAREN) {
      FuncType* ft = make<FuncType>();
      ft->params = parse_parameters(false);
      ft->results = parse_parameters(true);
      idents = one(ident);
      typ = ft;
    } else {
      typ = x;
    }
  } else {
    typ = x;
    if (tok_.tok == Tok::LBRACK) typ = parse_type_instance(typ);
  }
  Field* f = make<Field>();
  f->doc = doc;
  f->names = idents;
  f->type = typ;
  return f;
}

Expr* Parser::embedded_elem(Expr* x) {
  if (!x) x = embedded_term();
  while (tok_.tok == Tok::OR) {
    BinaryExpr* t = make<BinaryExpr>();
    t->op_pos = tok_.pos;
    t->op = Tok::OR;
    next();
    t->x = x;
    t->y = embedded_term();
    x = t;
  }
  return x;
}

Expr* Parser::embedded_term() {
  if (tok_.tok == Tok::TILDE) {
    UnaryExpr* t = make<UnaryExpr>();
    t->op_pos = tok_.pos;
    t->op = Tok::TILDE;
    next();
    t->x = parse_type();
    return t;
  }
  Expr* t = try_ident_or_type();
  if (!t) {
    Pos pos = tok_.pos;
    error_expected(pos, "~ term or type");
    advance(Sync::ExprEnd);
    return bad_expr(pos, tok_.pos);
  }
  return t;
}

InterfaceType* Parser::parse_interface_type() {
  Pos pos = expect(Tok::INTERFACE);
  Pos lbrace = expect(Tok::LBRACE);
  ListMark m = mark();
  for (;;) {
    if (tok_.tok == Tok::IDENT) {
      Field* f = parse_method_spec();
      if (f->names.empty()) f->type = embedded_elem(f->type);
      f->comment = expect_semi();
      push(f);
    } else if (tok_.tok == Tok::TILDE) {
      Expr* typ = embedded_elem(nullptr);
      Field* f = make<Field>();
      f->type = typ;
      f->comment = expect_semi();
      push(f);
    } else if (Expr* t = try_ident_or_type()) {
      Expr* typ = embedded_elem(t);
      Field* f = make<Field>();
      f->type = typ;
      f->comment = expect_semi();
      push(f);
    } else {
      break;
    }
  }
  Span<Field*> list = freeze<Field>(m);
  Pos rbrace = expect(Tok::RBRACE);
  InterfaceType* it = make<InterfaceType>();
  it->interface = pos;
  it->methods = make_field_list(lbrace, list, rbrace);
  return it;
}

MapType* Parser::parse_map_type() {
  MapType* mt = make<MapType>();
  mt->map = expect(Tok::MAP);
  expect(Tok::LBRACK);
  mt->key = parse_type();
  expect(Tok::RBRACK);
  mt->value = parse_type();
  return mt;
}

ChanType* Parser::parse_chan_type() {
  ChanType* ct = make<ChanType>();
  ct->begin = tok_.pos;
  ct->dir = SEND | RECV;
  if (tok_.tok == Tok::CHAN) {
    next();
    if (tok_.tok == Tok::ARROW) {
      ct->arrow = tok_.pos;
      next();
      ct->dir = SEND;
    }
  } else {
    ct->arrow = expect(Tok::ARROW);
    expect(Tok::CHAN);
    ct->dir = RECV;
  }
  ct->value = parse_type();
  return ct;
}

Expr* Parser::parse_type_instance(Expr* typ) {
  Pos opening = expect(Tok::LBRACK);
  expr_lev_++;
  ListMark m = mark();
  while (tok_.tok != Tok::RBRACK && tok_.tok != Tok::END_OF_FILE) {
    push(parse_type());
    if (!at_comma("type argument list", Tok::RBRACK)) break;
    next();
  }
  expr_lev_--;
  Span<Expr*> list = freeze<Expr>(m);
  Pos closing = expect_closing(Tok::RBRACK, "type argument list");
  if (list.empty()) {
    error_expected(closing, "type argument list");
    IndexExpr* ix = make<IndexExpr>();
    ix->x = typ;
    ix->lbrack = opening;
    ix->index = bad_expr(opening + 1, closing);
    ix->rbrack = closing;
    return ix;
  }
  return pack_index_expr(typ, opening, list, closing);
}

Expr* Parser::parse_guarded_type_instance(Expr* typ) {
  NestGuard guard(*this);
  return parse_type_instance(typ);
}

Expr* Parser::try_ident_or_type_general() {
  NestGuard guard(*this);
  switch (tok_.tok) {
    case Tok::IDENT: {
      Expr* typ = parse_type_name(nullptr);
      if (tok_.tok == Tok::LBRACK) typ = parse_type_instance(typ);
      return typ;
    }
    case Tok::LBRACK: {
      Pos lbrack = expect(Tok::LBRACK);
      return parse_array_type(lbrack, nullptr);
    }
    case Tok::STRUCT: return parse_struct_type();
    case Tok::MUL: return parse_pointer_type();
    case Tok::FUNC: return parse_func_type();
    case Tok::INTERFACE: return parse_interface_type();
    case Tok::MAP: return parse_map_type();
    case Tok::CHAN: case Tok::ARROW: return parse_chan_type();
    case Tok::LPAREN: {
      ParenExpr* p = make<ParenExpr>();
      p->lparen = tok_.pos;
      next();
      p->x = parse_type();
      p->rparen = expect(Tok::RPAREN);
      return p;
    }
    default: return nullptr;
  }
}

}  // namespace gotrap::syntax
