#include "load_test_util.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace gotrap::load::testing {

std::string fixture(const std::string& name) { return std::string(GOTRAP_SOURCE_DIR) + "/tests/load/testdata/" + name; }

const Package* find_package(const LoadResult& result, const std::string& dir, Package::Kind kind) {
  for (const Package& package : result.packages) {
    if (package.dir == dir && package.kind == kind) return &package;
  }
  return nullptr;
}

std::vector<std::string> file_names(const Package& package) {
  std::vector<std::string> names;
  for (const SourceFile& file : package.files) names.push_back(file.path.substr(file.path.rfind('/') + 1));
  return names;
}

const SourceFile* find_file(const Package& package, const std::string& base_name) {
  for (const SourceFile& file : package.files) {
    if (file.path.ends_with("/" + base_name) || file.path == base_name) return &file;
  }
  return nullptr;
}

std::vector<std::string> dirs_of(const LoadResult& result) {
  std::vector<std::string> dirs;
  for (const Package& package : result.packages) dirs.push_back(package.dir);
  return dirs;
}

std::vector<std::string> errors_for(const LoadResult& result, const std::string& path) {
  std::vector<std::string> messages;
  for (const LoadError& error : result.errors) {
    if (path.empty() || error.path == path) messages.push_back(error.message);
  }
  return messages;
}

ScratchDir::ScratchDir() {
  std::string pattern = std::filesystem::temp_directory_path().string() + "/gotrap-load-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  chmod(pattern.c_str(), 0755);  // readable by the unprivileged identity some tests switch to
  root_ = pattern;
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  for (auto it = std::filesystem::recursive_directory_iterator(root_, ignored);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ignored)) {
    if (!it->is_symlink(ignored)) chmod(it->path().c_str(), 0755);
  }
  std::filesystem::remove_all(root_, ignored);
}

std::string ScratchDir::write(const std::string& relative, const std::string& text) {
  std::filesystem::path full = std::filesystem::path(root_) / relative;
  std::filesystem::create_directories(full.parent_path());
  std::ofstream(full, std::ios::binary) << text;
  return full.string();
}

std::string ScratchDir::mkdir(const std::string& relative) {
  std::filesystem::path full = std::filesystem::path(root_) / relative;
  std::filesystem::create_directories(full);
  return full.string();
}

}  // namespace gotrap::load::testing
