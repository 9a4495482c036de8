#include "sema/debug_print.h"

#include <algorithm>
#include <tuple>

namespace gotrap::sema {

namespace {

std::string position(const syntax::ParsedFile* file, ast::Pos pos) {
  if (!file || !ast::valid(pos)) return "-";
  syntax::LineCol lc = file->lines.at(pos);
  return file->path + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

struct Entry {
  size_t file_index;
  ast::Pos pos;
  ast::Pos end;
  std::string line;
};

}  // namespace

std::string describe_target(const Object* obj, const PackageInfo& current) {
  if (!obj) return "?";
  if (obj->pkg_path().empty() && !obj->package()) return "universe." + std::string(obj->name);
  if (obj->package() == &current && obj->file()) return position(obj->file(), obj->pos());
  std::string out(obj->pkg_path());
  out += '.';
  if (obj->is_field || obj->is_method) {
    out += obj->owner.empty() ? std::string("?") : std::string(obj->owner);
    out += '.';
  }
  out += obj->name;
  return out;
}

static size_t index_of(const PackageInfo& pkg, const syntax::ParsedFile* f) {
  for (size_t i = 0; i < pkg.files.size(); ++i)
    if (pkg.files[i] == f) return i;
  return pkg.files.size();
}

std::vector<std::string> use_lines(const PackageInfo& pkg) {
  std::vector<Entry> entries;
  for (auto& [id, obj] : pkg.uses) {
    size_t fi = index_of(pkg, pkg.file_of(id));
    if (fi >= pkg.files.size()) continue;
    entries.push_back({fi, id->pos(), 0, position(pkg.files[fi], id->pos()) + " -> " + describe_target(obj, pkg)});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.file_index, a.pos) < std::tie(b.file_index, b.pos);
  });
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (Entry& e : entries) out.push_back(std::move(e.line));
  return out;
}

std::vector<std::string> type_lines(const PackageInfo& pkg) {
  std::vector<Entry> entries;
  pkg.types.for_each([&](const ast::Node* node, const Type* type) {
    auto where = pkg.expression_files.find(node);
    size_t fi = where == pkg.expression_files.end() ? pkg.files.size() : index_of(pkg, where->second);
    if (fi >= pkg.files.size()) return;
    const syntax::ParsedFile* f = pkg.files[fi];
    syntax::LineCol end = f->lines.at(node->end());
    entries.push_back({fi, node->pos(), node->end(),
                       position(f, node->pos()) + "-" + std::to_string(end.line) + ":" +
                           std::to_string(end.column) + " " + type_string(type)});
  });
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.file_index, a.pos, a.end) < std::tie(b.file_index, b.pos, b.end);
  });
  std::vector<std::string> out;
  out.reserve(entries.size());
  for (Entry& e : entries) out.push_back(std::move(e.line));
  return out;
}

}  // namespace gotrap::sema
