#include "sema/dsl_members.h"

#include <algorithm>
#include <array>

namespace gotrap::sema {

namespace {

constexpr std::array<std::string_view, 40> kGinkgoDsl = {
    "Describe",   "FDescribe",      "PDescribe",     "XDescribe",     "Context",      "FContext",
    "PContext",   "XContext",       "When",          "FWhen",         "PWhen",        "XWhen",
    "It",         "FIt",            "PIt",           "XIt",           "Specify",      "FSpecify",
    "PSpecify",   "XSpecify",       "BeforeEach",    "AfterEach",     "JustBeforeEach", "JustAfterEach",
    "BeforeAll",  "AfterAll",       "BeforeSuite",   "AfterSuite",    "SynchronizedBeforeSuite",
    "SynchronizedAfterSuite",       "DeferCleanup",  "By",            "DescribeTable", "Entry",
    "FEntry",     "PEntry",         "XEntry",        "Measure",       "RunSpecs",     "GinkgoT"};

}  // namespace

bool is_ginkgo(std::string_view path) {
  return path == "github.com/onsi/ginkgo" || path == "github.com/onsi/ginkgo/v2" ||
         path == "github.com/bsm/ginkgo" || path == "github.com/bsm/ginkgo/v2";
}

bool is_ginkgo_later_node(std::string_view name) {
  if (name.size() > 1 && (name[0] == 'F' || name[0] == 'P' || name[0] == 'X') && name[1] >= 'A' && name[1] <= 'Z')
    name.remove_prefix(1);  // focused, pending and excluded variants
  return name == "It" || name == "Specify" || name == "BeforeEach" || name == "AfterEach" ||
         name == "JustBeforeEach" || name == "JustAfterEach" || name == "BeforeAll" || name == "AfterAll" ||
         name == "DeferCleanup" || name == "Measure";
}

bool is_dsl_member(std::string_view path, std::string_view name) {
  return is_ginkgo(path) && std::find(kGinkgoDsl.begin(), kGinkgoDsl.end(), name) != kGinkgoDsl.end();
}

}  // namespace gotrap::sema
