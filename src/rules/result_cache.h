// The result cache: a package's raw findings (before suppressions, configuration filters and
// sorting), stored on disk under a key that covers everything those findings depend on (see
// engine_run.cpp for what goes into a key). One file per key; written to a temporary file and
// renamed, so concurrent runs never see half an entry; a damaged entry reads as a miss.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace gotrap::rules::cache {

// 128 bits of a non-cryptographic hash over a sequence of fields (each length-prefixed, so
// ("ab","c") and ("a","bc") differ). Reads eight bytes at a time: keys over GOROOT/src's
// 150 MB of text cost tens of milliseconds.
class Hasher {
 public:
  void add(std::string_view bytes);
  void add(uint64_t value);
  std::string finish() const;  // 32 hex digits

 private:
  void mix(uint64_t word);
  uint64_t a_ = 0x243f6a8885a308d3ull;
  uint64_t b_ = 0x13198a2e03707344ull;
  uint64_t count_ = 0;
};

// The hash of a file's text as result cache keys take it (Hasher over the text alone).
std::string content_hash(std::string_view text);

// What the analysis of other packages can observe of a file's text, hashed: its tokens (kind and
// literal spelling) in order, without comments, layout or positions; directive-like comments
// (`//go:...`, `//line`, `//export`, `// +build`, `// Code generated`, any `//x` without a
// space) are kept, and so is every comment of a cgo file (its preamble is C code). A text the
// scanner reports an error in is hashed whole. Two texts with the same interface hash parse to
// trees that differ only in positions and comments. `text` must be followed by a NUL byte (a
// std::string's data is).
std::string interface_hash(std::string_view text, bool cgo);

// The key of gotrap's own build: a hash of the running executable's path and stat, or of its
// bytes when it has just changed (computed once).
const std::string& binary_fingerprint();

// The entry stored under `key`, or nothing (missing, unreadable or damaged).
std::optional<std::vector<Finding>> load(const std::string& dir, const std::string& key);

// Stores an entry; failures are silent (a cache that cannot be written only costs time).
void store(const std::string& dir, const std::string& key, const std::vector<Finding>& findings);

// Keeps the cache under max_bytes: when it is over, deletes the oldest entries (by modification
// time) until it is under three quarters of the bound. Looks at most once an hour (a stamp file
// records the last look), so between looks the cache may grow past the bound by an hour's runs.
void evict(const std::string& dir, uint64_t max_bytes);

// The whole file at path; false when it cannot be opened or read.
bool read_whole_file(const std::string& path, std::string& out);

// Writes data to path through a temporary file and a rename (readers see the old file or the
// new one, whole), creating the directory; failures are silent.
void write_file_atomically(const std::string& path, std::string_view data);

// The default cache directory: $XDG_CACHE_HOME/gotrap, else $HOME/.cache/gotrap; empty if neither.
std::string default_dir();

}  // namespace gotrap::rules::cache
