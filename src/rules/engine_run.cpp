// The engine's pipeline: load -> parse -> (semantic model) -> rules -> finalize.
#include "rules/engine.h"

#if __has_include("load/load.h") && __has_include("syntax/parser.h")
#define GOTRAP_ENGINE_HAS_FRONT_END 1
#include "load/load.h"
#include "syntax/parser.h"
#endif

namespace gotrap::rules {

#ifdef GOTRAP_ENGINE_HAS_FRONT_END
#else
RunResult run(const std::vector<std::string>& patterns, const EngineOptions& options) {
  RunResult result;
  result.fatal = "this build of gotrap has no package loader or parser yet";
  return result;
}
#endif

}  // namespace gotrap::rules
