// gotrap [flags] PATH...: load, analyse, report, and optionally fix.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <span>
#include <sstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/baseline.h"
#include "cli/commands.h"
#include "rules/result_cache.h"
#include "version.h"
#include "config/config.h"
#include "fix/fix.h"
#include "load/build_context.h"
#include "load/load.h"
#include "report/report.h"
#include "rules/engine.h"

namespace gotrap::cli {

namespace {

constexpr int kExitClean = 0, kExitFindings = 1, kExitUsage = 2;

constexpr const char* kUsage =
    "usage: gotrap [flags] PATH...            (PATH: ./..., dir/..., dir, or file.go)\n"
    "       gotrap ast [--check] FILE...\n"
    "       gotrap debug uses|types PATH...\n"
    "       gotrap config [DIR]                print the configuration in force for DIR\n"
    "\n"
    "flags:\n"
    "  --format text|json|sarif|github   output format (default text)\n"
    "  --fix                             apply safe fixes in place\n"
    "  --unsafe-fixes                    also fixes that may change behaviour (implies --fix)\n"
    "  --diff                            print fixes as a unified diff, change nothing\n"
    "  --enable r1,r2 / --disable r      turn rules on or off (\"all\" for every rule)\n"
    "  --go 1.N                          language version for every file\n"
    "  --goos X --goarch Y               build target (default linux/amd64)\n"
    "  --all-files                       ignore build constraints, include generated files\n"
    "  --list-rules                      list the rules and exit\n"
    "  --explain RULE                    print a rule's documentation and exit\n"
    "  --stats                           print counts and time per phase on stderr\n"
    "  -o FILE, --output FILE            write the report to FILE instead of standard output\n"
    "  --report-unused-suppressions      report suppression comments that silenced nothing\n"
    "  --config FILE / --no-config       use FILE for every directory / no gotrap.toml at all\n"
    "                                    (default: the nearest gotrap.toml files, walking up)\n"
    "  --tests=false                     leave _test.go files out\n"
    "  --stdin-filename PATH             check PATH with the text on standard input (editors)\n"
    "  --write-baseline FILE             record today's findings in FILE (and report none)\n"
    "  --baseline FILE                   report only findings not recorded in FILE\n"
    "  --new-from-rev REV                report only findings on lines changed since git REV\n"
    "  --tags a,b                        extra build tags, as go build -tags\n"
    "  --exit-zero                       exit 0 even when there are findings (report-only jobs)\n"
    "  --cache-dir DIR / --no-cache      result cache (default $XDG_CACHE_HOME/gotrap, else\n"
    "                                    ~/.cache/gotrap; --fix and --diff never use it)\n"
    "  --threads N                       threads to use (default 0: all cores)\n"
    "  --shard K/N                       check only shard K of N (packages split by directory)\n"
    "  --deps N                          read imported packages not given (own module, vendor/,\n"
    "                                    module cache) up to N imports away (default 2; 0: none)\n"
    "  --version                         print gotrap's version and the newest Go it understands\n"
    "exit status: 0 no findings, 1 findings (including files that do not parse or load),\n"
    "2 wrong command line or nothing at all could be analysed\n";

struct CheckOptions {
  report::Format format = report::Format::text;
  bool fix = false;
  bool unsafe_fixes = false;
  bool diff = false;
  bool list_rules = false;
  bool stats = false;
  bool exit_zero = false;
  bool version = false;
  std::optional<std::string> output;  // -o FILE
  std::optional<std::string> config_file;  // --config FILE
  bool no_config = false;
  std::optional<bool> tests;                      // --tests=BOOL
  std::optional<std::vector<std::string>> tags;   // --tags a,b
  bool report_unused_given = false;
  std::optional<std::string> write_baseline;  // --write-baseline FILE
  std::optional<std::string> baseline;        // --baseline FILE
  std::optional<std::string> new_from_rev;    // --new-from-rev REV
  std::optional<std::string> stdin_filename;  // --stdin-filename PATH: the file's text on stdin
  std::optional<std::string> explain;
  rules::EngineOptions engine;
  std::vector<std::string> paths;
  bool no_cache = false;
  std::optional<std::string> cache_dir;  // --cache-dir DIR
};

// "K/N" with 1 <= K <= N: shard K of N (numbered from 1, as CI matrices count).
bool parse_shard(std::string_view text, int& index, int& count) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return false;
  auto number = [](std::string_view digits, int& out) {
    if (digits.empty() || digits.size() > 6) return false;
    out = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    return true;
  };
  int k = 0, n = 0;
  if (!number(text.substr(0, slash), k) || !number(text.substr(slash + 1), n)) return false;
  if (n < 1 || k < 1 || k > n) return false;
  index = k - 1;
  count = n;
  return true;
}

void split_names(std::string_view list, std::vector<std::string>& out) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    if (!name.empty()) out.emplace_back(name);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

std::optional<rules::LangVersion> parse_go_version(std::string_view text) {
  if (text.starts_with("go")) text.remove_prefix(2);
  rules::LangVersion v;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, v.major);
  if (ec != std::errc() || p == end || *p != '.') return std::nullopt;
  auto [q, ec2] = std::from_chars(p + 1, end, v.minor);
  if (ec2 != std::errc() || (q != end && *q != '.')) return std::nullopt;
  if (v.major != 1 || v.minor < 0) return std::nullopt;
  return v;
}

// Writes `text` to `path` through a temporary file in the same directory and a rename.
bool write_report_file(const std::string& path, const std::string& text, std::string* error) {
  std::filesystem::path target(path);
  std::filesystem::path temp = target;
  temp += ".gotrap-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      *error = "cannot write " + temp.string();
      std::error_code ignored;
      std::filesystem::remove(temp, ignored);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    *error = "cannot write " + path + ": " + ec.message();
    std::filesystem::remove(temp, ec);
    return false;
  }
  return true;
}

std::string known_list(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

// Returns an error message, or nullopt when the arguments are valid.
std::optional<std::string> parse_args(int argc, char** argv, CheckOptions& o) {
  bool flags_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (flags_done || arg.empty() || arg[0] != '-' || arg == "-") {
      o.paths.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      flags_done = true;
      continue;
    }
    std::string_view name = arg;
    std::optional<std::string_view> inline_value;
    if (size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    if (name == "-o") name = "--output";
    if (name.starts_with("--") == false && name.size() > 2) {
      return "unknown flag " + std::string(arg) + " (flags take two dashes)";
    }
    auto value = [&]() -> std::optional<std::string_view> {
      if (inline_value) return inline_value;
      if (i + 1 < argc) return std::string_view(argv[++i]);
      return std::nullopt;
    };
    auto boolean = [&](bool& flag) -> std::optional<std::string> {
      if (inline_value) return "flag " + std::string(name) + " takes no value";
      flag = true;
      return std::nullopt;
    };
    std::optional<std::string> error;
    if (name == "--fix") {
      error = boolean(o.fix);
    } else if (name == "--unsafe-fixes") {
      error = boolean(o.unsafe_fixes);
    } else if (name == "--diff") {
      error = boolean(o.diff);
    } else if (name == "--all-files") {
      error = boolean(o.engine.all_files);
    } else if (name == "--list-rules") {
      error = boolean(o.list_rules);
    } else if (name == "--stats") {
      error = boolean(o.stats);
    } else if (name == "--report-unused-suppressions") {
      error = boolean(o.engine.suppressions.report_unused);
      o.report_unused_given = true;
    } else if (name == "--no-config") {
      error = boolean(o.no_config);
    } else if (name == "--no-cache") {
      error = boolean(o.no_cache);
    } else if (name == "--exit-zero") {
      error = boolean(o.exit_zero);
    } else if (name == "--version") {
      error = boolean(o.version);
    } else if (name == "--help" || name == "-h") {
      return "";
    } else if (name == "--format" || name == "--enable" || name == "--disable" || name == "--go" ||
               name == "--goos" || name == "--goarch" || name == "--explain" ||
               name == "--output" || name == "--config" || name == "--tests" || name == "--tags" ||
               name == "--baseline" || name == "--write-baseline" || name == "--new-from-rev" ||
               name == "--stdin-filename" ||
               name == "--cache-dir" || name == "--threads" || name == "--shard" || name == "--deps") {
      auto v = value();
      if (!v || v->empty()) return "flag " + std::string(name) + " needs a value";
      if (name == "--format") {
        auto format = report::parse_format(*v);
        if (!format) return "unknown format \"" + std::string(*v) + "\" (text, json, sarif, github)";
        o.format = *format;
      } else if (name == "--enable") {
        split_names(*v, o.engine.enable);
      } else if (name == "--disable") {
        split_names(*v, o.engine.disable);
      } else if (name == "--go") {
        o.engine.go_version = parse_go_version(*v);
        if (!o.engine.go_version) return "bad Go version \"" + std::string(*v) + "\" (want 1.N)";
      } else if (name == "--goos") {
        if (!load::is_known_os(*v)) return "unknown GOOS \"" + std::string(*v) + "\" (" + known_list(load::known_os()) + ")";
        o.engine.goos = std::string(*v);
      } else if (name == "--goarch") {
        if (!load::is_known_arch(*v)) return "unknown GOARCH \"" + std::string(*v) + "\" (" + known_list(load::known_arch()) + ")";
        o.engine.goarch = std::string(*v);
      } else if (name == "--cache-dir") {
        o.cache_dir = std::string(*v);
      } else if (name == "--threads") {
        int threads = 0;
        for (char c : *v) {
          if (c < '0' || c > '9' || threads > 4096) return "--threads takes a number (0: all cores)";
          threads = threads * 10 + (c - '0');
        }
        o.engine.threads = threads;
      } else if (name == "--deps") {
        int depth = 0;
        for (char c : *v) {
          if (c < '0' || c > '9' || depth > 64) return "--deps takes a number (0: no dependencies)";
          depth = depth * 10 + (c - '0');
        }
        o.engine.dependency_depth = depth;
      } else if (name == "--shard") {
        if (!parse_shard(*v, o.engine.shard_index, o.engine.shard_count))
          return "--shard takes K/N with 1 <= K <= N";
      } else if (name == "--output") {
        o.output = std::string(*v);
      } else if (name == "--stdin-filename") {
        o.stdin_filename = std::string(*v);
      } else if (name == "--baseline") {
        o.baseline = std::string(*v);
      } else if (name == "--write-baseline") {
        o.write_baseline = std::string(*v);
      } else if (name == "--new-from-rev") {
        o.new_from_rev = std::string(*v);
      } else if (name == "--config") {
        o.config_file = std::string(*v);
      } else if (name == "--tests") {
        if (*v != "true" && *v != "false") return "--tests takes true or false";
        o.tests = *v == "true";
      } else if (name == "--tags") {
        o.tags.emplace();
        split_names(*v, *o.tags);
      } else {
        o.explain = std::string(*v);
      }
    } else {
      return "unknown flag " + std::string(name);
    }
    if (error) return error;
  }
  if (o.stdin_filename) {
    // The file's text comes on standard input; `-` may stand for it among the patterns, and its
    // package is the one analysed when no other pattern is given.
    std::erase(o.paths, std::string("-"));
    if (o.paths.empty()) {
      std::string dir = std::filesystem::path(*o.stdin_filename).parent_path().string();
      o.paths.push_back(dir.empty() ? "." : dir);
    }
    if (o.fix || o.unsafe_fixes) return "--fix does not go with --stdin-filename (use --diff)";
  } else if (std::find(o.paths.begin(), o.paths.end(), "-") != o.paths.end()) {
    return "\"-\" reads a file from standard input: name it with --stdin-filename PATH";
  }
  if (o.unsafe_fixes && !o.diff) o.fix = true;
  if (o.fix && o.diff) return "--fix and --diff exclude each other";
  if (o.config_file && o.no_config) return "--config and --no-config exclude each other";
  if (o.cache_dir && o.no_cache) return "--cache-dir and --no-cache exclude each other";
  if (o.write_baseline && (o.fix || o.diff)) return "--write-baseline does not go with --fix or --diff";
  if (o.paths.empty() && !o.list_rules && !o.explain && !o.version) return "no PATH given (try ./...)";
  return std::nullopt;
}

int print_version() {
  load::GoVersion newest = load::GoVersion::latest();
  std::printf("gotrap %s (Go language up to go%d.%d)\n", kVersion, newest.major, newest.minor);
  return kExitClean;
}

int list_rules() {
  size_t width = 0;
  for (const rules::Rule* rule : rules::all_rules()) width = std::max(width, rule->info().name.size());
  for (const rules::Rule* rule : rules::all_rules()) {
    const rules::RuleInfo& info = rule->info();
    std::printf("%-*s  %s%s\n", int(width), info.name.c_str(), info.summary.c_str(),
                info.enabled_by_default ? "" : " (off by default)");
  }
  return kExitClean;
}

int explain(const std::string& name) {
  const rules::Rule* rule = rules::find_rule(name);
  if (!rule) {
    std::fprintf(stderr, "gotrap: unknown rule \"%s\" (see --list-rules)\n", name.c_str());
    return kExitUsage;
  }
  const rules::RuleInfo& info = rule->info();
  std::printf("%s: %s\n\n%s\n", info.name.c_str(), info.summary.c_str(), info.doc.c_str());
  return kExitClean;
}

struct FixOutcome {
  size_t findings_fixed = 0;
  std::set<std::string> files;  // files written (fix mode) or diffed (diff mode)
  std::set<std::string> refused;  // files that could not be written: not tried again
};

// Applies the fixes of one run's findings (or prints them as a diff) and adds to `outcome`.
// Returns the number of files written or diffed.
int handle_fixes(const CheckOptions& o, const rules::RunResult& result, FixOutcome& outcome) {
  rules::TextLookup text_of = [&](std::string_view path) -> const std::string* {
    auto it = result.texts.find(path);
    return it == result.texts.end() ? nullptr : &it->second;
  };
  fix::PackageLookup package_of = [&](std::string_view path) -> const fix::PackageSource* {
    auto it = result.package_of.find(path);
    return it == result.package_of.end() ? nullptr : &result.packages_files[it->second];
  };
  int files = 0;
  std::vector<std::string> dropped;
  std::vector<fix::FileFix> planned =
      fix::plan_verified_fixes(result.findings, o.unsafe_fixes, text_of, package_of, &dropped);
  for (const std::string& d : dropped) std::fprintf(stderr, "gotrap: %s\n", d.c_str());
  for (const fix::FileFix& file : planned) {
    if (outcome.refused.count(file.path)) continue;
    if (o.diff) {
      std::cout << fix::unified_diff(file.path, file.original, file.fixed);
      if (file.skipped > 0) {
        std::fprintf(stderr, "gotrap: %s: %d overlapping fix(es) not shown (--fix applies them "
                     "in later rounds)\n", file.path.c_str(), file.skipped);
      }
      ++files;
      outcome.files.insert(file.path);
      outcome.findings_fixed += file.applied.size();
      continue;
    }
    std::string error;
    switch (fix::write_if_unchanged(file.path, file.original, file.fixed, &error)) {
      case fix::WriteResult::written:
        ++files;
        outcome.files.insert(file.path);
        outcome.findings_fixed += file.applied.size();
        break;
      case fix::WriteResult::changed_on_disk:
        std::fprintf(stderr, "gotrap: %s: changed since it was read; fixes not applied\n",
                     file.path.c_str());
        outcome.refused.insert(file.path);
        break;
      case fix::WriteResult::failed:
        std::fprintf(stderr, "gotrap: %s\n", error.c_str());
        outcome.refused.insert(file.path);
        break;
    }
  }
  return files;
}

// Per-directory configuration around one run: which rules apply where (asked by the engine from
// its threads), and what happens to the findings after it (exclusions, tests, severities).
class ConfiguredRun {
 public:
  ConfiguredRun(config::Resolver& resolver, std::vector<std::string> cli_enable,
                std::vector<std::string> cli_disable)
      : resolver_(resolver), enable_(std::move(cli_enable)), disable_(std::move(cli_disable)) {}

  // The command line's --enable/--disable beat the files, as a nearer file beats a farther one.
  bool applies(std::string_view rule_name, std::string_view path) {
    const rules::Rule* rule = rules::find_rule(rule_name);
    if (!rule) return false;
    bool on;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      on = resolver_.for_file(path).rule_enabled(rule->info());
    }
    auto named = [](const std::vector<std::string>& list, std::string_view name) {
      return std::find(list.begin(), list.end(), name) != list.end();
    };
    if (named(disable_, "all")) on = false;
    if (named(enable_, "all")) on = true;
    if (named(enable_, rule_name)) on = true;
    if (named(disable_, rule_name)) on = false;
    return on;
  }

  void filter(std::vector<rules::Finding>& findings) {
    std::vector<rules::Finding> kept;
    kept.reserve(findings.size());
    for (rules::Finding& f : findings) {
      const config::Effective& effective = resolver_.for_file(f.path);
      std::error_code ec;
      std::string absolute = std::filesystem::absolute(f.path, ec).lexically_normal().string();
      if (effective.excluded(ec ? f.path : absolute)) continue;
      if (!effective.tests() && f.path.ends_with("_test.go")) continue;
      if (const rules::Rule* rule = rules::find_rule(f.rule)) f.severity = effective.severity(rule->info());
      kept.push_back(std::move(f));
    }
    findings = std::move(kept);
  }

 private:
  config::Resolver& resolver_;
  std::vector<std::string> enable_;
  std::vector<std::string> disable_;
  std::mutex mutex_;
};

void print_config_errors(const config::Resolver& resolver) {
  for (const config::Error& error : resolver.errors()) {
    std::fprintf(stderr, "gotrap: %s\n", error.to_string().c_str());
  }
}

}  // namespace

int cmd_config(int argc, char** argv) {
  std::string dir = ".";
  config::Resolver::Mode mode = config::Resolver::Mode::discover;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--no-config") {
      mode = config::Resolver::Mode::none;
    } else if (arg == "--config" && i + 1 < argc) {
      mode = config::Resolver::Mode::explicit_file;
      file = argv[++i];
    } else if (!arg.empty() && arg[0] != '-') {
      dir = std::string(arg);
    } else {
      std::fprintf(stderr, "usage: gotrap config [--config FILE | --no-config] [DIR]\n");
      return kExitUsage;
    }
  }
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(dir, ec).lexically_normal();
  if (ec || !std::filesystem::is_directory(absolute)) {
    std::fprintf(stderr, "gotrap: %s is not a directory\n", dir.c_str());
    return kExitUsage;
  }
  config::Resolver resolver(mode, file);
  std::string path = absolute.string();
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  const config::Effective& effective = resolver.for_dir(path);
  if (!resolver.errors().empty()) {
    print_config_errors(resolver);
    return kExitUsage;
  }
  std::fputs(effective.describe().c_str(), stdout);
  return kExitClean;
}

int cmd_check(int argc, char** argv) {
  CheckOptions o;
  if (auto error = parse_args(argc, argv, o)) {
    if (error->empty()) {
      std::fputs(kUsage, stdout);
      return kExitClean;
    }
    std::fprintf(stderr, "gotrap: %s\nrun 'gotrap --help' for usage\n", error->c_str());
    return kExitUsage;
  }
  if (o.version) return print_version();
  if (o.list_rules) return list_rules();
  if (o.explain) return explain(*o.explain);

  // Configuration: the files nearest each analysed directory; the working directory's decides
  // what is global (build tags, how suppressions are judged).
  config::Resolver resolver(o.no_config      ? config::Resolver::Mode::none
                            : o.config_file ? config::Resolver::Mode::explicit_file
                                            : config::Resolver::Mode::discover,
                            o.config_file.value_or(""));
  {
    std::error_code ec;
    std::string cwd = std::filesystem::current_path(ec).string();
    const config::Effective& root = resolver.for_dir(ec ? "." : cwd);
    if (!resolver.errors().empty()) {
      print_config_errors(resolver);
      return kExitUsage;
    }
    o.engine.suppressions.require_reason = root.require_suppression_reason();
    if (!o.report_unused_given) o.engine.suppressions.report_unused = root.report_unused_suppressions();
    o.engine.tags = o.tags ? *o.tags : root.tags();
    o.engine.tests = o.tests.value_or(true);
  }
  std::string selection_error;
  std::vector<const rules::Rule*> active =
      rules::select_rules(rules::all_rules(), o.engine.enable, o.engine.disable, &selection_error);
  if (!selection_error.empty()) {
    std::fprintf(stderr, "gotrap: %s\n", selection_error.c_str());
    return kExitUsage;
  }
  // Every rule runs where its directory's configuration (then the command line) turns it on.
  ConfiguredRun configured(resolver, o.engine.enable, o.engine.disable);
  o.engine.enable = {"all"};
  o.engine.disable.clear();
  o.engine.rule_applies = [&](std::string_view rule, std::string_view path) {
    return configured.applies(rule, path);
  };
  // The result cache: findings before the configuration's filters are cached, so only which
  // rules apply (asked per package by the engine, and part of its keys) matters to them.
  if (!o.no_cache && !o.fix && !o.diff) {
    o.engine.cache_dir = o.cache_dir ? *o.cache_dir : rules::cache::default_dir();
  }
  // Reports need the texts of the files findings name only; fixes are checked against the rest
  // of their package.
  o.engine.release_texts = !o.fix && !o.diff;
  std::string stdin_text;
  std::filesystem::path stdin_path;
  if (o.stdin_filename) {
    stdin_text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    std::error_code ec;
    stdin_path = std::filesystem::absolute(*o.stdin_filename, ec).lexically_normal();
    auto same = [](const std::string& spelled, const std::filesystem::path& want) {
      std::error_code ec;
      std::filesystem::path p = std::filesystem::absolute(spelled, ec).lexically_normal();
      if (!p.has_filename()) p = p.parent_path();  // "dir/." normalizes to "dir/"
      return p == want;
    };
    o.engine.overlay = [&, same](const std::string& path, std::string& text) {
      if (!same(path, stdin_path)) return false;
      text = stdin_text;
      return true;
    };
    o.engine.overlay_names = [&, same](const std::string& dir) -> std::vector<std::string> {
      if (!same(dir, stdin_path.parent_path())) return {};
      return {stdin_path.filename().string()};
    };
    o.engine.cache_dir.clear();  // the text is not the file's: nothing to cache or replay
  }
  auto run_once = [&] {
    rules::RunResult r = rules::run(o.paths, o.engine);
    configured.filter(r.findings);
    if (o.stdin_filename) {  // report the file from standard input only, as editors expect
      std::erase_if(r.findings, [&](const rules::Finding& f) {
        std::error_code ec;
        return std::filesystem::absolute(f.path, ec).lexically_normal() != stdin_path;
      });
    }
    if (!resolver.errors().empty()) r.fatal = "invalid configuration";
    return r;
  };

  // One run, then the process exits: the analysis need not be freed. --fix runs again.
  o.engine.keep_analysis_until_exit = !o.fix;
  rules::RunResult result = run_once();
  if (!resolver.errors().empty()) {
    print_config_errors(resolver);
    return kExitUsage;
  }
  if (result.fatal) {
    std::fprintf(stderr, "gotrap: %s\n", result.fatal->c_str());
    return kExitUsage;
  }
  if (o.stats) {
    const rules::PhaseTiming& t = result.timing;
    std::fprintf(stderr,
                 "gotrap: %d package(s), %d file(s), %zu finding(s); load %.3f s, parse %.3f s "
                 "(all threads), sema %.3f s, waiting for parses %.3f s, parse+sema wall %.3f s, "
                 "rules %.3f s; %d package(s) from the cache; %d file(s) known unchanged, "
                 "%d of them read; %d package(s) checked, %d analysed\n",
                 result.packages, result.files, result.findings.size(), t.load, t.parse, t.sema,
                 t.parse_wait, t.analysis_wall, t.rules, result.cache_hits, result.files_known,
                 result.files_read_late, result.packages_checked, result.packages_analysed);
  }

  auto exit_status = [&](bool findings) {
    return findings && !o.exit_zero ? kExitFindings : kExitClean;
  };
  if (o.diff) {
    FixOutcome outcome;
    int changed = handle_fixes(o, result, outcome);
    return exit_status(changed > 0 || !result.findings.empty());
  }
  if (o.fix) {
    // Fix, then analyse again: remaining findings get positions in the fixed text, and fixes
    // that overlapped an applied one get their turn. A few rounds reach a fixed point.
    constexpr int kMaxRounds = 10;
    FixOutcome outcome;
    auto fixable = [&](const rules::RunResult& r) {
      return std::count_if(r.findings.begin(), r.findings.end(), [&](const rules::Finding& f) {
        return std::any_of(f.fixes.begin(), f.fixes.end(), [&](const rules::Fix& x) {
          return x.safety == rules::FixSafety::safe || o.unsafe_fixes;
        });
      });
    };
    for (int round = 0; round < kMaxRounds && handle_fixes(o, result, outcome) > 0; ++round) {
      auto before = fixable(result);
      rules::RunResult again = run_once();
      if (again.fatal) break;
      result = std::move(again);
      if (fixable(result) >= before) {  // a fix that does not remove its finding: stop
        std::fprintf(stderr, "gotrap: fixes did not converge; stopped after round %d\n", round + 1);
        break;
      }
    }
    std::fprintf(stderr, "gotrap: fixed %zu finding(s) in %zu file(s)\n", outcome.findings_fixed,
                 outcome.files.size());
  }

  rules::TextLookup text_of = [&](std::string_view path) -> const std::string* {
    auto it = result.texts.find(path);
    return it == result.texts.end() ? nullptr : &it->second;
  };
  if (o.write_baseline) {
    std::string dir = std::filesystem::path(*o.write_baseline).parent_path().string();
    std::string error;
    if (!write_baseline(*o.write_baseline, baseline_keys(result.findings, text_of, dir), &error)) {
      std::fprintf(stderr, "gotrap: %s\n", error.c_str());
      return kExitUsage;
    }
    std::fprintf(stderr, "gotrap: wrote %zu finding(s) to the baseline %s\n", result.findings.size(),
                 o.write_baseline->c_str());
    return kExitClean;
  }
  if (o.baseline) {
    std::string error;
    auto baseline = read_baseline(*o.baseline, &error);
    if (!baseline) {
      std::fprintf(stderr, "gotrap: %s\n", error.c_str());
      return kExitUsage;
    }
    std::string dir = std::filesystem::path(*o.baseline).parent_path().string();
    auto stale = subtract_baseline(result.findings, baseline_keys(result.findings, text_of, dir), *baseline);
    if (!stale.empty()) {
      std::fprintf(stderr, "gotrap: %zu baseline entr%s no longer match (fixed, or changed); "
                   "refresh with --write-baseline:\n", stale.size(), stale.size() == 1 ? "y" : "ies");
      for (const BaselineKey& k : stale) {
        std::fprintf(stderr, "  %s: %s%s%s [%s]\n", k.path.c_str(), k.function.c_str(),
                     k.function.empty() ? "" : ": ", k.line.c_str(), k.rule.c_str());
      }
    }
  }
  if (o.new_from_rev) {
    std::string error;
    auto changed = changed_since(*o.new_from_rev, &error);
    if (!changed) {
      std::fprintf(stderr, "gotrap: %s\n", error.c_str());
      return kExitUsage;
    }
    report::Locator lines(text_of);
    std::erase_if(result.findings, [&](const rules::Finding& f) {
      std::error_code ec;
      std::string absolute = std::filesystem::absolute(f.path, ec).lexically_normal().string();
      if (changed->whole_files.count(absolute)) return false;
      auto it = changed->lines.find(absolute);
      return it == changed->lines.end() || !it->second.count(lines.at(f.path, f.start).line);
    });
  }

  // SARIF describes the rules the command line selected, and any a configuration file turned
  // on that reported something.
  for (const rules::Finding& f : result.findings) {
    const rules::Rule* rule = rules::find_rule(f.rule);
    if (rule && std::find(active.begin(), active.end(), rule) == active.end()) active.push_back(rule);
  }
  report::SarifRun sarif;
  sarif.version = kVersion;
  sarif.information_uri = kHomepage;
  if (o.engine.shard_count > 1) {
    // One category per shard: code scanning keeps each shard's results apart.
    sarif.automation_id = "gotrap/shard-" + std::to_string(o.engine.shard_index + 1) + "-of-" +
                          std::to_string(o.engine.shard_count) + "/";
  }
  sarif.rule_help_uri_prefix = std::string(kHomepage) + "/blob/main/docs/rules/";
  {
    std::error_code ec;
    std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (!ec) sarif.source_root = cwd.string();
  }
  report::Locator locator([&](std::string_view path) -> const std::string* {
    auto it = result.texts.find(path);
    return it == result.texts.end() ? nullptr : &it->second;
  });
  if (o.output) {
    // Written whole to a temporary file beside FILE, then renamed: a reader never sees half a
    // report, and a failed run leaves the previous report in place.
    std::ostringstream report_text;
    report::write(o.format, result.findings, active, locator, report_text, sarif);
    std::string error;
    if (!write_report_file(*o.output, report_text.str(), &error)) {
      std::fprintf(stderr, "gotrap: %s\n", error.c_str());
      return kExitUsage;
    }
  } else {
    report::write(o.format, result.findings, active, locator, std::cout, sarif);
    std::cout.flush();
  }
  return exit_status(!result.findings.empty());
}

}  // namespace gotrap::cli
