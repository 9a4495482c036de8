// The Go scanner: turns source bytes into tokens with go/scanner's behaviour (automatic
// semicolons, comments returned as tokens, the same error messages at the same offsets).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "syntax/token.h"

namespace gotrap::syntax {

struct SyntaxError;

struct Token {
  Tok tok = Tok::ILLEGAL;
  uint32_t pos = 0;         // byte offset of the first character
  uint32_t line = 1;        // 1-based line of pos
  uint32_t string_end = 0;  // STRING only: offset just past the closing quote
  // Literal text for IDENT, literals, COMMENT (a trailing '\r' of a line comment removed) and
  // SEMICOLON (";" or "\n" when inserted); empty for operators and keywords.
  std::string_view lit;
};

class Scanner {
 public:
  // `errors` receives scanner errors (go/scanner reports them all, unfiltered).
  // `src` must be followed by a NUL byte (src.data()[src.size()] == 0, as std::string and string
  // literals guarantee): the hot loops use it as a sentinel instead of checking the size.
  Scanner(std::string_view src, std::vector<SyntaxError>* errors);

  void scan(Token& t);

  // Offsets of every line start seen so far (the first line's 0 included); complete once the
  // scanner has reached the end of the text.
  std::vector<uint32_t>& line_starts() {
    // The scanner records a newline at the very end as a line start too (one test fewer per
    // newline); go/token has no line starting at the end, so drop it here.
    uint32_t n = line_count_;
    if (n > 1 && lines_[n - 1] >= size_) n--;
    line_starts_.resize(n);
    lines_ = line_starts_.data();
    lines_cap_ = n;
    line_count_ = n;
    return line_starts_;
  }
  bool at_end() const { return off_ >= size_ && !have_nl_; }

 private:
  int peek_byte(uint32_t at) const { return at < size_ ? (unsigned char)src_[at] : -1; }
  void error(uint32_t offset, std::string msg);
  void error(uint32_t offset, const char* msg);
  void error_illegal_in_escape(uint32_t at);
  // Decodes the rune at `at`, reporting NUL, invalid UTF-8 and misplaced BOM as go/scanner's
  // next() does. Returns the rune (0xFFFD if invalid) and sets `width`.
  uint32_t read_rune(uint32_t at, uint32_t& width);
  void skip_checked_bytes(uint32_t from, uint32_t to);
  // The first byte at or after p that is not Blank (indentation, alignment).
  template <char Blank>
  inline const unsigned char* skip_run(const unsigned char* p) const;
  // The first byte at or after p that is not a decimal (hexadecimal with Hex) digit.
  template <bool Hex>
  inline const unsigned char* skip_digits(const unsigned char* p) const;

  // scan() handles white space, identifiers, plain integers and operators itself and hands every
  // other token to one of these, by tail call, so that its own hot path stays small.
  void scan_pending_semicolon(Token& t);
  void scan_rare(Token& t, uint32_t pos);
  void scan_identifier_token(Token& t, uint32_t pos);
  void scan_number_token(Token& t, uint32_t pos);
  void scan_string_token(Token& t, uint32_t pos);
  void scan_plain_string_token(Token& t, uint32_t pos);
  void scan_raw_string_token(Token& t, uint32_t pos);
  void scan_rune_token(Token& t, uint32_t pos);
  void scan_comment_token(Token& t, uint32_t pos);
  void scan_line_comment_token(Token& t, uint32_t pos);
  void grow_line_starts_and_scan(Token& t);

  void scan_identifier_rest(uint32_t start);
  Tok scan_number();
  void scan_digits(int base, int64_t* invalid, int& digsep);
  bool scan_escape(char quote);
  void scan_string();
  void scan_raw_string();
  void scan_rune();
  // Returns the offset of the first newline inside a /*...*/ comment, or 0.
  uint32_t scan_comment(uint32_t start);
  void check_line_directive(uint32_t start, uint32_t next, std::string_view text);
  void grow_line_starts();
  void new_line(uint32_t start) {
    if (line_count_ == lines_cap_) grow_line_starts();
    note_line_start(start);
  }
  // new_line for callers that made sure line_starts_ has room (scan's hot path checks earlier).
  // Records even a line start at the end of the text, which line_starts() drops, so that the
  // line of off_ is always line_count_.
  void note_line_start(uint32_t start) { lines_[line_count_++] = start; }
  uint32_t line() const { return line_count_; }
  uint32_t current_line_start() const { return lines_[line_count_ - 1]; }

  const char* src_;
  uint32_t size_;
  const unsigned char* text_end_;  // src_ + size_, the closing NUL
  uint32_t off_ = 0;   // next unread byte
  bool insert_semi_ = false;
  bool have_nl_ = false;
  // The semicolon due at a /*...*/ comment's first newline, returned after the comment. Meanwhile
  // off_ is parked at size_ and the real offset kept in resume_off_.
  uint32_t nl_pos_ = 0, nl_line_ = 0, resume_off_ = 0;
  std::string_view comment_lit_;
  // Line starts are written through lines_ into line_starts_, which is kept lines_cap_ entries
  // long (line_count_ of them used) so that the hot path does a plain store; line_starts() trims.
  std::vector<uint32_t> line_starts_;
  uint32_t* lines_ = nullptr;
  uint32_t line_count_ = 0;
  uint32_t lines_cap_ = 0;
  std::vector<SyntaxError>* errors_;
};

}  // namespace gotrap::syntax
