// Which fields of a struct value get set: in its composite literal, or later through the
// variable that holds it, or anywhere in the package through a selector that resolves to the
// field. For rules about configuration structs whose zero fields mean "no limit" (http.Server's
// timeouts, and the like).
#pragma once

#include <span>
#include <string_view>

#include "rules/rule.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// True when `sel` (the name of a selector) resolves to field `field` of the struct type
// pkg_path.type_name. Without sema, by the field's name alone.
bool is_field_of(const Pass& pass, const ast::Ident* sel, std::string_view pkg_path,
                 std::string_view type_name);

// True when the composite literal has a key among `fields`.
bool literal_sets_any(const ast::CompositeLit* lit, std::span<const std::string_view> fields);

// True when some assignment in `root` writes `<x>.f` for a field f among `fields` of
// pkg_path.type_name, where <x> is the variable `var` (by resolution; by name without sema) or,
// when `var` is null, any expression.
bool assigns_field(const Pass& pass, const ast::Node* root, const ast::Ident* var,
                   std::string_view pkg_path, std::string_view type_name,
                   std::span<const std::string_view> fields);

}  // namespace gotrap::rules::support
