#include "syntax/scanner.h"

#include <cstdio>
#include <cstring>
#include <string>

#include "syntax/parser.h"
#include "syntax/unicode_tables.h"

namespace gotrap::syntax {

namespace {

constexpr uint32_t kRuneError = 0xFFFD;
constexpr uint32_t kBom = 0xFEFF;

struct ByteClasses {
  bool ident[256] = {};  // ASCII letters, digits and '_'
  bool plain[256] = {};  // bytes a string/comment scan can skip without a closer look
  bool space[256] = {};  // ' ', '\t', '\r': white space that never ends a line
  constexpr ByteClasses() {
    for (int c = 0; c < 256; c++) {
      space[c] = c == ' ' || c == '\t' || c == '\r';
      ident[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      plain[c] = c != 0 && c < 0x80 && c != '\n' && c != '"' && c != '\\' && c != '\'' && c != '`' &&
                 c != '*';
    }
  }
};
constexpr ByteClasses kClasses;

inline bool is_decimal(int c) { return c >= '0' && c <= '9'; }
inline bool is_hex(int c) { return is_decimal(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
inline int lower(int c) { return c | 0x20; }
inline int digit_val(int c) {
  if (is_decimal(c)) return c - '0';
  if (c >= 0 && lower(c) >= 'a' && lower(c) <= 'f') return lower(c) - 'a' + 10;
  return 16;
}

// utf8.DecodeRune: (RuneError, 1) for any invalid or overlong sequence or surrogate.
uint32_t decode_rune(const unsigned char* s, uint32_t n, uint32_t& width) {
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

// fmt's %#U: U+0041 'A'.
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

Tok lookup_keyword(std::string_view s) {
  auto is = [&](const char* kw, size_t n) { return std::memcmp(s.data(), kw, n) == 0; };
  switch (s.size()) {
    case 2:
      if (is("if", 2)) return Tok::IF;
      if (is("go", 2)) return Tok::GO;
      break;
    case 3:
      if (is("for", 3)) return Tok::FOR;
      if (is("var", 3)) return Tok::VAR;
      if (is("map", 3)) return Tok::MAP;
      break;
    case 4:
      switch (s[0]) {
        case 'f': if (is("func", 4)) return Tok::FUNC; break;
        case 'e': if (is("else", 4)) return Tok::ELSE; break;
        case 'c':
          if (is("case", 4)) return Tok::CASE;
          if (is("chan", 4)) return Tok::CHAN;
          break;
        case 't': if (is("type", 4)) return Tok::TYPE; break;
        case 'g': if (is("goto", 4)) return Tok::GOTO; break;
      }
      break;
    case 5:
      switch (s[0]) {
        case 'b': if (is("break", 5)) return Tok::BREAK; break;
        case 'c': if (is("const", 5)) return Tok::CONST; break;
        case 'd': if (is("defer", 5)) return Tok::DEFER; break;
        case 'r': if (is("range", 5)) return Tok::RANGE; break;
      }
      break;
    case 6:
      switch (s[0]) {
        case 'r': if (is("return", 6)) return Tok::RETURN; break;
        case 's':
          if (is("struct", 6)) return Tok::STRUCT;
          if (is("switch", 6)) return Tok::SWITCH;
          if (is("select", 6)) return Tok::SELECT;
          break;
        case 'i': if (is("import", 6)) return Tok::IMPORT; break;
      }
      break;
    case 7:
      if (is("package", 7)) return Tok::PACKAGE;
      if (is("default", 7)) return Tok::DEFAULT;
      break;
    case 8: if (is("continue", 8)) return Tok::CONTINUE; break;
    case 9: if (is("interface", 9)) return Tok::INTERFACE; break;
    case 11: if (is("fallthrough", 11)) return Tok::FALLTHROUGH; break;
  }
  return Tok::IDENT;
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

bool is_unicode_letter(uint32_t r) {
  size_t lo = 0, hi = kLetterRangesCount;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kLetterRanges[mid].hi < r) lo = mid + 1;
    else hi = mid;
  }
  return lo < kLetterRangesCount && kLetterRanges[lo].lo <= r;
}

bool is_unicode_digit(uint32_t r) {
  size_t lo = 0, hi = kDigitRangesCount;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (kDigitRanges[mid].hi < r) lo = mid + 1;
    else hi = mid;
  }
  return lo < kDigitRangesCount && kDigitRanges[lo].lo <= r;
}

Scanner::Scanner(std::string_view src, std::vector<SyntaxError>* errors)
    : src_(src.data()), size_(uint32_t(src.size())), errors_(errors) {
  if (size_ >= 3 && (unsigned char)src_[0] == 0xEF && (unsigned char)src_[1] == 0xBB &&
      (unsigned char)src_[2] == 0xBF) {
    off_ = 3;  // a byte order mark is allowed (and ignored) as the very first character
  }
  // GOROOT averages 31 bytes a line: one allocation covers most files, no regrowth copies.
  line_starts_.reserve(size_ / 28 + 16);
}

void Scanner::error(uint32_t offset, std::string msg) {
  errors_->push_back(SyntaxError{offset, std::move(msg)});
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
  while (i < to) {
    // Eight bytes at a time while they are all ASCII, non-NUL and not newlines.
    while (i + 8 <= to) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
      uint64_t nl = w ^ (kOnes * '\n');
      if (((w | ((w - kOnes) & ~w) | ((nl - kOnes) & ~nl)) & kHigh) != 0) break;
      i += 8;
    }
    if (i >= to) break;
    unsigned char c = s[i];
    if (c != 0 && c < 0x80) {
      if (c == '\n') new_line(i + 1);
      i++;
      continue;
    }
    uint32_t w;
    read_rune(i, w);
    i += w;
  }
}

void Scanner::scan_identifier_rest(uint32_t start) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
  while (off_ < size_) {
    unsigned char c = s[off_];
    if (kClasses.ident[c]) {
      off_++;
      continue;
    }
    if (c < 0x80) return;
    uint32_t w;
    uint32_t r = decode_rune(s + off_, size_ - off_, w);
    if (r == kRuneError && w == 1) return;
    if (!is_unicode_letter(r) && !is_unicode_digit(r)) return;
    off_ += w;
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
        uint32_t w;
        uint32_t r = decode_rune(reinterpret_cast<const unsigned char*>(src_) + off_, size_ - off_, w);
        error(off_, "illegal character " + format_rune(r) + " in escape sequence");
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
    while (off_ < size_ && kClasses.plain[s[off_]]) off_++;
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
    } else if (ch == 0 || ch >= 0x80) {
      uint32_t w;
      read_rune(off_, w);
      off_ += w;
    } else {
      off_++;
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
  bool at_line_start = start == line_start_;
  int64_t next = -1;
  uint32_t nl_offset = 0;
  if (src_[off_] == '/') {
    const void* nl = std::memchr(src_ + off_, '\n', size_ - off_);
    uint32_t end = nl ? uint32_t(static_cast<const char*>(nl) - src_) : size_;
    skip_checked_bytes(off_, end);
    off_ = end;
    next = nl ? end + 1 : end;
  } else {
    const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
    uint32_t i = off_ + 1;
    for (;;) {
      if (i >= size_) {
        error(start, "comment not terminated");
        off_ = size_;
        break;
      }
      unsigned char c = s[i];
      if (c == '*' && i + 1 < size_ && s[i + 1] == '/') {
        off_ = i + 2;
        next = off_;
        break;
      }
      if (c == '\n') {
        if (nl_offset == 0) nl_offset = i;
        new_line(i + 1);
        i++;
      } else if (c == 0 || c >= 0x80) {
        uint32_t w;
        read_rune(i, w);
        i += w;
      } else {
        i++;
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

void Scanner::scan(Token& t) {
  t.lit = {};
  if (have_nl_) {
    have_nl_ = false;
    t.tok = Tok::SEMICOLON;
    t.pos = nl_pos_;
    t.line = nl_line_;
    t.lit = "\n";
    return;
  }
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
  {
    // src_[size_] is NUL (see the constructor), which no byte class contains: no bound checks.
    uint32_t o = off_;
    const bool semi = insert_semi_;
    for (;;) {
      while (kClasses.space[s[o]]) o++;
      if (s[o] != '\n' || semi || o >= size_) break;
      o++;
      new_line(o);
    }
    off_ = o;
  }
  uint32_t pos = off_;
  t.pos = pos;
  t.line = line_;
  if (off_ >= size_) {
    if (insert_semi_) {
      insert_semi_ = false;
      t.tok = Tok::SEMICOLON;
      t.lit = "\n";
    } else {
      t.tok = Tok::END_OF_FILE;
    }
    return;
  }

  bool insert = false;
  unsigned char c = s[off_];
  if (kClasses.ident[c] && !is_decimal(c)) {
    uint32_t o = pos + 1;
    while (kClasses.ident[s[o]]) o++;
    off_ = o;
    if (s[o] >= 0x80 && o < size_) scan_identifier_rest(pos);
    t.lit = std::string_view(src_ + pos, off_ - pos);
    if (t.lit.size() > 1 && c >= 'b' && c <= 'v') {
      t.tok = lookup_keyword(t.lit);
      insert = t.tok == Tok::IDENT || t.tok == Tok::BREAK || t.tok == Tok::CONTINUE ||
               t.tok == Tok::FALLTHROUGH || t.tok == Tok::RETURN;
    } else {  // one letter, or a first letter no keyword starts with
      t.tok = Tok::IDENT;
      insert = true;
    }
    insert_semi_ = insert;
    return;
  }
  if (is_decimal(c) || (c == '.' && is_decimal(peek_byte(off_ + 1)))) {
    // Fast path for plain decimal integers; anything else takes the full number scanner.
    if (c != '.') {
      uint32_t o = pos + 1;
      bool plain = true;
      if (c != '0') {
        while (is_decimal(s[o])) o++;
      } else if (lower(s[o]) == 'x' && is_hex(s[o + 1])) {
        o += 2;  // 0x with at least one hex digit: only '.', '_', 'p' or 'i' after the digits differ
        while (is_hex(s[o])) o++;
        plain = s[o] != '.' && s[o] != '_' && lower(s[o]) != 'p' && s[o] != 'i';
      } else {
        plain = !kClasses.ident[s[o]] && s[o] != '.';  // a lone 0
      }
      int next = s[o];
      if (plain && next != '.' && next != '_' && lower(next) != 'e' && lower(next) != 'p' && next != 'i') {
        off_ = o;
        t.tok = Tok::INT;
        t.lit = std::string_view(src_ + pos, o - pos);
        insert_semi_ = true;
        return;
      }
    }
    t.tok = scan_number();
    t.lit = std::string_view(src_ + pos, off_ - pos);
    insert_semi_ = true;
    return;
  }
  if (c == 0 || c >= 0x80) {
    uint32_t w;
    uint32_t r = read_rune(off_, w);
    off_ += w;
    if (is_unicode_letter(r)) {
      scan_identifier_rest(pos);
      t.lit = std::string_view(src_ + pos, off_ - pos);
      t.tok = Tok::IDENT;
      insert_semi_ = true;
      return;
    }
    if (r != kBom) {
      if (r == 0x201C || r == 0x201D) {
        std::string msg = "curly quotation mark '";
        append_utf8(msg, r);
        msg += "' (use neutral '\"')";
        error(pos, msg);
      } else {
        error(pos, "illegal character " + format_rune(r));
      }
    }
    t.tok = Tok::ILLEGAL;
    t.lit = std::string_view(src_ + pos, off_ - pos);
    return;  // insert_semi_ preserved
  }

  off_++;
  auto cur = [&] { return peek_byte(off_); };
  auto switch2 = [&](Tok t0, Tok t1) {
    if (cur() == '=') {
      off_++;
      return t1;
    }
    return t0;
  };
  auto switch3 = [&](Tok t0, Tok t1, int ch2, Tok t2) {
    if (cur() == '=') {
      off_++;
      return t1;
    }
    if (cur() == ch2) {
      off_++;
      return t2;
    }
    return t0;
  };
  auto switch4 = [&](Tok t0, Tok t1, int ch2, Tok t2, Tok t3) {
    if (cur() == '=') {
      off_++;
      return t1;
    }
    if (cur() == ch2) {
      off_++;
      if (cur() == '=') {
        off_++;
        return t3;
      }
      return t2;
    }
    return t0;
  };
  switch (c) {
    case '\n':
      insert_semi_ = false;
      t.tok = Tok::SEMICOLON;
      t.lit = "\n";
      new_line(off_);
      return;
    case '"':
      insert = true;
      t.tok = Tok::STRING;
      scan_string();
      t.string_end = off_;
      break;
    case '\'':
      insert = true;
      t.tok = Tok::CHAR;
      scan_rune();
      break;
    case '`':
      insert = true;
      t.tok = Tok::STRING;
      scan_raw_string();
      t.string_end = off_;
      break;
    case ':': t.tok = switch2(Tok::COLON, Tok::DEFINE); break;
    case '.':
      t.tok = Tok::PERIOD;
      if (cur() == '.' && peek_byte(off_ + 1) == '.') {
        off_ += 2;
        t.tok = Tok::ELLIPSIS;
      }
      break;
    case ',': t.tok = Tok::COMMA; break;
    case ';':
      t.tok = Tok::SEMICOLON;
      t.lit = ";";
      break;
    case '(': t.tok = Tok::LPAREN; break;
    case ')': insert = true; t.tok = Tok::RPAREN; break;
    case '[': t.tok = Tok::LBRACK; break;
    case ']': insert = true; t.tok = Tok::RBRACK; break;
    case '{': t.tok = Tok::LBRACE; break;
    case '}': insert = true; t.tok = Tok::RBRACE; break;
    case '+':
      t.tok = switch3(Tok::ADD, Tok::ADD_ASSIGN, '+', Tok::INC);
      insert = t.tok == Tok::INC;
      break;
    case '-':
      t.tok = switch3(Tok::SUB, Tok::SUB_ASSIGN, '-', Tok::DEC);
      insert = t.tok == Tok::DEC;
      break;
    case '*': t.tok = switch2(Tok::MUL, Tok::MUL_ASSIGN); break;
    case '/':
      if (cur() == '/' || cur() == '*') {
        uint32_t nl = scan_comment(pos);
        if (insert_semi_ && nl != 0) {
          have_nl_ = true;
          nl_pos_ = nl;
          nl_line_ = t.line;
          insert = false;
        } else {
          insert = insert_semi_;
        }
        t.tok = Tok::COMMENT;
        t.lit = comment_lit_;
        insert_semi_ = insert;
        return;
      }
      t.tok = switch2(Tok::QUO, Tok::QUO_ASSIGN);
      break;
    case '%': t.tok = switch2(Tok::REM, Tok::REM_ASSIGN); break;
    case '^': t.tok = switch2(Tok::XOR, Tok::XOR_ASSIGN); break;
    case '<':
      if (cur() == '-') {
        off_++;
        t.tok = Tok::ARROW;
      } else {
        t.tok = switch4(Tok::LSS, Tok::LEQ, '<', Tok::SHL, Tok::SHL_ASSIGN);
      }
      break;
    case '>': t.tok = switch4(Tok::GTR, Tok::GEQ, '>', Tok::SHR, Tok::SHR_ASSIGN); break;
    case '=': t.tok = switch2(Tok::ASSIGN, Tok::EQL); break;
    case '!': t.tok = switch2(Tok::NOT, Tok::NEQ); break;
    case '&':
      if (cur() == '^') {
        off_++;
        t.tok = switch2(Tok::AND_NOT, Tok::AND_NOT_ASSIGN);
      } else {
        t.tok = switch3(Tok::AND, Tok::AND_ASSIGN, '&', Tok::LAND);
      }
      break;
    case '|': t.tok = switch3(Tok::OR, Tok::OR_ASSIGN, '|', Tok::LOR); break;
    case '~': t.tok = Tok::TILDE; break;
    default:
      error(pos, "illegal character " + format_rune(c));
      t.tok = Tok::ILLEGAL;
      t.lit = std::string_view(src_ + pos, 1);
      return;  // insert_semi_ preserved
  }
  if (t.tok == Tok::STRING || t.tok == Tok::CHAR) t.lit = std::string_view(src_ + pos, off_ - pos);
  insert_semi_ = insert;
}

}  // namespace gotrap::syntax
