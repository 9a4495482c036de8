#include "syntax/build_constraint.h"

#include <charconv>

#include "syntax/parser_impl.h"
#include "syntax/text.h"

namespace gotrap::syntax {

namespace {

// Splits "prefix<space>rest" the way go/build/constraint does: the prefix must be followed by
// white space or the end of the line.
std::optional<std::string_view> after_prefix(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix)) return std::nullopt;
  std::string_view rest = line.substr(prefix.size());
  if (!rest.empty() && !is_space(rest.front())) return std::nullopt;
  return trim(rest);
}

// Letters, digits, '_' and '.'; bytes of multi-byte UTF-8 characters are accepted as letters.
bool is_tag_char(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
         u == '.' || u >= 0x80;
}

bool is_valid_tag(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (!is_tag_char(c)) return false;
  }
  return true;
}

constexpr int kMaxGoBuildSize = 1000;  // operands, parenthesised ones included: bounds recursion
constexpr int kMaxPlusBuildSize = 100;

constexpr std::string_view kEndOfExpression = "unexpected end of expression";

// N for a tag holding "go1.N" (strconv.Atoi of the text after the first "go1."; tags never hold
// a sign), 0 for "go1", else -1.
int64_t tag_minor(std::string_view tag) {
  if (tag == "go1") return 0;
  size_t at = tag.find("go1.");
  if (at == std::string_view::npos) return -1;
  std::string_view digits = tag.substr(at + 4);
  if (digits.empty()) return -1;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
  }
  int64_t minor = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), minor);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return -1;  // out of range
  return minor;
}

}  // namespace

int BuildConstraint::add(Node node) {
  nodes_.push_back(node);
  return static_cast<int>(nodes_.size()) - 1;
}

// Recursive descent over: or := and {"||" and}; and := not {"&&" not}; not := "!" atom | atom;
// atom := tag | "(" or ")".
class GoBuildParser {
 public:
  GoBuildParser(std::string_view text, BuildConstraint& out) : text_(text), out_(out) {}

  bool parse(std::string* error) {
    next();
    int root = parse_or();
    if (!failed_ && !token_.empty()) fail("unexpected token " + std::string(token_));
    if (failed_) {
      if (error) *error = error_;
      return false;
    }
    out_.root_ = root;
    return true;
  }

 private:
  using Op = BuildConstraint::Op;

  void fail(std::string message) {
    if (!failed_) error_ = std::move(message);
    failed_ = true;
  }

  // Sets token_ to the next token: "(", ")", "!", "&&", "||", a tag, or "" at the end.
  void next() {
    is_tag_ = false;
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
    if (pos_ >= text_.size()) {
      token_ = {};
      return;
    }
    char c = text_[pos_];
    if (c == '(' || c == ')' || c == '!') {
      token_ = text_.substr(pos_++, 1);
      return;
    }
    if ((c == '&' || c == '|') && pos_ + 1 < text_.size() && text_[pos_ + 1] == c) {
      token_ = text_.substr(pos_, 2);
      pos_ += 2;
      return;
    }
    size_t start = pos_;
    while (pos_ < text_.size() && is_tag_char(text_[pos_])) ++pos_;
    if (pos_ == start) {
      fail("invalid syntax at " + std::string(1, c));
      token_ = {};
      pos_ = text_.size();
      return;
    }
    token_ = text_.substr(start, pos_ - start);
    is_tag_ = true;
  }

  int parse_or() {
    int left = parse_and();
    while (!failed_ && token_ == "||") {
      next();
      int right = parse_and();
      left = out_.add({Op::Or, {}, left, right});
    }
    return left;
  }

  int parse_and() {
    int left = parse_not();
    while (!failed_ && token_ == "&&") {
      next();
      int right = parse_not();
      left = out_.add({Op::And, {}, left, right});
    }
    return left;
  }

  int parse_not() {
    if (failed_) return -1;
    // go/build/constraint counts operands, not operators, against its size limit.
    if (++size_ > kMaxGoBuildSize) {
      fail("build expression too large");
      return -1;
    }
    if (token_ == "!") {
      next();
      if (token_ == "!") {
        fail("double negation not allowed");
        return -1;
      }
      int operand = parse_atom();
      return out_.add({Op::Not, {}, operand, -1});
    }
    return parse_atom();
  }

  int parse_atom() {
    if (failed_) return -1;
    if (token_ == "(") {
      next();
      int inner = parse_or();
      if (failed_) {
        // Running out of text inside parentheses is reported as the missing ")".
        if (error_ == kEndOfExpression) error_ = "missing close paren";
        return -1;
      }
      if (token_ != ")") {
        fail("missing close paren");
        return -1;
      }
      next();
      return inner;
    }
    if (!is_tag_) {
      fail(token_.empty() ? std::string(kEndOfExpression) : "unexpected token " + std::string(token_));
      return -1;
    }
    int tag = out_.add({Op::Tag, token_, -1, -1});
    next();
    return tag;
  }

  std::string_view text_;
  BuildConstraint& out_;
  size_t pos_ = 0;
  std::string_view token_;
  bool is_tag_ = false;
  int size_ = 0;
  bool failed_ = false;
  std::string error_;
};

std::optional<BuildConstraint> BuildConstraint::parse_go_build(std::string_view expr, std::string* error) {
  BuildConstraint constraint;
  // Every node stands for at least one byte of the text ("!", "&&", "||" or a tag): one allocation.
  constraint.nodes_.reserve(expr.size());
  GoBuildParser parser(expr, constraint);
  if (!parser.parse(error)) return std::nullopt;
  return constraint;
}

std::optional<BuildConstraint> BuildConstraint::parse_plus_build(std::string_view expr) {
  BuildConstraint c;
  int size = 0;
  int any_of = -1;
  size_t pos = 0;
  while (pos < expr.size()) {
    while (pos < expr.size() && is_space(expr[pos])) ++pos;
    size_t end = pos;
    while (end < expr.size() && !is_space(expr[end])) ++end;
    if (end == pos) break;
    std::string_view clause = expr.substr(pos, end - pos);
    pos = end;

    int all_of = -1;
    size_t start = 0;
    while (true) {
      size_t comma = clause.find(',', start);
      std::string_view literal = clause.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      int term;
      if (literal.starts_with("!!") || literal == "!") {
        term = c.add({Op::Tag, "ignore", -1, -1});
      } else {
        bool negated = literal.starts_with("!");
        if (negated) literal.remove_prefix(1);
        term = c.add({Op::Tag, is_valid_tag(literal) ? literal : "ignore", -1, -1});
        if (negated) term = c.add({Op::Not, {}, term, -1});
      }
      if (all_of < 0) {
        all_of = term;
      } else {
        if (++size > kMaxPlusBuildSize) return std::nullopt;
        all_of = c.add({Op::And, {}, all_of, term});
      }
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (any_of < 0) {
      any_of = all_of;
    } else {
      if (++size > kMaxPlusBuildSize) return std::nullopt;
      any_of = c.add({Op::Or, {}, any_of, all_of});
    }
  }
  if (any_of < 0) any_of = c.add({Op::Tag, "ignore", -1, -1});  // a bare "// +build" line
  c.root_ = any_of;
  return c;
}

bool BuildConstraint::eval(const std::function<bool(std::string_view)>& has_tag) const {
  return root_ >= 0 && eval_node(root_, has_tag);
}

bool BuildConstraint::eval_node(int index, const std::function<bool(std::string_view)>& has_tag) const {
  const Node& node = nodes_[static_cast<size_t>(index)];
  switch (node.op) {
    case Op::Tag: return has_tag(node.tag);
    case Op::Not: return !eval_node(node.left, has_tag);
    case Op::And: return eval_node(node.left, has_tag) && eval_node(node.right, has_tag);
    case Op::Or: return eval_node(node.left, has_tag) || eval_node(node.right, has_tag);
  }
  return false;
}

// Minor version implied by the expression (sign > 0) or by its negation (sign < 0); -1 = none.
// AND needs both sides, so it implies the newer version; OR the older; NOT swaps the two.
int64_t BuildConstraint::min_minor(int index, int sign) const {
  const Node& node = nodes_[static_cast<size_t>(index)];
  auto newer = [](int64_t a, int64_t b) { return a > b ? a : b; };
  auto older = [](int64_t a, int64_t b) { return a < b ? a : b; };
  switch (node.op) {
    case Op::Not: return min_minor(node.left, -sign);
    case Op::And: {
      int64_t a = min_minor(node.left, sign), b = min_minor(node.right, sign);
      return sign > 0 ? newer(a, b) : older(a, b);
    }
    case Op::Or: {
      int64_t a = min_minor(node.left, sign), b = min_minor(node.right, sign);
      return sign > 0 ? older(a, b) : newer(a, b);
    }
    case Op::Tag: return sign < 0 ? -1 : tag_minor(node.tag);  // !tag implies nothing
  }
  return -1;
}

int64_t BuildConstraint::min_go_minor() const { return root_ < 0 ? -1 : min_minor(root_, +1); }

std::optional<std::string_view> go_build_expr(std::string_view line) {
  return after_prefix(line, "//go:build");
}

std::optional<std::string_view> plus_build_expr(std::string_view line) {
  if (!line.starts_with("//")) return std::nullopt;
  return after_prefix(trim(line.substr(2)), "+build");
}

// go/parser keeps the version of a //go:build line that go/build/constraint.Parse accepts; the
// line-splitting rules are constraint.splitGoBuild's.
std::optional<std::string> go_build_version(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (line.find('\n') != std::string_view::npos) return std::nullopt;
  std::optional<std::string_view> expr = go_build_expr(trim(line));
  if (!expr) return std::nullopt;
  auto constraint = BuildConstraint::parse_go_build(*expr, nullptr);
  if (!constraint) return std::nullopt;
  int64_t minor = constraint->min_go_minor();
  if (minor < 0) return std::string();
  if (minor == 0) return std::string("go1");
  return "go1." + std::to_string(minor);
}

}  // namespace gotrap::syntax
