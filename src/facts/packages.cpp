#include "facts/packages.h"

namespace gotrap::facts {

std::string_view canonical_package(std::string_view path) {
  // The last vendor element wins: a vendored module may vendor again (old GOPATH trees do).
  if (size_t v = path.rfind("/vendor/"); v != std::string_view::npos) path = path.substr(v + 8);
  else if (path.starts_with("vendor/")) path = path.substr(7);
  if (path == "golang.org/x/net/context") return "context";
  return path;
}

}  // namespace gotrap::facts
