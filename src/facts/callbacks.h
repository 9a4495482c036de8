// Well-known APIs that keep a func value they are given and call it after they return: a timer's
// callback, a test's cleanup, an HTTP handler, a Ginkgo spec body. Decided from the callee's
// package and name, which for these APIs are facts; a user's own functions are judged by their
// summaries instead.
#pragma once

#include <cstddef>
#include <string_view>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// How the callee of `call` runs its argument `k` later ("run later by time.AfterFunc", ...), or
// empty when it is not known to keep that argument beyond the call.
std::string_view runs_after_return(const sema::PackageInfo* info, const ast::CallExpr* call, size_t k);

}  // namespace gotrap::facts
