// The stat index of the result cache: for each source file a run read, its stat (size, mtime,
// ctime, inode, device), its content hash, its interface hash and the header facts loading
// needs. A later run that finds a file's stat unchanged takes these facts instead of reading and
// hashing the file, as the go command and Ruff do, so a warm run reads only what it must.
//
// Racy files (git's rule): a file whose mtime or ctime is within kRacyNanos of the moment it was
// read could be changed again without its stat changing (timestamps are coarse), so it is not
// remembered and is read again next time.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "load/load.h"

namespace gotrap::rules::cache {

class FileIndex : public load::FileFactsCache {
 public:
  static constexpr int64_t kRacyNanos = 2'000'000'000;

  // The index kept under `dir` for `scope` (what the run looks at: working directory and
  // patterns); empty when missing, unreadable or damaged.
  FileIndex(std::string dir, const std::string& scope);

  bool find(const std::string& path, const load::FileStat& stat, load::FileFacts& out) override;
  load::FileFacts remember(const std::string& path, const load::FileStat& stat, std::string_view text,
                           const load::FileHeader& header) override;

  // Writes this run's entries (the files found or remembered) when they differ from what was read.
  void save();

  int found() const { return found_; }

 private:
  struct Entry {
    load::FileStat stat;
    load::FileFacts facts;
  };
  std::string path_;
  std::unordered_map<std::string, Entry> old_;
  std::vector<const std::pair<const std::string, Entry>*> found_now_;  // entries of old_ found
  std::vector<std::pair<std::string, Entry>> remembered_now_;
  bool changed_ = false;
  int found_ = 0;
};

}  // namespace gotrap::rules::cache
