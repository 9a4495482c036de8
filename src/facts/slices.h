// Facts about a function's slice parameters sharing the caller's backing array: where the function
// appends to a parameter without making it its own first, so that each append writes into the
// caller's array past the length the caller sees (when the caller's slice has spare capacity).
#pragma once

#include <vector>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// `append(p, v...)` on a parameter (or value receiver) p whose result is not assigned back to p:
// the result is a second slice over the caller's array, one element longer.
struct ParamFork {
  const ast::CallExpr* call = nullptr;
  bool in_loop = false;     // inside a loop of the function: runs again, writing the same element
  bool in_literal = false;  // inside a function literal, which may run any number of times
};

struct ForkedParam {
  const sema::Object* param = nullptr;
  bool receiver = false;
  std::vector<ParamFork> forks;  // in source order
};

// The slice parameters (and a slice value receiver) of `fn` (a FuncDecl with body) that the body
// appends to while they still hold the caller's slice: the parameter is never assigned, its
// address never taken, and each `append(p, v, ...)` (at least one value) has a result that goes
// somewhere other than p. A parameter the function reassigns anywhere (`p = append(p, x)`, a copy
// `p = append([]T(nil), p...)`, a capped re-slice `p = p[:len(p):len(p)]`) is left out: it owns,
// or means to grow, what it holds. `info` is the package declaring `fn`.
std::vector<ForkedParam> forked_params(const sema::PackageInfo* info, const ast::FuncDecl* fn);

}  // namespace gotrap::facts
