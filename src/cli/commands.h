// Subcommands of the gotrap binary. main.cpp dispatches on argv[1]; each command lives in its own
// cmd_<name>.cpp and returns the process exit status.
#pragma once

namespace gotrap::cli {

// gotrap [flags] PATH...: load, analyse, report (the main job).
int cmd_check(int argc, char** argv);
int cmd_config(int argc, char** argv);
int cmd_rule_docs(int argc, char** argv);
// go vet -vettool=gotrap: `-V=full`, `-flags`, or `[flags] FILE.cfg`.
bool is_vettool_invocation(int argc, char** argv);
int cmd_vettool(int argc, char** argv);
// gotrap ast [--check] FILE...: canonical tree dump, or syntax errors only.
int cmd_ast(int argc, char** argv);
// gotrap debug uses PATH...: one line per resolved identifier use.
int cmd_debug(int argc, char** argv);

}  // namespace gotrap::cli
