// Package identity: which package an import path denotes, whatever copy or alias it names.
#pragma once

#include <string_view>

namespace gotrap::facts {

// The package `import_path` denotes for the rules: a vendored copy (".../vendor/P", "vendor/P")
// is P, and golang.org/x/net/context (type aliases of the standard package since Go 1.9) is
// "context". Other paths are returned as given.
std::string_view canonical_package(std::string_view import_path);

// canonical_package(import_path) == want.
inline bool is_package(std::string_view import_path, std::string_view want) {
  return canonical_package(import_path) == want;
}

// True when the import path has an element naming test code: test, tests, e2e, testing,
// testutil(s), testdata, fixture(s), mock(s). Such packages (end-to-end suites, test frameworks,
// mocks) run under a test's deadline and for a test's lifetime, like _test.go files.
bool is_test_package(std::string_view import_path);

}  // namespace gotrap::facts
