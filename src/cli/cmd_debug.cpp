// gotrap debug uses|types [--no-tests] PATH...: what sema resolves, one line per identifier use
// or per typed expression, in the format tools/semadump prints for go/types (see sema/debug_print.h).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "load/load.h"
#include "rules/pipeline.h"
#include "sema/debug_print.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace gotrap::cli {

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: gotrap debug uses|types [--no-tests] PATH...\n"
               "  uses   FILE:LINE:COL -> FILE:LINE:COL | importpath.Name | universe.Name\n"
               "  types  FILE:LINE:COL-ENDLINE:ENDCOL TYPE\n");
  return 2;
}

}  // namespace

int cmd_debug(int argc, char** argv) {
  if (argc < 3) return usage();
  std::string what = argv[1];
  if (what != "uses" && what != "types") return usage();
  load::Options options;
  std::vector<std::string> patterns;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--no-tests") options.tests = false;
    else patterns.push_back(arg);
  }
  if (patterns.empty()) return usage();

  load::LoadResult loaded = load::load(patterns, options);
  for (const load::LoadError& e : loaded.errors)
    std::fprintf(stderr, "gotrap: %s: %s\n", e.path.c_str(), e.message.c_str());

  // The same parsing and analysis order as a check run, so these dumps cover what rules see.
  rules::AnalyzeOptions analyze_options;
  analyze_options.keep_expression_files = what == "types";
  rules::AnalyzedPackages analyzed = rules::parse_and_analyze(loaded.packages, analyze_options);
  for (const std::vector<std::shared_ptr<syntax::ParsedFile>>& files : analyzed.parsed)
    for (const std::shared_ptr<syntax::ParsedFile>& file : files)
      for (const syntax::SyntaxError& err : file->errors)
        std::fprintf(stderr, "%s\n", syntax::format_error(*file, err).c_str());

  std::string out;
  for (const sema::PackageInfo* info : analyzed.infos) {
    for (const std::string& line : what == "uses" ? sema::use_lines(*info) : sema::type_lines(*info)) {
      out += line;
      out += '\n';
    }
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return loaded.packages.empty() ? 1 : 0;
}

}  // namespace gotrap::cli
