// Helpers shared by the scanner's two files: scanner.cpp (the token loop and identifiers) and
// scanner_literals.cpp (numbers, strings, runes, comments and the error messages).
#pragma once

#include <cstdint>
#include <string>

namespace gotrap::syntax::scanner_internal {

inline constexpr uint32_t kRuneError = 0xFFFD;
inline constexpr uint32_t kBom = 0xFEFF;

inline bool is_decimal(int c) { return c >= '0' && c <= '9'; }
inline bool is_hex(int c) { return is_decimal(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
inline int lower(int c) { return c | 0x20; }

// utf8.DecodeRune: (RuneError, 1) for any invalid or overlong sequence or surrogate.
inline uint32_t decode_rune(const unsigned char* s, uint32_t n, uint32_t& width) {
  unsigned b0 = s[0];
  width = 1;
  if (b0 < 0x80) return b0;
  auto cont = [&](uint32_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return i < n && s[i] >= lo && s[i] <= hi;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    if (!cont(1)) return kRuneError;
    width = 2;
    return ((b0 & 0x1F) << 6) | (s[1] & 0x3F);
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2)) return kRuneError;
    width = 3;
    return ((b0 & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    unsigned lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
    if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return kRuneError;
    width = 4;
    return ((b0 & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
  }
  return kRuneError;
}

void append_utf8(std::string& out, uint32_t r);
// fmt's %#U: U+0041 'A'.
std::string format_rune(uint32_t r);

}  // namespace gotrap::syntax::scanner_internal
