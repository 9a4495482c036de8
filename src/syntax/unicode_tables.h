// Unicode classes used by the scanner for identifiers beyond ASCII.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gotrap::syntax {

struct RuneRange {
  uint32_t lo, hi;  // inclusive
};

extern const RuneRange kLetterRanges[];
extern const size_t kLetterRangesCount;
extern const RuneRange kDigitRanges[];
extern const size_t kDigitRangesCount;

bool is_unicode_letter(uint32_t r);  // unicode.IsLetter
bool is_unicode_digit(uint32_t r);   // unicode.IsDigit

}  // namespace gotrap::syntax
