// Parsing on worker threads, overlapped with the semantic analysis on the calling thread.
#include "rules/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <malloc.h>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "load/header.h"
#include "rules/session.h"

namespace gotrap::rules {

namespace {

using Clock = std::chrono::steady_clock;
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// Hands out the files to parse. Every file is parsed exactly once, by whichever thread claims it
// first: workers take files of the packages the analysis asked for (latest request first: the
// walk is depth-first, so those are needed soonest), then any file in load order; the analysing
// thread parses the files it needs that nobody has claimed and waits only for those in progress.
class ParseScheduler {
 public:
  ParseScheduler(std::vector<load::Package>& packages,
                 std::vector<std::vector<std::shared_ptr<syntax::ParsedFile>>>& parsed, Session* session)
      : packages_(packages), parsed_(parsed), session_(session) {
    first_file_.reserve(packages.size() + 1);
    for (size_t p = 0; p < packages.size(); ++p) {
      parsed[p].resize(packages[p].files.size());
      first_file_.push_back(files_.size());
      for (size_t i = 0; i < packages[p].files.size(); ++i) files_.push_back({p, i});
    }
    first_file_.push_back(files_.size());
    state_ = std::make_unique<std::atomic<int>[]>(files_.size());
  }

  size_t file_count() const { return files_.size(); }

  // A worker thread's whole job: parse files until none is left unclaimed. With a parse-ahead
  // limit, a worker that is that far ahead of the analysis waits for it (or for a wanted file).
  void work() {
    for (;;) {
      uint32_t wake = wake_.load(std::memory_order_acquire);
      size_t f = claim_wanted();
      if (f == kNone) {
        if (ahead_limit_ != 0 && !done_.load(std::memory_order_acquire) &&
            parsed_bytes_.load(std::memory_order_relaxed) >
                consumed_bytes_.load(std::memory_order_relaxed) + ahead_limit_) {
          wake_.wait(wake, std::memory_order_acquire);
          continue;
        }
        f = claim_in_load_order();
      }
      if (f == kNone) return;
      parse(f);
    }
  }

  // Asks the workers to parse package p's files next.
  void want(size_t p) {
    {
      std::lock_guard<std::mutex> lock(wanted_mutex_);
      wanted_.push_back({p, first_file_[p]});
    }
    if (ahead_limit_ != 0) wake_workers();
  }

  // Workers parse at most `bytes` of source beyond what the analysis has consumed (0: no limit).
  void limit_parse_ahead(size_t bytes) { ahead_limit_ = bytes; }
  // The analysis is done with `bytes` more of parsed source.
  void consumed(size_t bytes) {
    consumed_bytes_.fetch_add(bytes, std::memory_order_relaxed);
    if (ahead_limit_ != 0) wake_workers();
  }
  // The analysis needs nothing more: waiting workers finish what is left and return.
  void finish() {
    done_.store(true, std::memory_order_release);
    wake_workers();
  }

  // Returns once every file of package p is parsed; parses the unclaimed ones itself. Returns
  // the seconds spent waiting for files other threads were parsing.
  double ensure_parsed(size_t p) {
    for (size_t f = first_file_[p]; f < first_file_[p + 1]; ++f)
      if (try_claim(f)) parse(f);
    Clock::time_point wait_start = Clock::now();
    bool waited = false;
    for (size_t f = first_file_[p]; f < first_file_[p + 1]; ++f) {
      for (int s = state_[f].load(std::memory_order_acquire); s != kParsed;
           s = state_[f].load(std::memory_order_acquire)) {
        state_[f].wait(s, std::memory_order_acquire);
        waited = true;
      }
    }
    return waited ? seconds(Clock::now() - wait_start) : 0;
  }

  double parse_seconds() const { return double(parse_ns_.load()) * 1e-9; }
  int texts_read_late() const { return read_late_.load(); }
  bool texts_changed() const { return texts_changed_.load(); }

 private:
  static constexpr size_t kNone = ~size_t(0);
  enum : int { kUnclaimed = 0, kParsing = 1, kParsed = 2 };
  struct FileRef {
    size_t package, index;
  };
  struct Wanted {
    size_t package, next_file;
  };

  bool try_claim(size_t f) {
    int expected = kUnclaimed;
    return state_[f].load(std::memory_order_relaxed) == kUnclaimed &&
           state_[f].compare_exchange_strong(expected, kParsing, std::memory_order_acquire);
  }

  size_t claim_wanted() {
    std::lock_guard<std::mutex> lock(wanted_mutex_);
    while (!wanted_.empty()) {
      Wanted& w = wanted_.back();
      size_t end = first_file_[w.package + 1];
      while (w.next_file < end) {
        size_t f = w.next_file++;
        if (try_claim(f)) return f;
      }
      wanted_.pop_back();
    }
    return kNone;
  }

  size_t claim_in_load_order() {
    for (size_t f = next_in_load_order_++; f < files_.size(); f = next_in_load_order_++)
      if (try_claim(f)) return f;
    return kNone;
  }

  void wake_workers() {
    wake_.fetch_add(1, std::memory_order_release);
    wake_.notify_all();
  }

  void parse(size_t f) {
    Clock::time_point start = Clock::now();
    auto [p, i] = files_[f];
    load::SourceFile& source = packages_[p].files[i];
    if (source.text_deferred) {
      // Nobody else touches this file's text until it is published below.
      if (!source.text_released) read_late_.fetch_add(1, std::memory_order_relaxed);
      if (!load::read_deferred_text(source)) texts_changed_.store(true, std::memory_order_relaxed);
    }
    parsed_bytes_.fetch_add(source.text.size(), std::memory_order_relaxed);
    // A session's trees outlive the run: they own their texts. Otherwise they point into the
    // loader's texts.
    if (session_) parsed_[p][i] = session_->parsed(source);
    else parsed_[p][i] = syntax::parse_borrowed(source.path, source.text);
    parse_ns_ += std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count();
    state_[f].store(kParsed, std::memory_order_release);  // publishes parsed_[p][i]
    state_[f].notify_all();
  }

  std::vector<load::Package>& packages_;
  std::vector<std::vector<std::shared_ptr<syntax::ParsedFile>>>& parsed_;
  Session* session_;
  std::atomic<int> read_late_{0};
  std::atomic<bool> texts_changed_{false};
  std::vector<FileRef> files_;      // every file, in load order
  std::vector<size_t> first_file_;  // package -> its first file in files_ (one past the end last)
  std::unique_ptr<std::atomic<int>[]> state_;  // per file: kUnclaimed, kParsing or kParsed
  std::atomic<size_t> next_in_load_order_{0};
  std::mutex wanted_mutex_;
  std::vector<Wanted> wanted_;  // most urgent last
  std::atomic<int64_t> parse_ns_{0};
  size_t ahead_limit_ = 0;
  std::atomic<uint64_t> parsed_bytes_{0}, consumed_bytes_{0};
  std::atomic<uint32_t> wake_{0};  // bumped when a waiting worker may go on
  std::atomic<bool> done_{false};
};

bool uses_std_vendor(const load::Package& package) {
  return package.module && package.module->path == "std";
}

// Analyses the packages in dependency order: one sema::Program::analyze() per strongly connected
// component of the import graph, dependencies first (Tarjan's algorithm emits them in that order).
// Valid code has components of several packages too: a package here includes its internal tests,
// so p's tests importing q while q's tests import p is a cycle (the go tool builds p and q
// without their tests for each other). A component is added whole and analysed at once, exactly
// as when every package is analysed together.
class DependencyWalk {
 public:
  DependencyWalk(const std::vector<load::Package>& packages, ParseScheduler& scheduler,
                 AnalyzedPackages& out, const AnalyzeOptions& options)
      : packages_(packages), scheduler_(scheduler), out_(out), options_(options), session_(options.session),
        keys_(options.keys), order_(packages.size(), kUnvisited), lowlink_(packages.size(), 0),
        on_stack_(packages.size(), false), mutable_infos_(packages.size(), nullptr) {
    // Program::find answers with the package added last under a path; an importer of a path
    // depends on every package with that path, and each of those on the ones before it, so
    // they are added in load order and the last one wins, as when all are added at once.
    for (size_t p = 0; p < packages.size(); ++p) by_path_[packages[p].import_path].push_back(p);
    if (options_.check) {
      std::vector<bool> complete;
      header_deps_ = header_dependencies(packages, complete);
      release_ok_ = std::all_of(complete.begin(), complete.end(), [](bool b) { return b; });
      importers_left_.assign(packages.size(), 0);
      for (const std::vector<size_t>& deps : header_deps_)
        for (size_t d : deps) ++importers_left_[d];
      component_of_.assign(packages.size(), kUnvisited);
    }
  }

  void run() {
    for (size_t p = 0; p < packages_.size(); ++p)
      if (order_[p] == kUnvisited) visit(p);
    flush(false);  // the rest is checked; freeing it is the caller's business
  }

 private:
  static constexpr size_t kUnvisited = ~size_t(0);
  // A strongly connected component of the import graph (flat memory bookkeeping).
  struct Component {
    std::vector<size_t> members;
    int64_t importers_left = 0;  // edges from packages outside it that are not released yet
    bool checked = false;
    bool released = false;
  };
  struct Frame {
    size_t package;
    std::vector<size_t> imports;  // the run's packages it depends on, in source order
    size_t next = 0;
  };

  // Depth-first with an explicit stack: import chains can be long.
  void visit(size_t root) {
    std::vector<Frame> calls;
    enter(root, calls);
    while (!calls.empty()) {
      Frame& top = calls.back();
      size_t p = top.package;
      if (top.next < top.imports.size()) {
        size_t q = top.imports[top.next++];
        if (order_[q] == kUnvisited) enter(q, calls);
        else if (on_stack_[q]) lowlink_[p] = std::min(lowlink_[p], order_[q]);
        continue;
      }
      if (lowlink_[p] == order_[p]) analyze_component(p);
      calls.pop_back();
      if (!calls.empty()) lowlink_[calls.back().package] = std::min(lowlink_[calls.back().package], lowlink_[p]);
    }
  }

  void enter(size_t p, std::vector<Frame>& calls) {
    order_[p] = lowlink_[p] = next_order_++;
    component_stack_.push_back(p);
    on_stack_[p] = true;
    out_.wait_seconds += scheduler_.ensure_parsed(p);
    Frame frame{p, dependencies(p)};
    if (options_.check) parsed_deps_.emplace(p, frame.imports);
    // Workers parse the imports the walk enters next (the first one right away: latest wins).
    for (size_t k = frame.imports.size(); k-- > 0;)
      if (order_[frame.imports[k]] == kUnvisited) scheduler_.want(frame.imports[k]);
    calls.push_back(std::move(frame));
  }

  std::vector<size_t> dependencies(size_t p) {
    std::vector<size_t> deps;
    auto add = [&](size_t q) {
      if (q != p && std::find(deps.begin(), deps.end(), q) == deps.end()) deps.push_back(q);
    };
    const load::Package& package = packages_[p];
    const bool vendor = uses_std_vendor(package);
    for (const std::shared_ptr<syntax::ParsedFile>& file : out_.parsed[p]) {
      for (const ast::ImportSpec* spec : file->file->imports) {
        std::string_view path = sema::import_path_of(spec);
        if (path == "unsafe") continue;  // built into sema, never a package of the run
        // The path sema resolves the import to.
        std::optional<std::string> vendored = vendor ? sema::std_vendored_path(path) : std::nullopt;
        auto it = vendored ? by_path_.find(*vendored) : by_path_.find(path);
        if (it == by_path_.end()) continue;
        for (size_t q : it->second) add(q);
      }
    }
    for (size_t q : by_path_.find(package.import_path)->second) {
      if (q == p) break;
      add(q);  // an earlier package with the same path
    }
    return deps;
  }

  // Pops the component whose first-entered package is `root` and analyses it.
  void analyze_component(size_t root) {
    std::vector<size_t> component;
    size_t q;
    do {
      q = component_stack_.back();
      component_stack_.pop_back();
      on_stack_[q] = false;
      component.push_back(q);
    } while (q != root);
    std::sort(component.begin(), component.end());  // load order, as Program::find expects
    if (options_.check) before_analysis(component);
    Clock::time_point start = Clock::now();
    if (session_) {
      analyze_in_session(component);
      out_.sema_seconds += seconds(Clock::now() - start);
      return;
    }
    for (size_t p : component) {
      const load::Package& package = packages_[p];
      std::vector<const syntax::ParsedFile*> files;
      files.reserve(out_.parsed[p].size());
      for (const std::shared_ptr<syntax::ParsedFile>& file : out_.parsed[p]) files.push_back(file.get());
      sema::PackageInfo* info = out_.program->add_package(package.import_path, std::move(files));
      info->vendor_std_imports = uses_std_vendor(package);
      out_.infos[p] = info;
      mutable_infos_[p] = info;
    }
    out_.program->analyze();
    out_.sema_seconds += seconds(Clock::now() - start);
    size_t bytes = 0;
    for (size_t p : component)
      for (const load::SourceFile& file : packages_[p].files) bytes += file.text.size();
    scheduler_.consumed(bytes);
    if (options_.check) after_analysis(std::move(component), bytes);
  }

  // Freeing a package is safe only once every package that imports it is done: the counts come
  // from the headers, so the imports the parser found must be among them. They are whenever the
  // header scan is complete; should they ever differ, nothing more is freed (and a dependency
  // already freed is a bug worth stopping for rather than reading freed memory).
  void before_analysis(const std::vector<size_t>& component) {
    if (!release_ok_) return;
    for (size_t p : component) {
      const std::vector<size_t>& header = header_deps_[p];
      for (size_t d : parsed_deps_[p]) {
        if (std::find(header.begin(), header.end(), d) != header.end()) continue;
        release_ok_ = false;
        size_t c = component_of_[d];
        if (c != kUnvisited && components_[c].released)
          throw std::logic_error("gotrap: a freed package is imported by " + packages_[p].import_path);
      }
    }
  }

  void after_analysis(std::vector<size_t> component, size_t bytes) {
    size_t c = components_.size();
    for (size_t p : component) {
      component_of_[p] = c;
      parsed_deps_.erase(p);
    }
    Component k;
    for (size_t p : component) k.importers_left += importers_left_[p];
    for (size_t p : component)
      for (size_t d : header_deps_[p])
        if (component_of_[d] == c) --k.importers_left;  // an import inside the component
    pending_.insert(pending_.end(), component.begin(), component.end());
    k.members = std::move(component);
    components_.push_back(std::move(k));
    pending_bytes_ += bytes;
    if (pending_bytes_ >= options_.batch_bytes) flush(true);
  }

  // Hands the analysed packages not yet checked to `check`, then frees what nothing needs.
  void flush(bool release) {
    if (!options_.check || pending_.empty()) return;
    std::sort(pending_.begin(), pending_.end());
    options_.check(out_, pending_);
    std::vector<size_t> touched;
    for (size_t p : pending_) {
      size_t c = component_of_[p];
      if (!components_[c].checked) touched.push_back(c);
      components_[c].checked = true;
    }
    pending_.clear();
    pending_bytes_ = 0;
    if (release && release_ok_ && release_from(std::move(touched))) {
      // Freed trees leave holes all over the heap: hand their pages back to the system, or the
      // peak is that of the whole run all the same.
      malloc_trim(0);
    }
  }

  // Returns whether anything was freed.
  bool release_from(std::vector<size_t> work) {
    bool freed = false;
    while (!work.empty()) {
      size_t c = work.back();
      work.pop_back();
      Component& k = components_[c];
      if (k.released || !k.checked || k.importers_left != 0) continue;
      k.released = true;
      freed = true;
      if (options_.before_release) options_.before_release(out_, k.members);
      std::vector<sema::PackageInfo*> infos;
      for (size_t p : k.members) infos.push_back(mutable_infos_[p]);
      out_.program->release(infos);
      for (size_t p : k.members)
        for (std::shared_ptr<syntax::ParsedFile>& file : out_.parsed[p]) file.reset();
      if (options_.after_release) options_.after_release(k.members);
      for (size_t p : k.members) {
        for (size_t d : header_deps_[p]) {
          size_t dc = component_of_[d];
          if (dc == c) continue;
          --importers_left_[d];
          if (dc == kUnvisited) continue;  // counted when its component forms
          --components_[dc].importers_left;
          work.push_back(dc);
        }
      }
    }
    return freed;
  }

  const std::optional<std::string>& key_of(size_t p) const {
    static const std::optional<std::string> kNone;
    return keys_ && p < keys_->size() ? (*keys_)[p] : kNone;
  }

  // The component's live analyses when every member has one (its imports then have theirs: a
  // key covers its imports' keys); else a new analysis of every member in the session's Program,
  // after retiring what it replaces.
  void analyze_in_session(const std::vector<size_t>& component) {
    bool reusable = std::all_of(component.begin(), component.end(), [&](size_t p) {
      return key_of(p) && session_->has_live(*key_of(p));
    });
    if (reusable) {
      for (size_t p : component) out_.infos[p] = session_->reuse(*key_of(p));
      return;
    }
    for (size_t p : component) session_->retire_path(packages_[p].import_path);
    sema::Program& program = session_->program();
    for (size_t p : component) {
      session_->prepare(out_.parsed[p]);
      std::vector<const syntax::ParsedFile*> files;
      files.reserve(out_.parsed[p].size());
      for (const std::shared_ptr<syntax::ParsedFile>& file : out_.parsed[p]) files.push_back(file.get());
      sema::PackageInfo* info = program.add_package(packages_[p].import_path, std::move(files));
      info->vendor_std_imports = uses_std_vendor(packages_[p]);
      out_.infos[p] = info;
    }
    program.analyze();
    for (size_t p : component) {
      std::vector<const sema::PackageInfo*> imports;
      for (size_t q : dependencies(p)) imports.push_back(out_.infos[q]);
      session_->record(key_of(p), out_.infos[p], out_.parsed[p], imports);
    }
  }

  // string_view keys: heterogeneous lookup without building a string per import.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  const std::vector<load::Package>& packages_;
  ParseScheduler& scheduler_;
  AnalyzedPackages& out_;
  const AnalyzeOptions& options_;
  Session* session_;
  const std::vector<std::optional<std::string>>* keys_;
  std::vector<size_t> order_;    // Tarjan's index: when the walk entered the package
  std::vector<size_t> lowlink_;  // smallest index reachable while the package is on the stack
  std::vector<bool> on_stack_;
  std::vector<size_t> component_stack_;
  size_t next_order_ = 0;
  std::unordered_map<std::string, std::vector<size_t>, Hash, std::equal_to<>> by_path_;
  std::vector<sema::PackageInfo*> mutable_infos_;
  // Flat memory (AnalyzeOptions::check).
  std::vector<std::vector<size_t>> header_deps_;
  bool release_ok_ = false;
  std::vector<int64_t> importers_left_;  // per package: importers not released yet
  std::vector<size_t> component_of_;
  std::vector<Component> components_;
  std::unordered_map<size_t, std::vector<size_t>> parsed_deps_;  // entered, not yet analysed
  std::vector<size_t> pending_;  // analysed, not yet checked
  size_t pending_bytes_ = 0;
};

}  // namespace

std::vector<std::vector<size_t>> header_dependencies(const std::vector<load::Package>& packages,
                                                     std::vector<bool>& complete) {
  std::unordered_map<std::string_view, std::vector<size_t>> by_path;
  by_path.reserve(packages.size());
  for (size_t p = 0; p < packages.size(); ++p) by_path[packages[p].import_path].push_back(p);
  std::vector<std::vector<size_t>> deps(packages.size());
  complete.assign(packages.size(), true);
  for (size_t p = 0; p < packages.size(); ++p) {
    const load::Package& package = packages[p];
    const bool vendor = package.module && package.module->path == "std";
    auto add = [&](size_t q) {
      if (q != p && std::find(deps[p].begin(), deps[p].end(), q) == deps[p].end()) deps[p].push_back(q);
    };
    for (const load::SourceFile& file : package.files) {
      load::FileHeader scanned;
      if (!file.header_known) scanned = load::scan_header(file.text);
      const bool file_complete = file.header_known ? file.imports_complete
                                                   : scanned.imports_complete && scanned.error.empty();
      if (!file_complete) complete[p] = false;
      for (const std::string& path : file.header_known ? file.imports : scanned.imports) {
        if (path == "unsafe") continue;
        std::optional<std::string> vendored = vendor ? sema::std_vendored_path(path) : std::nullopt;
        auto it = by_path.find(vendored ? std::string_view(*vendored) : std::string_view(path));
        if (it == by_path.end()) continue;
        for (size_t q : it->second) add(q);
      }
    }
    for (size_t q : by_path.find(package.import_path)->second) {
      if (q == p) break;
      add(q);  // an earlier package with the same path
    }
  }
  return deps;
}

int resolve_thread_count(int requested) {
  if (requested > 0) return requested;
  return int(std::min(8u, std::max(1u, std::thread::hardware_concurrency())));
}

AnalyzedPackages parse_and_analyze(std::vector<load::Package>& packages,
                                   const AnalyzeOptions& options) {
  AnalyzedPackages out;
  out.parsed.resize(packages.size());
  out.infos.resize(packages.size());
  if (!options.session) {
    out.program = std::make_unique<sema::Program>();
    out.program->keep_expression_files(options.keep_expression_files);
  }
  ParseScheduler scheduler(packages, out.parsed, options.session);

  int threads = resolve_thread_count(options.threads);
  // A thread is worth starting only with a few files for it (to parse: a session has the others).
  size_t to_parse = scheduler.file_count();
  if (options.session) {
    to_parse = 0;
    for (const load::Package& package : packages)
      for (const load::SourceFile& source : package.files) to_parse += !options.session->has_parsed(source);
  }
  threads = int(std::min<size_t>(size_t(threads), std::max<size_t>(1, to_parse / 16)));
  std::vector<std::jthread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back([&scheduler] { scheduler.work(); });

  if (options.check) scheduler.limit_parse_ahead(options.parse_ahead_bytes);
  {
    // Stops waiting workers whether the walk ends or throws (a rule's exception from `check`).
    struct Finish {
      ParseScheduler& s;
      ~Finish() { s.finish(); }
    } finish{scheduler};
    DependencyWalk(packages, scheduler, out, options).run();
  }
  workers.clear();  // joins; every file was parsed before the walk ended
  out.parse_seconds = scheduler.parse_seconds();
  out.texts_read_late = scheduler.texts_read_late();
  out.texts_changed = scheduler.texts_changed();
  return out;
}

}  // namespace gotrap::rules
