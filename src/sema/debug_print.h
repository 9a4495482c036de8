// The canonical text of `gotrap debug uses` / `gotrap debug types`, shared with tools/semadump:
//   uses:  file:line:col -> file:line:col | importpath.Name | importpath.Type.Member | universe.Name
//   types: file:line:col-endline:endcol type
#pragma once

#include <string>
#include <vector>

#include "sema/sema.h"

namespace gotrap::sema {

// Where `obj` is declared, as seen from package `current` (positions only inside `current`).
std::string describe_target(const Object* obj, const PackageInfo& current);

// All use lines / type lines of one package, sorted by file (in package order) and position.
std::vector<std::string> use_lines(const PackageInfo& pkg);
std::vector<std::string> type_lines(const PackageInfo& pkg);

}  // namespace gotrap::sema
