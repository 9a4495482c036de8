// What the engine keeps between runs over the same code (the language server re-checks a package
// on every edit): file texts read from disk, parsed files, and analysed packages, each reused
// while its content is unchanged.
//
// - Texts of files not open in an editor: read once, read again when their size or mtime changes.
// - Parsed files: by path, reused while the text is byte for byte the same.
// - Analysed packages live in one sema::Program kept by the session. A package is reused when its
//   key (rules::run's cache key: its files, its imports' keys, the options) matches its live
//   analysis; otherwise it is analysed again, and its previous analysis, with every analysis that
//   resolved imports against it, retires (no longer found by path, its function summaries
//   dropped). Retired analyses stay in the Program as garbage until it is rebuilt: at the start of
//   a run, once the garbage outweighs what is live (past a floor), the Program starts afresh (the
//   parsed files stay; the packages are analysed again as runs need them). So memory stays proportional to the live packages however long the session.
// - Entries not used for kEvictAfterRuns runs are dropped (closed or unused packages).
//
// One run at a time; the parse cache alone is used from the parsing threads (locked).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "facts/summary.h"
#include "load/load.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::rules {

// What one run did (Session::last_run) or all runs did (Session::totals).
struct SessionStats {
  int files_read = 0;          // files read from disk (not open in the editor, new or changed)
  int files_parsed = 0;        // files parsed (the others' trees were reused)
  int packages_analysed = 0;   // packages given a new semantic analysis
  int packages_reused = 0;     // packages whose analysis was reused
  int packages_checked = 0;    // packages the rules ran on
  int program_rebuilds = 0;    // times the Program started afresh (garbage collection)
};

class Session {
 public:
  static constexpr uint64_t kEvictAfterRuns = 64;
  static constexpr size_t kGarbageFloorBytes = 256 << 10;  // of source

  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The text of a file on disk, reusing the last read while its size and mtime are unchanged.
  // False when it cannot be read (the loader then reports it).
  bool disk_text(const std::string& path, std::string& text);

  const SessionStats& last_run() const { return last_; }
  const SessionStats& totals() const { return totals_; }
  // Live entries, for tests and logs.
  size_t live_packages() const;
  size_t cached_files() const { return files_.size(); }

  // ---- used by the engine (rules::run) and the pipeline (parse_and_analyze) ----
  void begin_run();
  void end_run();
  // Whether parsed() has a tree for `source` without parsing.
  bool has_parsed(const load::SourceFile& source);
  // The parsed tree of `source`: the cached one when the text is the same, else a new parse.
  std::shared_ptr<syntax::ParsedFile> parsed(const load::SourceFile& source);
  sema::Program& program() { return *program_; }
  facts::Summaries& summaries() { return *summaries_; }
  // Whether a live analysis has this key.
  bool has_live(const std::string& key) const { return live_by_key_.count(key) != 0; }
  // The live analysis with this key, marked used; null when there is none.
  const sema::PackageInfo* reuse(const std::string& key);
  // Before analysing `import_path` again: retires its live analysis and those that depend on it.
  void retire_path(const std::string& import_path);
  // The files to hand to Program::add_package: trees sema recorded facts in before have their
  // slots cleared; a tree a live analysis still uses is replaced by a fresh parse.
  void prepare(std::vector<std::shared_ptr<syntax::ParsedFile>>& files);
  // Records a new analysis (key: nullopt when it can never be reused) and the analyses of the
  // run's packages it imports.
  void record(const std::optional<std::string>& key, const sema::PackageInfo* info,
              const std::vector<std::shared_ptr<syntax::ParsedFile>>& files,
              const std::vector<const sema::PackageInfo*>& imports);
  void count_checked(int packages) {
    last_.packages_checked += packages;
    totals_.packages_checked += packages;
  }

 private:
  struct Entry {
    uint64_t id = 0;
    std::optional<std::string> key;
    const sema::PackageInfo* info = nullptr;
    std::vector<std::shared_ptr<syntax::ParsedFile>> files;
    std::vector<uint64_t> dependents;  // entries that resolved imports to this one
    size_t bytes = 0;                  // source bytes
    uint64_t last_used = 0;            // run number
    bool live = true;
  };
  struct CachedFile {
    std::shared_ptr<syntax::ParsedFile> parsed;
    uint64_t last_used = 0;
  };
  struct DiskText {
    int64_t mtime_ns = 0;
    int64_t size = -1;
    std::string text;
    uint64_t last_used = 0;
  };

  void kill(uint64_t id);
  void rebuild_program();
  void count(int SessionStats::*field) {
    ++(last_.*field);
    ++(totals_.*field);
  }

  uint64_t run_ = 0;
  uint64_t next_id_ = 1;
  std::unique_ptr<sema::Program> program_;
  std::unique_ptr<facts::Summaries> summaries_;
  std::map<uint64_t, Entry> entries_;                      // live and retired, until a rebuild
  std::unordered_map<std::string, uint64_t> live_by_key_;
  std::unordered_map<std::string, uint64_t> live_by_path_;
  std::unordered_map<const sema::PackageInfo*, uint64_t> entry_of_info_;
  // The entry whose analysis recorded facts (sema slots) in a tree.
  std::unordered_map<const syntax::ParsedFile*, uint64_t> slotted_by_;
  size_t live_bytes_ = 0, dead_bytes_ = 0;
  size_t live_count_ = 0, dead_count_ = 0;
  std::mutex files_mutex_;
  std::unordered_map<std::string, CachedFile> files_;  // path -> last parse
  std::unordered_map<std::string, DiskText> disk_;     // path -> last read
  SessionStats last_, totals_;
};

}  // namespace gotrap::rules
