#include "facts/census.h"

#include <algorithm>
#include <array>
#include <functional>

#include "facts/walk.h"

namespace gotrap::facts {

namespace {

constexpr std::array<std::string_view, size_t(Word::COUNT_)> kWords = {
    "append", "make", "nil", "Add", "Done", "Wait", "Go",
};

// Bit n: some word is n bytes long (all are shorter than 64).
constexpr uint64_t kLengths = [] {
  uint64_t bits = 0;
  for (std::string_view w : kWords) bits |= uint64_t(1) << w.size();
  return bits;
}();

uint64_t word_bit(std::string_view name) {
  if (name.size() >= 64 || !((kLengths >> name.size()) & 1)) return 0;
  for (size_t i = 0; i < kWords.size(); ++i)
    if (kWords[i] == name) return uint64_t(1) << i;
  return 0;
}

}  // namespace

FileCensus::FileCensus(const ast::File* file) : tree_(file) {
  static_assert(unsigned(ast::Kind::COUNT_) <= 64 && unsigned(Word::COUNT_) <= 64);
  if (!file) return;
  decls_.reserve(file->decls.size());
  for (const ast::Node* decl : file->decls) {
    if (!decl) continue;
    DeclCensus c;
    for_each_node(decl, [&](const ast::Node* n) {
      c.kinds |= uint64_t(1) << unsigned(n->kind);
      if (n->kind == ast::Kind::Ident) c.words |= word_bit(static_cast<const ast::Ident*>(n)->name);
    });
    file_.merge(c);
    decls_.emplace_back(decl, c);
  }
  // The file's own node, its package name and its comments (nothing a rule looks for) count
  // for the file only.
  file_.kinds |= uint64_t(1) << unsigned(ast::Kind::File);
  if (file->name) {
    file_.kinds |= uint64_t(1) << unsigned(ast::Kind::Ident);
    file_.words |= word_bit(file->name->name);
  }
  if (file->doc) file_.kinds |= uint64_t(1) << unsigned(ast::Kind::CommentGroup) | uint64_t(1) << unsigned(ast::Kind::Comment);
  std::sort(decls_.begin(), decls_.end(), [](const auto& a, const auto& b) { return std::less<const ast::Node*>{}(a.first, b.first); });
}

const DeclCensus* FileCensus::of(const ast::Node* decl) const {
  if (!decl) return &file_;
  auto it = std::lower_bound(decls_.begin(), decls_.end(), decl,
                             [](const auto& entry, const ast::Node* d) { return std::less<const ast::Node*>{}(entry.first, d); });
  return it != decls_.end() && it->first == decl ? &it->second : nullptr;
}

const DeclCensus* FileCensus::with_names(const ast::Node* decl) const {
  if (!names_counted_ && tree_) {
    names_counted_ = true;
    for (auto& [node, c] : decls_) {
      for_each_node(node, [&](const ast::Node* n) {
        if (n->kind == ast::Kind::Ident) c.add_name(static_cast<const ast::Ident*>(n)->name);
      });
      for (int i = 0; i < 4; ++i) file_.name_bits[i] |= c.name_bits[i];
    }
    if (tree_->name) file_.add_name(tree_->name->name);
  }
  return of(decl);
}

}  // namespace gotrap::facts
