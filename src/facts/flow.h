// Path questions on sema's control-flow graphs (sema/cfg.h), instead of statement-order scans.
#pragma once

#include "sema/cfg.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// True when `stmt`, a simple statement of `cfg` (a defer, an assignment, a call statement), can
// run again in the same call of the function after it ran once: some path leads from it back to
// itself (a loop goes round without returning, breaking out or ending in a call that never
// returns). False when `stmt` is not in the graph.
bool may_run_again(const sema::Cfg& cfg, const ast::Node* stmt);

}  // namespace gotrap::facts
