#include "load/load.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "load/build_context.h"
#include "load/constraint.h"
#include "load/fsutil.h"
#include "load/header.h"
#include "load/modfile.h"

namespace gotrap::load {

namespace {

constexpr size_t kMaxFileBytes = 64u << 20;
constexpr int kMaxWalkDepth = 256;
constexpr GoVersion kFileVersionFloor{1, 21};  // go/types never lowers a file below go1.21
const std::string kCommandLineArguments = "command-line-arguments";

bool ends_with(const std::string& s, std::string_view suffix) { return std::string_view(s).ends_with(suffix); }

// A candidate .go file of one directory, as given by a listing or by the command line.
struct Candidate {
  std::string name;
};

class Loader {
 public:
  explicit Loader(const Options& options) : options_(options), context_(options) {
    // GOWORK as the go tool reads it: "off" disables workspaces, a path names the go.work file.
    const char* gowork = std::getenv("GOWORK");
    std::string_view setting = gowork ? gowork : "";
    workspaces_enabled_ = setting != "off";
    if (workspaces_enabled_ && !setting.empty()) gowork_path_ = absolute_path(std::string(setting));
  }

  void load_directory_pattern(const std::string& pattern);
  void load_file_list(const std::vector<std::string>& files);
  LoadResult finish();

 private:
  struct DirContext {
    std::string dir;  // as derived from the pattern
    std::string abs;  // absolute, cleaned
    Module* module = nullptr;
  };

  void error(std::string path, std::string message) { result_.errors.push_back({std::move(path), std::move(message)}); }

  Module* module_for(const std::string& abs_dir);
  Module* module_at(const std::string& abs_root);
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
  GoVersion file_version(const Module* module, const FileHeader& header) const;

  const Options& options_;
  BuildContext context_;
  LoadResult result_;
  std::map<std::string, Module*> modules_by_root_;
  std::map<std::string, std::string> module_root_of_dir_;  // abs dir -> abs go.mod dir or ""
  std::set<std::string> loaded_dirs_;
  bool workspaces_enabled_ = true;
  std::string gowork_path_;
  bool workspace_searched_ = false;
  bool workspace_found_ = false;
  std::set<std::string> workspace_modules_;  // absolute module roots listed by go.work
  std::map<const Module*, std::vector<std::string>> ignore_patterns_;  // go.mod `ignore` entries
};

Module* Loader::module_at(const std::string& abs_root) {
  auto found = modules_by_root_.find(abs_root);
  if (found != modules_by_root_.end()) return found->second;
  auto module = std::make_unique<Module>();
  module->root_dir = abs_root;
  std::string text, message;
  std::string gomod = join_path(abs_root, "go.mod");
  if (!read_file(gomod, text, kMaxFileBytes, &message)) {
    error(gomod, message);
  } else {
    ModFile parsed = parse_mod_file(text);
    module->path = parsed.module_path;
    if (parsed.module_path.empty()) error(gomod, "no module declaration in go.mod");
    if (parsed.go) {
      module->go = *parsed.go;
      module->has_go_line = true;
    }
    module->toolchain = parsed.toolchain;
    ignore_patterns_[module.get()] = parsed.ignore;
  }
  Module* raw = module.get();
  result_.modules.push_back(std::move(module));
  modules_by_root_[abs_root] = raw;
  return raw;
}

// Nearest enclosing go.mod, walking up from abs_dir.
Module* Loader::module_for(const std::string& abs_dir) {
  std::vector<std::string> visited;
  std::string dir = abs_dir;
  std::string root;
  while (true) {
    auto cached = module_root_of_dir_.find(dir);
    if (cached != module_root_of_dir_.end()) {
      root = cached->second;
      break;
    }
    visited.push_back(dir);
    if (path_kind(join_path(dir, "go.mod")) == PathKind::File) {
      root = dir;
      break;
    }
    if (dir == "/") break;
    dir = parent_dir(dir);
  }
  for (const std::string& d : visited) module_root_of_dir_[d] = root;
  return root.empty() ? nullptr : module_at(root);
}

void Loader::find_workspace(const std::string& abs_dir) {
  if (workspace_searched_ || !workspaces_enabled_) return;
  workspace_searched_ = true;
  std::string gowork = gowork_path_;  // GOWORK names the file: no search
  for (std::string dir = abs_dir; gowork.empty(); dir = parent_dir(dir)) {
    if (path_kind(join_path(dir, "go.work")) == PathKind::File) gowork = join_path(dir, "go.work");
    if (dir == "/") break;
  }
  if (gowork.empty()) return;
  workspace_found_ = true;
  std::string text, message;
  if (!read_file(gowork, text, kMaxFileBytes, &message)) {
    error(gowork, message);
    return;
  }
  const std::string dir = parent_dir(gowork);
  for (const std::string& use : parse_work_file(text).use_dirs) {
    workspace_modules_.insert(use.starts_with("/") ? clean_path(use) : clean_path(dir + "/" + use));
  }
}

std::string Loader::module_relative(const DirContext& where) const {
  const std::string& root = where.module->root_dir;
  if (where.abs == root) return "";
  if (root == "/") return where.abs.substr(1);
  return where.abs.substr(root.size() + 1);
}

std::string Loader::import_path(const DirContext& where) const {
  if (where.module == nullptr) return where.dir;
  std::string rel = module_relative(where);
  const std::string& path = where.module->path;
  if (path.empty()) return where.dir;  // go.mod without a module line (already reported)
  if (path == "std") return rel.empty() ? path : rel;
  return rel.empty() ? path : path + "/" + rel;
}

// The go.mod `ignore` directive: "./x" ignores x under the module root, "x" any .../x/... dir.
bool Loader::ignored_by_module(const DirContext& where) const {
  if (where.module == nullptr) return false;
  auto found = ignore_patterns_.find(where.module);
  if (found == ignore_patterns_.end() || found->second.empty()) return false;
  std::string rel = module_relative(where);
  if (rel.empty()) return false;
  std::string dir = "/" + rel + "/";
  for (const std::string& entry : found->second) {
    bool relative = entry.starts_with("./");
    std::string pattern = clean_path(relative ? entry.substr(2) : entry);
    if (!pattern.starts_with("/")) pattern = "/" + pattern;
    if (!pattern.ends_with("/")) pattern += "/";
    if (relative ? dir.starts_with(pattern) : dir.find(pattern) != std::string::npos) return true;
  }
  return false;
}

void Loader::load_directory_pattern(const std::string& pattern) {
  bool wildcard = false;
  std::string_view root = pattern;
  if (root == "...") {
    wildcard = true;
    root = ".";
  } else if (root.ends_with("/...")) {
    wildcard = true;
    root.remove_suffix(3);  // keep the slash so that "/..." stays rooted
  }
  std::string dir = clean_path(std::string(root));
  std::string message;
  PathKind kind = path_kind(dir, &message);
  if (kind == PathKind::Missing) {
    error(dir, "directory not found");
    return;
  }
  if (kind == PathKind::Loop) {
    error(dir, "symlink loop");
    return;
  }
  if (kind != PathKind::Dir) {
    error(dir, kind == PathKind::Error ? message : "not a directory");
    return;
  }
  DirContext where{dir, absolute_path(dir), nullptr};
  find_workspace(where.abs);
  where.module = module_for(where.abs);
  if (wildcard) {
    walk(where, 0);
    return;
  }
  std::vector<Candidate> candidates;
  if (list_candidates(dir, candidates, nullptr)) load_package(where, candidates, false, false);
}

bool Loader::list_candidates(const std::string& dir, std::vector<Candidate>& candidates,
                             std::vector<std::string>* subdirs) {
  std::vector<DirEntry> entries;
  std::string message;
  if (!list_dir(dir, entries, &message)) {
    error(dir, message);
    return false;
  }
  for (const DirEntry& entry : entries) {
    if (entry.type == DirEntry::Dir) {
      if (subdirs) subdirs->push_back(entry.name);
    } else if (entry.type == DirEntry::Symlink) {
      // Like the go tool, never descend into symlinked directories (so no symlink cycle can trap
      // the walk) and never take one for a file; a symlink to a file is an ordinary file.
      PathKind kind = path_kind(join_path(dir, entry.name));
      if (kind == PathKind::Loop) {
        error(join_path(dir, entry.name), "symlink loop");
      } else if (kind != PathKind::Dir) {
        candidates.push_back({entry.name});
      }
    } else {
      candidates.push_back({entry.name});
    }
  }
  return true;
}

void Loader::walk(const DirContext& where, int depth) {
  if (depth > kMaxWalkDepth) {
    error(where.dir, "directory tree too deep");
    return;
  }
  std::vector<Candidate> candidates;
  std::vector<std::string> subdirs;
  if (!list_candidates(where.dir, candidates, &subdirs)) return;

  const std::string rel = where.module ? module_relative(where) : "";
  // GOROOT/src/builtin only documents the predeclared identifiers; the go tool never matches it.
  bool pseudo_package = where.module && where.module->path == "std" && rel == "builtin";
  if (!pseudo_package) load_package(where, candidates, true, false);

  for (const std::string& name : subdirs) {
    if (name.starts_with(".") || name.starts_with("_") || name == "testdata" || name == "vendor") continue;
    DirContext child{join_path(where.dir, name), join_path(where.abs, name), where.module};
    if (path_kind(join_path(child.dir, "go.mod")) == PathKind::File) {
      // A module nested in another is a different module: "..." stops there unless go.work uses
      // it. Without a go.work, a walk that started outside any module (a repository of several
      // modules) enters every module.
      bool enter = workspace_modules_.count(child.abs) || (where.module == nullptr && !workspace_found_);
      if (!enter) continue;
      child.module = module_at(child.abs);
    }
    if (ignored_by_module(child)) continue;
    walk(child, depth + 1);
  }
}

GoVersion Loader::file_version(const Module* module, const FileHeader& header) const {
  if (options_.go_version_override) return *options_.go_version_override;
  GoVersion version = module ? module->go : GoVersion::latest();
  if (header.go_build) {
    // go/types: a //go:build line implying go1.N sets the file's version to max(go1.N, go1.21).
    std::string ignored;
    if (auto constraint = Constraint::parse_go_build(*header.go_build, &ignored)) {
      if (auto implied = constraint->min_go_version()) version = std::max(*implied, kFileVersionFloor);
    }
  }
  return version;
}

void Loader::load_package(const DirContext& where, const std::vector<Candidate>& candidates, bool wildcard,
                          bool file_list) {
  if (!loaded_dirs_.insert(where.abs + (file_list ? "\n<files>" : "")).second) return;

  const bool use_all_files = options_.all_files || file_list;
  std::string package_name, first_file;
  std::string conflict;  // the go tool's "found packages" message
  std::vector<SourceFile> library, internal_tests, external_tests;
  bool saw_go_file = false;       // a non-hidden .go file we looked at
  bool saw_skipped_test = false;  // a _test.go file left out because tests are off

  for (const Candidate& candidate : candidates) {
    const std::string& name = candidate.name;
    if (!ends_with(name, ".go")) continue;
    if (name.starts_with("_") || name.starts_with(".")) continue;
    bool is_test = ends_with(name, "_test.go");
    if (is_test && !options_.tests) {
      saw_skipped_test = true;
      continue;
    }
    saw_go_file = true;
    if (!use_all_files && !context_.matches_file_name(name)) continue;

    std::string path = join_path(where.dir, name);
    std::string text, message;
    if (!read_file(path, text, kMaxFileBytes, &message)) {
      error(path, message);
      continue;
    }
    if (text.find('\0') != std::string::npos) {
      error(path, "binary file (contains NUL bytes), not Go source");
      continue;
    }
    FileHeader header = scan_header(text);
    if (header.error.starts_with("multiple")) {
      error(path, header.error);
      continue;
    }
    if (!use_all_files) {
      std::string constraint_error;
      bool build = context_.matches_constraints(header, &constraint_error);
      if (!constraint_error.empty()) {
        error(path, constraint_error);
        continue;
      }
      if (!build) continue;
    }
    if (header.package_name.empty()) {
      error(path, header.error);
      continue;
    }
    std::string package = header.package_name;
    if (package == "documentation") continue;  // go/build ignores such files

    bool is_external = false;
    if (is_test && package.ends_with("_test") && package_name != package) {
      is_external = true;
      package.resize(package.size() - 5);
    }
    if (package_name.empty()) {
      package_name = package;
      first_file = name;
    } else if (package != package_name) {
      if (conflict.empty()) {
        conflict = "found packages " + package_name + " (" + first_file + ") and " + package + " (" + name + ") in " +
                   where.dir;
      }
      continue;
    }
    if (header.imports_c) {
      if (is_test) {
        error(path, "use of cgo in test " + path + " not supported");
        continue;
      }
      if (!context_.cgo_enabled() && !options_.all_files) continue;  // cgo is off, as for CGO_ENABLED=0
    }

    SourceFile file;
    file.path = std::move(path);
    file.text = std::move(text);
    file.go_version = file_version(where.module, header);
    file.generated = header.generated;
    file.is_test = is_test;
    file.cgo = header.imports_c;
    (is_external ? external_tests : is_test ? internal_tests : library).push_back(std::move(file));
  }

  if (!conflict.empty()) {
    error(where.dir, conflict);
    return;
  }
  if (library.empty() && internal_tests.empty() && external_tests.empty()) {
    // Under "..." a directory without buildable files is simply not a package.
    if (!wildcard) {
      std::string what = saw_go_file        ? "build constraints exclude all Go files in "
                         : saw_skipped_test ? "no non-test Go files in "
                                            : "no Go files in ";
      error(where.dir, what + where.dir);
    }
    return;
  }

  std::string path = file_list ? kCommandLineArguments : import_path(where);
  if (!library.empty() || !internal_tests.empty()) {
    Package package;
    package.dir = where.dir;
    package.import_path = path;
    package.name = package_name;
    package.kind = internal_tests.empty() ? Package::Library : Package::InternalTest;
    package.module = where.module;
    package.files = std::move(library);
    for (SourceFile& file : internal_tests) package.files.push_back(std::move(file));
    std::sort(package.files.begin(), package.files.end(),
              [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
    result_.packages.push_back(std::move(package));
  }
  if (!external_tests.empty()) {
    Package package;
    package.dir = where.dir;
    package.import_path = path + "_test";
    package.name = package_name + "_test";
    package.kind = Package::ExternalTest;
    package.module = where.module;
    package.files = std::move(external_tests);
    result_.packages.push_back(std::move(package));
  }
}

void Loader::load_file_list(const std::vector<std::string>& files) {
  std::string dir;
  std::vector<Candidate> candidates;
  for (const std::string& file : files) {
    std::string path = clean_path(file);
    std::string file_dir = parent_dir(path);
    if (dir.empty()) {
      dir = file_dir;
    } else if (file_dir != dir) {
      error(path, "named files must all be in one directory; have " + dir + " and " + file_dir);
      return;
    }
    std::string message;
    PathKind kind = path_kind(path, &message);
    if (kind == PathKind::Missing) {
      error(path, "no such file");
      continue;
    }
    if (kind == PathKind::Loop) {
      error(path, "symlink loop");
      continue;
    }
    if (kind != PathKind::File) {
      error(path, kind == PathKind::Error ? message : "not a regular file");
      continue;
    }
    candidates.push_back({base_name(path)});
  }
  if (candidates.empty()) return;
  auto by_name = [](const Candidate& a, const Candidate& b) { return a.name < b.name; };
  auto same_name = [](const Candidate& a, const Candidate& b) { return a.name == b.name; };
  std::sort(candidates.begin(), candidates.end(), by_name);
  candidates.erase(std::unique(candidates.begin(), candidates.end(), same_name), candidates.end());
  DirContext where{dir, absolute_path(dir), nullptr};
  find_workspace(where.abs);
  where.module = module_for(where.abs);
  load_package(where, candidates, false, true);
}

LoadResult Loader::finish() {
  std::stable_sort(result_.packages.begin(), result_.packages.end(), [](const Package& a, const Package& b) {
    if (a.dir != b.dir) return a.dir < b.dir;
    return a.kind < b.kind;
  });
  return std::move(result_);
}

}  // namespace

LoadResult load(const std::vector<std::string>& patterns, const Options& options) {
  Loader loader(options);
  std::vector<std::string> files;
  static const std::vector<std::string> kCurrentDir = {"."};  // no arguments: ".", as go vet
  for (const std::string& pattern : patterns.empty() ? kCurrentDir : patterns) {
    if (ends_with(pattern, ".go") && path_kind(pattern) != PathKind::Dir) {
      files.push_back(pattern);
    } else {
      loader.load_directory_pattern(pattern);
    }
  }
  if (!files.empty()) loader.load_file_list(files);
  return loader.finish();
}

}  // namespace gotrap::load
