// The engine's pipeline: load -> parse -> semantic model -> rules -> finalize.
#include "rules/engine.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <map>
#include <iterator>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "facts/census.h"
#include "facts/summary.h"
#include "load/header.h"
#include "load/load.h"
#include "rules/file_index.h"
#include "rules/result_cache.h"
#include "rules/pipeline.h"
#include "rules/session.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

load::Options load_options(const EngineOptions& options, load::FileFactsCache* file_cache) {
  load::Options out;
  out.file_cache = file_cache;
  out.goos = options.goos;
  out.goarch = options.goarch;
  out.all_files = options.all_files;
  out.tests = options.tests;
  out.extra_tags = options.tags;
  out.cgo_only_packages = true;  // analyse cgo-only packages rather than skip them silently
  out.overlay = options.overlay;
  out.overlay_names = options.overlay_names;
  if (options.release_texts && !options.session) {
    out.release_texts = true;
    out.may_suppress = may_hold_suppression;
  }
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
                   const std::vector<std::shared_ptr<syntax::ParsedFile>>& parsed,
                   const sema::PackageInfo* info, const std::vector<const Rule*>& rules,
                   const EngineOptions& options, facts::Summaries& summaries,
                   std::vector<Finding>& findings) {
  bool all_files = options.all_files;
  std::vector<PassFile> files;
  std::vector<facts::FileCensus> censuses;  // one per checked file, shared by every rule
  censuses.reserve(package.files.size());
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
    file.census = &censuses.emplace_back(*parsed[i]);
    files.push_back(file);
  }
  if (files.empty()) return;
  for (const Rule* rule : rules) {
    if (options.rule_applies && !options.rule_applies(rule->info().name, files.front().path)) continue;
    Pass pass(rule->info(), files, &package, info,
              [&](Finding finding) { findings.push_back(std::move(finding)); });
    pass.set_summaries(&summaries);
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

// check_package over the packages `order` names, on up to `threads` threads (the calling
// thread included), each package into its own list (per_package[p]). While the rules run, the
// semantic model and the trees are only read, so packages are checked independently and the
// findings are those of the sequential loop whatever the scheduling. Packages are handed out
// biggest first, so the last ones to start are small and the threads finish together.
void check_packages(const std::vector<load::Package>& packages, const AnalyzedPackages& analyzed,
                    std::vector<size_t> order, const std::vector<const Rule*>& rules,
                    const EngineOptions& options, int threads, facts::Summaries& summaries,
                    std::vector<std::vector<Finding>>& per_package) {
  bool all_files = options.all_files;
  threads = int(std::min<size_t>(size_t(std::max(threads, 1)), order.size()));
  if (threads <= 1) {
    for (size_t p : order) {
      check_package(packages[p], analyzed.parsed[p], analyzed.infos[p], rules, options, summaries,
                    per_package[p]);
    }
    return;
  }
  std::vector<size_t> bytes(packages.size());
  for (size_t p : order) bytes[p] = checked_bytes(packages[p], all_files);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return bytes[a] > bytes[b]; });

  std::atomic<size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;  // the first exception a rule threw, rethrown on the calling thread
  auto work = [&] {
    for (size_t k; (k = next.fetch_add(1, std::memory_order_relaxed)) < order.size();) {
      size_t p = order[k];
      try {
        check_package(packages[p], analyzed.parsed[p], analyzed.infos[p], rules, options,
                      summaries, per_package[p]);
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
}

// The result cache key of every package, or nothing for a package that cannot be cached (an
// import its header does not show, or it depends on such a package). Packages that import each
// other (a strongly connected component of the import graph) share a component key, which
// covers all their files; each member's key adds its own identity to it.
//
// Early cutoff (`cutoff`): a key covers its own package's files whole, but of the packages it
// imports only their interface hashes: what the analysis of an importer can observe of them,
// which is their tokens without comments, layout or positions (result_cache.h interface_hash),
// with the interface hashes of what they import in turn. The analysis of an importer reads more
// of an import than its declarations (rules and summaries walk the bodies of callees in other
// packages: facts/summary.cpp, support/call_params.cpp, support/ownership.cpp,
// facts/context_derive.cpp, facts/lifetime.cpp), so every token of every file is in it; what
// it leaves out is what nothing below the report reads of another package: comments (no rule
// or fact reads another package's comments; directives are kept all the same), white space, and
// positions (findings and related locations name only the checked package's own files, and
// the order of two nodes of one file is the order of their tokens). So a comment or layout edit
// re-checks its own package only, and any other edit re-checks everything that depends on it.
// Without `cutoff` (the session's keys) imports contribute their whole keys.
std::vector<std::optional<std::string>> cache_keys(const std::vector<load::Package>& packages,
                                                   const std::vector<const Rule*>& rules,
                                                   const EngineOptions& options,
                                                   const std::vector<std::vector<size_t>>& deps,
                                                   const std::vector<bool>& complete, bool cutoff) {

  cache::Hasher global;
  global.add(cache::binary_fingerprint());
  global.add(options.goos);
  global.add(options.goarch);
  global.add(uint64_t(options.tags.size()));
  for (const std::string& tag : options.tags) global.add(tag);
  global.add(uint64_t(options.tests));
  global.add(uint64_t(options.all_files));
  global.add(options.go_version ? uint64_t(options.go_version->major * 1000 + options.go_version->minor) : 0);
  global.add(uint64_t(rules.size()));
  for (const Rule* rule : rules) global.add(rule->info().name);
  const std::string global_key = global.finish();

  // A package's identity: what its importers see whatever its files say.
  auto identity_hash = [&](size_t p, cache::Hasher& h) {
    const load::Package& package = packages[p];
    h.add(package.import_path);
    h.add(package.name);
    h.add(uint64_t(package.kind));
    h.add(package.dir);
    h.add(package.module ? package.module->path : std::string());
    h.add(uint64_t(package.files.size()));
  };
  auto file_flags = [](const load::SourceFile& file) {
    return uint64_t(file.generated) | uint64_t(file.is_test) << 1 | uint64_t(file.cgo) << 2;
  };
  // What one package contributes to its own key: its identity, its files, and which rules apply to it.
  auto own_hash = [&](size_t p, cache::Hasher& h) {
    const load::Package& package = packages[p];
    identity_hash(p, h);
    std::string_view first_checked;
    for (const load::SourceFile& file : package.files) {
      h.add(file.path);
      h.add(file.hash.empty() ? cache::content_hash(file.text) : file.hash);
      h.add(uint64_t(file.go_version.major * 1000 + file.go_version.minor));
      h.add(file_flags(file));
      if (first_checked.empty() && (!file.generated || options.all_files)) first_checked = file.path;
    }
    for (const Rule* rule : rules) {
      bool applies = first_checked.empty() || !options.rule_applies ||
                     options.rule_applies(rule->info().name, first_checked);
      h.add(uint64_t(applies));
    }
  };
  // What one package contributes to its importers' keys: its identity and its files' interface
  // hashes (a file known only by its content hash contributes that: any change then counts).
  auto own_interface = [&](size_t p, cache::Hasher& h) {
    const load::Package& package = packages[p];
    identity_hash(p, h);
    for (const load::SourceFile& file : package.files) {
      h.add(file.path);
      if (!file.interface_hash.empty()) h.add(file.interface_hash);
      else if (!file.text_deferred) h.add(cache::interface_hash(file.text, file.cgo));
      else {
        h.add(std::string_view("content"));
        h.add(file.hash);
      }
      h.add(uint64_t(file.go_version.major * 1000 + file.go_version.minor));
      h.add(file_flags(file));
    }
  };

  // Tarjan's algorithm, iterative; components come out dependencies first.
  const size_t n = packages.size();
  constexpr size_t kUnvisited = ~size_t(0);
  std::vector<size_t> order(n, kUnvisited), low(n, 0), component_of(n, kUnvisited);
  std::vector<bool> on_stack(n, false);
  std::vector<size_t> stack;
  std::vector<std::optional<std::string>> component_key;  // per component
  std::vector<std::optional<std::string>> keys(n);
  std::vector<std::optional<std::string>> interfaces(n);  // set with keys (cutoff only)
  size_t next_order = 0;
  struct Frame {
    size_t p;
    size_t next = 0;
  };
  for (size_t root = 0; root < n; ++root) {
    if (order[root] != kUnvisited) continue;
    std::vector<Frame> calls;
    auto enter = [&](size_t p) {
      order[p] = low[p] = next_order++;
      stack.push_back(p);
      on_stack[p] = true;
      calls.push_back({p});
    };
    enter(root);
    while (!calls.empty()) {
      Frame& top = calls.back();
      size_t p = top.p;
      if (top.next < deps[p].size()) {
        size_t q = deps[p][top.next++];
        if (order[q] == kUnvisited) enter(q);
        else if (on_stack[q]) low[p] = std::min(low[p], order[q]);
        continue;
      }
      if (low[p] == order[p]) {
        std::vector<size_t> members;
        size_t q;
        do {
          q = stack.back();
          stack.pop_back();
          on_stack[q] = false;
          members.push_back(q);
        } while (q != p);
        std::sort(members.begin(), members.end());
        size_t c = component_key.size();
        for (size_t m : members) component_of[m] = c;
        bool cacheable = true;
        cache::Hasher h, face;  // the component's key, and its interface hash
        h.add(global_key);
        face.add(global_key);
        for (size_t m : members) {
          if (!complete[m]) cacheable = false;
          own_hash(m, h);
          if (cutoff) own_interface(m, face);
          for (size_t d : deps[m]) {  // in source order; members of this component are hashed above
            if (component_of[d] == c) {
              h.add(uint64_t(0));
              face.add(uint64_t(0));
              continue;
            }
            if (!keys[d]) {
              cacheable = false;
            } else if (cutoff) {
              h.add(*interfaces[d]);
              face.add(*interfaces[d]);
            } else {
              h.add(*keys[d]);
            }
          }
        }
        component_key.push_back(cacheable ? std::optional<std::string>(h.finish()) : std::nullopt);
        const std::string component_face = face.finish();
        for (size_t m : members) {
          if (!component_key[c]) continue;
          cache::Hasher member;
          member.add(*component_key[c]);
          member.add(uint64_t(m - members.front()));
          member.add(packages[m].import_path);
          keys[m] = member.finish();
          cache::Hasher member_face;
          member_face.add(component_face);
          member_face.add(uint64_t(m - members.front()));
          member_face.add(packages[m].import_path);
          interfaces[m] = member_face.finish();
        }
      }
      calls.pop_back();
      if (!calls.empty()) low[calls.back().p] = std::min(low[calls.back().p], low[p]);
    }
  }
  return keys;
}

// The packages of a shard: a package directory relative to its module root (or to the working
// directory outside a module) decides.
std::vector<bool> shard_members(const std::vector<load::Package>& packages, const EngineOptions& options) {
  std::vector<bool> in(packages.size(), true);
  if (options.shard_count <= 1) return in;
  std::error_code ec;
  for (size_t p = 0; p < packages.size(); ++p) {
    std::filesystem::path dir = std::filesystem::absolute(packages[p].dir, ec).lexically_normal();
    std::filesystem::path base = packages[p].module ? std::filesystem::path(packages[p].module->root_dir)
                                                    : std::filesystem::current_path(ec);
    std::string relative = dir.lexically_relative(base).generic_string();
    if (relative.empty()) relative = ".";
    while (relative.size() > 1 && relative.back() == '/') relative.pop_back();
    in[p] = shard_of(relative, options.shard_count) == options.shard_index;
  }
  return in;
}

// The files findings name, themselves or in a related location: a report needs their texts.
void add_named_paths(const std::vector<Finding>& findings, std::set<std::string_view>& named) {
  for (const Finding& f : findings) {
    named.insert(f.path);
    for (const Related& rel : f.related) named.insert(rel.path);
  }
}

// Whether the end of the run needs `file`'s text: a finding names it, or its package is checked
// and it may hold a suppression directive.
bool text_needed(const load::SourceFile& file, bool checked, const std::set<std::string_view>& named) {
  return (checked && file.may_suppress) || named.count(file.path);
}

// What a run parks for the rest of the process (EngineOptions::keep_analysis_until_exit): its
// analysis, and the loads and stat index that hold a record per file (a warm run over
// GOROOT/src spent a tenth of its time freeing them).
struct Parked {
  AnalyzedPackages analyzed;
  load::LoadResult loaded;
  std::vector<load::LoadResult> import_loads;
  std::unique_ptr<cache::FileIndex> file_index;
};
void keep_until_exit(Parked parked) {
  static std::mutex mutex;
  static auto* kept = new std::vector<Parked>();  // never destroyed, always reachable
  std::lock_guard<std::mutex> lock(mutex);
  kept->push_back(std::move(parked));
}

// EngineOptions::with_module_imports: loads the directories of the packages of their own module
// that the loaded packages import, transitively, without their _test.go files, appending them to
// `loaded` (the loads that own their modules go to `extra`). Returns how many packages the patterns gave (the first ones).
size_t load_module_imports(load::LoadResult& loaded, const EngineOptions& options,
                           load::FileFactsCache* file_cache, std::vector<load::LoadResult>& extra) {
  const size_t given = loaded.packages.size();
  // An import is the package as the go tool compiles it for its importers: without its tests
  // (whose imports could otherwise close a cycle back to the importer).
  load::Options import_options = load_options(options, file_cache);
  import_options.tests = false;
  std::set<std::string> dirs_seen;
  std::error_code ec;
  auto absolute = [&](const std::string& dir) {
    return std::filesystem::absolute(dir, ec).lexically_normal().string();
  };
  for (const load::Package& package : loaded.packages) dirs_seen.insert(absolute(package.dir));
  size_t first = 0;
  while (first < loaded.packages.size()) {
    std::vector<std::string> dirs;
    for (size_t p = first; p < loaded.packages.size(); ++p) {
      const load::Package& package = loaded.packages[p];
      const load::Module* module = package.module;
      if (!module || module->path.empty() || module->path == "std") continue;
      for (const load::SourceFile& file : package.files) {
        for (const std::string& path : file.header_known ? file.imports : load::scan_header(file.text).imports) {
          std::string dir;
          if (path == module->path) dir = module->root_dir;
          else if (path.starts_with(module->path) && path.size() > module->path.size() && path[module->path.size()] == '/')
            dir = module->root_dir + path.substr(module->path.size());
          else continue;
          dir = absolute(dir);
          if (dirs_seen.insert(dir).second) dirs.push_back(dir);
        }
      }
    }
    first = loaded.packages.size();
    if (dirs.empty()) break;
    load::LoadResult more = load::load(dirs, import_options);  // its errors are not ours
    for (load::Package& package : more.packages) loaded.packages.push_back(std::move(package));
    more.packages.clear();
    extra.push_back(std::move(more));
  }
  return given;
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

  Session* session = options.session;
  if (session) session->begin_run();  // before loading: the session may supply the texts
  auto load_start = Clock::now();
  // With the result cache, unchanged files are known from the stat index and not read unless
  // they are analysed, hold a suppression, or a finding is reported in them.
  std::unique_ptr<cache::FileIndex> file_index;
  if (!options.cache_dir.empty() && !session) {
    std::string scope;
    std::error_code ec;
    scope = std::filesystem::current_path(ec).string();
    for (const std::string& pattern : patterns) scope += '\n' + pattern;
    file_index = std::make_unique<cache::FileIndex>(options.cache_dir, scope);
  }
  load::LoadResult loaded = load::load(patterns, load_options(options, file_index.get()));
  std::vector<load::LoadResult> import_loads;  // own the modules of the packages appended below
  const size_t given = options.with_module_imports
                           ? load_module_imports(loaded, options, file_index.get(), import_loads)
                           : loaded.packages.size();
  if (options.dependency_depth > 0) {
    load::load_dependencies(loaded, 0, load_options(options, file_index.get()), options.dependency_depth);
  }
  result.timing.load = seconds(Clock::now() - load_start);
  for (const load::LoadError& error : loaded.errors) {
    result.findings.push_back(engine_diagnostic("load-error", error.path, 0, error.message));
  }
  if (loaded.packages.empty()) {
    // A fatal result prints no findings, so the reasons files were refused go into the message.
    std::string message = "no Go packages to analyse in the given patterns";
    constexpr size_t kReasonsShown = 5;
    for (size_t i = 0; i < loaded.errors.size() && i < kReasonsShown; ++i) {
      message += "\n  " + loaded.errors[i].path + ": " + loaded.errors[i].message;
    }
    if (loaded.errors.size() > kReasonsShown) {
      message += "\n  (and " + std::to_string(loaded.errors.size() - kReasonsShown) + " more)";
    }
    result.fatal = std::move(message);
    return result;
  }

  // Which packages are checked (the shard's), and which of those the cache already answers.
  const size_t n = loaded.packages.size();
  std::vector<bool> check = shard_members(loaded.packages, options);
  for (size_t p = given; p < n; ++p) check[p] = false;  // imports loaded for their declarations only
  const bool all_checked = std::all_of(check.begin(), check.end(), [](bool b) { return b; });
  std::vector<std::vector<Finding>> per_package(n);
  std::vector<std::optional<std::string>> keys(n);
  std::vector<bool> replayed(n, false);
  std::vector<bool> complete;
  std::vector<std::vector<size_t>> deps;
  if (!options.cache_dir.empty() || session) {
    deps = header_dependencies(loaded.packages, complete);
    // The result cache cuts off at interfaces; the session's reuse of live analyses needs keys
    // that change with any change below (a reused analysis points into its imports' trees).
    keys = cache_keys(loaded.packages, rules, options, deps, complete, /*cutoff=*/!session);
  }
  if (!options.cache_dir.empty()) {
    for (size_t p = 0; p < n; ++p) {
      if (!check[p] || !keys[p]) continue;
      if (auto entry = cache::load(options.cache_dir, *keys[p])) {
        per_package[p] = std::move(*entry);
        replayed[p] = true;
        ++result.cache_hits;
      }
    }
  }
  // The packages to analyse: those to check that the cache did not answer, and what they import.
  std::vector<bool> needed(n, false);
  {
    bool all = true;
    for (size_t p = 0; p < n; ++p) all = all && check[p] && !replayed[p];
    if (all) {
      needed.assign(n, true);
    } else {
      if (deps.empty()) deps = header_dependencies(loaded.packages, complete);
      std::vector<size_t> work;
      for (size_t p = 0; p < n; ++p)
        if (check[p] && !replayed[p]) work.push_back(p);
      // A package whose header hides an import may depend on anything: analyse everything then.
      bool everything = std::any_of(work.begin(), work.end(), [&](size_t p) { return !complete[p]; });
      if (everything) {
        needed.assign(n, true);
        work.clear();
      }
      while (!work.empty()) {
        size_t p = work.back();
        work.pop_back();
        if (needed[p]) continue;
        needed[p] = true;
        if (!complete[p]) {
          needed.assign(n, true);
          break;
        }
        for (size_t q : deps[p])
          if (!needed[q]) work.push_back(q);
      }
    }
  }
  // The analysis runs over the needed packages only, moved out and back (the subset keeps the
  // load order, which the analysis depends on).
  std::vector<size_t> subset_of;
  for (size_t p = 0; p < n; ++p)
    if (needed[p]) subset_of.push_back(p);
  const bool whole = subset_of.size() == n;
  std::vector<bool> std_vendor(n, false);
  for (size_t p = 0; p < n; ++p)
    std_vendor[p] = loaded.packages[p].module && loaded.packages[p].module->path == "std";
  std::vector<load::Package> subset;
  if (!whole) {
    subset.reserve(subset_of.size());
    for (size_t p : subset_of) subset.push_back(std::move(loaded.packages[p]));
  }
  std::vector<load::Package>& analysed_packages = whole ? loaded.packages : subset;
  // The analysed packages' texts not read yet (those the stat index vouched for, and with
  // release_texts every file) are read as they are parsed. A file that changed since it was
  // looked at makes this run's findings unfit for the cache (its key is stale).
  // With release_texts, the texts the pipeline read go again with their package's trees, but
  // for those the end of the run needs (below): files the package's findings name, and files
  // of checked packages that may hold a suppression directive.
  const bool only_needed_texts = options.release_texts && !session;
  std::vector<std::vector<bool>> droppable;
  if (only_needed_texts) {
    droppable.resize(analysed_packages.size());
    for (size_t s = 0; s < analysed_packages.size(); ++s)
      for (const load::SourceFile& file : analysed_packages[s].files) droppable[s].push_back(file.text_deferred);
  }

  // Parsing overlaps the analysis: a package is analysed once it and its imports are parsed.
  // The rules check packages in batches as the analysis goes, and a package's trees and syntax
  // facts are freed once it and every package depending on it are checked (flat memory).
  std::vector<bool> check_now(subset_of.size());
  for (size_t s = 0; s < subset_of.size(); ++s) check_now[s] = check[subset_of[s]] && !replayed[subset_of[s]];
  std::vector<std::vector<Finding>> fresh(subset_of.size());
  facts::Summaries summaries;  // one per run: every package's rules share the callees' facts
  const int rule_threads = resolve_thread_count(options.threads);
  double check_seconds = 0;
  auto analysis_start = Clock::now();
  AnalyzeOptions analyze_options;
  analyze_options.threads = options.threads;
  // The syntax errors and rule findings of the packages of `batch` that are to be checked now.
  auto check_batch = [&](const AnalyzedPackages& analyzed, const std::vector<size_t>& batch,
                         facts::Summaries& with) {
    std::vector<size_t> order;
    for (size_t s : batch) {
      if (!check_now[s]) continue;
      order.push_back(s);
      for (const std::shared_ptr<syntax::ParsedFile>& file : analyzed.parsed[s]) {
        for (const syntax::SyntaxError& error : file->errors) {
          fresh[s].push_back(engine_diagnostic("syntax-error", file->path, error.offset, error.message));
        }
      }
    }
    check_packages(analysed_packages, analyzed, std::move(order), rules, options, rule_threads, with, fresh);
  };
  std::vector<std::optional<std::string>> analysed_keys;
  if (session) {
    // The session keeps trees and analyses between runs: nothing is freed, and the rules run
    // once the analysis is done (below).
    for (size_t p : subset_of) analysed_keys.push_back(keys[p]);
    analyze_options.session = session;
    analyze_options.keys = &analysed_keys;
  } else {
    analyze_options.check = [&](const AnalyzedPackages& analyzed, const std::vector<size_t>& batch) {
      auto start = Clock::now();
      check_batch(analyzed, batch, summaries);
      check_seconds += seconds(Clock::now() - start);
    };
    analyze_options.before_release = [&](const AnalyzedPackages& analyzed, const std::vector<size_t>& gone) {
      for (size_t s : gone)
        for (const std::shared_ptr<syntax::ParsedFile>& file : analyzed.parsed[s]) summaries.forget(file->file);
    };
    if (!droppable.empty()) {
      analyze_options.after_release = [&](const std::vector<size_t>& gone) {
        for (size_t s : gone) {
          std::set<std::string_view> named;
          add_named_paths(fresh[s], named);
          const bool checked = check[subset_of[s]];
          std::vector<load::SourceFile>& files = analysed_packages[s].files;
          for (size_t i = 0; i < files.size(); ++i) {
            load::SourceFile& file = files[i];
            if (!droppable[s][i] || file.text_deferred || text_needed(file, checked, named)) continue;
            std::string().swap(file.text);
            file.text_deferred = true;
          }
        }
      };
    }
  }
  AnalyzedPackages analyzed = parse_and_analyze(analysed_packages, analyze_options);
  result.files_read_late += analyzed.texts_read_late;
  const bool unstable = analyzed.texts_changed;
  result.packages_analysed = int(subset_of.size());
  result.packages_checked = int(std::count(check_now.begin(), check_now.end(), true));
  auto rules_start = Clock::now();
  result.timing.analysis_wall = seconds(rules_start - analysis_start) - check_seconds;
  result.timing.parse = analyzed.parse_seconds;
  result.timing.sema = analyzed.sema_seconds;
  result.timing.parse_wait = analyzed.wait_seconds;
  if (session) {
    std::vector<size_t> all(subset_of.size());
    std::iota(all.begin(), all.end(), size_t(0));
    check_batch(analyzed, all, session->summaries());
    session->count_checked(int(std::count(check_now.begin(), check_now.end(), true)));
  }
  if (!whole) {
    for (size_t s = 0; s < subset_of.size(); ++s) loaded.packages[subset_of[s]] = std::move(subset[s]);
  }
  bool stored = false;
  for (size_t s = 0; s < subset_of.size(); ++s) {
    if (!check_now[s]) continue;
    size_t p = subset_of[s];
    if (keys[p] && !options.cache_dir.empty() && !unstable) {
      cache::store(options.cache_dir, *keys[p], fresh[s]);
      stored = true;
    }
    per_package[p] = std::move(fresh[s]);
  }
  if (stored) cache::evict(options.cache_dir, options.cache_max_bytes);
  for (size_t p = 0; p < n; ++p) {
    if (!check[p]) continue;
    ++result.packages;
    result.files += int(loaded.packages[p].files.size());
    std::move(per_package[p].begin(), per_package[p].end(), std::back_inserter(result.findings));
  }

  // The texts the report needs: files findings name (to place them), and files of checked
  // packages that may hold a suppression directive.
  std::set<std::string_view> named;
  add_named_paths(result.findings, named);
  if (file_index || only_needed_texts) {
    // Those not read so far are read now.
    for (size_t p = 0; p < n; ++p)
      for (load::SourceFile& file : loaded.packages[p].files)
        if (file.text_deferred && text_needed(file, check[p], named)) {
          if (!file.text_released) ++result.files_read_late;
          load::read_deferred_text(file);
        }
    if (file_index) {
      if (!unstable) file_index->save();
      result.files_known = file_index->found();
    }
  }

  // The parsed files hold their own copies: once the rules are done, the loader's texts move to
  // the result rather than being copied (a third copy of every source: ~45 MB on GOROOT/src).
  // A path seen twice keeps its first text (try_emplace does not move from its argument then).
  for (size_t p = 0; p < loaded.packages.size(); ++p) {
    load::Package& package = loaded.packages[p];
    PackageFiles files{package.import_path, {}, std_vendor[p]};
    for (const load::SourceFile& source : package.files) {
      files.paths.push_back(source.path);
      result.package_of.try_emplace(source.path, result.packages_files.size());
    }
    result.packages_files.push_back(std::move(files));
  }
  for (size_t p = 0; p < loaded.packages.size(); ++p) {
    for (load::SourceFile& source : loaded.packages[p].files) {
      if (source.text_deferred) continue;  // unchanged, and nothing needs its text
      if (only_needed_texts && !text_needed(source, check[p], named)) continue;
      result.texts.try_emplace(source.path, std::move(source.text));
    }
  }

  if (!all_checked) {
    // Suppressions are judged in the checked files only (another shard reports the rest; the
    // imports loaded for their declarations are not reported on).
    std::map<std::string, std::string, std::less<>> shard_texts;
    for (size_t p = 0; p < n; ++p) {
      if (!check[p]) continue;
      for (const std::string& path : result.packages_files[p].paths) {
        auto it = result.texts.find(path);
        if (it != result.texts.end()) shard_texts.try_emplace(path, it->second);
      }
    }
    apply_suppressions(result.findings, shard_texts, rules, options.suppressions, options.rule_applies);
  } else {
    apply_suppressions(result.findings, result.texts, rules, options.suppressions,
                       options.rule_applies);
  }
  finalize_findings(result.findings, rules);
  result.timing.rules = check_seconds + seconds(Clock::now() - rules_start);
  if (options.keep_analysis_until_exit)
    keep_until_exit({std::move(analyzed), std::move(loaded), std::move(import_loads), std::move(file_index)});
  if (session) session->end_run();
  return result;
}

int shard_of(std::string_view relative_dir, int count) {
  if (count <= 1) return 0;
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a: fixed, so shards agree across machines and runs
  for (char c : relative_dir) {
    h ^= uint8_t(c);
    h *= 0x100000001b3ull;
  }
  return int(h % uint64_t(count));
}

}  // namespace gotrap::rules
