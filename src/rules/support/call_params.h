// Which parameter a call argument binds to, and what the callee is: the resolved signature when
// sema typed the callee, else the callee's declaration (generic functions, whose instantiated
// signature sema does not build). Answers "unknown" (nullopt, null) rather than guess.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "rules/rule.h"
#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// True when `e` denotes a type (so `e(x)` is a conversion, not a call): a type literal, or a
// name, selector, pointer or instantiation that resolves to a type name.
bool denotes_type(const Pass& pass, const ast::Expr* e);

// The function or method a call names statically (`f`, `pkg.F`, `x.M`, `f[T]`), or null: a
// function value, a conversion, a builtin, or unresolved.
const sema::Object* static_callee(const Pass& pass, const ast::CallExpr* call);

// The declaration of a call's static callee when its source is in the program, else null.
const ast::FuncDecl* callee_decl(const Pass& pass, const ast::CallExpr* call);

// The parameter that argument `arg` of `call` binds to. `type` is its resolved type (for the
// variadic parameter, the element type when the call has no `...`); `type_expr` its declared type
// expression when the callee's declaration is at hand (element type for `...T`). Both may be null.
struct ParamOfArg {
  std::string_view name;              // empty when unnamed
  const sema::Type* type = nullptr;
  const ast::Expr* type_expr = nullptr;
  size_t index = 0;                   // position in the parameter list
  bool variadic = false;              // binds to the `...` parameter
};
std::optional<ParamOfArg> param_of_arg(const Pass& pass, const ast::CallExpr* call, size_t arg);

// True when `fn` (with body) was written to accept nil for parameter `index`: the parameter is
// unnamed or blank, or the body compares it with nil (`p == nil`, `p != nil`),
// or hands it as an argument to a function of the program that accepts nil there (followed a
// few calls deep). `info` is the package declaring `fn`.
bool accepts_nil_param(const sema::PackageInfo* info, const ast::FuncDecl* fn, size_t index);

}  // namespace gotrap::rules::support
