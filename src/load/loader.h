// Internal to the loader: the state of one load() call, shared by load.cpp (patterns and walks),
// modules.cpp (go.mod / go.work lookups) and package_builder.cpp (files -> packages).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "load/build_context.h"
#include "load/header.h"
#include "load/load.h"

namespace gotrap::load::detail {

inline constexpr size_t kMaxFileBytes = 64u << 20;
inline constexpr int kMaxWalkDepth = 256;
inline constexpr GoVersion kFileVersionFloor{1, 21};  // go/types never lowers a file below go1.21
inline constexpr std::string_view kCommandLineArguments = "command-line-arguments";

// A candidate .go file of one directory, as given by a listing or by the command line.
struct Candidate {
  std::string name;
};

struct DirContext {
  std::string dir;  // as derived from the pattern
  std::string abs;  // absolute, cleaned
  Module* module = nullptr;
};

// Loads patterns into one LoadResult; one instance per load() call.
class Loader {
 public:
  explicit Loader(const Options& options);

  void load_directory_pattern(const std::string& pattern);
  // An import-path pattern ("example.com/m/pkg", "example.com/m/...") of a module of the
  // working directory (its own, or those its go.work uses) as a directory pattern; nullopt when
  // the pattern names no such module's package.
  std::optional<std::string> import_path_pattern_dir(const std::string& pattern);
  void load_file_list(const std::vector<std::string>& files);
  LoadResult finish();

  // load_dependencies (dependencies.cpp): loads the package of directory abs_dir (tests left
  // out) as a dependency of import path `import_path` in `module`; true when it gave exactly
  // that package.
  bool load_dependency_dir(const std::string& abs_dir, const std::string& import_path, Module* module);
  // A module for a dependency's root directory under the path it is required by (a replaced
  // module's go.mod may name another): its go line from the go.mod there, if any.
  Module* dependency_module(const std::string& abs_root, const std::string& path);
  const std::string& module_cache() const { return module_cache_; }
  // Moves out the packages and modules loaded so far (unsorted) and goes on with none.
  LoadResult take();

 private:
  void error(std::string path, std::string message) { result_.errors.push_back({std::move(path), std::move(message)}); }

  Module* module_for(const std::string& abs_dir);
  Module* module_at(const std::string& abs_root);
  // A module of the module cache whose release has no go.mod: its path is its place in the cache
  // (the go command synthesizes `module <path>` for it); null when abs_dir is not in one.
  Module* module_cache_module(const std::string& abs_dir);
  Module* add_module(std::unique_ptr<Module> module);  // registers it under its root_dir
  void find_workspace(const std::string& abs_dir);
  std::string import_path(const DirContext& where) const;
  std::string module_relative(const DirContext& where) const;
  bool ignored_by_module(const DirContext& where) const;

  // The non-directory entries of dir (and, when subdirs is given, its real subdirectories).
  bool list_candidates(const std::string& dir, std::vector<Candidate>& candidates, std::vector<std::string>* subdirs);
  void walk(const DirContext& where, int depth);
  // Builds the packages of one directory from its candidate files. `wildcard` = reached by "...".
  void load_package(const DirContext& where, const std::vector<Candidate>& candidates, bool wildcard,
                    bool file_list);
  // Reads path and checks it is Go source the build configuration selects; false (with a
  // LoadError when something is wrong rather than merely excluded) otherwise.
  // With Options::file_cache, an unchanged file is not read: `file` is text_deferred then; either
  // way `file` gets the cache's facts (stat, hash).
  bool read_buildable_file(const std::string& path, bool use_all_files, std::string& text, FileHeader& header,
                           SourceFile& file);
  void add_package(const DirContext& where, std::string import_path, std::string name, Package::Kind kind,
                   std::vector<SourceFile> files);
  GoVersion file_version(const Module* module, const FileHeader& header) const;

  const Options& options_;
  BuildContext context_;
  LoadResult result_;
  std::map<std::string, Module*> modules_by_root_;
  std::string module_cache_;  // GOMODCACHE as the go command derives it, absolute; "" if unknown
  std::map<std::string, std::string> module_root_of_dir_;  // abs dir -> abs go.mod dir or ""
  std::set<std::string> loaded_dirs_;
  bool workspaces_enabled_ = true;
  std::string gowork_path_;
  bool workspace_searched_ = false;
  bool workspace_found_ = false;
  std::set<std::string> workspace_modules_;  // absolute module roots listed by go.work
  std::map<const Module*, std::vector<std::string>> ignore_patterns_;  // go.mod `ignore` entries
  std::map<std::pair<std::string, std::string>, Module*> dependency_modules_;  // (root, path)
};

}  // namespace gotrap::load::detail
