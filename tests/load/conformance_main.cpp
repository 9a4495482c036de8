// load-conformance: compares the packages and files gotrap's loader selects with what the real go
// tool lists (`go list -e -json`) for the same patterns, with CGO_ENABLED=0.
//
//   load_conformance [--target GOOS/GOARCH] [--goroot] [--goroot-cmd] [--root DIR [PATTERN...]]...
// --target (default linux/amd64) applies to the roots that follow it.
// --goroot adds `$(go env GOROOT)/src` with pattern ./... (the "std" module), --goroot-cmd its
// "cmd" module (GOROOT/src/cmd, vendored dependencies). Exit status 1 on any
// difference, with one line per difference.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "load/load.h"

namespace {

using gotrap::load::Package;

struct Expected {
  std::string import_path;
  std::string name;
  std::vector<std::string> internal;  // GoFiles + TestGoFiles
  std::vector<std::string> external;  // XTestGoFiles
  std::string error;
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

bool run(const std::string& command, std::string& output) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return false;
  char buffer[65536];
  size_t got;
  while ((got = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, got);
  return pclose(pipe) == 0;
}

struct Target {
  std::string goos = "linux";
  std::string goarch = "amd64";
};

// The go tool's environment for a target; every microarchitecture level at its default.
std::string go_env(const Target& target) {
  return "env GOOS=" + target.goos + " GOARCH=" + target.goarch +
         " CGO_ENABLED=0 GOAMD64= GOARM64= GO386= GOARM= GORISCV64= GOPPC64= GOMIPS= GOMIPS64= GOWASM="
         " GOEXPERIMENT= GOFLAGS= GOTOOLCHAIN=local GOPROXY=off ";
}

std::vector<std::string> strings_of(const nlohmann::json& object, const char* key) {
  std::vector<std::string> out;
  if (object.contains(key)) {
    for (const auto& item : object[key]) out.push_back(item.get<std::string>());
  }
  return out;
}

bool go_list(const std::string& root, const std::vector<std::string>& patterns, const Target& target,
             std::map<std::string, Expected>& by_dir) {
  std::string command = "cd " + shell_quote(root) + " && " + go_env(target) +
                        "go list -e -json=Dir,ImportPath,Name,GoFiles,TestGoFiles,XTestGoFiles,Error";
  for (const std::string& pattern : patterns) {
    command += ' ';
    command += shell_quote(pattern);
  }
  std::string output;
  if (!run(command, output)) {
    std::cerr << "go list failed in " << root << "\n";
    return false;
  }
  std::istringstream stream(output);
  while (stream >> std::ws, stream.peek() != EOF) {
    nlohmann::json object;
    try {
      stream >> object;
    } catch (const std::exception& e) {
      std::cerr << "cannot read go list output: " << e.what() << "\n";
      return false;
    }
    Expected expected;
    expected.import_path = object.value("ImportPath", "");
    expected.name = object.value("Name", "");
    expected.internal = strings_of(object, "GoFiles");
    for (std::string& file : strings_of(object, "TestGoFiles")) expected.internal.push_back(std::move(file));
    std::sort(expected.internal.begin(), expected.internal.end());
    expected.external = strings_of(object, "XTestGoFiles");
    if (object.contains("Error")) expected.error = object["Error"].value("Err", "error");
    by_dir[object.value("Dir", "")] = std::move(expected);
  }
  return true;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

std::vector<std::string> file_names(const Package& package) {
  std::vector<std::string> names;
  for (const auto& file : package.files) names.push_back(file.path.substr(file.path.rfind('/') + 1));
  return names;
}

// Returns the number of differences for one root.
int compare_root(const std::string& root, const std::vector<std::string>& patterns, const Target& target) {
  std::map<std::string, Expected> expected;
  if (!go_list(root, patterns, target, expected)) return 1;

  std::vector<std::string> absolute_patterns;
  for (const std::string& pattern : patterns) absolute_patterns.push_back(root + "/" + pattern);
  auto start = std::chrono::steady_clock::now();
  gotrap::load::Options options;
  options.goos = target.goos;
  options.goarch = target.goarch;
  gotrap::load::LoadResult result = gotrap::load::load(absolute_patterns, options);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

  std::map<std::string, std::pair<const Package*, const Package*>> actual;  // dir -> (internal, external)
  size_t files = 0;
  for (const Package& package : result.packages) {
    auto& slot = actual[package.dir];
    (package.kind == Package::ExternalTest ? slot.second : slot.first) = &package;
    files += package.files.size();
  }
  std::set<std::string> error_paths;
  for (const auto& error : result.errors) error_paths.insert(error.path);
  auto error_mentions = [&](const std::string& text) {
    for (const auto& error : result.errors) {
      if (error.message.find(text) != std::string::npos) return true;
    }
    return false;
  };

  int differences = 0;
  auto differ = [&](const std::string& dir, const std::string& what) {
    ++differences;
    std::cout << "DIFF " << dir << ": " << what << "\n";
  };
  for (const auto& [dir, want] : expected) {
    auto found = actual.find(dir);
    if (!want.error.empty()) {
      // A directory the go tool rejects must not become a package, and gotrap must say why.
      if (found != actual.end()) differ(dir, "go list reports \"" + want.error + "\" but gotrap loaded it");
      // Some errors come without a directory; then gotrap's message must name the import path.
      bool reported = dir.empty() ? error_mentions("\"" + want.import_path + "\"") : error_paths.count(dir) > 0;
      if (!reported) differ(dir, "go list reports \"" + want.error + "\", gotrap reports nothing");
      continue;
    }
    if (found == actual.end()) {
      differ(dir, "missing package " + want.import_path);
      continue;
    }
    const Package* internal = found->second.first;
    const Package* external = found->second.second;
    std::vector<std::string> got_internal = internal ? file_names(*internal) : std::vector<std::string>{};
    std::vector<std::string> got_external = external ? file_names(*external) : std::vector<std::string>{};
    if (got_internal != want.internal) {
      differ(dir, "files: go [" + join(want.internal) + "] gotrap [" + join(got_internal) + "]");
    }
    if (got_external != want.external) {
      differ(dir, "external test files: go [" + join(want.external) + "] gotrap [" + join(got_external) + "]");
    }
    const Package* any = internal ? internal : external;
    std::string got_path = internal ? internal->import_path : any->import_path.substr(0, any->import_path.size() - 5);
    if (got_path != want.import_path) differ(dir, "import path: go " + want.import_path + " gotrap " + got_path);
    std::string got_name = internal ? internal->name : any->name.substr(0, any->name.size() - 5);
    if (got_name != want.name) differ(dir, "name: go " + want.name + " gotrap " + got_name);
  }
  for (const auto& [dir, pair] : actual) {
    if (!expected.count(dir)) differ(dir, "gotrap loaded a package the go tool does not list");
  }
  std::cout << root << " (" << target.goos << "/" << target.goarch << "): " << expected.size() << " go packages, " << actual.size() << " gotrap dirs, " << files
            << " files, loaded in " << ms << " ms, " << differences << " differences\n";
  return differences;
}

}  // namespace

int main(int argc, char** argv) {
  struct Root {
    std::string dir;
    std::vector<std::string> patterns;
    Target target;
  };
  std::vector<Root> roots;
  Target target;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--goroot" || arg == "--goroot-cmd") {
      std::string goroot;
      if (!run("go env GOROOT", goroot)) {
        std::cerr << "go env GOROOT failed\n";
        return 1;
      }
      while (!goroot.empty() && (goroot.back() == '\n' || goroot.back() == '\r')) goroot.pop_back();
      roots.push_back({goroot + (arg == "--goroot" ? "/src" : "/src/cmd"), {"./..."}, target});
    } else if (arg == "--target" && i + 1 < argc) {
      std::string value = argv[++i];
      size_t slash = value.find('/');
      if (slash == std::string::npos) {
        std::cerr << "--target wants GOOS/GOARCH\n";
        return 2;
      }
      target = {value.substr(0, slash), value.substr(slash + 1)};
    } else if (arg.starts_with("--") && arg != "--root") {
      std::cerr << "unknown flag " << arg << "\n";
      return 2;
    } else if (arg == "--root" && i + 1 < argc) {
      char* resolved = realpath(argv[++i], nullptr);  // go list reports absolute directories
      if (!resolved) {
        std::cerr << "no such directory: " << argv[i] << "\n";
        return 2;
      }
      roots.push_back({resolved, {}, target});
      free(resolved);
    } else if (!roots.empty()) {
      roots.back().patterns.push_back(arg);
    } else {
      std::cerr << "usage: load_conformance [--target GOOS/GOARCH] [--goroot] [--goroot-cmd] [--root DIR [PATTERN...]]...\n";
      return 2;
    }
  }
  int differences = 0;
  for (Root& root : roots) {
    if (root.patterns.empty()) root.patterns.push_back("./...");
    differences += compare_root(root.dir, root.patterns, root.target);
  }
  std::cout << (differences == 0 ? "PASS" : "FAIL") << ": " << differences << " differences\n";
  return differences == 0 ? 0 : 1;
}
