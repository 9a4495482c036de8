#include "facts/callbacks.h"

#include <algorithm>
#include <array>

#include "facts/packages.h"
#include "facts/remote.h"

namespace gotrap::facts {

namespace {

// Ginkgo's subject and setup nodes: their bodies run when the suite runs its specs, after the
// code that registers them (a loop building the tree, say) has finished. Container nodes
// (Describe, Context, When) are not listed: Ginkgo runs their bodies while building the tree.
constexpr std::array<std::string_view, 17> kGinkgoLaterNodes = {
    "It",         "FIt",          "PIt",           "XIt",          "Specify",   "FSpecify",
    "PSpecify",   "XSpecify",     "BeforeEach",    "AfterEach",    "JustBeforeEach",
    "JustAfterEach", "BeforeAll", "AfterAll",      "DeferCleanup", "Measure",   "FMeasure"};

bool is_ginkgo(std::string_view path) {
  return path == "github.com/onsi/ginkgo" || path == "github.com/onsi/ginkgo/v2" ||
         path == "github.com/bsm/ginkgo" || path == "github.com/bsm/ginkgo/v2";
}

}  // namespace

std::string_view runs_after_return(const sema::PackageInfo* info, const ast::CallExpr* call, size_t k) {
  const sema::Object* callee = callee_of(info, call);
  // A member of a package gotrap has no source for (a dependency) is an Unknown object that
  // still knows its package and name.
  if (!callee || (callee->kind != sema::ObjectKind::Func &&
                  !(callee->kind == sema::ObjectKind::Unknown && callee->package_level)))
    return {};
  std::string_view path = canonical_package(callee->pkg_path());
  std::string_view name = callee->name;
  size_t n = call->args.size();
  if (!callee->is_method) {
    if (is_ginkgo(path) && std::find(kGinkgoLaterNodes.begin(), kGinkgoLaterNodes.end(), name) != kGinkgoLaterNodes.end())
      return "kept by Ginkgo and run with the specs";
    if (path == "time" && name == "AfterFunc" && k == 1) return "run later by time.AfterFunc";
    if (path == "context" && name == "AfterFunc" && k == 1) return "run later by context.AfterFunc";
    if (path == "net/http" && (name == "HandleFunc" || name == "Handle") && k == 1 && n == 2)
      return "kept as an HTTP handler";
    return {};
  }
  std::string_view owner = callee->owner;
  if (path == "testing" && name == "Cleanup" && k == 0 && n == 1) return "run by the test's Cleanup after it ends";
  if (path == "net/http" && owner == "ServeMux" && (name == "HandleFunc" || name == "Handle") && k == 1)
    return "kept as an HTTP handler";
  return {};
}

}  // namespace gotrap::facts
