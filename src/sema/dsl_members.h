// Exported names of well-known packages that are usually dot-imported together (Ginkgo beside
// gomega), so that a name such as `It` resolves to the package that declares it even when gotrap
// has the source of neither.
#pragma once

#include <string_view>

namespace gotrap::sema {

// True when the package at `path` is known to export `name` (Ginkgo's DSL: containers, subject
// and setup nodes, By, DeferCleanup, ...).
bool is_dsl_member(std::string_view path, std::string_view name);

// Ginkgo (v1, v2 and the bsm fork).
bool is_ginkgo(std::string_view path);

// Ginkgo's subject and setup nodes (It, BeforeEach, DeferCleanup, ...): their bodies run when the
// suite runs its specs, after the code that registered them. Containers (Describe, Context,
// When) are not among them: Ginkgo runs their bodies while it builds the tree.
bool is_ginkgo_later_node(std::string_view name);

}  // namespace gotrap::sema
