// The Go scanner's token loop: white space, identifiers and keywords, plain integers and operators
// in scan()'s hot path; every other token by tail call (literals and comments live in
// scanner_literals.cpp).
#include "syntax/scanner.h"

#include <cstring>
#include <iterator>
#include <string>

#include "syntax/parser.h"
#include "syntax/scanner_internal.h"
#include "syntax/unicode_tables.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace gotrap::syntax {

using namespace scanner_internal;

namespace {

struct ByteClasses {
  bool ident[256] = {};  // ASCII letters, digits and '_'
  constexpr ByteClasses() {
    for (int c = 0; c < 256; c++) {
      ident[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
  }
};
constexpr ByteClasses kClasses;

// What scan() does with a token's first byte.
enum class ByteKind : uint8_t {
  // White space first, so that one comparison tells it from the start of a token.
  Space,  // ' ', '\r'
  Tab,
  Newline,
  Rare,      // end of text, NUL, non-ASCII, illegal characters: scan_rare
  Letter,    // ASCII letters and '_'
  Digit,
  Simple,    // a one-byte token that no other byte can extend: ( ) [ ] { } , ~
  Operator,  // every other ASCII byte that starts a token (operators, quotes, '.', ';')
};

struct ByteTables {
  ByteKind kind[256] = {};
  Tok simple_tok[256] = {};
  bool simple_insert[256] = {};  // whether a Simple token inserts a semicolon before a newline
  constexpr ByteTables() {
    for (ByteKind& k : kind) k = ByteKind::Rare;
    for (int c = 'a'; c <= 'z'; c++) kind[c] = ByteKind::Letter;
    for (int c = 'A'; c <= 'Z'; c++) kind[c] = ByteKind::Letter;
    kind['_'] = ByteKind::Letter;
    for (int c = '0'; c <= '9'; c++) kind[c] = ByteKind::Digit;
    kind[' '] = kind['\r'] = ByteKind::Space;
    kind['\t'] = ByteKind::Tab;
    kind['\n'] = ByteKind::Newline;
    for (const char* p = "\"'`/:.;+-*%^<>=!&|"; *p; p++) {
      kind[(unsigned char)*p] = ByteKind::Operator;
    }
    struct Simple {
      char c;
      Tok tok;
      bool insert;
    };
    constexpr Simple simple[] = {{'(', Tok::LPAREN, false}, {')', Tok::RPAREN, true},
                                 {'[', Tok::LBRACK, false}, {']', Tok::RBRACK, true},
                                 {'{', Tok::LBRACE, false}, {'}', Tok::RBRACE, true},
                                 {',', Tok::COMMA, false},  {'~', Tok::TILDE, false}};
    for (const Simple& e : simple) {
      kind[(unsigned char)e.c] = ByteKind::Simple;
      simple_tok[(unsigned char)e.c] = e.tok;
      simple_insert[(unsigned char)e.c] = e.insert;
    }
  }
};
constexpr ByteTables kBytes;

// Keywords by a perfect hash of (first byte, second byte, length); KeywordTable checks that no
// two keywords collide.
constexpr uint32_t keyword_hash(unsigned c0, unsigned c1, uint32_t n) {
  return (((c0 << 4) ^ c1) + n) & 63;
}

struct KeywordSlot {
  uint8_t len = 0;  // 0: no keyword hashes here
  Tok tok = Tok::IDENT;
  bool insert = false;  // break, continue, fallthrough and return insert a semicolon
  // Zero-padded, so that the 8-byte tail load of an 11-byte keyword stays inside; 13 bytes make
  // the slot 16, which is cheaper to index.
  char text[13] = {};
};
static_assert(sizeof(KeywordSlot) == 16);

// A keyword's text zero-padded to sixteen bytes, for one SSE2 comparison with the identifier.
struct alignas(16) KeywordText {
  unsigned char bytes[16] = {};
};

// Slots kNotKeyword and up stand for identifiers: IDENT, inserting a semicolon.
constexpr uint32_t kNotKeyword = 64;

struct KeywordTable {
  KeywordSlot slot[2 * kNotKeyword];
  KeywordText text16[64];
  // Bit n of lengths[c] is set when a keyword of n bytes starts with c: a cheap first filter.
  uint16_t lengths[256] = {};
  constexpr KeywordTable() {
    for (uint32_t i = kNotKeyword; i < 2 * kNotKeyword; i++) slot[i].insert = true;
    // In Tok order, BREAK to VAR.
    constexpr std::string_view kKeywordText[] = {
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
        "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
        "return", "select", "struct", "switch", "type", "var"};
    static_assert(std::size(kKeywordText) == size_t(Tok::VAR) - size_t(Tok::BREAK) + 1);
    for (size_t i = 0; i < std::size(kKeywordText); i++) {
      std::string_view kw = kKeywordText[i];
      auto c0 = (unsigned char)kw[0], c1 = (unsigned char)kw[1];
      KeywordSlot& e = slot[keyword_hash(c0, c1, uint32_t(kw.size()))];
      if (e.len != 0) throw "keyword hash collision";  // not a constant expression: fails the build
      e.len = uint8_t(kw.size());
      e.tok = Tok(size_t(Tok::BREAK) + i);
      e.insert = e.tok == Tok::BREAK || e.tok == Tok::CONTINUE || e.tok == Tok::FALLTHROUGH ||
                 e.tok == Tok::RETURN;
      for (size_t j = 0; j < kw.size(); j++) e.text[j] = kw[j];
      KeywordText& padded = text16[keyword_hash(c0, c1, uint32_t(kw.size()))];
      for (size_t j = 0; j < kw.size(); j++) padded.bytes[j] = (unsigned char)kw[j];
      lengths[c0] |= uint16_t(1u << kw.size());
    }
  }
};
constexpr KeywordTable kKeywords;

template <typename Word>
inline Word load(const void* p) {
  Word w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Whether some keyword has n bytes and starts with c: rules out most identifiers.
inline bool may_be_keyword(unsigned char c, uint32_t n) {
  return n <= 11 && ((kKeywords.lengths[c] >> n) & 1);
}

// The keyword spelt by the identifier p[0..n), or null, given may_be_keyword(p[0], n). Reads only
// inside p[0..n).
inline const KeywordSlot* match_keyword(const unsigned char* p, uint32_t n) {
  const KeywordSlot& kw = kKeywords.slot[keyword_hash(p[0], p[1], n)];
  if (kw.len != n) return nullptr;
  // Two overlapping loads, head and tail, cover all n bytes.
  bool same;
  if (n >= 8) {
    same = ((load<uint64_t>(p) ^ load<uint64_t>(kw.text)) |
            (load<uint64_t>(p + n - 8) ^ load<uint64_t>(kw.text + n - 8))) == 0;
  } else if (n >= 4) {
    same = ((load<uint32_t>(p) ^ load<uint32_t>(kw.text)) |
            (load<uint32_t>(p + n - 4) ^ load<uint32_t>(kw.text + n - 4))) == 0;
  } else {
    same = ((load<uint16_t>(p) ^ load<uint16_t>(kw.text)) |
            (load<uint16_t>(p + n - 2) ^ load<uint16_t>(kw.text + n - 2))) == 0;
  }
  return same ? &kw : nullptr;
}

// The keyword spelt by the identifier p[0..n), or null. Reads only inside p[0..n).
inline const KeywordSlot* find_keyword(const unsigned char* p, uint32_t n) {
  return may_be_keyword(p[0], n) ? match_keyword(p, n) : nullptr;
}

#ifdef __SSE2__
// prefix_masks.bytes[n]: n bytes of 0xFF, then zeros.
struct alignas(16) PrefixMasks {
  unsigned char bytes[17][16] = {};
  constexpr PrefixMasks() {
    for (int n = 0; n <= 16; n++) {
      for (int i = 0; i < n; i++) bytes[n][i] = 0xFF;
    }
  }
};
constexpr PrefixMasks kPrefixMasks;

inline __m128i load16(const unsigned char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// Bit i set when byte i of v is an ASCII letter, digit or '_'. Each range test shifts the range
// to the bottom of the signed bytes, where one signed comparison bounds it (SSE2 has no unsigned
// byte comparison); x | 0x20 lowers ASCII letters and maps nothing else into a..z.
inline unsigned ident_byte_mask(__m128i v) {
  __m128i lowered = _mm_or_si128(v, _mm_set1_epi8(0x20));
  __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(lowered, _mm_set1_epi8(char(0x80 - 'a'))),
                                  _mm_set1_epi8(char(0x80 + 26)));
  __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(char(0x80 - '0'))),
                                 _mm_set1_epi8(char(0x80 + 10)));
  __m128i underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
  return unsigned(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), underscore)));
}

// Bit i set when byte i of v is a decimal digit, or with Hex a hexadecimal one.
template <bool Hex>
inline unsigned digit_byte_mask(__m128i v) {
  __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(char(0x80 - '0'))),
                                 _mm_set1_epi8(char(0x80 + 10)));
  if constexpr (Hex) {
    __m128i lowered = _mm_or_si128(v, _mm_set1_epi8(0x20));
    __m128i hex_letter = _mm_cmplt_epi8(_mm_add_epi8(lowered, _mm_set1_epi8(char(0x80 - 'a'))),
                                        _mm_set1_epi8(char(0x80 + 6)));
    digit = _mm_or_si128(digit, hex_letter);
  }
  return unsigned(_mm_movemask_epi8(digit));
}

// 0 if the first n bytes of v (n <= 16) spell `text` and the rest of `text` is zero padding, else
// kNotKeyword; computed without a branch (the compiler turns a plain condition into one).
inline uint32_t not_keyword_bit(__m128i v, uint32_t n, const KeywordText& text) {
  static_assert(kNotKeyword == 64);
  auto aligned16 = [](const unsigned char* p) {
    return _mm_load_si128(reinterpret_cast<const __m128i*>(p));
  };
  __m128i same = _mm_cmpeq_epi8(_mm_and_si128(v, aligned16(kPrefixMasks.bytes[n])), aligned16(text.bytes));
  uint32_t all_same = uint32_t(_mm_movemask_epi8(same)) + 1;  // 0x10000 when all sixteen match
  return ((all_same >> 10) & kNotKeyword) ^ kNotKeyword;
}
#endif

}  // namespace

Scanner::Scanner(std::string_view src, std::vector<SyntaxError>* errors)
    : src_(src.data()),
      size_(uint32_t(src.size())),
      text_end_(reinterpret_cast<const unsigned char*>(src.data()) + src.size()),
      errors_(errors) {
  if (size_ >= 3 && (unsigned char)src_[0] == 0xEF && (unsigned char)src_[1] == 0xBB &&
      (unsigned char)src_[2] == 0xBF) {
    off_ = 3;  // a byte order mark is allowed (and ignored) as the very first character
  }
  // GOROOT averages 31 bytes a line: one allocation covers most files, no regrowth copies.
  line_starts_.resize(size_ / 28 + 16);
  lines_ = line_starts_.data();
  lines_cap_ = uint32_t(line_starts_.size());
  lines_[0] = 0;
  line_count_ = 1;
}

template <bool Hex>
const unsigned char* Scanner::skip_digits(const unsigned char* p) const {
#ifdef __SSE2__
  // Hexadecimal tables make long runs of short literals: no loop exit to mispredict.
  while (text_end_ - p >= 15) {  // sixteen bytes readable, the closing NUL included
    unsigned n = unsigned(__builtin_ctz(~digit_byte_mask<Hex>(load16(p))));  // ~mask has bit 16 set
    p += n;
    if (n < 16) return p;
  }
#endif
  while (Hex ? is_hex(*p) : is_decimal(*p)) p++;
  return p;
}

template <char Blank>
const unsigned char* Scanner::skip_run(const unsigned char* p) const {
#ifdef __SSE2__
  if (text_end_ - p >= 15) {  // sixteen bytes readable, the closing NUL included
    unsigned run = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(load16(p), _mm_set1_epi8(Blank))));
    return p + __builtin_ctz(~run);  // at most sixteen: ~run has bit 16 set
  }
#endif
  while (*p == Blank) p++;
  return p;
}

[[gnu::noinline]] void Scanner::grow_line_starts() {
  line_starts_.resize(size_t(lines_cap_) * 2 + 16);
  lines_ = line_starts_.data();
  lines_cap_ = uint32_t(line_starts_.size());
}

void Scanner::scan_identifier_rest(uint32_t start) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(src_);
  uint32_t i = off_;
#ifdef __SSE2__
  // Long ASCII stretches (identifiers of sixteen bytes and more are common) sixteen at a time.
  while (text_end_ - (s + i) >= 15) {
    uint32_t n = uint32_t(__builtin_ctz(~ident_byte_mask(load16(s + i))));  // ~mask has bit 16 set
    i += n;
    if (n < 16) break;
  }
#endif
  while (i < size_) {
    unsigned char c = s[i];
    if (kClasses.ident[c]) {
      i++;
      continue;
    }
    if (c < 0x80) break;
    uint32_t w;
    uint32_t r = decode_rune(s + i, size_ - i, w);
    if (r == kRuneError && w == 1) break;
    if (!is_unicode_letter(r) && !is_unicode_digit(r)) break;
    i += w;
  }
  off_ = i;
}

void Scanner::scan(Token& t) {
  // src_[size_] is NUL, which is ByteKind::Rare: the loops below need no bounds checks. (A pending
  // semicolon also parks off_ there, so that this path need not test for it.)
  const unsigned char* const s = reinterpret_cast<const unsigned char*>(src_);
  const unsigned char* p = s + off_;
  p += *p == ' ';  // gofmt puts one space between many tokens: skip it without a branch
  ByteKind kind = kBytes.kind[*p];
  while (kind <= ByteKind::Newline) {
    if (kind == ByteKind::Newline) {
      if (insert_semi_) break;  // the newline is a semicolon
      if (line_count_ == lines_cap_) [[unlikely]] {
        off_ = uint32_t(p - s);
        return grow_line_starts_and_scan(t);
      }
      p++;
      note_line_start(uint32_t(p - s));
      p = skip_run<'\t'>(p);
    } else if (kind == ByteKind::Tab) {
      p = skip_run<'\t'>(p);
    } else {
      p = skip_run<' '>(p);  // alignment before a comment or '=': often long ('\r' too, by itself)
      p += *p == '\r';
    }
    kind = kBytes.kind[*p];
  }
  const uint32_t o = uint32_t(p - s);
  const char* const text = reinterpret_cast<const char*>(p);  // literals start here
  // Writes each field once; operators have no literal text.
  auto emit = [&](Tok tok, uint32_t len, std::string_view lit, bool insert) {
    t.tok = tok;
    t.pos = o;
    t.line = line();
    t.lit = lit;
    off_ = o + len;
    insert_semi_ = insert;
  };

  // Most frequent kinds first.
  if (kind == ByteKind::Letter) {
#ifdef __SSE2__
    // The identifier's length without a loop (nor its hard-to-predict exit), when sixteen bytes
    // can be read; identifiers of sixteen bytes or more, or followed by non-ASCII, and those in
    // the last bytes of the text take the general path.
    if (text_end_ - p >= 15) {
      __m128i v = load16(p);
      uint32_t len = uint32_t(__builtin_ctz(~ident_byte_mask(v)));  // ~mask has bit 16 set
      if (len < 16 && p[len] < 0x80) [[likely]] {
        // Keyword or not without a branch: whether one is depends on the text, and mispredicting
        // it costs more than always comparing.
        uint32_t h = keyword_hash(p[0], p[1], len);
        const KeywordSlot& kw = kKeywords.slot[h | not_keyword_bit(v, len, kKeywords.text16[h])];
        return emit(kw.tok, len, std::string_view(text, len), kw.insert);
      }
    }
#endif
    return scan_identifier_token(t, o);
  }
  if (kind == ByteKind::Simple) return emit(kBytes.simple_tok[*p], 1, {}, kBytes.simple_insert[*p]);
  if (kind == ByteKind::Operator) {
    // An operator's later bytes are read only after the byte before them matched, so never
    // past the NUL at src_[size_].
    const unsigned c1 = p[1];
    Tok tok;
    uint32_t len = 1;
    bool insert = false;
    switch (*p) {
      case '"': return scan_plain_string_token(t, o);
      case '`': return scan_raw_string_token(t, o);
      case '\'': return scan_rune_token(t, o);
      case '/':
        if (c1 == '/') return scan_line_comment_token(t, o);
        if (c1 == '*') return scan_comment_token(t, o);
        tok = c1 == '=' ? (len = 2, Tok::QUO_ASSIGN) : Tok::QUO;
        break;
      case '.':
        if (is_decimal(c1)) return scan_number_token(t, o);
        tok = Tok::PERIOD;
        if (c1 == '.' && p[2] == '.') {
          tok = Tok::ELLIPSIS;
          len = 3;
        }
        break;
      case ';': return emit(Tok::SEMICOLON, 1, ";", false);
      case ':': tok = c1 == '=' ? (len = 2, Tok::DEFINE) : Tok::COLON; break;
      case '=': tok = c1 == '=' ? (len = 2, Tok::EQL) : Tok::ASSIGN; break;
      case '!': tok = c1 == '=' ? (len = 2, Tok::NEQ) : Tok::NOT; break;
      case '*': tok = c1 == '=' ? (len = 2, Tok::MUL_ASSIGN) : Tok::MUL; break;
      case '%': tok = c1 == '=' ? (len = 2, Tok::REM_ASSIGN) : Tok::REM; break;
      case '^': tok = c1 == '=' ? (len = 2, Tok::XOR_ASSIGN) : Tok::XOR; break;
      case '+':
        tok = Tok::ADD;
        if (c1 == '=') tok = Tok::ADD_ASSIGN, len = 2;
        else if (c1 == '+') tok = Tok::INC, len = 2, insert = true;
        break;
      case '-':
        tok = Tok::SUB;
        if (c1 == '=') tok = Tok::SUB_ASSIGN, len = 2;
        else if (c1 == '-') tok = Tok::DEC, len = 2, insert = true;
        break;
      case '|':
        tok = Tok::OR;
        if (c1 == '=') tok = Tok::OR_ASSIGN, len = 2;
        else if (c1 == '|') tok = Tok::LOR, len = 2;
        break;
      case '&':
        tok = Tok::AND;
        if (c1 == '=') {
          tok = Tok::AND_ASSIGN, len = 2;
        } else if (c1 == '&') {
          tok = Tok::LAND, len = 2;
        } else if (c1 == '^') {
          tok = Tok::AND_NOT, len = 2;
          if (p[2] == '=') tok = Tok::AND_NOT_ASSIGN, len = 3;
        }
        break;
      case '<':
        tok = Tok::LSS;
        if (c1 == '-') {
          tok = Tok::ARROW, len = 2;
        } else if (c1 == '=') {
          tok = Tok::LEQ, len = 2;
        } else if (c1 == '<') {
          tok = Tok::SHL, len = 2;
          if (p[2] == '=') tok = Tok::SHL_ASSIGN, len = 3;
        }
        break;
      case '>':
        tok = Tok::GTR;
        if (c1 == '=') {
          tok = Tok::GEQ, len = 2;
        } else if (c1 == '>') {
          tok = Tok::SHR, len = 2;
          if (p[2] == '=') tok = Tok::SHR_ASSIGN, len = 3;
        }
        break;
      default: __builtin_unreachable();  // kBytes lists exactly the bytes above
    }
    return emit(tok, len, {}, insert);
  }
  if (kind == ByteKind::Digit) {
    // Plain decimal and hexadecimal integers here; anything else takes the full number scanner.
    const unsigned char* e = p + 1;
    bool plain = true;
    if (*p != '0') {
      e = skip_digits<false>(e);
    } else if (lower(*e) == 'x' && is_hex(e[1])) {
      // 0x with at least one hex digit: only '.', '_', 'p' or 'i' after the digits differ
      e = skip_digits<true>(e + 2);
      plain = *e != '.' && *e != '_' && lower(*e) != 'p' && *e != 'i';
    } else {
      plain = !kClasses.ident[*e] && *e != '.';  // a lone 0
    }
    int next = *e;
    if (!plain || next == '.' || next == '_' || lower(next) == 'e' || lower(next) == 'p' || next == 'i') {
      return scan_number_token(t, o);
    }
    uint32_t len = uint32_t(e - p);
    return emit(Tok::INT, len, std::string_view(text, len), true);
  }
  if (kind == ByteKind::Newline) {  // only reached when a semicolon is due
    if (line_count_ == lines_cap_) [[unlikely]] {
      off_ = o;
      return grow_line_starts_and_scan(t);
    }
    emit(Tok::SEMICOLON, 1, "\n", false);
    note_line_start(o + 1);
    off_ = uint32_t(skip_run<'\t'>(p + 1) - s);  // the indentation of the next line
    return;
  }
  return scan_rare(t, o);
}

[[gnu::noinline]] void Scanner::grow_line_starts_and_scan(Token& t) {
  grow_line_starts();
  scan(t);
}

[[gnu::noinline]] void Scanner::scan_pending_semicolon(Token& t) {
  have_nl_ = false;
  off_ = resume_off_;
  t.tok = Tok::SEMICOLON;
  t.pos = nl_pos_;
  t.line = nl_line_;
  t.lit = "\n";
}

[[gnu::noinline]] void Scanner::scan_identifier_token(Token& t, uint32_t pos) {
  off_ = pos + 1;
  scan_identifier_rest(pos);
  uint32_t len = off_ - pos;
  const KeywordSlot* kw = find_keyword(reinterpret_cast<const unsigned char*>(src_) + pos, len);
  t.tok = kw ? kw->tok : Tok::IDENT;
  t.pos = pos;
  t.line = line();
  t.lit = std::string_view(src_ + pos, len);
  insert_semi_ = kw ? kw->insert : true;
}

[[gnu::noinline]] void Scanner::scan_number_token(Token& t, uint32_t pos) {
  off_ = pos;
  t.pos = pos;
  t.line = line();
  t.tok = scan_number();
  t.lit = std::string_view(src_ + pos, off_ - pos);
  insert_semi_ = true;
}

[[gnu::noinline]] void Scanner::scan_string_token(Token& t, uint32_t pos) {
  t.line = line();
  off_ = pos + 1;
  scan_string();
  t.tok = Tok::STRING;
  t.pos = pos;
  t.string_end = off_;
  t.lit = std::string_view(src_ + pos, off_ - pos);
  insert_semi_ = true;
}

[[gnu::noinline]] void Scanner::scan_raw_string_token(Token& t, uint32_t pos) {
  t.line = line();  // before the newlines inside the literal
  off_ = pos + 1;
  scan_raw_string();
  t.tok = Tok::STRING;
  t.pos = pos;
  t.string_end = off_;
  t.lit = std::string_view(src_ + pos, off_ - pos);
  insert_semi_ = true;
}

[[gnu::noinline]] void Scanner::scan_rune_token(Token& t, uint32_t pos) {
  t.line = line();
  off_ = pos + 1;
  scan_rune();
  t.tok = Tok::CHAR;
  t.pos = pos;
  t.lit = std::string_view(src_ + pos, off_ - pos);
  insert_semi_ = true;
}

[[gnu::noinline]] void Scanner::scan_comment_token(Token& t, uint32_t pos) {
  uint32_t line = line_count_;  // before the newlines inside a /*...*/ comment
  off_ = pos + 1;
  uint32_t nl = scan_comment(pos);
  bool insert = insert_semi_;
  if (insert && nl != 0) {
    // The comment ends the line: its newline becomes the semicolon, returned next.
    have_nl_ = true;
    nl_pos_ = nl;
    nl_line_ = line;
    resume_off_ = off_;
    off_ = size_;  // scan() then goes straight to scan_rare, which returns the semicolon
    insert = false;
  }
  t.tok = Tok::COMMENT;
  t.pos = pos;
  t.line = line;
  t.lit = comment_lit_;
  insert_semi_ = insert;
}

// End of text (or a pending semicolon), NUL, non-ASCII and illegal ASCII characters.
[[gnu::noinline]] void Scanner::scan_rare(Token& t, uint32_t pos) {
  if (have_nl_) return scan_pending_semicolon(t);
  off_ = pos;
  t.pos = pos;
  t.line = line();
  t.lit = {};
  if (pos >= size_) {
    if (insert_semi_) {
      insert_semi_ = false;
      t.tok = Tok::SEMICOLON;
      t.lit = "\n";
    } else {
      t.tok = Tok::END_OF_FILE;
    }
    return;
  }
  unsigned char c = (unsigned char)src_[pos];
  if (c == 0 || c >= 0x80) {
    uint32_t w;
    uint32_t r = read_rune(pos, w);
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
  off_ = pos + 1;
  error(pos, "illegal character " + format_rune(c));
  t.tok = Tok::ILLEGAL;
  t.lit = std::string_view(src_ + pos, 1);
  // insert_semi_ preserved
}

}  // namespace gotrap::syntax
