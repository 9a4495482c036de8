// Go tokens, in the same order and with the same spelling as go/token, so that operator fields in
// the tree (BinaryExpr::op, AssignStmt::tok, ...) print exactly as go/ast prints them.
#pragma once

#include <cstdint>
#include <string_view>

namespace gotrap::syntax {

enum class Tok : uint8_t {
  ILLEGAL, END_OF_FILE, COMMENT,
  IDENT, INT, FLOAT, IMAG, CHAR, STRING,
  ADD, SUB, MUL, QUO, REM, AND, OR, XOR, SHL, SHR, AND_NOT,
  ADD_ASSIGN, SUB_ASSIGN, MUL_ASSIGN, QUO_ASSIGN, REM_ASSIGN, AND_ASSIGN, OR_ASSIGN, XOR_ASSIGN,
  SHL_ASSIGN, SHR_ASSIGN, AND_NOT_ASSIGN,
  LAND, LOR, ARROW, INC, DEC,
  EQL, LSS, GTR, ASSIGN, NOT, NEQ, LEQ, GEQ, DEFINE, ELLIPSIS,
  LPAREN, LBRACK, LBRACE, COMMA, PERIOD, RPAREN, RBRACK, RBRACE, SEMICOLON, COLON,
  BREAK, CASE, CHAN, CONST, CONTINUE, DEFAULT, DEFER, ELSE, FALLTHROUGH, FOR, FUNC, GO, GOTO, IF,
  IMPORT, INTERFACE, MAP, PACKAGE, RANGE, RETURN, SELECT, STRUCT, SWITCH, TYPE, VAR,
  TILDE,
  COUNT_,
};

// go/token's Token.String(): the operator or keyword spelling, or the class name for literals.
std::string_view tok_string(Tok t);

// go/token's Token.Precedence(): binary operator precedence, 0 for non-operators.
inline int precedence(Tok t) {
  switch (t) {
    case Tok::LOR: return 1;
    case Tok::LAND: return 2;
    case Tok::EQL: case Tok::NEQ: case Tok::LSS: case Tok::LEQ: case Tok::GTR: case Tok::GEQ:
      return 3;
    case Tok::ADD: case Tok::SUB: case Tok::OR: case Tok::XOR: return 4;
    case Tok::MUL: case Tok::QUO: case Tok::REM: case Tok::SHL: case Tok::SHR: case Tok::AND:
    case Tok::AND_NOT:
      return 5;
    default: return 0;
  }
}

inline bool is_keyword(Tok t) { return t >= Tok::BREAK && t <= Tok::VAR; }
inline bool is_literal(Tok t) { return t >= Tok::IDENT && t <= Tok::STRING; }

}  // namespace gotrap::syntax
