// Facts about package time's timers and tickers, and about whether a function can return at all,
// for the rules that reason about timer lifetimes (timer-leak).
//
// Go 1.23 changed what an unstopped timer costs: in a program whose main module says `go 1.23` or
// later (the default GODEBUG asynctimerchan=0), a Timer or Ticker that nothing references is
// garbage collected even when it was never stopped, and its channel is unbuffered. A module's own
// `go` line bounds its main module's from below (the go command requires the main module's line
// to be at least every dependency's), so a file at go 1.23+ always runs with the new timers.
#pragma once

#include <functional>

#include "rules/rule.h"
#include "rules/support/context.h"
#include "sema/cfg.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

enum class TimeCall {
  none,
  tick,        // time.Tick(d): a ticker nobody can stop
  after,       // time.After(d): a timer nobody can stop
  new_ticker,  // time.NewTicker(d)
  new_timer,   // time.NewTimer(d)
  after_func,  // time.AfterFunc(d, f)
};

// Which function of package time `e` calls (parentheses aside); none for anything else.
TimeCall classify_time_call(const Resolver& r, const ast::Expr* e);

// Whether the timers of a file at this Go version are collected once unreferenced (Go 1.23+).
inline bool unreferenced_timers_collected(LangVersion v) { return v.at_least(1, 23); }

// True when the function whose graph is `cfg` can return to its caller: its exit is reachable
// from the entry. Paths ending in a never-returning call do not count (the graph ends them), nor
// do `for range` loops for which `endless_range` answers true (a range over a channel nobody
// closes, as time.Tick's) .
bool can_return(const sema::Cfg& cfg,
                const std::function<bool(const ast::RangeStmt*)>& endless_range = nullptr);

// True when `e` is a duration the code cannot change between two evaluations of it: built from
// literals, constants, and parameters or locals of `fn` that are never written after their
// declaration nor have their address taken, declared before `loop` starts (so not once per
// iteration). Needs resolution: without sema, false.
bool is_invariant_in(const Pass& pass, const ast::Node* fn, const ast::Node* loop, const ast::Expr* e);

}  // namespace gotrap::rules::support
