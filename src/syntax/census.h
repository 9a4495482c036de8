// The census the parser takes of each top-level declaration as it builds it: which node kinds
// are in it and which of a few identifiers (facts/census.h reads it for the rules). Counting while
// the nodes are made costs a bit operation per node; a walk afterwards would touch the whole
// tree again.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace gotrap::syntax {

// The identifiers a census notes: an ast::Ident with that name anywhere in the declaration (a
// use, a definition, a selector's member name: `wg.Done` names Done).
enum class Word : uint8_t {
  append,
  make,
  nil,
  Add,
  Done,
  Wait,
  Go,
  COUNT_,
};

inline constexpr std::array<std::string_view, size_t(Word::COUNT_)> kCensusWords = {
    "append", "make", "nil", "Add", "Done", "Wait", "Go",
};

// The bit of `name` in DeclCounts::words, or 0 when it is no Word.
inline uint64_t census_word_bit(std::string_view name) {
  constexpr uint64_t kLengths = [] {  // bit n: some word is n bytes long
    uint64_t bits = 0;
    for (std::string_view w : kCensusWords) bits |= uint64_t(1) << w.size();
    return bits;
  }();
  if (name.size() >= 64 || !((kLengths >> name.size()) & 1)) return 0;
  for (size_t i = 0; i < kCensusWords.size(); ++i)
    if (kCensusWords[i] == name) return uint64_t(1) << i;
  return 0;
}

struct DeclCounts {
  uint64_t kinds = 0;  // bit k: a node of ast::Kind k is in the declaration (or was made for it)
  uint64_t words = 0;  // bit w: an identifier of Word w is in it
};

}  // namespace gotrap::syntax
