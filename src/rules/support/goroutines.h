// Facts about goroutines, WaitGroups and channels shared by the goroutine rules (timeout-leak,
// wg-add-in-goroutine, wg-done-missing, wg-copy, wg-deferred-done). Everything is decided from
// sema's resolution and types; without them the answers are "unknown" (null, none, false).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "rules/rule.h"
#include "sema/cfg.h"
#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// --- sync.WaitGroup ---------------------------------------------------------------------------

// True when `t` is sync.WaitGroup, or a *sync.WaitGroup when `through_pointer`.
bool is_wait_group_type(const sema::Type* t, bool through_pointer = true);

// True when a value of `t` holds a sync.WaitGroup itself (the type, or a struct/array with one in
// a field or element, not behind a pointer): copying such a value copies the counter.
bool holds_wait_group(const sema::Type* t);

enum class WgMethod { none, add, done, wait, go };

struct WgCall {
  WgMethod method = WgMethod::none;
  const ast::CallExpr* call = nullptr;
  const ast::Expr* recv = nullptr;  // the WaitGroup expression (`wg`, `s.wg`, `*p`)
};

// `x.Add(n)`, `x.Done()`, `x.Wait()` or `x.Go(f)` where sema types `x` as sync.WaitGroup or a
// pointer to one; method none otherwise (also when the type is unknown).
WgCall wait_group_call(const Pass& pass, const ast::Node* n);

// The identifier a reference chain starts from: `a` of a, a.b.c, *a, (a), &a; null otherwise.
const ast::Ident* ref_root(const ast::Expr* e);

// True when two references denote the same variable: the same chain (support::same_ref, `&x`
// and `*p` looked through) whose roots resolve to one object. Unknown roots never match.
bool same_variable_ref(const Pass& pass, const ast::Expr* a, const ast::Expr* b);

// True when the object `root` resolves to is declared inside `fn` (a FuncDecl or FuncLit),
// parameters and receiver included when `params_count`; false for outer and package variables.
// `file` is the file holding `fn`.
bool declared_inside(const Pass& pass, const PassFile& file, const ast::Ident* root, const ast::Node* fn,
                     bool params_count);

// --- goroutines -------------------------------------------------------------------------------

// The function a go statement runs: the literal of `go func(){...}()`, or the declaration of a
// function or method of the package resolved through sema (`go worker(...)`, `go s.loop()`).
// Null when it is something else (a func value, an unknown function).
const ast::Node* goroutine_body(const Pass& pass, const ast::GoStmt* go);

// Calls fn(node, ancestors) for every node of function `fn`'s body that runs in fn's own frame:
// nested function literals are not entered. Ancestors start at the body.
void for_each_in_frame(const ast::Node* fn,
                       const std::function<void(const ast::Node*, std::span<const ast::Node* const>)>& visit);

// True when a node with these ancestors (starting at a function body, as for_each_in_frame gives
// them) sits inside a for/range loop of that function.
bool in_loop(std::span<const ast::Node* const> ancestors);

// --- channels ---------------------------------------------------------------------------------

// A channel variable defined once in a function by `make(chan T)` or `make(chan T, n)`.
struct ChanMake {
  const ast::CallExpr* make = nullptr;
  std::optional<int64_t> capacity;  // 0 for `make(chan T)`; nullopt when not a known constant
};

// `e` as `make(chan T)` or `make(chan T, n)`, parentheses aside; nullopt when it is not one.
std::optional<ChanMake> chan_make(const Pass& pass, const ast::Expr* e);

// The make(chan ...) that variable `var` (declared in `fn`) gets at its declaration, when it is
// never assigned again anywhere in `fn` (nested literals included); nullopt otherwise.
std::optional<ChanMake> chan_made_in(const Pass& pass, const ast::Node* fn, const sema::Object* var);

// True when `e` (parentheses aside) is a receive `<-x` from the variable `var`.
bool is_receive_from(const Pass& pass, const ast::Node* e, const sema::Object* var);

// True when channel `ch` carries at most one value in all: made in `fn` by make(chan ...), never
// closed, sent on only by one goroutine literal started by a `go` statement of fn's own frame
// outside any loop, whose sends of it cannot follow one another, and otherwise only received
// from (or given to len/cap) in fn's own frame. `scratch` is a graph the check may rebuild.
bool carries_one_value(const Pass& pass, const ast::Node* fn, const sema::Object* ch, sema::Cfg& scratch);

// Receive expressions of loops in `fn` after which channel `ch` has been drained, because the
// loop cannot be left normally before receiving the single value of each of a set of channels
// (`ch` among them) that carry at most one value each (carries_one_value):
//   for i := 0; i < N; i++ { select { case <-a: ... case <-b: ... } }  // N channels, every
//       other case ends in a never-returning call, no return or branch in the body
//   n := 0; for { select { case <-a: n++ ... }; if n == N { return } } // every way out of the
//       loop guarded by n == N (or >=), n written only by one n++ per receiving case
// Every receive from those channels in such a loop is returned: a path that meets one and leaves
// the loop has received from `ch` too.
std::vector<const ast::Node*> draining_receives(const Pass& pass, const ast::Node* fn, const sema::Object* ch,
                                                sema::Cfg& scratch);

// The goroutine `lit` (started in `fn`) sends on `ch`. Other channels whose receive in fn proves
// that the goroutine is past every send on `ch` it can make: made in fn, sent on or closed only by
// this goroutine, otherwise only received from in fn's own frame, and no send on `ch` can follow
// the goroutine's send or close of them (a deferred close is the goroutine's last act).
std::vector<const sema::Object*> final_signal_channels(const Pass& pass, const ast::Node* fn,
                                                       const ast::FuncLit* lit, const sema::Object* ch,
                                                       sema::Cfg& scratch);

}  // namespace gotrap::rules::support
