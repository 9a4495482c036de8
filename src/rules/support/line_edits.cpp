#include "rules/support/line_edits.h"

namespace gotrap::rules::support {

namespace {

// Start of the line holding byte `p`, when only blanks precede `p` on it.
std::optional<size_t> line_start_if_first(std::string_view text, size_t p) {
  if (p > text.size()) return std::nullopt;
  size_t bol = text.rfind('\n', p == 0 ? 0 : p - 1);
  bol = (bol == std::string_view::npos || p == 0) ? 0 : bol + 1;
  if (p > 0 && text[p - 1] == '\n') bol = p;
  for (size_t i = bol; i < p; ++i)
    if (text[i] != ' ' && text[i] != '\t') return std::nullopt;
  return bol;
}

}  // namespace

std::optional<Edit> delete_own_line(std::string_view text, const ast::Node* n, std::string* comment) {
  if (!n || !ast::valid(n->pos()) || !ast::valid(n->end()) || n->end() > text.size()) return std::nullopt;
  auto bol = line_start_if_first(text, n->pos());
  if (!bol) return std::nullopt;
  size_t eol = text.find('\n', n->end());
  if (eol == std::string_view::npos) return std::nullopt;
  for (size_t i = n->end(); i < eol; ++i) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') continue;
    if (!comment || text.substr(i, 2) != "//") return std::nullopt;
    size_t e = eol;
    while (e > i && (text[e - 1] == '\r' || text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    *comment = std::string(text.substr(i, e - i));
    break;
  }
  return Edit{uint32_t(*bol), uint32_t(eol + 1), ""};
}

std::optional<Edit> insert_line_before(std::string_view text, const ast::Node* n, std::string_view code) {
  if (!n || !ast::valid(n->pos()) || n->pos() > text.size()) return std::nullopt;
  auto bol = line_start_if_first(text, n->pos());
  if (!bol) return std::nullopt;
  std::string line(text.substr(*bol, n->pos() - *bol));
  line.append(code).append("\n");
  return Edit{uint32_t(*bol), uint32_t(*bol), std::move(line)};
}

}  // namespace gotrap::rules::support
