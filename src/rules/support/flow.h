// Small control-flow questions answered on the syntax tree alone.
#pragma once

#include <span>

#include "syntax/ast.h"

namespace gotrap::rules::support {

// True when `s` never completes normally: return, goto, panic, os.Exit, log.Fatal*, runtime.Goexit,
// t.Fatal*/t.Skip*/t.FailNow, a block ending in one, or an if/else whose branches all are.
bool is_terminating(const ast::Stmt* s);

// True when statement `s` (with its ancestors, root first) can execute again in the same call of
// its function: after it, control can reach the end of an enclosing loop's body (or a `continue`)
// before leaving the function or breaking out of that loop. False outside loops.
bool may_run_again(const ast::Stmt* s, std::span<const ast::Node* const> ancestors);

}  // namespace gotrap::rules::support
