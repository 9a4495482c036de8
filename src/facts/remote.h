// Calls that leave the process and wait for the other side: generated gRPC client methods
// (go-zero's zrpc clients are the same), database/sql, Redis and Kafka clients. Decided from the
// callee's package and signature (a variadic ...grpc.CallOption, a receiver of database/sql),
// never from the caller's names.
#pragma once

#include <string_view>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

enum class RemoteKind { none, grpc, sql, redis, kafka };

struct RemoteCall {
  RemoteKind kind = RemoteKind::none;
  int context_arg = -1;   // index of the context argument
  std::string_view what;  // "gRPC call", "database/sql call", ...
  explicit operator bool() const { return kind != RemoteKind::none; }
};

// What `call` is, when it is a request to another process that takes a context and waits for
// the answer. Calls that wait for events by design (Redis blocking pops and subscriptions, a
// Kafka reader's fetches, server-streaming and bidirectional gRPC methods) are not requests.
RemoteCall remote_call(const sema::PackageInfo* info, const ast::CallExpr* call);

// The function or method a call calls, when sema resolved it (a method also through the
// receiver's type when the selector itself was left unresolved); null otherwise.
const sema::Object* callee_of(const sema::PackageInfo* info, const ast::CallExpr* call);

// The function type a function or method object was declared with (a FuncDecl's, or an
// interface method's), read from its declaring file; null when gotrap has no source for it.
const ast::FuncType* declared_signature(const sema::Object* func);

}  // namespace gotrap::facts
