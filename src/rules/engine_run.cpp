// The engine's pipeline: load -> parse -> rules -> finalize.
#include "rules/engine.h"

#if GOTRAP_HAVE_FRONT_END
#include "load/load.h"
#include "syntax/parser.h"
#endif

namespace gotrap::rules {

#if GOTRAP_HAVE_FRONT_END
namespace {

load::Options load_options(const EngineOptions& options) {
  load::Options out;
  out.goos = options.goos;
  out.goarch = options.goarch;
  out.all_files = options.all_files;
  if (options.go_version) {
    out.go_version_override = load::GoVersion{options.go_version->major, options.go_version->minor};
  }
  return out;
}

std::string format_load_error(const load::LoadError& error) {
  return error.path.empty() ? error.message : error.path + ": " + error.message;
}

// Runs every rule over one package whose files are parsed.
void check_package(const load::Package& package,
                   const std::vector<std::unique_ptr<syntax::ParsedFile>>& parsed,
                   const std::vector<const Rule*>& rules, bool all_files,
                   std::vector<Finding>& findings) {
  std::vector<PassFile> files;
  for (size_t i = 0; i < package.files.size(); ++i) {
    const load::SourceFile& source = package.files[i];
    if (source.generated && !all_files) continue;
    PassFile file;
    file.parsed = parsed[i].get();
    file.source = &source;
    file.path = parsed[i]->path;
    file.text = parsed[i]->text;
    file.go_version = LangVersion{source.go_version.major, source.go_version.minor};
    file.generated = source.generated;
    file.is_test = source.is_test;
    files.push_back(file);
  }
  if (files.empty()) return;
  for (const Rule* rule : rules) {
    Pass pass(rule->info(), files, &package, /*sema=*/nullptr,
              [&](Finding finding) { findings.push_back(std::move(finding)); });
    rule->check(pass);
  }
}

}  // namespace

RunResult run(const std::vector<std::string>& patterns, const EngineOptions& options) {
  RunResult result;
  std::vector<const Rule*> rules;
  if (options.rules) {
    rules = *options.rules;
  } else {
    std::string error;
    rules = select_rules(all_rules(), options.enable, options.disable, &error);
    if (!error.empty()) {
      result.fatal = error;
      return result;
    }
  }

  load::LoadResult loaded = load::load(patterns, load_options(options));
  for (const load::LoadError& error : loaded.errors) {
    result.errors.push_back(format_load_error(error));
  }
  if (loaded.packages.empty()) {
    result.fatal = "no Go packages to analyse in the given patterns";
    return result;
  }

  for (const load::Package& package : loaded.packages) {
    std::vector<std::unique_ptr<syntax::ParsedFile>> parsed;
    parsed.reserve(package.files.size());
    for (const load::SourceFile& source : package.files) {
      parsed.push_back(syntax::parse_file(source.path, source.text));
      for (const syntax::SyntaxError& error : parsed.back()->errors) {
        result.errors.push_back(syntax::format_error(*parsed.back(), error));
      }
      // Test packages repeat the library's files: keep the first copy of each text.
      result.texts.try_emplace(source.path, source.text);
    }
    ++result.packages;
    result.files += int(package.files.size());
    check_package(package, parsed, rules, options.all_files, result.findings);
  }

  finalize_findings(result.findings, rules, [&](std::string_view path) -> const std::string* {
    auto it = result.texts.find(path);
    return it == result.texts.end() ? nullptr : &it->second;
  });
  return result;
}

#else

RunResult run(const std::vector<std::string>&, const EngineOptions&) {
  RunResult result;
  result.fatal = "this build of gotrap has no package loader or parser yet";
  return result;
}

#endif

}  // namespace gotrap::rules
