// Parsing one Go source file into an arena-owned tree that mirrors go/ast.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/arena.h"
#include "syntax/census.h"
#include "syntax/ast.h"
#include "syntax/line_table.h"

namespace gotrap::syntax {

struct SyntaxError {
  uint32_t offset = 0;  // byte offset of the error in the file text
  std::string message;  // go/parser's wording where we know it
};

struct ParsedFile {
  std::string path;
  // Every string_view in the tree points into `text`: `owned_text`, or the caller's string
  // (parse_borrowed), which must then outlive the tree.
  std::string_view text;
  std::string owned_text;
  ast::Arena arena;
  ast::File* file = nullptr;  // never null; a partial tree after errors
  std::vector<SyntaxError> errors;  // in source order, at most one per line (as go/parser)
  LineTable lines;
  // What the parser counted of each of file->decls (same order and size; syntax/census.h).
  std::vector<DeclCounts> decl_counts;

  bool ok() const { return errors.empty(); }
};

// Parses `text`. Never throws on bad input: errors are collected in ParsedFile::errors.
std::unique_ptr<ParsedFile> parse_file(std::string path, std::string text);
// The same without a copy of `text`, which must outlive the parsed file (and not move, unless
// its characters stay where they are).
std::unique_ptr<ParsedFile> parse_borrowed(std::string path, std::string_view text);

// "path:line:col: message", columns 1-based in bytes (as go/parser prints them).
std::string format_error(const ParsedFile& file, const SyntaxError& error);

}  // namespace gotrap::syntax
