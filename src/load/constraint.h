// Build constraint expressions: `//go:build` lines and legacy `// +build` lines, as the go tool
// reads them (go/build/constraint semantics, written fresh).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/load.h"

namespace gotrap::load {

class Constraint {
 public:
  // Parses the text after "//go:build". On a syntax error returns nullopt and sets *error.
  static std::optional<Constraint> parse_go_build(std::string_view expr, std::string* error);
  // Parses the text after "// +build" (space = OR, comma = AND, leading ! = NOT). Malformed
  // terms become the tag "ignore", as the go tool does; only an over-long line fails.
  static std::optional<Constraint> parse_plus_build(std::string_view expr);

  bool eval(const std::function<bool(std::string_view tag)>& has_tag) const;
  // The minimum Go version the expression implies (go1.N tags under AND/OR/NOT), or nullopt:
  // go/build/constraint.GoVersion, which go/parser stores as ast.File.GoVersion.
  std::optional<GoVersion> min_go_version() const;

 private:
  enum class Op { Tag, Not, And, Or };
  struct Node {
    Op op = Op::Tag;
    std::string tag;
    int left = -1;
    int right = -1;
  };
  int add(Node node);
  bool eval_node(int index, const std::function<bool(std::string_view)>& has_tag) const;
  int min_version(int index, int sign) const;

  std::vector<Node> nodes_;
  int root_ = -1;

  friend class GoBuildParser;
};

// If `line` (already trimmed) is a //go:build line, returns the expression text after the prefix.
std::optional<std::string_view> go_build_expr(std::string_view line);
// If `line` (already trimmed) is a // +build line, returns the expression text after the prefix.
std::optional<std::string_view> plus_build_expr(std::string_view line);

}  // namespace gotrap::load
