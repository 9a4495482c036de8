// Reads what loading needs from the top of a Go file without parsing it: build constraint lines,
// the package name, whether it imports "C", and the generated-code marker.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gotrap::load {

struct FileHeader {
  std::optional<std::string> go_build;  // expression after "//go:build", if present
  std::vector<std::string> plus_build;  // expressions of "// +build" lines that count
  std::string package_name;             // empty when the clause is missing or malformed
  bool imports_c = false;
  // The import paths of the import declarations, quotes removed; imports_complete is false when
  // a declaration could not be read or a path has escapes (the parser then knows better).
  std::vector<std::string> imports;
  bool imports_complete = true;
  bool generated = false;
  std::string error;  // "multiple //go:build comments", "expected 'package', found ..."
};

FileHeader scan_header(std::string_view text);

}  // namespace gotrap::load
