#include "report/report.h"

#include <algorithm>
#include <map>
#include <string>

#include "syntax/line_table.h"

namespace gotrap::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "sarif") return Format::sarif;
  if (name == "github") return Format::github;
  return std::nullopt;
}

struct Locator::File {
  const std::string* text = nullptr;
  syntax::LineTable lines;
};

struct Locator::Cache {
  std::map<std::string, std::optional<File>, std::less<>> files;
};

Locator::Locator(rules::TextLookup text_of)
    : text_of_(std::move(text_of)), cache_(std::make_unique<Cache>()) {}
Locator::~Locator() = default;

const Locator::File* Locator::file(std::string_view path) {
  auto it = cache_->files.find(path);
  if (it == cache_->files.end()) {
    const std::string* text = text_of_ ? text_of_(path) : nullptr;
    std::optional<File> file;
    if (text) file.emplace(File{text, syntax::LineTable(*text)});
    it = cache_->files.emplace(std::string(path), std::move(file)).first;
  }
  return it->second ? &*it->second : nullptr;
}

Position Locator::at(std::string_view path, uint32_t offset) {
  const File* f = file(path);
  if (!f) return {};
  syntax::LineCol lc = f->lines.at(offset);
  return {lc.line, lc.column};
}

Position Locator::at_utf16(std::string_view path, uint32_t offset) {
  const File* f = file(path);
  if (!f) return {};
  syntax::LineCol lc = f->lines.at(offset);
  std::string_view text = *f->text;
  size_t begin = f->lines.line_start(lc.line);
  size_t end = std::min<size_t>(offset, text.size());
  uint32_t units = 0;
  for (size_t i = begin; i < end;) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    // A lead byte says how long its sequence is; a 4-byte one is a surrogate pair in UTF-16.
    // Invalid bytes count one unit each, as a decoder's U+FFFD would.
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    units += length == 4 ? 2 : 1;
    i += length;
  }
  return {lc.line, units + 1};
}

std::string_view Locator::line_text(std::string_view path, uint32_t offset) {
  const File* f = file(path);
  if (!f) return {};
  std::string_view text = *f->text;
  syntax::LineCol lc = f->lines.at(offset);
  size_t begin = f->lines.line_start(lc.line);
  size_t end = text.find('\n', begin);
  if (end == std::string_view::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  return text.substr(begin, end - begin);
}

void write(Format format, const std::vector<rules::Finding>& findings,
           const std::vector<const rules::Rule*>& rules, Locator& locator, std::ostream& out,
           const SarifRun& sarif) {
  switch (format) {
    case Format::text: write_text(findings, locator, out); break;
    case Format::json: write_json(findings, locator, out); break;
    case Format::sarif: write_sarif(findings, rules, locator, out, sarif); break;
    case Format::github: write_github(findings, locator, out); break;
  }
}

namespace {

void write_location(std::ostream& out, std::string_view path, Position pos) {
  out << path;
  if (pos.line != 0) out << ':' << pos.line << ':' << pos.column;
}

// GitHub workflow commands percent-encode the message and, more strictly, property values.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

void write_text(const std::vector<rules::Finding>& findings, Locator& locator, std::ostream& out) {
  for (const rules::Finding& f : findings) {
    write_location(out, f.path, locator.at(f.path, f.start));
    out << ": " << f.message << " [" << f.rule << "]\n";
    for (const rules::Related& r : f.related) {
      out << "    ";
      write_location(out, r.path, locator.at(r.path, r.start));
      out << ": " << r.message << '\n';
    }
  }
}

void write_github(const std::vector<rules::Finding>& findings, Locator& locator,
                  std::ostream& out) {
  for (const rules::Finding& f : findings) {
    Position start = locator.at(f.path, f.start);
    Position end = locator.at(f.path, f.end);
    std::string_view command = f.severity == rules::Severity::error     ? "error"
                               : f.severity == rules::Severity::warning ? "warning"
                                                                        : "notice";
    out << "::" << command << " file=" << github_escape(f.path, true);
    if (start.line != 0) {
      out << ",line=" << start.line << ",col=" << start.column << ",endLine=" << end.line
          << ",endColumn=" << end.column;
    }
    out << ",title=" << github_escape(f.rule, true) << "::" << github_escape(f.message, false)
        << '\n';
  }
}

}  // namespace gotrap::report
