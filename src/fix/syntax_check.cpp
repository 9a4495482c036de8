// The parser seam of the fixer: a fix is written only if the result parses as well as before.
#include "fix/fix.h"
#include "syntax/parser.h"

namespace gotrap::fix {

int count_syntax_errors(const std::string& path, const std::string& text) {
  return int(syntax::parse_file(path, text)->errors.size());
}

}  // namespace gotrap::fix
