// Calls that leave the process and wait for the other side with no time bound of their own:
// generated gRPC client methods (go-zero's zrpc clients are the same) and database/sql. Decided
// from the callee's package and signature (a variadic ...grpc.CallOption, a receiver of
// database/sql), never from the caller's names. Redis (go-redis) and Kafka clients are left out:
// they bound their I/O by default, so a context without deadline does not leave them hanging.
#pragma once

#include <initializer_list>
#include <string_view>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// drain: `(*http.Server).Shutdown`, which does not leave the process but waits for the other
// side all the same: until every client connection is idle, however long a client holds one.
enum class RemoteKind { none, grpc, sql, drain };

struct RemoteCall {
  RemoteKind kind = RemoteKind::none;
  int context_arg = -1;   // index of the context argument
  std::string_view what;  // "gRPC call", "database/sql call", ...
  explicit operator bool() const { return kind != RemoteKind::none; }
};

// What `call` is, when it is a request to another process that takes a context and waits for
// the answer, made by code outside the client library. Calls that wait for events by design
// (server-streaming and bidirectional gRPC methods) are not requests.
RemoteCall remote_call(const sema::PackageInfo* info, const ast::CallExpr* call);

// The function or method a call calls, when sema resolved it (a method also through the
// receiver's type when the selector itself was left unresolved); null otherwise.
const sema::Object* callee_of(const sema::PackageInfo* info, const ast::CallExpr* call);

// True when `call` calls a function or method of package `pkg` (vendored copies and
// golang.org/x/net/context count as the standard package, see packages.h) named one of `names`:
// `calls_package_func(info, call, "sync", {"Unlock", "RUnlock"})`. The names of standard and
// well-known packages' APIs are facts; a user's own names are not a criterion. False when the
// callee is not resolved.
bool calls_package_func(const sema::PackageInfo* info, const ast::CallExpr* call, std::string_view pkg,
                        std::initializer_list<std::string_view> names);

// The function type a function or method object was declared with (a FuncDecl's, or an
// interface method's), read from its declaring file; null when gotrap has no source for it.
const ast::FuncType* declared_signature(const sema::Object* func);

}  // namespace gotrap::facts
