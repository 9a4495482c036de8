#include "report/report.h"

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

struct Locator::Cache {
  std::map<std::string, std::optional<syntax::LineTable>, std::less<>> tables;
};

Locator::Locator(rules::TextLookup text_of)
    : text_of_(std::move(text_of)), cache_(std::make_unique<Cache>()) {}
Locator::~Locator() = default;

Position Locator::at(std::string_view path, uint32_t offset) {
  auto it = cache_->tables.find(path);
  if (it == cache_->tables.end()) {
    const std::string* text = text_of_ ? text_of_(path) : nullptr;
    std::optional<syntax::LineTable> table;
    if (text) table.emplace(*text);
    it = cache_->tables.emplace(std::string(path), std::move(table)).first;
  }
  if (!it->second) return {};
  syntax::LineCol lc = it->second->at(offset);
  return {lc.line, lc.column};
}

void write(Format format, const std::vector<rules::Finding>& findings,
           const std::vector<const rules::Rule*>& rules, Locator& locator, std::ostream& out) {
  switch (format) {
    case Format::text: write_text(findings, locator, out); break;
    case Format::json: write_json(findings, locator, out); break;
    case Format::sarif: write_sarif(findings, rules, locator, out); break;
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
