// Dependencies of the loaded packages, from their source when it is at hand: the importer's own
// module, the standard library's vendor directory, the main module's vendor directory, or the
// module cache as the main module's go.mod requirements and replaces. See load_dependencies in load.h.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <string_view>

#include "load/fsutil.h"
#include "load/loader.h"
#include "load/modfile.h"

namespace gotrap::load {

std::string escape_module_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back('!');
      out.push_back(char(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace detail {

Module* Loader::dependency_module(const std::string& abs_root, const std::string& path) {
  auto key = std::make_pair(abs_root, path);
  auto found = dependency_modules_.find(key);
  if (found != dependency_modules_.end()) return found->second;
  auto module = std::make_unique<Module>();
  module->root_dir = abs_root;
  module->path = path;
  std::string text;
  if (read_file(join_path(abs_root, "go.mod"), text, kMaxFileBytes, nullptr)) {
    ModFile parsed = parse_mod_file(text);
    if (parsed.go) {
      module->go = *parsed.go;
      module->has_go_line = true;
    }
    module->toolchain = parsed.toolchain;
  }
  Module* raw = module.get();
  result_.modules.push_back(std::move(module));  // not by root: the root may serve another path
  dependency_modules_.emplace(std::move(key), raw);
  return raw;
}

bool Loader::load_dependency_dir(const std::string& abs_dir, const std::string& import_path, Module* module) {
  if (path_kind(abs_dir) != PathKind::Dir) return false;
  std::vector<Candidate> candidates;
  if (!list_candidates(abs_dir, candidates, nullptr)) return false;
  const size_t before = result_.packages.size();
  DirContext where{abs_dir, abs_dir, module};
  load_package(where, candidates, /*wildcard=*/true, /*file_list=*/false);
  if (result_.packages.size() != before + 1 || result_.packages.back().import_path != import_path) {
    result_.packages.resize(before);  // not the package the import names (or none): unknown
    return false;
  }
  result_.packages.back().dependency = true;
  return true;
}

LoadResult Loader::take() {
  LoadResult out;
  out.packages = std::move(result_.packages);
  out.modules = std::move(result_.modules);
  result_.packages.clear();
  result_.modules.clear();
  result_.errors.clear();
  return out;
}

}  // namespace detail

namespace {

// The standard library: an import path whose first element has no dot (the go command reserves
// those for it).
bool is_standard(std::string_view path) {
  std::string_view first = path.substr(0, path.find('/'));
  return first.find('.') == std::string_view::npos;
}

bool has_path_prefix(std::string_view path, std::string_view prefix) {
  return path == prefix || (path.size() > prefix.size() && path.starts_with(prefix) && path[prefix.size()] == '/');
}

// What the main module says of where its dependencies are.
struct MainModule {
  bool vendor = false;  // the go command would build from vendor/
  std::map<std::string, std::string, std::less<>> requirements;  // path -> version
  std::vector<Replacement> replaces;
  // vendor/modules.txt: package -> its module, module -> its go line.
  std::map<std::string, std::string, std::less<>> vendored_package_module;
  std::map<std::string, GoVersion, std::less<>> vendored_module_go;
};

// The -mod setting of GOFLAGS ("" when none).
std::string goflags_mod() {
  const char* flags = std::getenv("GOFLAGS");
  if (!flags) return "";
  std::string_view rest = flags;
  std::string mod;
  while (!rest.empty()) {
    size_t space = rest.find_first_of(" \t");
    std::string_view word = rest.substr(0, space);
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
    for (std::string_view prefix : {"-mod=", "--mod="})
      if (word.starts_with(prefix)) mod = std::string(word.substr(prefix.size()));
  }
  return mod;
}

void read_vendor_modules(const std::string& root, MainModule& main) {
  std::string text;
  if (!read_file(join_path(root, "vendor/modules.txt"), text, detail::kMaxFileBytes, nullptr)) return;
  std::string module;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.starts_with("## ")) {
      // "## explicit; go 1.21"
      size_t go = line.find("go ");
      if (!module.empty() && go != std::string_view::npos && (go == 3 || line[go - 1] == ' ')) {
        std::string_view version = line.substr(go + 3);
        version = version.substr(0, version.find(';'));
        if (auto v = GoVersion::parse(version)) main.vendored_module_go[module] = *v;
      }
    } else if (line.starts_with("# ")) {
      std::string_view rest = line.substr(2);
      module = std::string(rest.substr(0, rest.find(' ')));
    } else if (!line.empty() && !module.empty()) {
      main.vendored_package_module.emplace(std::string(line), module);
    }
  }
}

MainModule read_main_module(const Module& module) {
  MainModule main;
  std::string text;
  if (!read_file(join_path(module.root_dir, "go.mod"), text, detail::kMaxFileBytes, nullptr)) return main;
  ModFile parsed = parse_mod_file(text);
  for (Requirement& r : parsed.requirements) main.requirements[r.path] = std::move(r.version);
  main.replaces = std::move(parsed.replaces);
  // The go command's default: vendor/ when it exists and the go line is 1.14 or later.
  std::string mod = goflags_mod();
  bool has_vendor = path_kind(join_path(module.root_dir, "vendor")) == PathKind::Dir;
  if (mod == "vendor") main.vendor = has_vendor;
  else if (mod.empty()) main.vendor = has_vendor && parsed.go && *parsed.go >= GoVersion{1, 14};
  if (main.vendor) read_vendor_modules(module.root_dir, main);
  return main;
}

struct Target {
  std::string dir;          // absolute
  std::string import_path;  // as the package will be known
  Module* module = nullptr;
};

class DependencyLoader {
 public:
  explicit DependencyLoader(const Options& options) : loader_(options) {}

  // Where the import `path` of `importer` (a package of module `own`, loaded for main module
  // `main`) is; nullopt when its source is not at hand or it is the standard library's.
  // `other_modules` false: only imports of the importer's own module.
  std::optional<Target> resolve(std::string_view path, const Module* own, const Module* main, bool other_modules) {
    if (path == "C" || path == "unsafe" || own == nullptr || own->path.empty()) return std::nullopt;
    Module* own_module = const_cast<Module*>(own);  // only read: its root, path and go line
    if (own->path == "std") {
      if (is_standard(path)) return Target{join_path(own->root_dir, std::string(path)), std::string(path), own_module};
      std::string vendored = "vendor/" + std::string(path);
      return Target{join_path(own->root_dir, vendored), vendored, own_module};
    }
    if (has_path_prefix(path, own->path)) {
      return Target{own->root_dir + std::string(path.substr(own->path.size())), std::string(path), own_module};
    }
    if (!other_modules || is_standard(path) || main == nullptr || main->path.empty() || main->path == "std") return std::nullopt;
    const MainModule& facts = main_facts(*main);
    if (facts.vendor) {
      std::string module_path;
      auto listed = facts.vendored_package_module.find(path);
      if (listed != facts.vendored_package_module.end()) module_path = listed->second;
      if (module_path.empty() || !has_path_prefix(path, module_path)) return std::nullopt;
      Module* module = loader_.dependency_module(join_path(main->root_dir, "vendor/" + module_path), module_path);
      if (auto go = facts.vendored_module_go.find(module_path); go != facts.vendored_module_go.end()) {
        module->go = go->second;
        module->has_go_line = true;
      }
      return Target{join_path(main->root_dir, "vendor/" + std::string(path)), std::string(path), module};
    }
    // The required module with the longest path prefix that has the package's directory.
    for (size_t end = path.size(); end != std::string_view::npos && end > 0; end = path.rfind('/', end - 1)) {
      std::string_view prefix = path.substr(0, end);
      auto required = facts.requirements.find(prefix);
      if (required == facts.requirements.end()) continue;
      std::string root = module_root(*main, facts, std::string(prefix), required->second);
      if (root.empty()) continue;
      std::string dir = root + std::string(path.substr(end));
      if (path_kind(dir) != PathKind::Dir) continue;
      return Target{dir, std::string(path), loader_.dependency_module(root, std::string(prefix))};
    }
    return std::nullopt;
  }

  detail::Loader& loader() { return loader_; }

 private:
  const MainModule& main_facts(const Module& main) {
    auto found = mains_.find(&main);
    if (found == mains_.end()) found = mains_.emplace(&main, read_main_module(main)).first;
    return found->second;
  }

  // The directory of module `path` at `version` as the main module's replacements say.
  std::string module_root(const Module& main, const MainModule& facts, const std::string& path,
                          const std::string& version) const {
    std::string new_path = path, new_version = version;
    const Replacement* chosen = nullptr;
    for (const Replacement& r : facts.replaces) {
      if (r.old_path != path) continue;
      if (!r.old_version.empty() && r.old_version != version) continue;
      // A replacement of this very version wins over one of every version.
      if (!chosen || (!r.old_version.empty() && chosen->old_version.empty())) chosen = &r;
    }
    if (chosen) {
      if (chosen->local()) {
        const std::string& dir = chosen->new_path;
        return dir.starts_with("/") ? clean_path(dir) : clean_path(main.root_dir + "/" + dir);
      }
      new_path = chosen->new_path;
      new_version = chosen->new_version;
    }
    const std::string& cache = loader_.module_cache();
    if (cache.empty()) return "";
    return cache + "/" + escape_module_path(new_path) + "@" + escape_module_path(new_version);
  }

  detail::Loader loader_;
  std::map<const Module*, MainModule> mains_;
};

}  // namespace

size_t load_dependencies(LoadResult& result, size_t first, const Options& given, int depth) {
  Options options = given;
  options.tests = false;
  DependencyLoader deps(options);
  std::set<std::string, std::less<>> known;  // import paths provided or already looked for
  for (const Package& package : result.packages) known.insert(package.import_path);
  // The packages whose imports the next level looks up, each with its main module.
  std::vector<std::pair<size_t, const Module*>> level;
  for (size_t p = first; p < result.packages.size(); ++p) level.push_back({p, result.packages[p].module});
  const size_t before = result.packages.size();
  for (int d = 0; d < depth && !level.empty(); ++d) {
    std::map<std::string, const Module*> main_of;  // the new packages' main modules
    for (const auto& [p, main] : level) {
      const Package& package = result.packages[p];
      for (const SourceFile& file : package.files) {
        FileHeader scanned;
        if (!file.header_known) scanned = scan_header(file.text);
        for (const std::string& path : file.header_known ? file.imports : scanned.imports) {
          std::optional<Target> target = deps.resolve(path, package.module, main, /*other_modules=*/d == 0);
          if (!target || !known.insert(target->import_path).second) continue;
          if (deps.loader().load_dependency_dir(target->dir, target->import_path, target->module))
            main_of.emplace(target->import_path, main);
        }
      }
    }
    LoadResult more = deps.loader().take();
    level.clear();
    for (Package& package : more.packages) {
      level.push_back({result.packages.size(), main_of[package.import_path]});
      result.packages.push_back(std::move(package));
    }
    for (std::unique_ptr<Module>& module : more.modules) result.modules.push_back(std::move(module));
  }
  return result.packages.size() - before;
}

}  // namespace gotrap::load
