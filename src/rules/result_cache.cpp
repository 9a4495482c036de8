#include "rules/result_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include "rules/cache_serial.h"
#include "syntax/parser.h"
#include "syntax/scanner.h"

namespace gotrap::rules::cache {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "gotrap-results-1\n";
// Entries live in a subdirectory of their own, so eviction never touches anything else kept
// under the same cache directory (such as a module cache).
constexpr std::string_view kSubdir = "results-v1";

uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

uint64_t final_mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

// Joined as strings: std::filesystem's operator/ splits every component again on each join.
std::string entry_path(const std::string& dir, const std::string& key) {
  std::string path = dir;
  if (!path.empty() && path.back() != '/') path += '/';
  path.append(kSubdir).append("/").append(key, 0, 2).append("/").append(key);
  return path;
}

// Serialization (cache_serial.h); a hash of the body at the end.
using serial::put;
using serial::Reader;

// The whole file in one read (istreambuf_iterator goes a character at a time: the binary's
// fingerprint alone was a tenth of a warm run). False when it cannot be opened or read.
bool read_whole(const std::string& path, std::string& out) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    close(fd);
    return false;
  }
  out.resize(size_t(info.st_size));
  size_t done = 0;
  while (done < out.size()) {
    ssize_t got = read(fd, out.data() + done, out.size() - done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    done += size_t(got);
  }
  close(fd);
  out.resize(done);
  return true;
}

std::string body_hash(std::string_view body) {
  Hasher h;
  h.add(body);
  return h.finish();
}

}  // namespace

void Hasher::mix(uint64_t word) {
  a_ = rotl(a_ ^ (word * 0x9e3779b97f4a7c15ull), 31) * 0x87c37b91114253d5ull;
  b_ = rotl(b_ + word, 27) * 0x4cf5ad432745937full + a_;
  ++count_;
}

void Hasher::add(std::string_view bytes) {
  mix(bytes.size() ^ 0xa0761d6478bd642full);
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    mix(word);
  }
  if (i < bytes.size()) {
    uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, bytes.size() - i);
    mix(word ^ (uint64_t(bytes.size() - i) << 56));
  }
}

void Hasher::add(uint64_t value) {
  mix(0xe7037ed1a0b428dbull);
  mix(value);
}

std::string Hasher::finish() const {
  uint64_t x = final_mix(a_ ^ count_);
  uint64_t y = final_mix(b_ + x);
  // Hex by hand: snprintf was a twentieth of a warm run (a key per package and per cache entry).
  std::string out(32, '0');
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i, x >>= 4) out[size_t(i)] = kDigits[x & 15];
  for (int i = 31; i >= 16; --i, y >>= 4) out[size_t(i)] = kDigits[y & 15];
  return out;
}

const std::string& binary_fingerprint() {
  static const std::string fingerprint = [] {
    // The executable's path and stat identify its build as its bytes do (a rebuild or a copy
    // changes them; ctime cannot be set back), without reading and hashing megabytes on every
    // run. Only when the file changed within the last two seconds (timestamps are coarse: it
    // could change again unseen) are its bytes hashed.
    Hasher h;
    char target[4096];
    ssize_t length = readlink("/proc/self/exe", target, sizeof target - 1);
    struct stat info;
    if (length > 0 && stat("/proc/self/exe", &info) == 0) {
      int64_t mtime = int64_t(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
      int64_t ctime = int64_t(info.st_ctim.tv_sec) * 1000000000 + info.st_ctim.tv_nsec;
      int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch()).count();
      if (now - std::max(mtime, ctime) > 2'000'000'000) {
        h.add(std::string_view("stat"));
        h.add(std::string_view(target, size_t(length)));
        for (uint64_t v : {uint64_t(info.st_size), uint64_t(mtime), uint64_t(ctime), uint64_t(info.st_ino),
                           uint64_t(info.st_dev)})
          h.add(v);
        return h.finish();
      }
    }
    std::string bytes;
    read_whole("/proc/self/exe", bytes);
    h.add(std::string_view("bytes"));
    h.add(bytes);
    return h.finish();
  }();
  return fingerprint;
}

std::optional<std::vector<Finding>> load(const std::string& dir, const std::string& key) {
  std::string data;
  if (!read_whole(entry_path(dir, key), data)) return std::nullopt;
  if (!data.starts_with(kMagic) || data.size() < kMagic.size() + 32) return std::nullopt;
  std::string_view body(data);
  body.remove_prefix(kMagic.size());
  std::string_view check = body.substr(body.size() - 32);
  body.remove_suffix(32);
  if (body_hash(body) != check) return std::nullopt;
  Reader r{body};
  if (r.str() != key) return std::nullopt;  // a file renamed into the wrong place
  std::vector<Finding> findings(r.u64());
  if (!r.ok || findings.size() > body.size()) return std::nullopt;
  for (Finding& f : findings) {
    f.rule = r.str();
    f.severity = Severity(r.u64());
    f.path = r.str();
    f.start = uint32_t(r.u64());
    f.end = uint32_t(r.u64());
    f.message = r.str();
    uint64_t related = r.u64();
    if (!r.ok || related > body.size()) return std::nullopt;
    for (uint64_t i = 0; i < related; ++i) {
      Related rel;
      rel.path = r.str();
      rel.start = uint32_t(r.u64());
      rel.end = uint32_t(r.u64());
      rel.message = r.str();
      f.related.push_back(std::move(rel));
    }
    uint64_t fixes = r.u64();
    if (!r.ok || fixes > body.size()) return std::nullopt;
    for (uint64_t i = 0; i < fixes; ++i) {
      Fix fix;
      fix.message = r.str();
      fix.safety = FixSafety(r.u64());
      uint64_t edits = r.u64();
      if (!r.ok || edits > body.size()) return std::nullopt;
      for (uint64_t e = 0; e < edits; ++e) {
        Edit edit;
        edit.start = uint32_t(r.u64());
        edit.end = uint32_t(r.u64());
        edit.text = r.str();
        fix.edits.push_back(std::move(edit));
      }
      f.fixes.push_back(std::move(fix));
    }
  }
  if (!r.ok || !r.in.empty()) return std::nullopt;
  return findings;
}

void store(const std::string& dir, const std::string& key, const std::vector<Finding>& findings) {
  std::string body;
  put(body, key);
  put(body, uint64_t(findings.size()));
  for (const Finding& f : findings) {
    put(body, f.rule);
    put(body, uint64_t(f.severity));
    put(body, f.path);
    put(body, uint64_t(f.start));
    put(body, uint64_t(f.end));
    put(body, f.message);
    put(body, uint64_t(f.related.size()));
    for (const Related& rel : f.related) {
      put(body, rel.path);
      put(body, uint64_t(rel.start));
      put(body, uint64_t(rel.end));
      put(body, rel.message);
    }
    put(body, uint64_t(f.fixes.size()));
    for (const Fix& fix : f.fixes) {
      put(body, fix.message);
      put(body, uint64_t(fix.safety));
      put(body, uint64_t(fix.edits.size()));
      for (const Edit& edit : fix.edits) {
        put(body, uint64_t(edit.start));
        put(body, uint64_t(edit.end));
        put(body, edit.text);
      }
    }
  }
  std::string data(kMagic);
  data += body;
  data += body_hash(body);

  write_file_atomically(entry_path(dir, key), data);
}

namespace {

// Comments that may mean something to a tool: kept in the interface hash.
bool directive_like(std::string_view comment) {
  if (comment.starts_with("/*")) return comment.starts_with("/*line ");
  std::string_view rest = comment.substr(2);
  if (rest.empty()) return false;
  if (rest[0] != ' ' && rest[0] != '\t') return true;  // //go:build, //line, //export, //nolint...
  return rest.starts_with(" +build") || rest.starts_with(" Code generated");
}

}  // namespace

std::string interface_hash(std::string_view text, bool cgo) {
  std::vector<syntax::SyntaxError> errors;
  syntax::Scanner scanner(text, &errors);
  Hasher h;
  h.add(std::string_view("tokens"));
  // Operators and keywords are their kind alone: up to seven kinds go into one word, with their
  // count in the top byte, so that most tokens cost a shift rather than a round of the hash.
  uint64_t kinds = 0;
  uint64_t pending = 0;
  auto flush = [&] {
    if (pending == 0) return;
    h.add(kinds | pending << 56);
    kinds = pending = 0;
  };
  syntax::Token token;
  for (;;) {
    scanner.scan(token);
    if (token.tok == syntax::Tok::END_OF_FILE) break;
    if (token.tok == syntax::Tok::COMMENT && !cgo && !directive_like(token.lit)) continue;
    // Literal spellings (identifiers, numbers, strings, comments kept) with their kind. A
    // semicolon keeps whether it was written or inserted at a newline: the parser's recovery
    // from an error differs between the two.
    if (syntax::is_literal(token.tok) || token.tok == syntax::Tok::COMMENT || token.tok == syntax::Tok::ILLEGAL ||
        token.tok == syntax::Tok::SEMICOLON) {
      flush();
      h.add(uint64_t(token.tok));
      h.add(token.lit);
    } else {
      kinds |= uint64_t(token.tok) << (8 * pending);
      if (++pending == 7) flush();
    }
  }
  flush();
  if (!errors.empty()) {
    h.add(std::string_view("text"));
    h.add(text);
  }
  return h.finish();
}

std::string content_hash(std::string_view text) {
  Hasher h;
  h.add(text);
  return h.finish();
}

bool read_whole_file(const std::string& path, std::string& out) { return read_whole(path, out); }

void write_file_atomically(const std::string& path, std::string_view data) {
  fs::path target = path;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) return;
  // A name no other process or thread uses: pid, a per-process counter and a random number.
  static std::atomic<uint64_t> counter{0};
  thread_local std::mt19937_64 random{std::random_device{}()};
  fs::path temp = target;
  temp += ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++) + "." +
          std::to_string(random() % 1000000007);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out.write(data.data(), std::streamsize(data.size()));
    out.close();
    if (!out) {
      fs::remove(temp, ec);
      return;
    }
  }
  fs::rename(temp, target, ec);  // atomic: readers see the old file or the new one, whole
  if (ec) fs::remove(temp, ec);
}

void evict(const std::string& dir, uint64_t max_bytes) {
  // At most once an hour (the go command trims its cache once a day): a walk over a big cache
  // costs seconds, and every run that stores an entry would otherwise pay it.
  {
    fs::path stamp = fs::path(dir) / "results-v1.evicted";
    std::error_code e1;
    auto last = fs::last_write_time(stamp, e1);
    auto now = fs::file_time_type::clock::now();
    if (!e1 && now - last < std::chrono::hours(1) && last <= now) return;
    fs::create_directories(stamp.parent_path(), e1);
    std::ofstream touch(stamp, std::ios::trunc);  // claims this hour's walk
    if (!touch) return;
    touch.close();
    fs::last_write_time(stamp, now, e1);
  }
  struct Entry {
    fs::path path;
    fs::file_time_type time;
    uint64_t size;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  // The stat indexes (file_index.cpp, one per working directory and pattern list) are evicted
  // with the entries. Sizes count whole 4 KiB blocks: most entries are far smaller than a
  // block, and the disk they take is what the bound is for.
  constexpr uint64_t kBlock = 4096;
  for (std::string_view sub : {kSubdir, std::string_view("stat-v1")}) {
    ec.clear();
    for (fs::recursive_directory_iterator it(fs::path(dir) / sub, ec), end; !ec && it != end;
         it.increment(ec)) {
      std::error_code e2;
      if (!it->is_regular_file(e2)) continue;
      Entry entry{it->path(), it->last_write_time(e2), it->file_size(e2)};
      if (e2) continue;
      entry.size = (entry.size + kBlock - 1) / kBlock * kBlock;
      total += entry.size;
      entries.push_back(std::move(entry));
    }
  }
  if (total <= max_bytes) return;
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.time < b.time; });
  uint64_t goal = max_bytes / 4 * 3;
  for (const Entry& entry : entries) {
    if (total <= goal) break;
    std::error_code e3;
    if (fs::remove(entry.path, e3)) total -= entry.size;  // another run may have removed it first
  }
}

std::string default_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/gotrap";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/gotrap";
  return {};
}

}  // namespace gotrap::rules::cache
