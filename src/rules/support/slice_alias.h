// Facts about slices sharing a backing array, for rules that follow appends: which parameters a
// function appends to in place (a summary read from its body), and whether a slice expression
// leaves spare capacity of the sliced array behind its end.
#pragma once

#include <optional>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// True when `fn` (its declaration, with body) may append to parameter `index` in place: its body
// calls `append(p, ...)` on the parameter while p still holds the caller's slice (p is only ever
// assigned `append(p, ...)` or a re-slice of itself). `info` is the package declaring `fn`.
bool appends_to_param(const sema::PackageInfo* info, const ast::FuncDecl* fn, size_t index);

// For `x[lo:hi]` (two indices) of a slice or array variable: the variable, when the window may
// end before the end of x, so that an append to the window writes into x's later elements. Null
// for three-index slices, `x[lo:]`, `x[:len(x)]`, non-variables and strings.
const sema::Object* window_base(const sema::PackageInfo* info, const ast::SliceExpr* s);

}  // namespace gotrap::rules::support
