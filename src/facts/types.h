// Facts about types: whether values hold pointers, and the type a variable was declared with
// when sema could not resolve it (a type of a package gotrap has no source for).
#pragma once

#include <optional>
#include <string_view>

#include "sema/sema.h"
#include "syntax/ast.h"

namespace gotrap::facts {

// Whether values of `t` hold pointers the garbage collector follows. Pointers, maps, chans,
// funcs, interfaces, strings and slices always do, whatever their element types are; arrays and
// structs when an element or field does. nullopt when unknown.
std::optional<bool> holds_pointers(const sema::Type* t);

// The same from a type as spelled in source (`[]*pkg.T`, `map[K]V`, `func()`), for types sema
// left unknown: pointer, slice, map, chan, func and interface type expressions and `string`
// answer true; other names are looked up in `info` (may be null) when they resolve there.
std::optional<bool> holds_pointers(const ast::Expr* type_syntax, const sema::PackageInfo* info);

// The type expression a variable, parameter, result or struct field was declared with, or null
// (declared without a type, `x := v`, or no source). Read from the object's declaring file.
const ast::Expr* declared_type(const sema::Object* var);

// Whether the variable or field's values hold pointers: from its type, else from its declared
// type expression.
std::optional<bool> holds_pointers(const sema::Object* var);

// The canonical package (facts/packages.h) of the named type a spelled type names after any
// pointers (`*redis.Client` -> "github.com/redis/go-redis/v9"), resolved in `info`; "" when
// unknown or predeclared.
std::string_view spelled_type_package(const ast::Expr* type_syntax, const sema::PackageInfo* info);

// Same for a type sema knows (through pointers and aliases).
std::string_view type_package(const sema::Type* t);

// The package of the named type of `e`'s value: from sema's type, else from the declared type of
// the variable or field `e` names. "" when unknown.
std::string_view value_type_package(const sema::PackageInfo* info, const ast::Expr* e);

// The name of that named type ("Client"), "" when unknown.
std::string_view value_type_name(const sema::PackageInfo* info, const ast::Expr* e);

}  // namespace gotrap::facts
