// The scanner's literals and comments: numbers, escapes, strings, raw strings, runes, comments and
// //line directives, reported with go/scanner's error messages at its offsets.
#include <cstdio>
#include <cstring>
#include <string>

#include "syntax/parser.h"
#include "syntax/scanner.h"
#include "syntax/scanner_internal.h"
#include "syntax/unicode_tables.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace gotrap::syntax {

using namespace scanner_internal;

namespace {

inline int digit_val(int c) {
  if (is_decimal(c)) return c - '0';
  if (c >= 0 && lower(c) >= 'a' && lower(c) <= 'f') return lower(c) - 'a' + 10;
  return 16;
}

// Close to strconv.IsPrint (used by fmt's %#U): everything but controls, format characters,
// non-ASCII spaces, separators, surrogates and private use.
bool is_printable(uint32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (r <= 0xA0 || r == 0xAD || r == 0x1680 || r == 0x3000 || r == 0xFEFF) return false;
  if ((r >= 0x2000 && r <= 0x200F) || (r >= 0x2028 && r <= 0x202F) || (r >= 0x205F && r <= 0x206F)) {
    return false;
  }
  if ((r >= 0xD800 && r <= 0xF8FF) || (r >= 0xFFF9 && r <= 0xFFFB) || r >= 0xF0000) return false;
  return r <= 0x10FFFF;
}

const char* lit_name(char prefix) {
  switch (prefix) {
    case 'x': return "hexadecimal literal";
    case 'o': case '0': return "octal literal";
    case 'b': return "binary literal";
    default: return "decimal literal";
  }
}

// Index of the first misplaced '_' in a number literal, or -1 (go/scanner's invalidSep).
int invalid_sep(std::string_view x) {
  int x1 = ' ';
  int d = '.';
  size_t i = 0;
  if (x.size() >= 2 && x[0] == '0') {
    x1 = lower(x[1]);
    if (x1 == 'x' || x1 == 'o' || x1 == 'b') {
      d = '0';
      i = 2;
    }
  }
  for (; i < x.size(); i++) {
    int p = d;
    d = (unsigned char)x[i];
    if (d == '_') {
      if (p != '0') return int(i);
    } else if (is_decimal(d) || (x1 == 'x' && is_hex(d))) {
      d = '0';
    } else {
      if (p == '_') return int(i) - 1;
      d = '.';
    }
  }
  if (d == '_') return int(x.size()) - 1;
  return -1;
}

// The first offset in [i, to) whose byte is one of `Stops`, NUL or non-ASCII; `to` if none is.
// Comments and string literals are long runs of plain ASCII: SSE2 (baseline on x86-64) looks at
// sixteen bytes at a time, including the last, partial block, which it reads as the sixteen
// bytes ending at `to` so as not to read past it. Elsewhere, or for texts under sixteen bytes,
// one byte at a time.
template <char... Stops>
inline uint32_t find_stop(const unsigned char* s, uint32_t i, uint32_t to) {
#ifdef __SSE2__
  auto stop_mask = [](const unsigned char* at) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    __m128i hit = _mm_cmpeq_epi8(v, _mm_setzero_si128());
    ((hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(Stops)))), ...);
    return unsigned(_mm_movemask_epi8(_mm_or_si128(v, hit)));  // the high bit marks non-ASCII
  };
  if (to >= 16) {
    for (; i + 16 <= to; i += 16) {
      if (unsigned mask = stop_mask(s + i)) return i + uint32_t(__builtin_ctz(mask));
    }
    if (i < to) {
      uint32_t base = to - 16;
      unsigned mask = stop_mask(s + base) >> (i - base);
      return mask ? i + uint32_t(__builtin_ctz(mask)) : to;
    }
    return to;
  }
#endif
  for (; i < to; i++) {
    unsigned char c = s[i];
    if (c == 0 || c >= 0x80 || ((c == (unsigned char)Stops) || ...)) return i;
  }
  return i;
}

// go/scanner's trailingDigits: (index after the last ':', value, whether the rest is a number).
struct TrailingDigits {
  size_t i = 0;
  uint64_t n = 0;
  bool ok = false;
};
TrailingDigits trailing_digits(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return {};
  TrailingDigits r;
  r.i = colon + 1;
  std::string_view digits = text.substr(colon + 1);
  if (digits.empty()) return r;
  uint64_t n = 0;
  for (char c : digits) {
    if (!is_decimal(c)) return r;
    uint64_t next = n * 10 + uint64_t(c - '0');
    if (next / 10 != n) return r;  // overflow
    n = next;
  }
  r.n = n;
  r.ok = true;
  return r;
}

}  // namespace

namespace scanner_internal {

void append_utf8(std::string& out, uint32_t r) {
  if (r < 0x80) {
    out += char(r);
  } else if (r < 0x800) {
    out += char(0xC0 | (r >> 6));
    out += char(0x80 | (r & 0x3F));
  } else if (r < 0x10000) {
    out += char(0xE0 | (r >> 12));
    out += char(0x80 | ((r >> 6) & 0x3F));
    out += char(0x80 | (r & 0x3F));
  } else {
    out += char(0xF0 | (r >> 18));
    out += char(0x80 | ((r >> 12) & 0x3F));
    out += char(0x80 | ((r >> 6) & 0x3F));
    out += char(0x80 | (r & 0x3F));
  }
}

std::string format_rune(uint32_t r) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", r);
  std::string s = buf;
  if (is_printable(r)) {
    s += " '";
    append_utf8(s, r);
    s += "'";
  }
  return s;
}

}  // namespace scanner_internal

namespace {

// Binary search of a sorted table of inclusive rune ranges.
bool in_ranges(const RuneRange* ranges, size_t count, uint32_t r) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (ranges[mid].hi < r) lo = mid + 1;
    else hi = mid;
  }
  return lo < count && ranges[lo].lo <= r;
}

}  // namespace

bool is_unicode_letter(uint32_t r) { return in_ranges(kLetterRanges, kLetterRangesCount, r); }

bool is_unicode_digit(uint32_t r) { return in_ranges(kDigitRanges, kDigitRangesCount, r); }

void Scanner::error(uint32_t offset, std::string msg) {
  errors_->push_back(SyntaxError{offset, std::move(msg)});
}

// Out of line and cold, so that the literal scanners build no std::string on their common path
// (which would make them save and restore more registers on every call).
[[gnu::cold, gnu::noinline]] void Scanner::error(uint32_t offset, const char* msg) {
  error(offset, std::string(msg));
}

[[gnu::cold, gnu::noinline]] void Scanner::error_illegal_in_escape(uint32_t at) {
  uint32_t w;
  uint32_t r = decode_rune(reinterpret_cast<const unsigned char*>(src_) + at, size_ - at, w);
  error(at, "illegal character " + format_rune(r) + " in escape sequence");
}

uint32_t Scanner::read_rune(uint32_t at, uint32_t& width) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_) + at;
  if (s[0] == 0) {
    error(at, "illegal character NUL");
    width = 1;
    return 0;
  }
  uint32_t r = decode_rune(s, size_ - at, width);
  if (r == kRuneError && width == 1) {
    if (at == 0 && size_ >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
      error(at, "illegal UTF-8 encoding (got UTF-16)");
      width = size_;  // consume all input to avoid an error cascade
    } else {
      error(at, "illegal UTF-8 encoding");
    }
  } else if (r == kBom && at > 0) {
    error(at, "illegal byte order mark");
  }
  return r;
}

void Scanner::skip_checked_bytes(uint32_t from, uint32_t to) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
  uint32_t i = from;
  for (;;) {
    i = find_stop<'\n'>(s, i, to);
    if (i >= to) return;
    if (s[i] == '\n') {
      new_line(i + 1);
      i++;
    } else {
      uint32_t w;
      read_rune(i, w);
      i += w;
    }
  }
}

void Scanner::scan_digits(int base, int64_t* invalid, int& digsep) {
  if (base <= 10) {
    int max = '0' + base;
    for (int c = peek_byte(off_); is_decimal(c) || c == '_'; c = peek_byte(++off_)) {
      int ds = 1;
      if (c == '_') ds = 2;
      else if (c >= max && invalid && *invalid < 0) *invalid = off_;
      digsep |= ds;
    }
  } else {
    for (int c = peek_byte(off_); is_hex(c) || c == '_'; c = peek_byte(++off_)) {
      digsep |= c == '_' ? 2 : 1;
    }
  }
}

Tok Scanner::scan_number() {
  uint32_t offs = off_;
  Tok tok = Tok::ILLEGAL;
  int base = 10;
  char prefix = 0;
  int digsep = 0;
  int64_t invalid = -1;

  if (peek_byte(off_) != '.') {
    tok = Tok::INT;
    if (peek_byte(off_) == '0') {
      off_++;
      switch (lower(peek_byte(off_))) {
        case 'x': off_++; base = 16; prefix = 'x'; break;
        case 'o': off_++; base = 8; prefix = 'o'; break;
        case 'b': off_++; base = 2; prefix = 'b'; break;
        default: base = 8; prefix = '0'; digsep = 1; break;
      }
    }
    scan_digits(base, &invalid, digsep);
  }
  if (peek_byte(off_) == '.') {
    tok = Tok::FLOAT;
    if (prefix == 'o' || prefix == 'b') error(off_, std::string("invalid radix point in ") + lit_name(prefix));
    off_++;
    scan_digits(base, &invalid, digsep);
  }
  if (!(digsep & 1)) error(off_, std::string(lit_name(prefix)) + " has no digits");

  int ch = peek_byte(off_);
  int e = lower(ch);
  if (e == 'e' || e == 'p') {
    if (e == 'e' && prefix != 0 && prefix != '0') {
      error(off_, std::string("'") + char(ch) + "' exponent requires decimal mantissa");
    } else if (e == 'p' && prefix != 'x') {
      error(off_, std::string("'") + char(ch) + "' exponent requires hexadecimal mantissa");
    }
    off_++;
    tok = Tok::FLOAT;
    if (peek_byte(off_) == '+' || peek_byte(off_) == '-') off_++;
    int ds = 0;
    scan_digits(10, nullptr, ds);
    digsep |= ds;
    if (!(ds & 1)) error(off_, "exponent has no digits");
  } else if (prefix == 'x' && tok == Tok::FLOAT) {
    error(off_, "hexadecimal mantissa requires a 'p' exponent");
  }
  if (peek_byte(off_) == 'i') {
    tok = Tok::IMAG;
    off_++;
  }
  std::string_view lit(src_ + offs, off_ - offs);
  if (tok == Tok::INT && invalid >= 0) {
    error(uint32_t(invalid), std::string("invalid digit '") + lit[size_t(invalid - offs)] + "' in " +
                                 lit_name(prefix));
  }
  if (digsep & 2) {
    int i = invalid_sep(lit);
    if (i >= 0) error(offs + uint32_t(i), "'_' must separate successive digits");
  }
  return tok;
}

bool Scanner::scan_escape(char quote) {
  uint32_t offs = off_;
  int ch = peek_byte(off_);
  int n;
  uint32_t base, max;
  switch (ch) {
    case 'a': case 'b': case 'f': case 'n': case 'r': case 't': case 'v': case '\\':
      off_++;
      return true;
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      n = 3; base = 8; max = 255;
      break;
    case 'x': off_++; n = 2; base = 16; max = 255; break;
    case 'u': off_++; n = 4; base = 16; max = 0x10FFFF; break;
    case 'U': off_++; n = 8; base = 16; max = 0x10FFFF; break;
    default:
      if (ch == quote) {
        off_++;
        return true;
      }
      error(offs, ch < 0 ? "escape sequence not terminated" : "unknown escape sequence");
      return false;
  }
  uint32_t x = 0;
  for (; n > 0; n--) {
    int c = peek_byte(off_);
    uint32_t d = uint32_t(digit_val(c));
    if (d >= base) {
      if (c < 0) {
        error(off_, "escape sequence not terminated");
      } else {
        error_illegal_in_escape(off_);
      }
      return false;
    }
    x = x * base + d;
    off_++;
  }
  if (x > max || (x >= 0xD800 && x < 0xE000)) {
    error(offs, "escape sequence is invalid Unicode code point");
    return false;
  }
  return true;
}

void Scanner::scan_string() {
  uint32_t offs = off_ - 1;
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
  for (;;) {
    off_ = find_stop<'"', '\\', '\n'>(s, off_, size_);
    int ch = peek_byte(off_);
    if (ch == '\n' || ch < 0) {
      error(offs, "string literal not terminated");
      return;
    }
    if (ch == '"') {
      off_++;
      return;
    }
    if (ch == '\\') {
      off_++;
      scan_escape('"');
    } else {  // NUL or non-ASCII
      uint32_t w;
      read_rune(off_, w);
      off_ += w;
    }
  }
}

void Scanner::scan_raw_string() {
  uint32_t offs = off_ - 1;
  const void* close = std::memchr(src_ + off_, '`', size_ - off_);
  uint32_t end = close ? uint32_t(static_cast<const char*>(close) - src_) : size_;
  skip_checked_bytes(off_, end);
  if (!close) {
    error(offs, "raw string literal not terminated");
    off_ = size_;
    return;
  }
  off_ = end + 1;
}

void Scanner::scan_rune() {
  uint32_t offs = off_ - 1;
  bool valid = true;
  int n = 0;
  for (;;) {
    int ch = peek_byte(off_);
    if (ch == '\n' || ch < 0) {
      if (valid) {
        error(offs, "rune literal not terminated");
        valid = false;
      }
      break;
    }
    if (ch == 0 || ch >= 0x80) {
      uint32_t w;
      read_rune(off_, w);
      off_ += w;
    } else {
      off_++;
    }
    if (ch == '\'') break;
    n++;
    if (ch == '\\' && !scan_escape('\'')) valid = false;
  }
  if (valid && n != 1) error(offs, "illegal rune literal");
}

uint32_t Scanner::scan_comment(uint32_t start) {
  bool at_line_start = start == current_line_start();
  int64_t next = -1;
  uint32_t nl_offset = 0;
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
  if (s[off_] == '/') {
    uint32_t i = off_ + 1;
    for (;;) {
      i = find_stop<'\n'>(s, i, size_);
      if (i >= size_ || s[i] == '\n') break;
      uint32_t w;  // NUL or non-ASCII
      read_rune(i, w);
      i += w;
    }
    off_ = i;
    next = i < size_ ? i + 1 : i;
  } else {
    uint32_t i = off_ + 1;
    for (;;) {
      i = find_stop<'*', '\n'>(s, i, size_);
      if (i >= size_) {
        error(start, "comment not terminated");
        off_ = size_;
        break;
      }
      unsigned char c = s[i];
      if (c == '*') {
        if (s[i + 1] == '/') {  // s[size_] is NUL
          off_ = i + 2;
          next = off_;
          break;
        }
        i++;
      } else if (c == '\n') {
        if (nl_offset == 0) nl_offset = i;
        new_line(i + 1);
        i++;
      } else {  // NUL or non-ASCII
        uint32_t w;
        read_rune(i, w);
        i += w;
      }
    }
  }
  std::string_view lit(src_ + start, off_ - start);
  if (lit[1] == '/' && !lit.empty() && lit.back() == '\r') lit.remove_suffix(1);
  if (next >= 0 && (lit[1] == '*' || at_line_start) && lit.substr(2).starts_with("line ")) {
    check_line_directive(start, uint32_t(next), lit);
  }
  comment_lit_ = lit;
  return nl_offset;
}

void Scanner::check_line_directive(uint32_t offs, uint32_t, std::string_view text) {
  if (text[1] == '*') text.remove_suffix(2);
  text.remove_prefix(7);
  offs += 7;
  TrailingDigits t = trailing_digits(text);
  if (t.i == 0) return;  // not a line directive
  if (!t.ok) {
    error(offs + uint32_t(t.i), "invalid line number: " + std::string(text.substr(t.i)));
    return;
  }
  constexpr uint64_t kMaxLineCol = uint64_t(1) << 30;
  uint64_t line;
  size_t i = t.i;
  TrailingDigits t2 = trailing_digits(text.substr(0, t.i - 1));
  if (t2.ok) {
    size_t i2 = t.i;
    i = t2.i;
    line = t2.n;
    uint64_t col = t.n;
    if (col == 0 || col > kMaxLineCol) {
      error(offs + uint32_t(i2), "invalid column number: " + std::string(text.substr(i2)));
      return;
    }
  } else {
    line = t.n;
  }
  if (line == 0 || line > kMaxLineCol) {
    error(offs + uint32_t(i), "invalid line number: " + std::string(text.substr(i)));
  }
}

// A `//` comment without NUL, non-ASCII or a //line directive (nearly all of them) needs none of
// scan_comment's bookkeeping; the others go to scan_comment_token.
[[gnu::noinline]] void Scanner::scan_line_comment_token(Token& t, uint32_t pos) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
  uint32_t end = find_stop<'\n'>(s, pos + 2, size_);
  bool directive = end - pos >= 7 && std::memcmp(s + pos + 2, "line ", 5) == 0;
  if ((end < size_ && s[end] != '\n') || directive) [[unlikely]] return scan_comment_token(t, pos);
  uint32_t len = end - pos;
  len -= s[end - 1] == '\r';  // as go/scanner: a line comment's text has no trailing '\r'
  t.tok = Tok::COMMENT;
  t.pos = pos;
  t.line = line_count_;
  t.lit = std::string_view(src_ + pos, len);
  off_ = end;  // the newline, a semicolon if one is due
}

// Likewise a string without escapes, NUL or non-ASCII; the others go to scan_string_token.
[[gnu::noinline]] void Scanner::scan_plain_string_token(Token& t, uint32_t pos) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
  uint32_t end = find_stop<'"', '\\', '\n'>(s, pos + 1, size_);
  if (end >= size_ || s[end] != '"') [[unlikely]] return scan_string_token(t, pos);
  end++;
  t.tok = Tok::STRING;
  t.pos = pos;
  t.line = line_count_;
  t.string_end = end;
  t.lit = std::string_view(src_ + pos, end - pos);
  off_ = end;
  insert_semi_ = true;
}

}  // namespace gotrap::syntax
