#include "sema_test_util.h"

#include <stdexcept>

namespace gotrap::sema::testing {

namespace {

// Finds identifiers by scanning every node reachable through the uses/defs maps: enough for tests,
// since every identifier the tests ask about is a use or a definition.
const ast::Ident* find_ident(const PackageInfo& pkg, const syntax::ParsedFile& file, uint32_t offset) {
  for (auto& [id, obj] : pkg.uses)
    if (id->pos() == offset && pkg.file_of(id) == &file) return id;
  for (auto& [id, obj] : pkg.defs)
    if (id->pos() == offset && pkg.file_of(id) == &file) return id;
  return nullptr;
}

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

uint32_t Analysed::offset(const std::string& needle, int n, size_t pkg, size_t file) const {
  std::string_view text = packages[pkg]->files[file]->text;
  size_t at = text.find(needle);
  for (int i = 0; i < n && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  if (at == std::string::npos) throw std::runtime_error("no occurrence of " + needle);
  return uint32_t(at);
}

const ast::Ident* Analysed::ident(const std::string& name, int n, size_t pkg, size_t file) const {
  std::string_view text = packages[pkg]->files[file]->text;
  int seen = 0;
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    bool whole = (at == 0 || !is_ident_char(text[at - 1])) &&
                 (at + name.size() >= text.size() || !is_ident_char(text[at + name.size()]));
    if (!whole) continue;
    if (seen++ == n) return find_ident(*packages[pkg], *packages[pkg]->files[file], uint32_t(at));
  }
  return nullptr;
}

const Type* Analysed::type_at(const std::string& needle, int n, size_t pkg) const {
  uint32_t start = offset(needle, n, pkg);
  uint32_t end = start + uint32_t(needle.size());
  const Type* found = nullptr;
  packages[pkg]->types.for_each([&](const ast::Node* node, const Type* type) {
    // Nodes of other files could share offsets; tests keep one file per package when asking.
    // Identifiers come last: of nodes with the same span, the innermost wins.
    if (node->pos() == start && node->end() == end && packages[pkg]->files[0]->text.size() > end)
      found = type;
  });
  return found;
}

Analysed analyse(const std::vector<Source>& packages) {
  Analysed a;
  a.program = std::make_unique<Program>();
  for (const Source& src : packages) {
    std::vector<const syntax::ParsedFile*> files;
    int i = 0;
    for (const std::string& text : src.files) {
      a.files.push_back(syntax::parse_file(src.import_path + "/f" + std::to_string(i++) + ".go", text));
      files.push_back(a.files.back().get());
    }
    a.packages.push_back(a.program->add_package(src.import_path, std::move(files)));
  }
  a.program->analyze();
  return a;
}

}  // namespace gotrap::sema::testing
