// Path questions on sema's control-flow graphs (sema/cfg.h), instead of statement-order scans.
#pragma once

#include <span>

#include "sema/cfg.h"
#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// True when `stmt`, a simple statement of `cfg` (a defer, an assignment, a call statement), can
// run again in the same call of the function after it ran once: some path leads from it back to
// itself (a loop goes round without returning, breaking out or ending in a call that never
// returns). False when `stmt` is not in the graph.
bool may_run_again(const sema::Cfg& cfg, const ast::Node* stmt);

// The same question, knowing what the branches that lead to `stmt` establish: inside
// `if err == nil && ok { ... }` (or the else of `if err != nil`), `err == nil` and `ok` hold until
// `err` or `ok` is written again, so a later `if err != nil` or a tagless `switch { case err ==
// nil: ... }` can only take the branch they allow. A path back to `stmt` that would need a branch
// they rule out does not count. The conditions are on local variables compared with nil or used
// as booleans, never written through an address or by a function literal. `anc` are the
// ancestors of `stmt` from the file down; `info` resolves the variables (null: no conditions).
bool may_run_again(const sema::Cfg& cfg, const ast::Node* stmt, std::span<const ast::Node* const> anc,
                   const sema::PackageInfo* info);

}  // namespace gotrap::facts
