// Scanner: literal forms, automatic semicolons, comments, and go/scanner's error messages.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "syntax/parser.h"
#include "syntax/scanner.h"

namespace gotrap::syntax {
namespace {

struct Scanned {
  std::vector<Token> tokens;  // up to and excluding EOF
  std::vector<SyntaxError> errors;
};

Scanned scan_all(std::string_view src) {
  Scanned s;
  Scanner sc(src, &s.errors);
  for (int guard = 0; guard < 10000; guard++) {
    Token t;
    sc.scan(t);
    if (t.tok == Tok::END_OF_FILE) break;
    s.tokens.push_back(t);
  }
  return s;
}

std::string kinds(const Scanned& s) {
  std::string out;
  for (const Token& t : s.tokens) {
    if (!out.empty()) out += ' ';
    if (t.tok == Tok::SEMICOLON) out += t.lit == "\n" ? "NL" : ";";
    else if (is_literal(t.tok)) out += std::string(tok_string(t.tok)) + "(" + std::string(t.lit) + ")";
    else out += tok_string(t.tok);
  }
  return out;
}

TEST(Scanner, LiteralForms) {
  const char* good[] = {
      "0", "42", "0x7f", "0X_1F", "0o17", "0O17", "0b1010", "0B_1", "017", "1_000_000", "0x_ff",
      "3.14", ".5", "1.", "1e9", "1E-9", "0x1p-2", "0X1.8P+3", "0x.8p0", "1_0.2_5e1_0", "2.5i",
      "0i", "0x1p2i", "'a'", "'\\n'", "'\\x7f'", "'\\377'", "'\\u12e4'", "'\\U00101234'", "'\\''",
      "'ä'", "\"\"", "\"a\\tb\\\"c\"", "\"\\xff\\000\"", "`raw\\n`", "`multi\nline`",
  };
  for (const char* lit : good) {
    Scanned s = scan_all(lit);
    ASSERT_GE(s.tokens.size(), 1u) << lit;
    EXPECT_TRUE(is_literal(s.tokens[0].tok)) << lit;
    EXPECT_EQ(s.tokens[0].lit, lit);
    EXPECT_TRUE(s.errors.empty()) << lit << ": " << (s.errors.empty() ? "" : s.errors[0].message);
  }
  EXPECT_EQ(scan_all("0x1p-2").tokens[0].tok, Tok::FLOAT);
  EXPECT_EQ(scan_all("2.5i").tokens[0].tok, Tok::IMAG);
  EXPECT_EQ(scan_all("017").tokens[0].tok, Tok::INT);
  EXPECT_EQ(scan_all("'x'").tokens[0].tok, Tok::CHAR);
  Scanned raw = scan_all("`a\r\nb`");
  EXPECT_EQ(raw.tokens[0].string_end, 6u);  // raw length, carriage return included
}

TEST(Scanner, LiteralErrors) {
  struct Case {
    const char* src;
    uint32_t offset;
    const char* message;
  } cases[] = {
      {"0x", 2, "hexadecimal literal has no digits"},
      {"0b102", 4, "invalid digit '2' in binary literal"},
      {"09", 1, "invalid digit '9' in octal literal"},
      {"1__0", 2, "'_' must separate successive digits"},
      {"0x1.5", 5, "hexadecimal mantissa requires a 'p' exponent"},
      {"1e", 2, "exponent has no digits"},
      {"0b1.0", 3, "invalid radix point in binary literal"},
      {"'ab'", 0, "illegal rune literal"},
      {"''", 0, "illegal rune literal"},
      {"'a", 0, "rune literal not terminated"},
      {"\"abc", 0, "string literal not terminated"},
      {"`abc", 0, "raw string literal not terminated"},
      {"\"\\q\"", 2, "unknown escape sequence"},
      {"'\\400'", 2, "escape sequence is invalid Unicode code point"},
      {"'\\uD800'", 2, "escape sequence is invalid Unicode code point"},
      {"\"\\xZZ\"", 3, "illegal character U+005A 'Z' in escape sequence"},
      {"/* open", 0, "comment not terminated"},
      {"@", 0, "illegal character U+0040 '@'"},
      {"a := \xe2\x80\x9cq\xe2\x80\x9d", 5, "curly quotation mark '\xe2\x80\x9c' (use neutral '\"')"},
  };
  for (const Case& c : cases) {
    Scanned s = scan_all(c.src);
    ASSERT_FALSE(s.errors.empty()) << c.src;
    EXPECT_EQ(s.errors[0].message, c.message) << c.src;
    EXPECT_EQ(s.errors[0].offset, c.offset) << c.src;
  }
}

TEST(Scanner, SemicolonInsertion) {
  EXPECT_EQ(kinds(scan_all("x\ny")), "IDENT(x) NL IDENT(y) NL");
  EXPECT_EQ(kinds(scan_all("return\n")), "return NL");
  EXPECT_EQ(kinds(scan_all("f(\n)\n")), "IDENT(f) ( ) NL");
  EXPECT_EQ(kinds(scan_all("x++\ny--\n")), "IDENT(x) ++ NL IDENT(y) -- NL");
  EXPECT_EQ(kinds(scan_all("a +\nb")), "IDENT(a) + IDENT(b) NL");
  EXPECT_EQ(kinds(scan_all("break; continue")), "break ; continue NL");
  // A newline inside a general comment after an operand ends the statement.
  EXPECT_EQ(kinds(scan_all("x /* a\nb */ y")), "IDENT(x) COMMENT NL IDENT(y) NL");
  EXPECT_EQ(kinds(scan_all("x /* a b */ y")), "IDENT(x) COMMENT IDENT(y) NL");
  EXPECT_EQ(kinds(scan_all("x // c\ny")), "IDENT(x) COMMENT NL IDENT(y) NL");
  EXPECT_EQ(kinds(scan_all("}")), "} NL");  // at EOF too
  EXPECT_EQ(kinds(scan_all("a.b...")), "IDENT(a) . IDENT(b) ...");
  EXPECT_EQ(kinds(scan_all("a &^= b <<= c ~d")), "IDENT(a) &^= IDENT(b) <<= IDENT(c) ~ IDENT(d) NL");
}

TEST(Scanner, CommentsAndLines) {
  Scanned s = scan_all("// one\r\n/* two\nlines */ x");
  ASSERT_EQ(s.tokens.size(), 4u);
  EXPECT_EQ(s.tokens[0].lit, "// one");  // trailing carriage return dropped, as go/scanner does
  EXPECT_EQ(s.tokens[0].line, 1u);
  EXPECT_EQ(s.tokens[1].lit, "/* two\nlines */");
  EXPECT_EQ(s.tokens[1].line, 2u);
  EXPECT_EQ(s.tokens[2].line, 3u);
  EXPECT_EQ(s.tokens[2].pos, 24u);
}

TEST(Scanner, LineDirectives) {
  EXPECT_TRUE(scan_all("//line foo.go:10\n").errors.empty());
  EXPECT_TRUE(scan_all("//line foo.go:10:5\n").errors.empty());
  Scanned s = scan_all("//line foo.go:0\n");
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].message, "invalid line number: 0");
  EXPECT_EQ(scan_all("/*line :x*/").errors.at(0).message, "invalid line number: x");
  EXPECT_TRUE(scan_all("x //line foo.go:0\n").errors.empty());  // only at the start of a line
}

TEST(Scanner, Unicode) {
  Scanned s = scan_all("\xEF\xBB\xBFpackage p");  // BOM at the start is ignored
  EXPECT_TRUE(s.errors.empty());
  EXPECT_EQ(s.tokens[0].tok, Tok::PACKAGE);
  EXPECT_EQ(s.tokens[0].pos, 3u);

  s = scan_all("x \xEF\xBB\xBF");
  ASSERT_FALSE(s.errors.empty());
  EXPECT_EQ(s.errors[0].message, "illegal byte order mark");

  s = scan_all("a\xff");
  ASSERT_FALSE(s.errors.empty());
  EXPECT_EQ(s.errors[0].message, "illegal UTF-8 encoding");
  EXPECT_EQ(s.errors[0].offset, 1u);

  s = scan_all(std::string_view("\"a\0b\"", 5));
  ASSERT_FALSE(s.errors.empty());
  EXPECT_EQ(s.errors[0].message, "illegal character NUL");
  EXPECT_EQ(s.errors[0].offset, 2u);

  s = scan_all("\xFF\xFE\x70\x00");
  ASSERT_FALSE(s.errors.empty());
  EXPECT_EQ(s.errors[0].message, "illegal UTF-8 encoding (got UTF-16)");

  s = scan_all("π := αβ٣");  // letters and digits beyond ASCII
  EXPECT_TRUE(s.errors.empty());
  EXPECT_EQ(kinds(s), "IDENT(π) := IDENT(αβ٣) NL");
}

TEST(Scanner, KeywordsAndNearMisses) {
  // Every keyword, then identifiers that share a keyword's hash inputs or a prefix of one.
  Scanned s = scan_all(
      "break case chan const continue default defer else fallthrough for func go goto if import "
      "interface map package range return select struct switch type var");
  ASSERT_EQ(s.tokens.size(), 25u);  // var inserts no semicolon at the end
  for (size_t i = 0; i < 25; i++) {
    EXPECT_EQ(s.tokens[i].tok, Tok(size_t(Tok::BREAK) + i)) << i;
    EXPECT_EQ(s.tokens[i].lit, tok_string(s.tokens[i].tok));
  }
  EXPECT_EQ(kinds(scan_all("iff fo Func interfacex fallthroughs switcH vaR gO x_if")),
            "IDENT(iff) IDENT(fo) IDENT(Func) IDENT(interfacex) IDENT(fallthroughs) IDENT(switcH) "
            "IDENT(vaR) IDENT(gO) IDENT(x_if) NL");
  // Keywords flush against the end of the text, where no 8-byte load fits.
  EXPECT_EQ(kinds(scan_all("return")), "return NL");
  EXPECT_EQ(kinds(scan_all("x fallthrough")), "IDENT(x) fallthrough NL");
  EXPECT_EQ(kinds(scan_all("go")), "go");
}

TEST(Scanner, IndentationAndLineStarts) {
  Scanned s = scan_all("a\n\t\t\t\t\t\t\t\t\t\tb\n\t \t\r\tc\t\t");
  EXPECT_EQ(kinds(s), "IDENT(a) NL IDENT(b) NL IDENT(c) NL");
  EXPECT_EQ(s.tokens[2].pos, 12u);
  EXPECT_EQ(s.tokens[4].pos, 19u);
  EXPECT_EQ(s.tokens[4].line, 3u);

  // Far more lines than the first guess at their number: the line table grows.
  std::string many = "(" + std::string(5000, '\n') + "\t\t)";
  std::vector<SyntaxError> errors;
  Scanner sc(many, &errors);
  Token t;
  do sc.scan(t);
  while (t.tok != Tok::END_OF_FILE);
  EXPECT_TRUE(sc.at_end());
  const std::vector<uint32_t>& starts = sc.line_starts();
  ASSERT_EQ(starts.size(), 5001u);
  for (uint32_t i = 0; i < starts.size(); i++) ASSERT_EQ(starts[i], i == 0 ? 0u : i + 1) << i;
}

TEST(Scanner, LongCommentsAndStringsAtEveryAlignment) {
  // Comments and strings are searched sixteen bytes at a time, the last block ending at the end of
  // the text: put the interesting byte at every distance from the start and from the end.
  for (size_t before = 0; before < 40; before++) {
    for (size_t after = 0; after < 20; after++) {
      std::string pad_before(before, 'a'), pad_after(after, 'b');
      SCOPED_TRACE(testing::Message() << "before " << before << " after " << after);

      std::string text = "x //" + pad_before + "\xff" + pad_after + "\ny";
      Scanned s = scan_all(text);
      ASSERT_EQ(s.errors.size(), 1u);
      EXPECT_EQ(s.errors[0].offset, 4 + before);
      EXPECT_EQ(s.errors[0].message, "illegal UTF-8 encoding");
      EXPECT_EQ(kinds(s), "IDENT(x) COMMENT NL IDENT(y) NL");

      text = "x /*" + pad_before + "\n" + pad_after + "*/";
      s = scan_all(text);
      EXPECT_TRUE(s.errors.empty());
      ASSERT_EQ(s.tokens.size(), 3u);
      EXPECT_EQ(s.tokens[2].tok, Tok::SEMICOLON);
      EXPECT_EQ(s.tokens[2].pos, 4 + before);  // the comment's newline

      text = "\"" + pad_before + std::string(1, '\0') + pad_after + "\\t\"";
      s = scan_all(text);
      ASSERT_EQ(s.errors.size(), 1u);
      EXPECT_EQ(s.errors[0].offset, 1 + before);
      EXPECT_EQ(s.errors[0].message, "illegal character NUL");
      ASSERT_EQ(s.tokens.size(), 2u);
      EXPECT_EQ(s.tokens[0].string_end, text.size());

      text = "\"" + pad_before + "\u00e9" + pad_after;  // not terminated, é is valid
      s = scan_all(text);
      ASSERT_EQ(s.errors.size(), 1u);
      EXPECT_EQ(s.errors[0].offset, 0u);
      EXPECT_EQ(s.errors[0].message, "string literal not terminated");

      text = "`" + pad_before + "\n\xc3" + pad_after + "`";
      s = scan_all(text);
      ASSERT_EQ(s.errors.size(), 1u);
      EXPECT_EQ(s.errors[0].offset, 2 + before);
    }
  }
}

TEST(Scanner, CommentsAndStringsOnTheirShortPaths) {
  // Line comments and strings without anything special take a shorter path: its edges.
  std::string text = "//";
  Scanned s = scan_all(text);
  ASSERT_EQ(s.tokens.size(), 1u);
  EXPECT_EQ(s.tokens[0].lit, "//");
  text = "x //\r\ny //lin\n//line";
  s = scan_all(text);
  EXPECT_EQ(kinds(s), "IDENT(x) COMMENT NL IDENT(y) COMMENT NL COMMENT");
  EXPECT_EQ(s.tokens[1].lit, "//");
  EXPECT_EQ(s.tokens[4].lit, "//lin");
  EXPECT_EQ(s.tokens[6].lit, "//line");
  EXPECT_TRUE(s.errors.empty());
  text = "x\n//line foo.go:0";
  s = scan_all(text);
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].message, "invalid line number: 0");
  EXPECT_EQ(s.errors[0].offset, 16u);  // the 0

  text = "\"\" \"a\\\"b\" \"c";
  s = scan_all(text);
  ASSERT_EQ(s.tokens.size(), 4u);
  EXPECT_EQ(s.tokens[0].lit, "\"\"");
  EXPECT_EQ(s.tokens[0].string_end, 2u);
  EXPECT_EQ(s.tokens[1].lit, "\"a\\\"b\"");
  EXPECT_EQ(s.tokens[1].string_end, 9u);
  EXPECT_EQ(s.tokens[2].lit, "\"c");
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_EQ(s.errors[0].message, "string literal not terminated");
}

TEST(Scanner, IdentifiersAndBlankRunsAtEveryLength) {
  // Identifiers, numbers, keywords, indentation and alignment are measured sixteen bytes at a
  // time when sixteen bytes remain, byte by byte near the end: cover every length on both sides
  // of sixteen, at every distance from the end of the text.
  for (size_t len = 1; len < 40; len++) {
    std::string ident;
    for (size_t i = 0; i < len; i++) ident += "aZ_9"[i % 4];
    for (size_t after = 0; after < 20; after++) {
      SCOPED_TRACE(testing::Message() << "len " << len << " after " << after);
      std::string pad(after, ' ');
      std::string text = ident + pad;  // the tokens point into it
      Scanned s = scan_all(text);
      ASSERT_FALSE(s.tokens.empty());
      EXPECT_EQ(s.tokens[0].tok, Tok::IDENT);
      EXPECT_EQ(s.tokens[0].lit, ident);
      text = "(" + ident + "\u00e9." + pad;  // a non-ASCII letter continues it
      s = scan_all(text);
      ASSERT_GE(s.tokens.size(), 3u);
      EXPECT_EQ(s.tokens[1].lit, ident + "\u00e9");
      EXPECT_EQ(s.tokens[2].tok, Tok::PERIOD);
      EXPECT_EQ(s.tokens[2].pos, len + 3);

      std::string decimal, hex = "0x";
      for (size_t i = 0; i < len; i++) decimal += char('1' + i % 9), hex += "aF09"[i % 4];
      text = decimal + "," + hex + "]" + pad;
      s = scan_all(text);
      ASSERT_EQ(kinds(s), "INT(" + decimal + ") , INT(" + hex + ") ] NL");
      EXPECT_EQ(s.tokens[3].pos, decimal.size() + 1 + hex.size());
      EXPECT_TRUE(s.errors.empty());

      std::string tabs(len - 1, '\t'), spaces(len, ' ');
      text = "{\n" + tabs + "x" + spaces + "= 1" + pad;
      s = scan_all(text);
      ASSERT_EQ(kinds(s), "{ IDENT(x) = INT(1) NL");
      EXPECT_EQ(s.tokens[1].pos, 2 + tabs.size());
      EXPECT_EQ(s.tokens[1].line, 2u);
      EXPECT_EQ(s.tokens[2].pos, 3 + tabs.size() + spaces.size());
    }
  }
  const char* keywords[] = {"break", "case", "chan", "const", "continue", "default", "defer",
                            "else", "fallthrough", "for", "func", "go", "goto", "if", "import",
                            "interface", "map", "package", "range", "return", "select", "struct",
                            "switch", "type", "var"};
  for (const char* kw : keywords) {
    for (size_t after = 0; after < 20; after++) {
      SCOPED_TRACE(testing::Message() << kw << " after " << after);
      std::string pad(after, ' ');
      std::string text = std::string(kw) + "(" + pad;
      Scanned s = scan_all(text);
      ASSERT_FALSE(s.tokens.empty());
      EXPECT_EQ(tok_string(s.tokens[0].tok), kw);
      EXPECT_EQ(s.tokens[0].lit, kw);
      std::string k = kw;
      for (const std::string& near : {k + "x", k + "_", k.substr(1), k.substr(0, k.size() - 1)}) {
        if (near.empty()) continue;
        text = near + pad;
        s = scan_all(text);
        ASSERT_FALSE(s.tokens.empty());
        EXPECT_EQ(s.tokens[0].tok, Tok::IDENT) << near;
      }
    }
  }
}

}  // namespace
}  // namespace gotrap::syntax
