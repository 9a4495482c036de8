#include "rules/session.h"

#include <sys/stat.h>

#include <fstream>
#include <iterator>

#include "facts/walk.h"

namespace gotrap::rules {

namespace {

// Forgets what a Program recorded in the tree's nodes (sema/slot_table.h): the next analysis
// then records its facts densely again instead of in its hash index.
void clear_sema_slots(const syntax::ParsedFile& file) {
  if (!file.file) return;
  facts::for_each_node(file.file, [](const ast::Node* n) {
    if (n->kind == ast::Kind::Ident) {
      static_cast<const ast::Ident*>(n)->sema_slot = 0;
    } else if (ast::has_wide_sema_slot(n->kind)) {
      static_cast<const ast::SlottedExpr*>(n)->sema_slot = 0;
    } else if (n->kind == ast::Kind::BinaryExpr) {
      static_cast<const ast::BinaryExpr*>(n)->sema_slot = 0;
    } else if (n->kind == ast::Kind::UnaryExpr) {
      static_cast<const ast::UnaryExpr*>(n)->sema_slot = 0;
    }
  });
}

}  // namespace

Session::Session()
    : program_(std::make_unique<sema::Program>()), summaries_(std::make_unique<facts::Summaries>()) {}

Session::~Session() {
  // The Program points into the parsed files the entries own: it goes first.
  summaries_.reset();
  program_.reset();
}

size_t Session::live_packages() const { return live_count_; }

bool Session::disk_text(const std::string& path, std::string& text) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  int64_t mtime = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  DiskText& cached = disk_[path];
  cached.last_used = run_;
  if (cached.size != int64_t(st.st_size) || cached.mtime_ns != mtime) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      disk_.erase(path);
      return false;
    }
    cached.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    cached.size = int64_t(st.st_size);
    cached.mtime_ns = mtime;
    count(&SessionStats::files_read);
  }
  text = cached.text;
  return true;
}

void Session::begin_run() {
  ++run_;
  last_ = SessionStats{};
  // Garbage collection: retired analyses outweigh the live ones (in source bytes, past a floor
  // that spares small modules a rebuild per edit; or in number, which bounds the per-package
  // overhead of many small retired packages).
  if (dead_bytes_ > live_bytes_ + kGarbageFloorBytes || dead_count_ > 2 * live_count_ + 16) rebuild_program();
}

void Session::end_run() {
  // Eviction: what no run used for a while (closed files, packages no longer imported).
  if (run_ < kEvictAfterRuns) return;
  uint64_t horizon = run_ - kEvictAfterRuns;
  std::vector<uint64_t> stale;
  for (auto& [id, entry] : entries_)
    if (entry.live && entry.last_used < horizon) stale.push_back(id);
  for (uint64_t id : stale) kill(id);
  {
    std::lock_guard<std::mutex> lock(files_mutex_);
    std::erase_if(files_, [&](const auto& item) { return item.second.last_used < horizon; });
  }
  std::erase_if(disk_, [&](const auto& item) { return item.second.last_used < horizon; });
}

bool Session::has_parsed(const load::SourceFile& source) {
  std::lock_guard<std::mutex> lock(files_mutex_);
  auto it = files_.find(source.path);
  return it != files_.end() && it->second.parsed->text == source.text;
}

std::shared_ptr<syntax::ParsedFile> Session::parsed(const load::SourceFile& source) {
  {
    std::lock_guard<std::mutex> lock(files_mutex_);
    auto it = files_.find(source.path);
    if (it != files_.end() && it->second.parsed->text == source.text) {
      it->second.last_used = run_;
      return it->second.parsed;
    }
  }
  std::shared_ptr<syntax::ParsedFile> fresh = syntax::parse_file(source.path, source.text);
  std::lock_guard<std::mutex> lock(files_mutex_);
  CachedFile& cached = files_[source.path];
  cached.parsed = fresh;
  cached.last_used = run_;
  ++last_.files_parsed;
  ++totals_.files_parsed;
  return fresh;
}

const sema::PackageInfo* Session::reuse(const std::string& key) {
  auto it = live_by_key_.find(key);
  if (it == live_by_key_.end()) return nullptr;
  Entry& entry = entries_.at(it->second);
  entry.last_used = run_;
  count(&SessionStats::packages_reused);
  return entry.info;
}

void Session::retire_path(const std::string& import_path) {
  auto it = live_by_path_.find(import_path);
  if (it != live_by_path_.end()) kill(it->second);
}

void Session::kill(uint64_t id) {
  std::vector<uint64_t> work = {id};
  while (!work.empty()) {
    auto it = entries_.find(work.back());
    work.pop_back();
    if (it == entries_.end() || !it->second.live) continue;
    Entry& entry = it->second;
    entry.live = false;
    program_->retire(entry.info);
    summaries_->forget(*entry.info);
    if (entry.key) {
      auto k = live_by_key_.find(*entry.key);
      if (k != live_by_key_.end() && k->second == entry.id) live_by_key_.erase(k);
    }
    auto p = live_by_path_.find(entry.info->import_path);
    if (p != live_by_path_.end() && p->second == entry.id) live_by_path_.erase(p);
    live_bytes_ -= entry.bytes;
    dead_bytes_ += entry.bytes;
    --live_count_;
    ++dead_count_;
    work.insert(work.end(), entry.dependents.begin(), entry.dependents.end());
  }
}

void Session::rebuild_program() {
  summaries_ = std::make_unique<facts::Summaries>();
  program_ = std::make_unique<sema::Program>();  // the old one goes before the trees it points into
  entries_.clear();
  live_by_key_.clear();
  live_by_path_.clear();
  entry_of_info_.clear();
  // slotted_by_ keeps naming the entries that are gone: their trees get cleared when reused.
  live_bytes_ = dead_bytes_ = 0;
  live_count_ = dead_count_ = 0;
  {
    // Trees no longer cached may be freed: forget them (their addresses get reused).
    std::lock_guard<std::mutex> lock(files_mutex_);
    std::unordered_map<const syntax::ParsedFile*, uint64_t> kept;
    for (auto& [path, cached] : files_) {
      auto it = slotted_by_.find(cached.parsed.get());
      if (it != slotted_by_.end()) kept.insert(*it);
    }
    slotted_by_ = std::move(kept);
  }
  count(&SessionStats::program_rebuilds);
}

void Session::prepare(std::vector<std::shared_ptr<syntax::ParsedFile>>& files) {
  for (std::shared_ptr<syntax::ParsedFile>& file : files) {
    auto it = slotted_by_.find(file.get());
    if (it == slotted_by_.end()) continue;
    auto owner = entries_.find(it->second);
    if (owner != entries_.end() && owner->second.live) {
      // Another live analysis records its facts in this tree: this one gets its own.
      file = syntax::parse_file(file->path, std::string(file->text));
      std::lock_guard<std::mutex> lock(files_mutex_);  // parsing threads count here too
      ++last_.files_parsed;
      ++totals_.files_parsed;
    } else {
      clear_sema_slots(*file);
      slotted_by_.erase(it);
    }
  }
}

void Session::record(const std::optional<std::string>& key, const sema::PackageInfo* info,
                     const std::vector<std::shared_ptr<syntax::ParsedFile>>& files,
                     const std::vector<const sema::PackageInfo*>& imports) {
  Entry entry;
  entry.id = next_id_++;
  entry.key = key;
  entry.info = info;
  entry.files = files;
  entry.last_used = run_;
  for (const auto& file : files) {
    entry.bytes += file->text.size();
    slotted_by_[file.get()] = entry.id;
  }
  for (const sema::PackageInfo* import : imports) {
    auto it = entry_of_info_.find(import);
    if (it == entry_of_info_.end()) continue;
    auto dep = entries_.find(it->second);
    if (dep == entries_.end()) continue;
    dep->second.dependents.push_back(entry.id);
    // Analysed against a retired analysis (a package of the run imported twice under one path):
    // never reusable.
    if (!dep->second.live) entry.key.reset();
  }
  if (entry.key) live_by_key_[*entry.key] = entry.id;
  live_by_path_[info->import_path] = entry.id;
  entry_of_info_[info] = entry.id;
  live_bytes_ += entry.bytes;
  ++live_count_;
  count(&SessionStats::packages_analysed);
  entries_.emplace(entry.id, std::move(entry));
}

}  // namespace gotrap::rules
