#include <cstdlib>

#include "load/fsutil.h"
#include "load/loader.h"
#include "load/modfile.h"

namespace gotrap::load::detail {

Loader::Loader(const Options& options) : options_(options), context_(options) {
  // GOWORK as the go tool reads it: "off" disables workspaces, a path names the go.work file.
  const char* gowork = std::getenv("GOWORK");
  std::string_view setting = gowork ? gowork : "";
  workspaces_enabled_ = setting != "off";
  if (workspaces_enabled_ && !setting.empty()) gowork_path_ = absolute_path(std::string(setting));
  // GOMODCACHE, else the first GOPATH entry's pkg/mod, else $HOME/go/pkg/mod (the go command's
  // defaults; gotrap does not run it to ask).
  if (const char* cache = std::getenv("GOMODCACHE"); cache && *cache) {
    module_cache_ = cache;
  } else if (const char* gopath = std::getenv("GOPATH"); gopath && *gopath) {
    std::string_view first(gopath);
    first = first.substr(0, first.find(':'));
    if (!first.empty()) module_cache_ = std::string(first) + "/pkg/mod";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    module_cache_ = std::string(home) + "/go/pkg/mod";
  }
  if (!module_cache_.empty()) module_cache_ = absolute_path(module_cache_);
}

namespace {

// A module cache directory element back to its module path element: "!a" is "A".
std::string unescape_module_element(std::string_view escaped) {
  std::string out;
  for (size_t i = 0; i < escaped.size(); ++i) {
    if (escaped[i] == '!' && i + 1 < escaped.size() && escaped[i + 1] >= 'a' && escaped[i + 1] <= 'z') {
      out.push_back(char(escaped[++i] - 'a' + 'A'));
    } else {
      out.push_back(escaped[i]);
    }
  }
  return out;
}

}  // namespace

Module* Loader::module_cache_module(const std::string& abs_dir) {
  if (module_cache_.empty() || !abs_dir.starts_with(module_cache_ + "/")) return nullptr;
  std::string_view rel = std::string_view(abs_dir).substr(module_cache_.size() + 1);
  if (rel.starts_with("cache/")) return nullptr;  // downloads, not extracted modules
  // The module's root is the first element naming a version: <escaped path>@<version>.
  std::string path;
  size_t start = 0;
  while (start <= rel.size()) {
    size_t end = rel.find('/', start);
    std::string_view element = rel.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    size_t at = element.find('@');
    if (!path.empty()) path += '/';
    if (at != std::string_view::npos) {
      if (at == 0 || at + 1 >= element.size() || element[at + 1] != 'v') return nullptr;
      path += unescape_module_element(element.substr(0, at));
      std::string root = module_cache_ + "/" + std::string(rel.substr(0, start + element.size()));
      auto found = modules_by_root_.find(root);
      if (found != modules_by_root_.end()) return found->second;
      auto module = std::make_unique<Module>();
      module->root_dir = root;
      module->path = std::move(path);  // go stays 1.16 without a go line, as the go tool assumes
      return add_module(std::move(module));
    }
    path += unescape_module_element(element);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return nullptr;
}

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
  return add_module(std::move(module));
}

Module* Loader::add_module(std::unique_ptr<Module> module) {
  Module* raw = module.get();
  modules_by_root_[raw->root_dir] = raw;
  result_.modules.push_back(std::move(module));
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
  bool synthesized = false;
  if (root.empty()) {
    if (Module* cached = module_cache_module(abs_dir)) root = cached->root_dir, synthesized = true;
  }
  for (const std::string& d : visited) {
    // Above a synthesized module's root lie other modules of the cache: no answer for them.
    bool inside = !synthesized || d == root || d.starts_with(root + "/");
    module_root_of_dir_[d] = inside ? root : std::string();
  }
  return root.empty() ? nullptr : module_at(root);  // a synthesized module is known by its root
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

}  // namespace gotrap::load::detail
