// gotrap's entry point: dispatches subcommands; everything else is the main job (cmd_check).
#include <cstdio>
#include <cstring>
#include <exception>

#include "cli/commands.h"
#include "lsp/lsp.h"

namespace gotrap::cli {
// Weak so the binary links while an area's command is still being written; null then.
int cmd_ast(int argc, char** argv) __attribute__((weak));
int cmd_debug(int argc, char** argv) __attribute__((weak));
}  // namespace gotrap::cli

namespace {

int dispatch(int argc, char** argv) {
  using namespace gotrap::cli;
  if (argc >= 2) {
    const char* command = argv[1];
    if (std::strcmp(command, "config") == 0) return cmd_config(argc - 1, argv + 1);
    // gotrap lsp [--stdio]: the language server on stdin/stdout (editors pass --stdio by habit).
    if (std::strcmp(command, "lsp") == 0) return gotrap::lsp::serve(0, 1);
    if (std::strcmp(command, "rule-docs") == 0) return cmd_rule_docs(argc - 1, argv + 1);
    if (is_vettool_invocation(argc, argv)) return cmd_vettool(argc, argv);
    if (std::strcmp(command, "ast") == 0 || std::strcmp(command, "debug") == 0) {
      auto* run = std::strcmp(command, "ast") == 0 ? cmd_ast : cmd_debug;
      if (run == nullptr) {
        std::fprintf(stderr, "gotrap: the %s command is not part of this build\n", command);
        return 2;
      }
      return run(argc - 1, argv + 1);
    }
  }
  return cmd_check(argc, argv);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gotrap: fatal: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "gotrap: fatal: unexpected error\n");
  }
  return 2;
}
