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
  Done,
  Wait,
  COUNT_,
};

inline constexpr std::array<std::string_view, size_t(Word::COUNT_)> kCensusWords = {
    "append", "make", "nil", "Done", "Wait",
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

// One bit of 256 for an identifier name, from its length and its first two and last
// characters: cheap for the millions of identifiers.
inline unsigned census_name_bit(std::string_view name) {
  if (name.empty()) return 0;
  uint64_t h = uint64_t(name.size()) | uint64_t(uint8_t(name[0])) << 8 |
               uint64_t(uint8_t(name[name.size() > 1 ? 1 : 0])) << 16 | uint64_t(uint8_t(name.back())) << 24;
  return unsigned((h * 0x9E3779B97F4A7C15ull) >> 56);
}

struct DeclCounts {
  uint64_t kinds = 0;  // bit k: a node of ast::Kind k is in the declaration (or was made for it)
  uint64_t words = 0;  // bit w: an identifier of Word w is in it
  uint64_t name_bits[4] = {0, 0, 0, 0};  // bit census_name_bit(n): maybe an identifier n is in it

  void add_name(std::string_view name) {
    unsigned bit = census_name_bit(name);
    name_bits[bit >> 6] |= uint64_t(1) << (bit & 63);
  }
};

}  // namespace gotrap::syntax
