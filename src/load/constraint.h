// The loader's side of build constraints: finding `//go:build` and `// +build` lines in a file
// header. The expressions themselves are parsed and evaluated by syntax::BuildConstraint.
#pragma once

#include <optional>
#include <string_view>

#include "load/load.h"
#include "syntax/build_constraint.h"

namespace gotrap::load {

using syntax::BuildConstraint;

// The minimum Go version a constraint implies (go1.N tags under AND/OR/NOT), or nullopt.
std::optional<GoVersion> min_go_version(const BuildConstraint& constraint);

// If `line` (already trimmed) is a //go:build line, returns the expression text after the prefix.
std::optional<std::string_view> go_build_expr(std::string_view line);
// If `line` (already trimmed) is a // +build line, returns the expression text after the prefix.
std::optional<std::string_view> plus_build_expr(std::string_view line);

}  // namespace gotrap::load
