// Whole-line edits for fixes that move or add a statement: delete the line a statement sits on
// alone, or add a statement on a new line before another, with its indentation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "rules/rule.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// Deletes the line(s) holding `n` when nothing but blanks shares them; nullopt otherwise. A
// trailing `//` comment blocks it too (it would be lost) unless `comment` is given: then the
// comment goes with the line and is stored there, for the caller to write where the code moves.
std::optional<Edit> delete_own_line(std::string_view text, const ast::Node* n, std::string* comment = nullptr);

// Inserts `code` on a new line just before the line of `n`, indented as `n`, when `n` starts its
// line; nullopt otherwise.
std::optional<Edit> insert_line_before(std::string_view text, const ast::Node* n, std::string_view code);

}  // namespace gotrap::rules::support
