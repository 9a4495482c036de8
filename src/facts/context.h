// The context package's constructors, recognised through sema's resolution (aliases and vendored
// copies included: golang.org/x/net/context is context).
#pragma once

#include <string_view>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

enum class ContextCall {
  none,           // not a call of the context package (or not one listed here)
  background,     // context.Background()
  todo,           // context.TODO()
  with_cancel,
  with_cancel_cause,
  with_timeout,
  with_timeout_cause,
  with_deadline,
  with_deadline_cause,
  with_value,
  without_cancel,
};

// The constructor a function of package context named `name` is ("WithCancel"), or none.
ContextCall context_call_named(std::string_view name);
// "WithCancel", "Background", ...
std::string_view context_func_name(ContextCall c);

// Which constructor `e` calls, from sema's resolution of the package name; none without `info`.
ContextCall context_call(const sema::PackageInfo* info, const ast::Expr* e);

inline bool is_root(ContextCall c) { return c == ContextCall::background || c == ContextCall::todo; }
// The With* functions that hand back a cancel function.
bool returns_cancel(ContextCall c);
inline bool sets_deadline(ContextCall c) {
  return c == ContextCall::with_timeout || c == ContextCall::with_timeout_cause ||
         c == ContextCall::with_deadline || c == ContextCall::with_deadline_cause;
}
// Wrappers that keep their parent's deadline (or lack of one): WithCancel*, WithValue.
inline bool keeps_deadline(ContextCall c) {
  return c == ContextCall::with_cancel || c == ContextCall::with_cancel_cause ||
         c == ContextCall::with_value;
}

// `X` when `e` is the selector `pkg.X` and pkg names an import of canonical package `path`
// (facts/packages.h), resolved by sema; "" otherwise.
std::string_view package_member(const sema::PackageInfo* info, const ast::Expr* e, std::string_view path);

// True when sema types `e` (or the declared type of the variable it names) as context.Context.
bool is_context_value(const sema::PackageInfo* info, const ast::Expr* e);
// True when the spelled type is context.Context.
bool is_context_type(const sema::PackageInfo* info, const ast::Expr* type);

// True when `call` is a well-known API that takes a context without ever waiting on it or
// stopping because it was cancelled, so which context it gets changes no wait: the instruments
// of go.opentelemetry.io/otel/metric (Add, Record: the context carries exemplars and baggage),
// go.opentelemetry.io/otel/propagation's Extract/Inject (they read or write values only; also on
// the value of otel.GetTextMapPropagator(), typed or not),
// log/slog's Log/LogAttrs and *Context functions and methods (the context carries values for the
// handler), and net.ListenConfig's Listen/ListenPacket (the context bounds only the address
// lookup; the listener it returns is not tied to it).
bool ignores_cancellation(const sema::PackageInfo* info, const ast::CallExpr* call);

}  // namespace gotrap::facts
