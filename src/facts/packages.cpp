#include "facts/packages.h"

namespace gotrap::facts {

std::string_view canonical_package(std::string_view path) {
  // The last vendor element wins: a vendored module may vendor again (old GOPATH trees do).
  if (size_t v = path.rfind("/vendor/"); v != std::string_view::npos) path = path.substr(v + 8);
  else if (path.starts_with("vendor/")) path = path.substr(7);
  if (path == "golang.org/x/net/context") return "context";
  return path;
}

bool is_test_package(std::string_view import_path) {
  size_t start = 0;
  while (start <= import_path.size()) {
    size_t end = import_path.find('/', start);
    if (end == std::string_view::npos) end = import_path.size();
    std::string_view elem = import_path.substr(start, end - start);
    for (std::string_view t : {"test", "tests", "e2e", "testing", "testutil", "testutils", "testdata",
                               "fixture", "fixtures", "mock", "mocks"})
      if (elem == t) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace gotrap::facts
