// Helpers shared by the loader tests: fixture paths, lookups in a LoadResult, scratch trees.
#pragma once

#include <string>
#include <vector>

#include "load/load.h"

namespace gotrap::load::testing {

std::string fixture(const std::string& name);  // absolute path of tests/load/testdata/<name>

const Package* find_package(const LoadResult& result, const std::string& dir, Package::Kind kind);
std::vector<std::string> file_names(const Package& package);  // base names, in order
const SourceFile* find_file(const Package& package, const std::string& base_name);
std::vector<std::string> dirs_of(const LoadResult& result);  // one entry per package
// The messages of errors whose path is `path` (any path when empty).
std::vector<std::string> errors_for(const LoadResult& result, const std::string& path);

// A temporary directory tree removed (permissions restored first) when the object dies.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return root_; }
  std::string write(const std::string& relative, const std::string& text);  // returns the full path
  std::string mkdir(const std::string& relative);

 private:
  std::string root_;
};

}  // namespace gotrap::load::testing
