// The parser seam of the fixer, kept in its own file: the fixer refuses to write when the parser
// is not part of this build.
#include "fix/fix.h"

#if GOTRAP_HAVE_PARSER
#include "syntax/parser.h"
#endif

namespace gotrap::fix {

int count_syntax_errors(const std::string& path, const std::string& text) {
#if GOTRAP_HAVE_PARSER
  return int(syntax::parse_file(path, text)->errors.size());
#else
  return -1;
#endif
}

}  // namespace gotrap::fix
