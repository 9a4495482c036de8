#include "load/constraint.h"

#include <charconv>

#include "load/text.h"

namespace gotrap::load {

namespace {

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

// Splits "prefix<space>rest" the way go/build/constraint does: the prefix must be followed by
// white space or the end of the line.
std::optional<std::string_view> after_prefix(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix)) return std::nullopt;
  std::string_view rest = line.substr(prefix.size());
  if (!rest.empty() && !is_space(rest.front())) return std::nullopt;
  return trim(rest);
}

constexpr int kMaxGoBuildSize = 1000;  // operators and nesting, to bound recursion
constexpr int kMaxPlusBuildSize = 100;

}  // namespace

std::optional<std::string_view> go_build_expr(std::string_view line) {
  return after_prefix(line, "//go:build");
}

std::optional<std::string_view> plus_build_expr(std::string_view line) {
  if (!line.starts_with("//")) return std::nullopt;
  return after_prefix(trim(line.substr(2)), "+build");
}

int Constraint::add(Node node) {
  nodes_.push_back(std::move(node));
  return static_cast<int>(nodes_.size()) - 1;
}

// Recursive descent over: or := and {"||" and}; and := not {"&&" not}; not := "!" atom | atom;
// atom := tag | "(" or ")".
class GoBuildParser {
 public:
  GoBuildParser(std::string_view text, Constraint& out) : text_(text), out_(out) {}

  bool parse(std::string* error) {
    next();
    int root = parse_or();
    if (failed_) {
      if (error) *error = error_;
      return false;
    }
    if (!token_.empty()) {
      fail("unexpected token " + std::string(token_));
      if (error) *error = error_;
      return false;
    }
    out_.root_ = root;
    return true;
  }

 private:
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

  bool grow() {
    if (++size_ > kMaxGoBuildSize) {
      fail("build expression too large");
      return false;
    }
    return true;
  }

  int parse_or() {
    int left = parse_and();
    while (!failed_ && token_ == "||") {
      if (!grow()) return -1;
      next();
      int right = parse_and();
      left = out_.add({Constraint::Op::Or, {}, left, right});
    }
    return left;
  }

  int parse_and() {
    int left = parse_not();
    while (!failed_ && token_ == "&&") {
      if (!grow()) return -1;
      next();
      int right = parse_not();
      left = out_.add({Constraint::Op::And, {}, left, right});
    }
    return left;
  }

  int parse_not() {
    if (failed_ || !grow()) return -1;
    if (token_ == "!") {
      next();
      if (token_ == "!") {
        fail("double negation not allowed");
        return -1;
      }
      int operand = parse_atom();
      return out_.add({Constraint::Op::Not, {}, operand, -1});
    }
    return parse_atom();
  }

  int parse_atom() {
    if (failed_) return -1;
    if (token_ == "(") {
      next();
      int inner = parse_or();
      if (failed_) return -1;
      if (token_ != ")") {
        fail("missing close paren");
        return -1;
      }
      next();
      return inner;
    }
    if (!is_tag_) {
      fail(token_.empty() ? "unexpected end of expression" : "unexpected token " + std::string(token_));
      return -1;
    }
    int tag = out_.add({Constraint::Op::Tag, std::string(token_), -1, -1});
    next();
    return tag;
  }

  std::string_view text_;
  Constraint& out_;
  size_t pos_ = 0;
  std::string_view token_;
  bool is_tag_ = false;
  int size_ = 0;
  bool failed_ = false;
  std::string error_;
};

std::optional<Constraint> Constraint::parse_go_build(std::string_view expr, std::string* error) {
  Constraint constraint;
  GoBuildParser parser(expr, constraint);
  if (!parser.parse(error)) return std::nullopt;
  return constraint;
}

std::optional<Constraint> Constraint::parse_plus_build(std::string_view expr) {
  Constraint c;
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
        term = c.add({Op::Tag, is_valid_tag(literal) ? std::string(literal) : "ignore", -1, -1});
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

bool Constraint::eval(const std::function<bool(std::string_view)>& has_tag) const {
  return root_ >= 0 && eval_node(root_, has_tag);
}

bool Constraint::eval_node(int index, const std::function<bool(std::string_view)>& has_tag) const {
  const Node& node = nodes_[static_cast<size_t>(index)];
  switch (node.op) {
    case Op::Tag: return has_tag(node.tag);
    case Op::Not: return !eval_node(node.left, has_tag);
    case Op::And: return eval_node(node.left, has_tag) && eval_node(node.right, has_tag);
    case Op::Or: return eval_node(node.left, has_tag) || eval_node(node.right, has_tag);
  }
  return false;
}

// Minor version N implied by the expression (sign > 0) or by its negation (sign < 0); -1 = none.
int Constraint::min_version(int index, int sign) const {
  const Node& node = nodes_[static_cast<size_t>(index)];
  auto pick_max = [](int a, int b) { return a > b ? a : b; };
  auto pick_min = [](int a, int b) { return a < b ? a : b; };
  switch (node.op) {
    case Op::Not: return min_version(node.left, -sign);
    case Op::And: {
      int a = min_version(node.left, sign), b = min_version(node.right, sign);
      return sign > 0 ? pick_max(a, b) : pick_min(a, b);
    }
    case Op::Or: {
      int a = min_version(node.left, sign), b = min_version(node.right, sign);
      return sign > 0 ? pick_min(a, b) : pick_max(a, b);
    }
    case Op::Tag: {
      if (sign < 0) return -1;
      std::string_view tag = node.tag;
      if (tag == "go1") return 0;
      if (!tag.starts_with("go1.")) return -1;
      tag.remove_prefix(4);
      int minor = 0;
      auto [ptr, ec] = std::from_chars(tag.data(), tag.data() + tag.size(), minor);
      if (ec != std::errc() || ptr != tag.data() + tag.size()) return -1;
      return minor;
    }
  }
  return -1;
}

std::optional<GoVersion> Constraint::min_go_version() const {
  if (root_ < 0) return std::nullopt;
  int minor = min_version(root_, +1);
  if (minor < 0) return std::nullopt;
  return GoVersion{1, minor};
}

}  // namespace gotrap::load
