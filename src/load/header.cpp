#include "load/header.h"

#include "load/constraint.h"
#include "syntax/text.h"

namespace gotrap::load {

using syntax::is_space;
using syntax::trim;

namespace {

std::string_view next_line(std::string_view& rest) {
  size_t newline = rest.find('\n');
  std::string_view line = rest.substr(0, newline);
  rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
  return line;
}

// The leading block of // comments and blank lines, as go/build delimits it: //go:build may
// appear anywhere before the first non-comment text; // +build lines count only up to the last
// blank line before that text.
void scan_constraint_lines(std::string_view text, FileHeader& header) {
  std::string_view rest = text;
  size_t end = 0;
  bool ended = false;
  bool in_block_comment = false;
  while (!rest.empty()) {
    std::string_view line = trim(next_line(rest));
    if (line.empty() && !ended) {
      end = text.size() - rest.size();
      continue;
    }
    if (!line.starts_with("//")) ended = true;
    if (!in_block_comment) {
      if (auto expr = go_build_expr(line)) {
        if (header.go_build) {
          header.error = "multiple //go:build comments";
          return;
        }
        header.go_build = std::string(*expr);
      }
    }
    bool more = false;  // does the line end inside comments only?
    while (!line.empty()) {
      if (in_block_comment) {
        size_t close = line.find("*/");
        if (close == std::string_view::npos) {
          line = {};
          break;
        }
        in_block_comment = false;
        line = trim(line.substr(close + 2));
        continue;
      }
      if (line.starts_with("//")) {
        line = {};
        break;
      }
      if (line.starts_with("/*")) {
        in_block_comment = true;
        line = trim(line.substr(2));
        continue;
      }
      more = true;  // found non-comment text
      break;
    }
    if (more) break;
  }
  std::string_view block = text.substr(0, end);
  while (!block.empty()) {
    std::string_view line = trim(next_line(block));
    if (auto expr = plus_build_expr(line)) header.plus_build.emplace_back(*expr);
  }
}

bool is_ident_byte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' || u >= 0x80;
}

// A minimal Go token reader for the package clause and import declarations.
class HeaderScanner {
 public:
  explicit HeaderScanner(std::string_view text) : text_(text) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;  // byte order mark
  }

  // Advances to the next token, skipping white space and comments; false at the end of input.
  // Comments met before the package clause are checked for the generated-code marker.
  bool next() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (is_space(c)) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//") {
        size_t end = text_.find('\n', pos_);
        if (end == std::string_view::npos) end = text_.size();
        note_comment(text_.substr(pos_, end - pos_));
        pos_ = end;
      } else if (text_.substr(pos_, 2) == "/*") {
        size_t end = text_.find("*/", pos_ + 2);
        end = end == std::string_view::npos ? text_.size() : end + 2;
        note_comment(text_.substr(pos_, end - pos_));
        pos_ = end;
      } else {
        break;
      }
    }
    if (pos_ >= text_.size()) {
      kind_ = Kind::End;
      token_ = {};
      return false;
    }
    size_t start = pos_;
    char c = text_[pos_];
    if (is_ident_byte(c)) {
      while (pos_ < text_.size() && is_ident_byte(text_[pos_])) ++pos_;
      kind_ = Kind::Ident;
    } else if (c == '"' || c == '`') {
      ++pos_;
      while (pos_ < text_.size() && text_[pos_] != c) {
        if (c == '"' && (text_[pos_] == '\\')) ++pos_;
        if (c == '"' && pos_ < text_.size() && text_[pos_] == '\n') break;
        ++pos_;
      }
      if (pos_ > text_.size()) pos_ = text_.size();  // a backslash ended the input
      if (pos_ < text_.size() && text_[pos_] == c) ++pos_;
      kind_ = Kind::String;
    } else {
      ++pos_;
      kind_ = Kind::Punct;
    }
    token_ = text_.substr(start, pos_ - start);
    return true;
  }

  enum class Kind { End, Ident, String, Punct };
  Kind kind() const { return kind_; }
  std::string_view token() const { return token_; }
  void stop_generated_check() { before_package_ = false; }
  bool generated() const { return generated_; }

 private:
  // go/ast.IsGenerated: any comment line "// Code generated <anything> DO NOT EDIT." before the
  // package clause (carriage returns dropped, as the Go scanner does for comment text).
  void note_comment(std::string_view comment) {
    if (!before_package_ || generated_) return;
    if (comment.find("// Code generated ") == std::string_view::npos) return;
    std::string_view rest = comment;
    static constexpr std::string_view kPrefix = "// Code generated ";
    static constexpr std::string_view kSuffix = " DO NOT EDIT.";
    do {
      std::string line;
      for (char ch : next_line(rest)) {
        if (ch != '\r') line += ch;
      }
      std::string_view view = line;
      if (view.starts_with(kPrefix) && view.substr(kPrefix.size()).ends_with(kSuffix)) generated_ = true;
    } while (!rest.empty() && !generated_);
  }

  std::string_view text_;
  size_t pos_ = 0;
  Kind kind_ = Kind::End;
  std::string_view token_;
  bool before_package_ = true;
  bool generated_ = false;
};

std::string describe(const HeaderScanner& scanner) {
  if (scanner.kind() == HeaderScanner::Kind::End) return "EOF";
  std::string quoted(1, '\'');
  quoted.append(scanner.token().substr(0, 40));
  quoted.push_back('\'');
  return quoted;
}

bool is_string_c(std::string_view literal) { return literal == "\"C\"" || literal == "`C`"; }

// After the package clause: import declarations, single or grouped; stops at anything else.
void scan_imports(HeaderScanner& scanner, FileHeader& header) {
  scanner.next();
  while (scanner.kind() != HeaderScanner::Kind::End) {
    if (scanner.token() == ";") {
      scanner.next();
      continue;
    }
    if (scanner.token() != "import") return;
    scanner.next();
    auto read_spec = [&]() -> bool {
      if (scanner.kind() == HeaderScanner::Kind::Ident || scanner.token() == ".") scanner.next();
      if (scanner.kind() != HeaderScanner::Kind::String) {
        header.imports_complete = false;
        return false;
      }
      if (is_string_c(scanner.token())) header.imports_c = true;
      std::string_view literal = scanner.token();
      if (literal.size() < 2 || literal.find('\\') != std::string_view::npos) {
        header.imports_complete = false;
      } else {
        header.imports.emplace_back(literal.substr(1, literal.size() - 2));
      }
      scanner.next();
      return true;
    };
    if (scanner.token() == "(") {
      scanner.next();
      while (scanner.kind() != HeaderScanner::Kind::End && scanner.token() != ")") {
        if (scanner.token() == ";") {
          scanner.next();
          continue;
        }
        if (!read_spec()) return;
      }
      scanner.next();
    } else if (!read_spec()) {
      return;
    }
  }
}

}  // namespace

FileHeader scan_header(std::string_view text) {
  FileHeader header;
  std::string_view without_bom = text;
  if (without_bom.starts_with("\xEF\xBB\xBF")) without_bom.remove_prefix(3);  // go/build drops it too
  scan_constraint_lines(without_bom, header);
  if (!header.error.empty()) return header;

  HeaderScanner scanner(text);
  scanner.next();
  header.generated = scanner.generated();
  scanner.stop_generated_check();
  if (scanner.token() != "package" || scanner.kind() != HeaderScanner::Kind::Ident) {
    header.error = "expected 'package', found " + describe(scanner);
    return header;
  }
  scanner.next();
  if (scanner.kind() != HeaderScanner::Kind::Ident || scanner.token() == "_" ||
      (scanner.token()[0] >= '0' && scanner.token()[0] <= '9')) {
    header.error = "expected package name, found " + describe(scanner);
    return header;
  }
  header.package_name = std::string(scanner.token());
  scan_imports(scanner, header);
  return header;
}

}  // namespace gotrap::load
