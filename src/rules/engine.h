// The analysis engine: load packages, parse their files, run the enabled rules, and turn the raw
// findings into the final list (suppressed, superseded and duplicate findings removed, sorted).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"
#include "rules/suppression.h"

namespace gotrap::rules {

class Session;

// Which rules run: the default-enabled ones, plus `enable`, minus `disable`. An entry "all" in
// enable turns on every rule. Unknown names are an error (returned in *error, result empty).
std::vector<const Rule*> select_rules(const std::vector<const Rule*>& registry,
                                      const std::vector<std::string>& enable,
                                      const std::vector<std::string>& disable, std::string* error);

// Looks up the text of a file a finding points into (null when unknown).
using TextLookup = std::function<const std::string*(std::string_view path)>;

// Supersedes, sorting (path, start, end, rule, message) and de-duplication (suppression comments
// are applied before, by apply_suppressions in suppression.h).
// `active` gives the RuleInfo (supersedes lists) of the rules that ran.
void finalize_findings(std::vector<Finding>& findings, const std::vector<const Rule*>& active);

struct EngineOptions {
  std::vector<std::string> enable;
  std::vector<std::string> disable;
  std::string goos = "linux";
  std::string goarch = "amd64";
  std::optional<LangVersion> go_version;  // --go 1.N overrides every file's version
  bool all_files = false;                 // include generated files and ignore build constraints
  // Rules to run instead of the registry selection (used by the fixture runner and tests).
  std::optional<std::vector<const Rule*>> rules;
  // Threads for parsing and for the rules, the calling thread included; 0: one per core (at most 8).
  int threads = 0;
  // Never free the run's parsed files and semantic model (they stay reachable, so leak checkers
  // stay quiet): a process that exits after the run skips tearing down millions of objects
  // (~30 ms on GOROOT/src) and leaves the memory to the OS. Not for repeated runs.
  bool keep_analysis_until_exit = false;
  SuppressionOptions suppressions;
  bool tests = true;              // load _test.go files
  std::vector<std::string> tags;  // extra build tags, as go build -tags
  // Whether a selected rule applies to the files of a directory (per-directory configuration);
  // unset: everywhere. Called with the rule's name and a file path of the package.
  std::function<bool(std::string_view rule, std::string_view path)> rule_applies;
  // Result cache directory (see result_cache.h); empty: no cache. A package whose key matches
  // an entry has its findings replayed without being parsed. The key covers the package's files,
  // its imports' keys, gotrap's binary, the options above and which rules apply to it.
  std::string cache_dir;
  uint64_t cache_max_bytes = uint64_t(512) << 20;
  // Shard `shard_index` of `shard_count` (0 <= index < count): only the packages whose
  // directory, relative to its module's root, hashes to this shard are checked and reported
  // (the packages they import are still analysed). A package's shard depends only on its own
  // directory, so adding or removing other packages never moves it.
  int shard_index = 0;
  int shard_count = 1;
  // Texts to use instead of files on disk (load::Options::overlay): unsaved editor buffers.
  std::function<bool(const std::string& path, std::string& text)> overlay;
  std::function<std::vector<std::string>(const std::string& dir)> overlay_names;
  // Also load the packages of their own module that the patterns' packages import (transitively),
  // for their declarations and function summaries: the patterns' packages are then checked as in
  // a run over the whole module. The imports are analysed, not checked or reported on, and taken
  // without their _test.go files, as the go tool compiles them for their importers.
  bool with_module_imports = false;
  // Also load, for their declarations and function bodies (summaries), the packages the loaded
  // ones import that no loaded package provides, when their source is at hand: the importer's own
  // module, the standard library's vendor directory, the main module's vendor directory or the
  // module cache (load::load_dependencies), up to this many import edges away; 0: none. They are
  // analysed, never checked or reported on; a missing one stays unknown.
  int dependency_depth = 2;
  // State kept between runs (rules/session.h): parsed files and analysed packages reused while
  // their content is unchanged. Not with cache_dir or keep_analysis_until_exit.
  Session* session = nullptr;
  // Flat memory for the source texts: the loader reads each file for its header and lets its
  // text go; the pipeline reads it again to parse it, and frees it with the package's trees
  // unless a finding names the file or it may hold a suppression directive. RunResult::texts then
  // holds only those texts. Not for fixes, which check edits against the rest of their package,
  // and not with a session.
  bool release_texts = false;
};

// The shard (0..count-1) of a package directory given relative to its module root ("." for the
// root): a fixed hash of the path, the same on every machine and in every run.
int shard_of(std::string_view relative_dir, int count);

// Seconds per phase of a run. Parsing runs on worker threads while the calling thread analyses
// packages as soon as they and their imports are parsed, so parse and sema overlap in time.
struct PhaseTiming {
  double load = 0;           // wall: finding, reading and grouping the files
  double parse = 0;          // parse work, summed over all threads (not wall time)
  double sema = 0;           // the calling thread's time in semantic analysis (add + analyze)
  double parse_wait = 0;     // the calling thread's time waiting for files others were parsing
  double analysis_wall = 0;  // wall of the overlapped parse + sema phase
  double rules = 0;          // wall: rules (on EngineOptions::threads) and finalizing the findings
};

// A source file as read by the loader: kept for reports (line:column) and fixes (content check).
struct LoadedText {
  std::string path;
  std::string text;
};

// The files of one package of a run (fixes are checked against the rest of their package).
struct PackageFiles {
  std::string import_path;
  std::vector<std::string> paths;
  bool std = false;  // a package of the standard library (imports may name its vendor directory)
};

struct RunResult {
  // The rules' findings and the engine's own (kEngineDiagnostics: files that do not parse, files
  // or packages that cannot be loaded), sorted together. The run goes on past the engine's.
  std::vector<Finding> findings;
  // A fatal problem (bad options, nothing to analyse); when set, findings are meaningless.
  std::optional<std::string> fatal;
  std::map<std::string, std::string, std::less<>> texts;  // path -> text as read
  std::vector<PackageFiles> packages_files;                  // in load order
  std::map<std::string, size_t, std::less<>> package_of;     // path -> its first package there
  int packages = 0;  // packages checked (in this shard)
  int files = 0;
  int cache_hits = 0;  // packages whose findings came from the result cache
  int packages_checked = 0;   // packages the rules ran on (the others' findings were replayed)
  int packages_analysed = 0;  // packages parsed and analysed (checked, or imported by one that is)
  int files_known = 0;  // files the result cache's stat index vouched for (not read to load them)
  int files_read_late = 0;  // of those, read later (analysed, a finding's, or a suppression's)
  PhaseTiming timing;
};

// Loads `patterns` (as go vet takes them), parses, runs the rules, finalizes findings.
RunResult run(const std::vector<std::string>& patterns, const EngineOptions& options);

}  // namespace gotrap::rules
