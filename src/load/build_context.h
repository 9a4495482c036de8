// The build configuration gotrap pretends to be: the go1.26 gc toolchain for Options::goos and
// goarch with cgo off, deciding which files a package consists of.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "load/header.h"
#include "load/load.h"

namespace gotrap::load {

class BuildContext {
 public:
  explicit BuildContext(const Options& options);

  // go/build's matchTag: GOOS, GOARCH, "unix", "gc", "cgo" when enabled, go1.1 .. go1.26,
  // the toolchain's default goexperiment and microarchitecture tags, and the extra tags.
  bool has_tag(std::string_view tag) const;
  // False for a name whose _GOOS, _GOARCH or _GOOS_GOARCH suffix (before an optional _test)
  // names another system.
  bool matches_file_name(std::string_view name) const;
  // Evaluates the //go:build line, or else every // +build line; *error for a bad //go:build.
  bool matches_constraints(const FileHeader& header, std::string* error) const;
  bool cgo_enabled() const { return cgo_; }

 private:
  std::string goos_;
  std::string goarch_;
  bool cgo_ = false;
  std::vector<std::string> tags_;  // tool, release and extra tags
};

bool is_known_os(std::string_view name);
bool is_known_arch(std::string_view name);
// go/build's known GOOS and GOARCH values, for messages that list them.
std::span<const std::string_view> known_os();
std::span<const std::string_view> known_arch();

}  // namespace gotrap::load
