// The part of go/build/constraint that go/parser uses: the minimum Go version a //go:build line
// implies (File.GoVersion).
#include <optional>
#include <string>
#include <string_view>

#include "syntax/parser_impl.h"

namespace gotrap::syntax {

namespace {

// Each subexpression yields its minimum version under both polarities, so negation just swaps
// them (go/build/constraint's minVersion with sign +1 / -1). -1 means "no version implied".
struct Versions {
  int plus = -1, minus = -1;
};

int and_version(int x, int y) { return x > y ? x : y; }
int or_version(int x, int y) { return x < y ? x : y; }

class BuildExprParser {
 public:
  explicit BuildExprParser(std::string_view s) : s_(s) { lex(); }

  bool parse(Versions& out) {
    out = parse_or();
    return ok_ && tok_.empty() && !at_end_tag_;
  }

 private:
  void lex() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) pos_++;
    at_end_tag_ = false;
    if (pos_ >= s_.size()) {
      tok_ = {};
      return;
    }
    char c = s_[pos_];
    if (c == '(' || c == ')' || c == '!') {
      tok_ = s_.substr(pos_++, 1);
      return;
    }
    if ((c == '&' || c == '|') && pos_ + 1 < s_.size() && s_[pos_ + 1] == c) {
      tok_ = s_.substr(pos_, 2);
      pos_ += 2;
      return;
    }
    size_t start = pos_;
    while (pos_ < s_.size()) {
      unsigned char b = (unsigned char)s_[pos_];
      if (b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
          b == '_' || b == '.') {
        pos_++;
      } else {
        break;
      }
    }
    if (pos_ == start) {
      ok_ = false;  // invalid character
      tok_ = {};
      return;
    }
    tok_ = s_.substr(start, pos_ - start);
  }
  bool is_tag() const {
    return !tok_.empty() && tok_ != "(" && tok_ != ")" && tok_ != "!" && tok_ != "&&" && tok_ != "||";
  }

  Versions parse_or() {
    Versions x = parse_and();
    while (ok_ && tok_ == "||") {
      lex();
      Versions y = parse_and();
      x = {or_version(x.plus, y.plus), and_version(x.minus, y.minus)};
    }
    return x;
  }
  Versions parse_and() {
    Versions x = parse_not();
    while (ok_ && tok_ == "&&") {
      lex();
      Versions y = parse_not();
      x = {and_version(x.plus, y.plus), or_version(x.minus, y.minus)};
    }
    return x;
  }
  Versions parse_not() {
    if (tok_ == "!") {
      lex();
      if (tok_ == "!") {
        ok_ = false;  // double negation not allowed
        return {};
      }
      Versions x = parse_atom();
      return {x.minus, x.plus};
    }
    return parse_atom();
  }
  Versions parse_atom() {
    if (tok_ == "(") {
      lex();
      Versions x = parse_or();
      if (tok_ != ")") {
        ok_ = false;
        return {};
      }
      lex();
      return x;
    }
    if (!is_tag()) {
      ok_ = false;
      return {};
    }
    Versions v{tag_version(tok_), -1};
    lex();
    return v;
  }

  static int tag_version(std::string_view tag) {
    if (tag == "go1") return 0;
    size_t at = tag.find("go1.");
    if (at == std::string_view::npos) return -1;
    std::string_view v = tag.substr(at + 4);
    bool neg = false;
    if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
      neg = v[0] == '-';
      v.remove_prefix(1);
    }
    if (v.empty() || v.size() > 9) return -1;
    int n = 0;
    for (char c : v) {
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return neg ? -n : n;
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string_view tok_;
  bool ok_ = true;
  bool at_end_tag_ = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim_space(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string> go_build_version(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (line.find('\n') != std::string_view::npos) return std::nullopt;
  if (!line.starts_with("//go:build")) return std::nullopt;
  line = trim_space(line);
  line.remove_prefix(10);
  std::string_view expr = trim_space(line);
  if (line.size() == expr.size() && !line.empty()) return std::nullopt;  // //go:buildsomething
  BuildExprParser p(expr);
  Versions v;
  if (!p.parse(v)) return std::nullopt;
  if (v.plus < 0) return std::string();
  if (v.plus == 0) return std::string("go1");
  return "go1." + std::to_string(v.plus);
}

}  // namespace gotrap::syntax
