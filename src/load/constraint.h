// The loader's side of build constraints: the minimum Go version as a GoVersion. Finding
// `//go:build` and `// +build` lines and parsing them is syntax::BuildConstraint's.
#pragma once

#include <optional>
#include <string_view>

#include "load/load.h"
#include "syntax/build_constraint.h"

namespace gotrap::load {

using syntax::BuildConstraint;
using syntax::go_build_expr;
using syntax::plus_build_expr;

// The minimum Go version a constraint implies (go1.N tags under AND/OR/NOT), or nullopt.
std::optional<GoVersion> min_go_version(const BuildConstraint& constraint);

}  // namespace gotrap::load
