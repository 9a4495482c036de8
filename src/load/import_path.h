// The go tool's validity rule for import paths (golang.org/x/mod/module.CheckImportPath): the go
// tool refuses to build a package whose directory gives a malformed import path.
#pragma once

#include <string>
#include <string_view>

namespace gotrap::load {

// Empty when valid; otherwise why not, worded as the go tool does ("invalid char ' '").
std::string import_path_problem(std::string_view path);

}  // namespace gotrap::load
