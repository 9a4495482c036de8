// Writing fixes for the file they land in: its line endings and indentation, expressions with the
// parentheses their new place needs, and import names that resolve where the fix writes them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"
#include "syntax/ast.h"

namespace gotrap::rules::support {

// The newline of the file: "\r\n" when its first line ends with one, else "\n".
std::string_view line_ending(std::string_view text);

// Offset of the first byte of the line holding `pos`.
ast::Pos line_start_of(std::string_view text, ast::Pos pos);

// The blanks before `pos` on its line when nothing else precedes it there; nullopt otherwise
// (then a fix cannot put a statement on a line of its own before it).
std::optional<std::string_view> indentation_at(std::string_view text, ast::Pos pos);

// An edit that inserts `lines` (each without its newline) as whole lines before the line of
// `pos`, indented like it and ended with the file's newline; nullopt when `pos` does not start
// its line.
std::optional<Edit> insert_lines_before(std::string_view text, ast::Pos pos,
                                        const std::vector<std::string>& lines);

// The text of `e` as the operand of an index, slice, selector or call (`(*h)`, `(a + b)`):
// parenthesised unless it is already a primary expression.
std::string operand_text(std::string_view text, const ast::Expr* e);

// True when `e` is a primary expression (an operand or a selector/index/slice/call/assertion
// of one, or a parenthesised expression): it can stand before `[i]` or `.f` unchanged.
bool is_primary(const ast::Expr* e);

// Which name a fix may write for an imported package at given places of one file.
//
// A name is usable at a place when no declaration that could be in scope there has it: the
// declarations of the top-level declaration holding the place (every one of them, nested
// literals too: an over-approximation), the package's own top-level names, and the file's other
// imports. The answer is one name for the whole file, so the file imports a path once.
class ImportNamer {
 public:
  ImportNamer(const Pass& pass, const PassFile& file) : pass_(pass), file_(file) {}

  struct Choice {
    std::string name;     // what to write before the dot
    bool add = false;     // the file lacks the import: add it
    std::string alias;    // non-empty: add it under this name (the default one is taken)
  };
  // The name to write for `path` (whose default name is `default_name`) at every position in
  // `places`; nullopt when none can be written (e.g. a blank or dot import of it, or an existing
  // import's name shadowed at a place).
  std::optional<Choice> choose(std::string_view path, std::string_view default_name,
                               const std::vector<ast::Pos>& places) const;

  // True when `name` may be declared in the scope of `pos`, or names another import or a
  // package-level declaration.
  bool taken_at(std::string_view name, ast::Pos pos) const;

 private:
  bool declared_locally(std::string_view name, ast::Pos pos) const;
  bool taken_in_package(std::string_view name) const;
  const Pass& pass_;
  const PassFile& file_;
};

}  // namespace gotrap::rules::support
