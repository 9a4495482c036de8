#include "rules/file_index.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "rules/cache_serial.h"
#include "rules/result_cache.h"
#include "rules/suppression.h"

namespace gotrap::rules::cache {

namespace {

constexpr std::string_view kMagic = "gotrap-stat-index-2\n";
constexpr std::string_view kSubdir = "stat-v1";

using serial::put;
using serial::Reader;

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

FileIndex::FileIndex(std::string dir, const std::string& scope) {
  Hasher h;
  h.add(binary_fingerprint());  // what the header facts are depends on gotrap's version
  h.add(scope);
  std::string key = h.finish();
  path_ = (std::filesystem::path(dir) / kSubdir / key).string();

  std::string data;
  if (!read_whole_file(path_, data) || !data.starts_with(kMagic) || data.size() < kMagic.size() + 32) return;
  std::string_view body(data);
  body.remove_prefix(kMagic.size());
  std::string_view check = body.substr(body.size() - 32);
  body.remove_suffix(32);
  if (content_hash(body) != check) return;
  Reader r{body};
  uint64_t n = r.count();
  std::unordered_map<std::string, Entry> entries;
  entries.reserve(n);
  for (uint64_t i = 0; i < n && r.ok; ++i) {
    std::string path = r.str();
    Entry e;
    e.stat.size = r.u64();
    e.stat.mtime_ns = int64_t(r.u64());
    e.stat.ctime_ns = int64_t(r.u64());
    e.stat.inode = r.u64();
    e.stat.device = r.u64();
    e.facts.hash = r.str();
    e.facts.interface_hash = r.str();
    e.facts.may_suppress = r.u64() != 0;
    load::FileHeader& hd = e.facts.header;
    if (r.u64()) hd.go_build = r.str();
    for (uint64_t k = r.count(); k > 0 && r.ok; --k) hd.plus_build.push_back(r.str());
    hd.package_name = r.str();
    hd.imports_c = r.u64() != 0;
    for (uint64_t k = r.count(); k > 0 && r.ok; --k) hd.imports.push_back(r.str());
    hd.imports_complete = r.u64() != 0;
    hd.generated = r.u64() != 0;
    hd.error = r.str();
    entries.emplace(std::move(path), std::move(e));
  }
  if (!r.ok || !r.in.empty()) return;
  old_ = std::move(entries);
}

bool FileIndex::find(const std::string& path, const load::FileStat& stat, load::FileFacts& out) {
  auto it = old_.find(path);
  if (it == old_.end() || !(it->second.stat == stat)) return false;
  out = it->second.facts;
  found_now_.push_back(&*it);
  ++found_;
  return true;
}

load::FileFacts FileIndex::remember(const std::string& path, const load::FileStat& stat, std::string_view text,
                                    const load::FileHeader& header) {
  Entry e;
  e.stat = stat;
  e.facts.hash = content_hash(text);
  e.facts.interface_hash = interface_hash(text, header.imports_c);
  e.facts.header = header;
  e.facts.may_suppress = may_hold_suppression(text);
  load::FileFacts out;
  out.hash = e.facts.hash;
  out.interface_hash = e.facts.interface_hash;
  changed_ = true;
  // Racy: changed so recently that a further change might leave the stat as it is.
  if (now_ns() - std::max(stat.mtime_ns, stat.ctime_ns) > kRacyNanos) remembered_now_.emplace_back(path, std::move(e));
  return out;
}

void FileIndex::save() {
  if (!changed_) {
    // Nothing remembered (remember() sets changed_): the entries now are the old ones found, and
    // when every old entry was found the index stays as it is, without sorting thousands of
    // paths to see so (a warm run).
    std::vector<const void*> found(found_now_.begin(), found_now_.end());
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    if (found.size() == old_.size()) return;
  }
  std::vector<std::pair<std::string_view, const Entry*>> now;
  for (const auto* found : found_now_) now.emplace_back(found->first, &found->second);
  for (const auto& [path, e] : remembered_now_) now.emplace_back(path, &e);
  std::sort(now.begin(), now.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  now.erase(std::unique(now.begin(), now.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
            now.end());
  if (!changed_ && now.size() == old_.size()) return;  // the same entries as were read
  std::string body;
  put(body, uint64_t(now.size()));
  for (const auto& [path, entry] : now) {
    const Entry& e = *entry;
    put(body, path);
    put(body, e.stat.size);
    put(body, uint64_t(e.stat.mtime_ns));
    put(body, uint64_t(e.stat.ctime_ns));
    put(body, e.stat.inode);
    put(body, e.stat.device);
    put(body, e.facts.hash);
    put(body, e.facts.interface_hash);
    put(body, uint64_t(e.facts.may_suppress));
    const load::FileHeader& hd = e.facts.header;
    put(body, uint64_t(hd.go_build.has_value()));
    if (hd.go_build) put(body, *hd.go_build);
    put(body, uint64_t(hd.plus_build.size()));
    for (const std::string& s : hd.plus_build) put(body, s);
    put(body, hd.package_name);
    put(body, uint64_t(hd.imports_c));
    put(body, uint64_t(hd.imports.size()));
    for (const std::string& s : hd.imports) put(body, s);
    put(body, uint64_t(hd.imports_complete));
    put(body, uint64_t(hd.generated));
    put(body, hd.error);
  }
  std::string data(kMagic);
  data += body;
  data += content_hash(body);
  write_file_atomically(path_, data);
}

}  // namespace gotrap::rules::cache
