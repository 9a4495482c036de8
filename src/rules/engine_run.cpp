// The engine's pipeline: load -> parse -> semantic model -> rules -> finalize.
#include "rules/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <iterator>
#include <mutex>
#include <numeric>
#include <thread>

#include "load/load.h"
#include "rules/pipeline.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

load::Options load_options(const EngineOptions& options) {
  load::Options out;
  out.goos = options.goos;
  out.goarch = options.goarch;
  out.all_files = options.all_files;
  out.tests = options.tests;
  out.extra_tags = options.tags;
  out.cgo_only_packages = true;  // analyse cgo-only packages rather than skip them silently
  out.overlay = options.overlay;
  out.overlay_names = options.overlay_names;
  if (options.go_version) {
    out.go_version_override = load::GoVersion{options.go_version->major, options.go_version->minor};
  }
  return out;
}

Finding engine_diagnostic(std::string_view name, std::string path, uint32_t offset,
                          std::string message) {
  const RuleInfo* info = find_engine_diagnostic(name);
  Finding finding;
  finding.rule = info->name;
  finding.severity = info->severity;
  finding.path = std::move(path);
  finding.start = finding.end = offset;
  finding.message = std::move(message);
  return finding;
}

// Runs every rule over one package whose files are parsed.
void check_package(const load::Package& package,
                   const std::vector<std::unique_ptr<syntax::ParsedFile>>& parsed,
                   const sema::PackageInfo* info, const std::vector<const Rule*>& rules,
                   const EngineOptions& options, std::vector<Finding>& findings) {
  bool all_files = options.all_files;
  std::vector<PassFile> files;
  for (size_t i = 0; i < package.files.size(); ++i) {
    const load::SourceFile& source = package.files[i];
    if (source.generated && !all_files) continue;
    PassFile file;
    file.parsed = parsed[i].get();
    file.source = &source;
    file.path = parsed[i]->path;
    file.text = parsed[i]->text;
    file.go_version = LangVersion{source.go_version.major, source.go_version.minor};
    file.generated = source.generated;
    file.is_test = source.is_test;
    files.push_back(file);
  }
  if (files.empty()) return;
  for (const Rule* rule : rules) {
    if (options.rule_applies && !options.rule_applies(rule->info().name, files.front().path)) continue;
    Pass pass(rule->info(), files, &package, info,
              [&](Finding finding) { findings.push_back(std::move(finding)); });
    rule->check(pass);
  }
}

// Source bytes the rules read in one package: the estimate of its share of the rules' work.
size_t checked_bytes(const load::Package& package, bool all_files) {
  size_t bytes = 0;
  for (const load::SourceFile& source : package.files)
    if (!source.generated || all_files) bytes += source.text.size();
  return bytes;
}

// check_package over every package, on up to `threads` threads (the calling thread included).
// After the analysis the semantic model and the trees are only read, so packages are checked
// independently: each into its own list, joined in package order, so the findings are those of
// the sequential loop whatever the scheduling. Packages are handed out biggest first, so the
// last ones to start are small and the threads finish together.
void check_packages(const std::vector<load::Package>& packages, const AnalyzedPackages& analyzed,
                    const std::vector<const Rule*>& rules, const EngineOptions& options,
                    int threads, std::vector<Finding>& findings) {
  bool all_files = options.all_files;
  threads = int(std::min<size_t>(size_t(std::max(threads, 1)), packages.size()));
  if (threads <= 1) {
    for (size_t p = 0; p < packages.size(); ++p) {
      check_package(packages[p], analyzed.parsed[p], analyzed.infos[p], rules, options, findings);
    }
    return;
  }
  std::vector<size_t> bytes(packages.size());
  for (size_t p = 0; p < packages.size(); ++p) bytes[p] = checked_bytes(packages[p], all_files);
  std::vector<size_t> order(packages.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bytes[a] > bytes[b]; });

  std::vector<std::vector<Finding>> per_package(packages.size());
  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;  // the first exception a rule threw, rethrown on the calling thread
  auto work = [&] {
    for (size_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < order.size();) {
      size_t p = order[k];
      try {
        check_package(packages[p], analyzed.parsed[p], analyzed.infos[p], rules, options,
                      per_package[p]);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next.store(order.size(), std::memory_order_relaxed);  // the others stop after their package
      }
    }
  };
  {
    std::vector<std::jthread> workers;
    for (int t = 1; t < threads; ++t) workers.emplace_back(work);
    work();
  }  // joins the workers
  if (failure) std::rethrow_exception(failure);

  size_t total = findings.size();
  for (const std::vector<Finding>& list : per_package) total += list.size();
  findings.reserve(total);
  for (std::vector<Finding>& list : per_package) {
    std::move(list.begin(), list.end(), std::back_inserter(findings));
  }
}

// Parks a run's analysis for the rest of the process (EngineOptions::keep_analysis_until_exit).
void keep_until_exit(AnalyzedPackages analyzed) {
  static std::mutex mutex;
  static auto* kept = new std::vector<AnalyzedPackages>();  // never destroyed, always reachable
  std::lock_guard<std::mutex> lock(mutex);
  kept->push_back(std::move(analyzed));
}

}  // namespace

RunResult run(const std::vector<std::string>& patterns, const EngineOptions& options) {
  RunResult result;
  std::vector<const Rule*> rules;
  if (options.rules) {
    rules = *options.rules;
  } else {
    std::string error;
    rules = select_rules(all_rules(), options.enable, options.disable, &error);
    if (!error.empty()) {
      result.fatal = error;
      return result;
    }
  }

  auto load_start = Clock::now();
  load::LoadResult loaded = load::load(patterns, load_options(options));
  result.timing.load = seconds(Clock::now() - load_start);
  for (const load::LoadError& error : loaded.errors) {
    result.findings.push_back(engine_diagnostic("load-error", error.path, 0, error.message));
  }
  if (loaded.packages.empty()) {
    result.fatal = "no Go packages to analyse in the given patterns";
    return result;
  }

  // Parsing overlaps the analysis: a package is analysed once it and its imports are parsed.
  auto analysis_start = Clock::now();
  AnalyzeOptions analyze_options;
  analyze_options.threads = options.threads;
  AnalyzedPackages analyzed = parse_and_analyze(loaded.packages, analyze_options);
  auto rules_start = Clock::now();
  result.timing.analysis_wall = seconds(rules_start - analysis_start);
  result.timing.parse = analyzed.parse_seconds;
  result.timing.sema = analyzed.sema_seconds;
  result.timing.parse_wait = analyzed.wait_seconds;
  for (size_t p = 0; p < loaded.packages.size(); ++p) {
    const load::Package& package = loaded.packages[p];
    for (size_t i = 0; i < package.files.size(); ++i) {
      const syntax::ParsedFile& file = *analyzed.parsed[p][i];
      for (const syntax::SyntaxError& error : file.errors) {
        result.findings.push_back(
            engine_diagnostic("syntax-error", file.path, error.offset, error.message));
      }
    }
    ++result.packages;
    result.files += int(package.files.size());
  }

  check_packages(loaded.packages, analyzed, rules, options,
                 resolve_thread_count(options.threads), result.findings);

  // The parsed files hold their own copies: once the rules are done, the loader's texts move to
  // the result rather than being copied (a third copy of every source: ~45 MB on GOROOT/src).
  // A path seen twice keeps its first text (try_emplace does not move from its argument then).
  for (size_t p = 0; p < loaded.packages.size(); ++p) {
    load::Package& package = loaded.packages[p];
    PackageFiles files{package.import_path, {}, analyzed.infos[p] && analyzed.infos[p]->vendor_std_imports};
    for (const load::SourceFile& source : package.files) {
      files.paths.push_back(source.path);
      result.package_of.try_emplace(source.path, result.packages_files.size());
    }
    result.packages_files.push_back(std::move(files));
  }
  for (load::Package& package : loaded.packages) {
    for (load::SourceFile& source : package.files) {
      result.texts.try_emplace(source.path, std::move(source.text));
    }
  }

  apply_suppressions(result.findings, result.texts, rules, options.suppressions,
                     options.rule_applies);
  finalize_findings(result.findings, rules);
  result.timing.rules = seconds(Clock::now() - rules_start);
  if (options.keep_analysis_until_exit) keep_until_exit(std::move(analyzed));
  return result;
}

}  // namespace gotrap::rules
