// Just enough of go.mod and go.work for loading: module path, go and toolchain lines, use dirs,
// and the requirements and replacements that say where a dependency's source is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/load.h"

namespace gotrap::load {

// `require path version`.
struct Requirement {
  std::string path;
  std::string version;
};

// `replace old [old_version] => new [new_version]`: new_version is empty when `new` is a
// directory (a path starting with "./", "../" or "/"), which is then as written.
struct Replacement {
  std::string old_path;
  std::string old_version;  // empty: every version of old_path
  std::string new_path;
  std::string new_version;
  bool local() const { return new_version.empty(); }
};

struct ModFile {
  std::string module_path;
  std::optional<GoVersion> go;
  std::string toolchain;
  std::vector<std::string> ignore;  // `ignore` directive entries, as written
  std::vector<Requirement> requirements;
  std::vector<Replacement> replaces;
};

struct WorkFile {
  std::optional<GoVersion> go;
  std::vector<std::string> use_dirs;  // as written (relative to the go.work directory or absolute)
};

// Both parsers skip directives they do not need, including block forms, and never fail: a missing
// module line shows as an empty module_path (the caller reports it).
ModFile parse_mod_file(std::string_view text);
WorkFile parse_work_file(std::string_view text);

}  // namespace gotrap::load
