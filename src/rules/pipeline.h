// Parsing and semantic analysis of loaded packages, overlapped: worker threads parse files while
// the calling thread analyses each package as soon as it and the packages it imports are parsed.
//
// The calling thread walks the packages depth-first in load order and analyses a package right
// after the run's packages it imports; packages that import each other (directly or not) are
// analysed together. The answers are those of analysing every package at once, and the order
// depends only on the sources, never on thread timing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "load/load.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {

class Session;

struct AnalyzeOptions {
  int threads = 0;  // parsing threads, the calling thread included; 0: one per core (at most 8)
  bool keep_expression_files = false;  // see sema::Program::keep_expression_files
  // Reuse between runs (rules/session.h): files are parsed through the session's cache and
  // packages analysed in its Program, those whose key (below) has a live analysis reused.
  Session* session = nullptr;
  // With a session: keys[p] is packages[p]'s key (rules::run's cache key), nullopt: not reusable.
  const std::vector<std::optional<std::string>>* keys = nullptr;
};

struct AnalyzedPackages {
  // In load order: parsed[p][i] is packages[p].files[i]; infos[p] is packages[p]'s analysis.
  // Shared: with a session, the trees outlive the run in its cache.
  std::vector<std::vector<std::shared_ptr<syntax::ParsedFile>>> parsed;
  std::unique_ptr<sema::Program> program;  // null with a session (the session's Program holds them)
  std::vector<const sema::PackageInfo*> infos;
  // Seconds spent parsing, summed over all threads (the parse work, not its wall time).
  double parse_seconds = 0;
  // Seconds the calling thread spent in the semantic analysis proper (not parsing or waiting).
  double sema_seconds = 0;
  // Seconds the calling thread waited for files other threads were parsing.
  double wait_seconds = 0;
};

// The threads a phase may use, the calling thread included, for a requested count (AnalyzeOptions::
// threads, EngineOptions::threads): 0 or less means one per core, at most 8.
int resolve_thread_count(int requested);

// Parses every file of `packages` and analyses every package in one Program. The packages'
// texts are copied into the parsed files (the packages are left as they are).
AnalyzedPackages parse_and_analyze(const std::vector<load::Package>& packages,
                                   const AnalyzeOptions& options);

}  // namespace gotrap::rules
