#include "syntax/token.h"

#include <iterator>

namespace gotrap::syntax {

namespace {
constexpr std::string_view kTokStrings[] = {
    "ILLEGAL", "EOF", "COMMENT",
    "IDENT", "INT", "FLOAT", "IMAG", "CHAR", "STRING",
    "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "&^",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&^=",
    "&&", "||", "<-", "++", "--",
    "==", "<", ">", "=", "!", "!=", "<=", ">=", ":=", "...",
    "(", "[", "{", ",", ".", ")", "]", "}", ";", ":",
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
    "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return",
    "select", "struct", "switch", "type", "var",
    "~",
};
static_assert(std::size(kTokStrings) == size_t(Tok::COUNT_));
}  // namespace

std::string_view tok_string(Tok t) { return kTokStrings[size_t(t)]; }

}  // namespace gotrap::syntax
