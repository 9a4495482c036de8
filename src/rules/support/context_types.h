// Recognising package context by resolution, for both of its import paths: the standard library's
// "context" and golang.org/x/net/context (whose Context, since Go 1.9, is an alias of the
// standard one and whose With* functions wrap the standard ones). Without sema every answer is
// false: the rules that ask stay quiet.
#pragma once

#include <string_view>

#include "rules/rule.h"
#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// "context" or "golang.org/x/net/context".
bool is_context_package_path(std::string_view path);

// The name of the context-package member `e` selects (`context.WithValue` -> "WithValue", also
// through a renamed import), or "" when `e` is not a selector on an import of either path.
std::string_view context_member(const Pass& pass, const ast::Expr* e);
// The same, resolving in `info` (the package whose files hold `e`; may be null).
std::string_view context_member(const sema::PackageInfo* info, const ast::Expr* e);

// True for context.Context: the named type itself (through aliases), or, when sema has no type,
// a type expression spelled as a selector on an import of either context path.
bool is_context_type(const sema::Type* t);
bool is_context_type_expr(const Pass& pass, const ast::Expr* type_expr);
bool is_context_type_expr(const sema::PackageInfo* info, const ast::Expr* type_expr);

// The context constructors that derive a new context from their first argument: WithValue,
// WithCancel(Cause), WithTimeout(Cause), WithDeadline(Cause), WithoutCancel.
bool derives_from_first_argument(std::string_view context_func);

}  // namespace gotrap::rules::support
