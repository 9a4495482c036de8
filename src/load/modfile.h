// Just enough of go.mod and go.work for loading: module path, go and toolchain lines, use dirs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/load.h"

namespace gotrap::load {

struct ModFile {
  std::string module_path;
  std::optional<GoVersion> go;
  std::string toolchain;
  std::vector<std::string> ignore;  // `ignore` directive entries, as written
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
