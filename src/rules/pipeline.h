// Parsing and semantic analysis of loaded packages, overlapped: worker threads parse files while
// the calling thread analyses each package as soon as it and the packages it imports are parsed.
//
// The calling thread walks the packages depth-first in load order and analyses a package right
// after the run's packages it imports; packages that import each other (directly or not) are
// analysed together. The answers are those of analysing every package at once, and the order
// depends only on the sources, never on thread timing.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "load/load.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {

class Session;
struct AnalyzedPackages;

struct AnalyzeOptions {
  int threads = 0;  // parsing threads, the calling thread included; 0: one per core (at most 8)
  bool keep_expression_files = false;  // see sema::Program::keep_expression_files
  // Reuse between runs (rules/session.h): files are parsed through the session's cache and
  // packages analysed in its Program, those whose key (below) has a live analysis reused.
  Session* session = nullptr;
  // With a session: keys[p] is packages[p]'s key (rules::run's cache key), nullopt: not reusable.
  const std::vector<std::optional<std::string>>* keys = nullptr;


  // Flat memory. When `check` is set, it is called on the calling thread with analysed packages
  // (indices into the packages, every one exactly once) as the analysis goes, about every
  // `batch_bytes` of source, and the pipeline frees a package's parsed files and syntax facts as
  // soon as it and every package depending on it (directly or not) have been handed to `check`:
  // peak memory then follows what is alive at once, not the size of the input. The packages a
  // call names and everything they import are analysed and alive during the call.
  // `before_release` is called with packages about to be freed (their trees still alive).
  // Releasing needs every package's imports readable from its header (see header_dependencies):
  // when one is not, nothing is freed before the end.
  std::function<void(const AnalyzedPackages&, const std::vector<size_t>&)> check;
  std::function<void(const AnalyzedPackages&, const std::vector<size_t>&)> before_release;
  // Called with packages just freed (their parsed files are null), before the freed memory goes
  // back to the system: the place to let go of what else was kept for them (their texts).
  std::function<void(const std::vector<size_t>&)> after_release;
  size_t batch_bytes = size_t(2) << 20;
  // With `check` set: source bytes parsed ahead of the analysis at most (files the analysis asks
  // for are parsed whatever the count).
  size_t parse_ahead_bytes = size_t(4) << 20;
};

struct AnalyzedPackages {
  // In load order: parsed[p][i] is packages[p].files[i]; infos[p] is packages[p]'s analysis.
  // Shared: with a session, the trees outlive the run in its cache.
  std::vector<std::vector<std::shared_ptr<syntax::ParsedFile>>> parsed;
  std::unique_ptr<sema::Program> program;  // null with a session (the session's Program holds them)
  // Without a session and with AnalyzeOptions::check, released packages have null parsed files
  // and an emptied info.
  std::vector<const sema::PackageInfo*> infos;
  // Seconds spent parsing, summed over all threads (the parse work, not its wall time).
  double parse_seconds = 0;
  // Seconds the calling thread spent in the semantic analysis proper (not parsing or waiting).
  double sema_seconds = 0;
  // Seconds the calling thread waited for files other threads were parsing.
  double wait_seconds = 0;
  // Texts read for parsing (load::SourceFile::text_deferred): those the file-facts cache vouched
  // for (not text_released), and whether any file no longer had the stat its facts were taken from.
  int texts_read_late = 0;
  bool texts_changed = false;
};

// The threads a phase may use, the calling thread included, for a requested count (AnalyzeOptions::
// threads, EngineOptions::threads): 0 or less means one per core, at most 8.
int resolve_thread_count(int requested);

// The run's packages each package depends on, as the pipeline resolves its imports, read from
// the file headers without parsing, in source order. complete[p] is false when some import of p
// could not be read from its header.
std::vector<std::vector<size_t>> header_dependencies(const std::vector<load::Package>& packages,
                                                     std::vector<bool>& complete);

// Parses every file of `packages` and analyses every package in one Program. The parsed files
// point into the packages' texts, which must outlive them and stay where they are. A file whose
// text is deferred (load::SourceFile::text_deferred) is read (load::read_deferred_text) on the
// thread that parses it, just before: only then is its text in memory.
AnalyzedPackages parse_and_analyze(std::vector<load::Package>& packages,
                                   const AnalyzeOptions& options);

}  // namespace gotrap::rules
