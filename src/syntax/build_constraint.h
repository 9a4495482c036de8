// Build constraint expressions: `//go:build` lines and legacy `// +build` lines, with the
// semantics of go/build/constraint (written fresh). The parser (go/parser's File.GoVersion) and
// the loader (file selection, per-file Go versions) share this one implementation.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gotrap::syntax {

class BuildConstraint {
 public:
  // Parses the text after "//go:build". On a syntax error returns nullopt and sets *error (when
  // given) to go/build/constraint's message. Tags are views into `expr`, which must outlive the
  // result.
  static std::optional<BuildConstraint> parse_go_build(std::string_view expr, std::string* error);
  // Parses the text after "// +build" (space = OR, comma = AND, leading ! = NOT). Malformed
  // terms become the tag "ignore", as the go tool does; only an over-long line fails. Tags are
  // views into `expr`.
  static std::optional<BuildConstraint> parse_plus_build(std::string_view expr);

  bool eval(const std::function<bool(std::string_view tag)>& has_tag) const;
  // The minor version N of the oldest go1.N the expression implies (go1 counts as 0), or -1 when
  // it implies none: go/build/constraint.GoVersion, which go/parser stores as ast.File.GoVersion.
  int64_t min_go_minor() const;

 private:
  enum class Op { Tag, Not, And, Or };
  struct Node {
    Op op = Op::Tag;
    std::string_view tag;
    int left = -1;
    int right = -1;
  };
  int add(Node node);
  bool eval_node(int index, const std::function<bool(std::string_view)>& has_tag) const;
  int64_t min_minor(int index, int sign) const;

  std::vector<Node> nodes_;
  int root_ = -1;

  friend class GoBuildParser;
};

// If `line` (already trimmed) is a //go:build line, returns the expression text after the prefix.
std::optional<std::string_view> go_build_expr(std::string_view line);
// If `line` (already trimmed) is a // +build line, returns the expression text after the prefix.
std::optional<std::string_view> plus_build_expr(std::string_view line);

}  // namespace gotrap::syntax
