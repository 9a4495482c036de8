#include "load/load.h"

#include <algorithm>

#include "load/fsutil.h"
#include "load/loader.h"

namespace gotrap::load {

namespace detail {

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

std::optional<std::string> Loader::import_path_pattern_dir(const std::string& pattern) {
  std::string_view path = pattern;
  bool wildcard = path.ends_with("/...");
  if (wildcard) path.remove_suffix(4);
  const std::string cwd = absolute_path(".");
  find_workspace(cwd);
  std::vector<Module*> modules;
  for (const std::string& root : workspace_modules_) {
    if (Module* m = module_at(root)) modules.push_back(m);
  }
  if (Module* m = module_for(cwd)) modules.push_back(m);
  for (const Module* m : modules) {
    if (m->path.empty()) continue;
    std::string dir;
    if (path == m->path) {
      dir = m->root_dir;
    } else if (path.starts_with(m->path) && path.size() > m->path.size() && path[m->path.size()] == '/') {
      dir = m->root_dir + std::string(path.substr(m->path.size()));
    } else {
      continue;
    }
    // Below the working directory, paths stay relative, as a ./ pattern would give them.
    if (dir == cwd) {
      dir = ".";
    } else if (dir.starts_with(cwd + "/")) {
      dir = "./" + dir.substr(cwd.size() + 1);
    }
    return wildcard ? dir + "/..." : dir;
  }
  return std::nullopt;
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
  if (options_.overlay_names) {
    for (std::string& name : options_.overlay_names(dir)) {
      bool listed = std::any_of(candidates.begin(), candidates.end(),
                                [&](const Candidate& c) { return c.name == name; });
      if (!listed) candidates.push_back({std::move(name)});
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

}  // namespace detail

LoadResult load(const std::vector<std::string>& patterns, const Options& options) {
  detail::Loader loader(options);
  std::vector<std::string> files;
  static const std::vector<std::string> kCurrentDir = {"."};  // no arguments: ".", as go vet
  for (const std::string& pattern : patterns.empty() ? kCurrentDir : patterns) {
    if (std::string_view(pattern).ends_with(".go") && path_kind(pattern) != PathKind::Dir) {
      files.push_back(pattern);
    } else if (!pattern.starts_with(".") && !pattern.starts_with("/") &&
               path_kind(pattern.ends_with("/...") ? pattern.substr(0, pattern.size() - 4) : pattern) ==
                   PathKind::Missing) {
      // Not a directory here: an import path of the working directory's module, as go vet takes.
      std::optional<std::string> dir = loader.import_path_pattern_dir(pattern);
      loader.load_directory_pattern(dir ? *dir : pattern);
    } else {
      loader.load_directory_pattern(pattern);
    }
  }
  if (!files.empty()) loader.load_file_list(files);
  return loader.finish();
}

bool read_deferred_text(SourceFile& file) {
  if (!file.text_deferred) return true;
  FileStat stat;
  bool read = read_file(file.path, file.text, detail::kMaxFileBytes, nullptr, &stat);
  file.text_deferred = false;
  return read && stat == file.stat;
}

}  // namespace gotrap::load
