// Which calls wrap a context they are given: context.With* (and golang.org/x/net/context's), a
// few well-known wrappers of other packages (pprof.WithLabels, grpc metadata's
// AppendToOutgoingContext, OpenTelemetry's ContextWithSpan...), and functions with source in the
// program whose context result is, on every return, derived from
// the same parameter (wrapped on at least one). A summary read from the callee's body, never
// from its name. Used to see `ctx = wrap(ctx)` grow a chain of contexts.
#pragma once

#include <cstddef>
#include <optional>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

struct Derivation {
  size_t arg = 0;     // the argument the new context derives from
  size_t result = 0;  // the result that holds it
};

// `info`: the package whose files hold `call`.
std::optional<Derivation> derives_context(const sema::PackageInfo* info, const ast::CallExpr* call);

}  // namespace gotrap::rules::support
