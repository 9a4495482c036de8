// Adding imports as a fix edit: into the import block at the sorted position, or turning a
// single `import "x"` into a block. gofmt-shaped output (tab indentation).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace gotrap::rules::support {

// True when the file imports `path` under its default name.
bool imports_path(const PassFile& file, std::string_view path);

// True when the file has an import of `path` (or a vendored copy or alias of it, facts/packages.h)
// under any name (renamed, "_" and "." included):
// without one, no selector of the file can name that package, whether sema resolves it or not.
bool imports_path_any_name(const PassFile& file, std::string_view path);

// An import a fix needs: its path, and the name to import it under ("" for the default one).
struct ImportRequest {
  std::string path;
  std::string alias;
  bool operator<(const ImportRequest& o) const {
    return path != o.path ? path < o.path : alias < o.alias;
  }
  bool operator==(const ImportRequest& o) const = default;
};

// Edits that add every import of `wanted` the file lacks (a path imported under another name
// counts as missing only when an alias is asked for), written with the file's line endings;
// empty when nothing is missing; nullopt when the file's imports have a shape these edits do not
// handle (then offer no fix).
std::optional<std::vector<Edit>> add_imports(const PassFile& file, std::vector<ImportRequest> wanted);
// The same for default-named imports of `paths`; nullopt also when a path is imported renamed.
std::optional<std::vector<Edit>> add_imports(const PassFile& file, std::vector<std::string> paths);

}  // namespace gotrap::rules::support
