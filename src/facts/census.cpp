#include "facts/census.h"

#include <algorithm>
#include <array>
#include <functional>

#include "facts/walk.h"
#include "syntax/parser.h"

namespace gotrap::facts {

FileCensus::FileCensus(const syntax::ParsedFile& parsed) : tree_(parsed.file) {
  static_assert(unsigned(ast::Kind::COUNT_) <= 64 && unsigned(Word::COUNT_) <= 64);
  const ast::File* file = parsed.file;
  if (!file) return;
  const bool counted = parsed.decl_counts.size() == file->decls.size();
  decls_.reserve(file->decls.size());
  for (size_t i = 0; i < file->decls.size(); ++i) {
    const ast::Node* decl = file->decls[i];
    if (!decl) continue;
    DeclCensus c;
    if (counted) {
      static_cast<syntax::DeclCounts&>(c) = parsed.decl_counts[i];
    } else {
      for_each_node(decl, [&](const ast::Node* n) {
        c.kinds |= uint64_t(1) << unsigned(n->kind);
        if (n->kind == ast::Kind::Ident) c.words |= syntax::census_word_bit(static_cast<const ast::Ident*>(n)->name);
      });
    }
    file_.merge(c);
    decls_.emplace_back(decl, c);
  }
  names_counted_ = counted;
  // The file's own node, its package name and its comments (nothing a rule looks for) count
  // for the file only.
  file_.kinds |= uint64_t(1) << unsigned(ast::Kind::File);
  if (file->name) {
    file_.kinds |= uint64_t(1) << unsigned(ast::Kind::Ident);
    file_.words |= syntax::census_word_bit(file->name->name);
    file_.add_name(file->name->name);
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
