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

bool is_ginkgo(std::string_view path) {
  return path == "github.com/onsi/ginkgo" || path == "github.com/onsi/ginkgo/v2" ||
         path == "github.com/bsm/ginkgo" || path == "github.com/bsm/ginkgo/v2";
}

}  // namespace

bool is_dsl_member(std::string_view path, std::string_view name) {
  return is_ginkgo(path) && std::find(kGinkgoDsl.begin(), kGinkgoDsl.end(), name) != kGinkgoDsl.end();
}

}  // namespace gotrap::sema
