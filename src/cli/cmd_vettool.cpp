// `go vet -vettool=$(command -v gotrap) ./...`: gotrap speaking the protocol of go vet's analysis
// drivers (unitchecker). go vet asks `gotrap -V=full` for an identity to key its cache on and
// `gotrap -flags` for the flags it may pass, then runs `gotrap [flags] CONFIG.cfg` once per
// package with a JSON file naming the package's files (and, since Go 1.26, always with -json and
// a file for the JSON, which go vet turns into its usual "file:line:col: message" lines). gotrap analyses those files alone: types
// from other packages are unknown to it here (as they are whenever their source is not loaded),
// and it writes an empty facts file, since its rules exchange no facts between packages.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "report/report.h"
#include "rules/engine.h"
#include "version.h"

namespace gotrap::cli {

namespace {

using json = nlohmann::json;

// The identity go vet caches results under: a hash of this very executable, so a rebuilt gotrap
// never reuses an older binary's results.
int print_tool_id(const char* argv0) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::ifstream in(ec ? std::filesystem::path(argv0) : self, std::ios::binary);
  uint64_t hash = 1469598103934665603ull;  // FNV-1a over the binary
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      hash ^= static_cast<unsigned char>(buffer[i]);
      hash *= 1099511628211ull;
    }
  }
  std::printf("%s version devel gotrap-%s buildID=%016llx\n", argv0, kVersion,
              static_cast<unsigned long long>(hash));
  return 0;
}

// The flags go vet may pass on to us: only those its own drivers share.
int print_flags() {
  std::printf("%s\n", json::array({{{"Name", "json"}, {"Bool", true},
                                    {"Usage", "emit JSON output"}},
                                   {{"Name", "c"}, {"Bool", false},
                                    {"Usage", "display offending line with this many lines of context (ignored)"}}})
                          .dump()
                          .c_str());
  return 0;
}

}  // namespace

bool is_vettool_invocation(int argc, char** argv) {
  if (argc < 2) return false;
  std::string_view last = argv[argc - 1];
  if (argc == 2 && (last == "-V=full" || last == "-flags")) return true;
  if (!last.ends_with(".cfg")) return false;
  for (int i = 1; i < argc - 1; ++i) {  // only vet-style single-dash flags before the file
    std::string_view arg = argv[i];
    if (!arg.starts_with("-") || arg.starts_with("--")) return false;
  }
  return true;
}

int cmd_vettool(int argc, char** argv) {
  std::string_view last = argv[argc - 1];
  if (last == "-V=full") return print_tool_id(argv[0]);
  if (last == "-flags") return print_flags();
  bool json_output = false;
  for (int i = 1; i < argc - 1; ++i) {
    std::string_view arg = argv[i];
    if (arg == "-json" || arg == "-json=true") json_output = true;
  }

  std::ifstream in{std::string(last)};
  json cfg = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (cfg.is_discarded() || !cfg.is_object()) {
    std::fprintf(stderr, "gotrap: cannot read go vet's configuration %s\n", std::string(last).c_str());
    return 2;
  }
  // go vet wants the facts file for every package, including dependencies it only asks facts of.
  if (std::string vetx = cfg.value("VetxOutput", ""); !vetx.empty()) {
    std::ofstream(vetx, std::ios::binary | std::ios::trunc);
  }
  if (cfg.value("VetxOnly", false)) return 0;

  std::vector<std::string> files;
  for (const json& f : cfg.value("GoFiles", json::array())) {
    if (f.is_string()) files.push_back(f.get<std::string>());
  }
  if (files.empty()) return 0;
  rules::EngineOptions options;
  std::string go_version = cfg.value("GoVersion", "");
  if (go_version.starts_with("go")) go_version = go_version.substr(2);
  int major = 0, minor = 0;
  if (std::sscanf(go_version.c_str(), "%d.%d", &major, &minor) == 2) {
    options.go_version = rules::LangVersion{major, minor};
  }
  // go vet already chose the files for the build context; take them all as they are.
  options.all_files = true;
  options.keep_analysis_until_exit = true;
  rules::RunResult result = rules::run(files, options);
  if (result.fatal) {
    std::fprintf(stderr, "gotrap: %s\n", result.fatal->c_str());
    return 1;
  }
  report::Locator locator([&](std::string_view path) -> const std::string* {
    auto it = result.texts.find(path);
    return it == result.texts.end() ? nullptr : &it->second;
  });
  std::string id = cfg.value("ID", cfg.value("ImportPath", ""));
  if (json_output) {
    // {"ID": {"rule": [{"posn": "file:line:col", "message": "..."}]}}, as go vet's drivers print.
    json by_rule = json::object();
    for (const rules::Finding& f : result.findings) {
      report::Position p = locator.at(f.path, f.start);
      by_rule[f.rule].push_back({{"posn", f.path + ":" + std::to_string(p.line) + ":" +
                                              std::to_string(p.column)},
                                 {"message", f.message}});
    }
    // Since Go 1.26 go vet names a file for the tool's standard output ("Stdout"), reads the
    // JSON from it and prints the diagnostics itself; older versions read our standard output.
    std::string text = result.findings.empty() ? "" : json{{id, by_rule}}.dump(1, '\t') + "\n";
    if (std::string stdout_file = cfg.value("Stdout", ""); !stdout_file.empty()) {
      std::ofstream out(stdout_file, std::ios::binary | std::ios::trunc);
      out << text;
      if (!out) {
        std::fprintf(stderr, "gotrap: cannot write %s\n", stdout_file.c_str());
        return 1;
      }
    } else {
      std::cout << text;
    }
    return 0;
  }
  for (const rules::Finding& f : result.findings) {
    report::Position p = locator.at(f.path, f.start);
    std::fprintf(stderr, "%s:%u:%u: %s [%s]\n", f.path.c_str(), p.line, p.column, f.message.c_str(),
                 f.rule.c_str());
  }
  return result.findings.empty() ? 0 : 1;
}

}  // namespace gotrap::cli
