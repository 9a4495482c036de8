// Small control-flow questions answered on the syntax tree (with resolution, when there is some).
#pragma once

#include <span>

#include "syntax/ast.h"

namespace gotrap::sema {
struct PackageInfo;
}

namespace gotrap::rules::support {

// True when `s` never completes normally: return, goto, a never-returning call (sema/no_return.h;
// a method of a value of unknown type counts when its name is a never-returning one), a block
// ending in one, or an if/else whose branches all are. `info` may be null.
bool is_terminating(const ast::Stmt* s, const sema::PackageInfo* info);

// True when statement `s` (with its ancestors, root first) can execute again in the same call of
// its function: after it, control can reach the end of an enclosing loop's body (or a `continue`)
// before leaving the function or breaking out of that loop. False outside loops.
bool may_run_again(const ast::Stmt* s, std::span<const ast::Node* const> ancestors,
                   const sema::PackageInfo* info);

}  // namespace gotrap::rules::support
