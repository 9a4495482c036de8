// Parsing `// want` comments and matching findings against them.
#include <re2/re2.h>

#include <cctype>
#include <map>
#include <memory>

#include "analysistest.h"
#include "report/report.h"

namespace gotrap::analysistest {

namespace {

using uchar = unsigned char;

// Decodes a Go interpreted string literal body starting after the opening quote; advances `at`
// past the closing quote. Returns false when it is malformed.
bool read_go_string(std::string_view s, size_t& at, std::string& out) {
  while (at < s.size()) {
    char c = s[at++];
    if (c == '"') return true;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (at >= s.size()) return false;
    char e = s[at++];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case '\'': out += '\''; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        if (at + 2 > s.size() || !std::isxdigit(uchar(s[at])) || !std::isxdigit(uchar(s[at + 1]))) {
          return false;
        }
        out += char(std::stoi(std::string(s.substr(at, 2)), nullptr, 16));
        at += 2;
        break;
      }
      default: return false;  // \u and octal escapes are not used by regexps in wants
    }
  }
  return false;
}

}  // namespace

std::vector<Want> parse_wants(const std::string& path, std::string_view text,
                              std::vector<std::string>* errors) {
  std::vector<Want> wants;
  uint32_t line_no = 0;
  size_t at = 0;
  while (at <= text.size()) {
    ++line_no;
    size_t nl = text.find('\n', at);
    std::string_view line = text.substr(at, nl == std::string_view::npos ? text.npos : nl - at);
    at = nl == std::string_view::npos ? text.size() + 1 : nl + 1;

    // "// want" or "//want", followed by a blank or the end of the line.
    size_t comment = std::string_view::npos, skip = 0;
    for (std::string_view marker : {std::string_view("// want"), std::string_view("//want")}) {
      size_t found = line.find(marker);
      size_t after = found + marker.size();
      if (found != std::string_view::npos &&
          (after == line.size() || line[after] == ' ' || line[after] == '\t')) {
        comment = found;
        skip = marker.size();
        break;
      }
    }
    if (comment == std::string_view::npos) continue;
    std::string_view rest = line.substr(comment + skip);
    size_t i = 0;
    int count = 0;
    for (;;) {
      while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
      if (i >= rest.size() || (rest[i] != '"' && rest[i] != '`')) break;
      std::string pattern;
      if (rest[i] == '`') {
        size_t close = rest.find('`', i + 1);
        if (close == std::string_view::npos) {
          if (errors) errors->push_back(path + ":" + std::to_string(line_no) + ": unterminated `");
          break;
        }
        pattern = std::string(rest.substr(i + 1, close - i - 1));
        i = close + 1;
      } else {
        ++i;
        if (!read_go_string(rest, i, pattern)) {
          if (errors) errors->push_back(path + ":" + std::to_string(line_no) + ": bad want string");
          break;
        }
      }
      wants.push_back({path, line_no, std::move(pattern), false});
      ++count;
    }
    if (count == 0 && errors) {
      errors->push_back(path + ":" + std::to_string(line_no) + ": want comment without a regexp");
    }
  }
  return wants;
}

std::vector<std::string> match_findings(const std::vector<rules::Finding>& findings,
                                        std::vector<Want>& wants,
                                        const rules::TextLookup& text_of) {
  std::vector<std::string> problems;
  std::map<std::string, std::unique_ptr<RE2>> compiled;
  auto regex = [&](const std::string& pattern) -> const RE2* {
    auto& slot = compiled[pattern];
    if (!slot) {
      RE2::Options options;
      options.set_log_errors(false);
      slot = std::make_unique<RE2>(pattern, options);
    }
    return slot->ok() ? slot.get() : nullptr;
  };
  for (const Want& w : wants) {
    if (!regex(w.pattern)) {
      problems.push_back(w.path + ":" + std::to_string(w.line) + ": invalid regexp in want: " +
                         w.pattern);
    }
  }
  report::Locator locator(text_of);

  // Meets the first unmet want at (path, line) whose regexp matches `message`.
  auto meet = [&](const std::string& path, uint32_t line, const std::string& message) {
    for (Want& w : wants) {
      if (w.met || w.line != line || w.path != path) continue;
      const RE2* re = regex(w.pattern);
      if (re && RE2::PartialMatch(message, *re)) {
        w.met = true;
        return true;
      }
    }
    return false;
  };
  for (const rules::Finding& f : findings) {
    report::Position pos = locator.at(f.path, f.start);
    bool ok = meet(f.path, pos.line, f.message);
    for (size_t i = 0; !ok && i < f.related.size(); ++i) {
      const rules::Related& r = f.related[i];
      uint32_t line = locator.at(r.path, r.start).line;
      ok = meet(r.path, line, r.message) || meet(r.path, line, f.message);
    }
    if (!ok) {
      problems.push_back(f.path + ":" + std::to_string(pos.line) + ":" +
                         std::to_string(pos.column) + ": unexpected finding: " + f.message +
                         " [" + f.rule + "]");
    }
  }
  for (const Want& w : wants) {
    if (!w.met) {
      problems.push_back(w.path + ":" + std::to_string(w.line) + ": no finding matched want `" +
                         w.pattern + "`");
    }
  }
  return problems;
}

}  // namespace gotrap::analysistest
