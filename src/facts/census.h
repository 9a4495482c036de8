// What each top-level declaration of a file holds, shared by every rule: the node kinds below it
// and a few identifiers (counted by the parser as it made the nodes, syntax/census.h), and on
// request one bit per identifier name. A rule asks before it walks a declaration for a
// construct: a declaration without a `go` statement holds no goroutine, one without a slice
// expression and no identifier `append` appends to no window. A clear bit is exact (the
// construct is absent), so a rule that skips on it reports what it reported before.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "syntax/ast.h"
#include "syntax/census.h"

namespace gotrap::syntax { struct ParsedFile; }

namespace gotrap::facts {

// The identifiers a census notes (syntax/census.h): an ast::Ident with that name anywhere in
// the declaration, a use, a definition, a selector's member name (`wg.Done` names Done).
using Word = syntax::Word;

// The parser's counts (kinds, words, and name_bits: every identifier's name hashed to one bit of
// 256, so a clear bit proves a name absent), with the questions rules ask of them. name_bits are
// the parser's, or counted at the first question about a name (FileCensus::with_names) when the
// parser's counts are missing.
struct DeclCensus : syntax::DeclCounts {
  bool has(ast::Kind k) const { return (kinds >> unsigned(k)) & 1; }
  bool names(Word w) const { return (words >> unsigned(w)) & 1; }
  // False only when no identifier below is spelled `name`.
  bool may_name(std::string_view name) const {
    unsigned bit = syntax::census_name_bit(name);
    return (name_bits[bit >> 6] >> (bit & 63)) & 1;
  }
  void merge(const DeclCensus& other) {
    kinds |= other.kinds;
    words |= other.words;
    for (int i = 0; i < 4; ++i) name_bits[i] |= other.name_bits[i];
  }
};

class FileCensus {
 public:
  // From the counts the parser took (syntax/census.h), else by a walk of the tree.
  explicit FileCensus(const syntax::ParsedFile& parsed);

  // The census of `decl`, a top-level declaration of the file; of the whole file for null;
  // null for a node that is neither (the caller then knows nothing). Its name_bits may not be
  // counted yet: ask with_names for them.
  const DeclCensus* of(const ast::Node* decl) const;
  // The same with name_bits counted (by the parser; else by one walk of the file at the first
  // call). Not safe to call from two threads at once: one package's rules run on one thread.
  const DeclCensus* with_names(const ast::Node* decl) const;

 private:
  const ast::File* tree_ = nullptr;
  mutable bool names_counted_ = false;
  mutable DeclCensus file_;
  mutable std::vector<std::pair<const ast::Node*, DeclCensus>> decls_;  // sorted by node address
};

}  // namespace gotrap::facts
