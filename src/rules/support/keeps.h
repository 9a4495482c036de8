// Whether a value handed to a call outlives the call: the callee (or a callee it passes the value
// on to) starts a goroutine or a function literal with it, stores it, sends it or returns it.
// Used by fixes that end a value's life at the caller's return (lost-cancel's `defer cancel()`)
// or swap one value for another (ctx-background).
#pragma once

#include <cstddef>

#include "syntax/ast.h"

namespace gotrap::sema { struct PackageInfo; struct Object; }

namespace gotrap::rules::support {

enum class Keeps {
  no,     // every callee that receives it is of this package and only uses it during the call
  maybe,  // some callee is not known (another package, a func value, too deep)
  yes,    // some callee of this package keeps it beyond the call
};

inline Keeps worse(Keeps a, Keeps b) { return a > b ? a : b; }

// Whether `var` (an object of `info`, mentioned in `fn`: a FuncDecl or FuncLit) is kept beyond
// fn's calls by the callees it is passed to; selector uses (`ctx.Done()`) and comparisons keep
// nothing. Mentions that keep it in fn itself (go statements, literals, stores, returns) count
// as `yes` too. `depth` bounds how far callees are followed.
Keeps kept_by_callees(const sema::PackageInfo* info, const ast::Node* fn, const sema::Object* var,
                      int depth = 0);

// Whether the callee of `call` keeps its argument number `index` beyond the call.
Keeps callee_keeps_arg(const sema::PackageInfo* info, const ast::CallExpr* call, size_t index,
                       int depth = 0);

}  // namespace gotrap::rules::support
