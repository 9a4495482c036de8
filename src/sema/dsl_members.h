// Exported names of well-known packages that are usually dot-imported together (Ginkgo beside
// gomega), so that a name such as `It` resolves to the package that declares it even when gotrap
// has the source of neither.
#pragma once

#include <string_view>

namespace gotrap::sema {

// True when the package at `path` is known to export `name` (Ginkgo's DSL: containers, subject
// and setup nodes, By, DeferCleanup, ...).
bool is_dsl_member(std::string_view path, std::string_view name);

}  // namespace gotrap::sema
