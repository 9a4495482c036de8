// Which calls wrap a context they are given, so that `ctx = wrap(ctx)` grows a chain of contexts:
// context.With* (and golang.org/x/net/context's), a few well-known wrappers of other packages
// (pprof.WithLabels, grpc metadata's AppendToOutgoingContext, OpenTelemetry's ContextWithSpan...),
// and functions with source whose summary (facts/summary.h, FuncSummary::ctx_from) says that
// their context result is, on every return, derived from one parameter. Read from the callee's
// body, callees first, never from its name.
#pragma once

#include <cstddef>
#include <optional>

#include "facts/summary.h"
#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

struct Derivation {
  size_t arg = 0;     // the argument the new context derives from
  size_t result = 0;  // the result that holds it
};

// `info`: the package whose files hold `call`. Functions of the program are answered from
// `summaries` (a call cycle, or a callee without source, answers no).
std::optional<Derivation> derived_context(Summaries& summaries, const sema::PackageInfo* info,
                                          const ast::CallExpr* call);

// Sets `out.ctx_from` and `out.ctx_result` for declaration `fd` of package `info` (the summary
// being built): on every return, its first context result is a context derived from one
// parameter (through context.With*, a well-known wrapper or a function with this fact, on at
// least one return; the parameter handed back unchanged on the others), the same on each.
void summarise_context_result(Summaries& summaries, const sema::PackageInfo* info,
                              const ast::FuncDecl* fd, FuncSummary& out);

}  // namespace gotrap::facts
