// gotrap ast: the canonical syntax tree dump (see syntax/dump.h), syntax errors only (--check),
// or one hash line per file (--hash) for comparing whole trees of files with tools/goastdump.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "syntax/dump.h"
#include "syntax/parser.h"

namespace gotrap::cli {

namespace {

bool read_file(const std::string& path, std::string& out, std::string& err) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    err = std::strerror(errno);
    return false;
  }
  out.clear();
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  bool ok = !std::ferror(f);
  if (!ok) err = std::strerror(errno);
  std::fclose(f);
  return ok;
}

int usage() {
  std::fprintf(stderr,
               "usage: gotrap ast [--check | --hash] [--files-from LIST] FILE...\n"
               "  (default)         print the syntax tree of each file, after a \"== FILE\" line\n"
               "  --check           print only syntax errors as FILE:LINE:COL: MESSAGE\n"
               "  --hash            print \"<fnv64 of the dump> FILE\", \"REJECT FILE\" or \"UNREADABLE FILE\"\n"
               "  --files-from LIST also read file names from LIST, one per line\n");
  return 2;
}

}  // namespace

int cmd_ast(int argc, char** argv) {
  enum class Mode { Dump, Check, Hash } mode = Mode::Dump;
  std::vector<std::string> files;
  for (int i = 1; i < argc; i++) {
    std::string arg = argv[i];
    if (arg == "--check") {
      mode = Mode::Check;
    } else if (arg == "--hash") {
      mode = Mode::Hash;
    } else if (arg == "--files-from" && i + 1 < argc) {
      std::string list, err;
      if (!read_file(argv[++i], list, err)) {
        std::fprintf(stderr, "gotrap: %s: %s\n", argv[i], err.c_str());
        return 2;
      }
      size_t start = 0;
      while (start < list.size()) {
        size_t nl = list.find('\n', start);
        if (nl == std::string::npos) nl = list.size();
        if (nl > start) files.push_back(list.substr(start, nl - start));
        start = nl + 1;
      }
    } else if (arg == "-h" || arg == "--help" || (arg.size() > 1 && arg[0] == '-')) {
      return usage();
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) return usage();

  int status = 0;
  std::string out, text, err;
  for (const std::string& path : files) {
    if (!read_file(path, text, err)) {
      std::fprintf(stderr, "gotrap: %s: %s\n", path.c_str(), err.c_str());
      if (mode == Mode::Hash) std::printf("UNREADABLE %s\n", path.c_str());
      status = 1;
      continue;
    }
    auto parsed = syntax::parse_file(path, std::move(text));
    text = std::string();
    if (!parsed->ok()) status = 1;
    out.clear();
    switch (mode) {
      case Mode::Check:
        for (const auto& e : parsed->errors) {
          out += syntax::format_error(*parsed, e);
          out += '\n';
        }
        break;
      case Mode::Hash: {
        if (!parsed->ok()) {
          out = "REJECT " + path + "\n";
          break;
        }
        std::string d;
        syntax::dump_to(*parsed, d);
        char buf[20];
        std::snprintf(buf, sizeof buf, "%016llx ", (unsigned long long)syntax::fnv1a64(d));
        out = buf + path + "\n";
        break;
      }
      case Mode::Dump:
        for (const auto& e : parsed->errors) {
          std::fprintf(stderr, "%s\n", syntax::format_error(*parsed, e).c_str());
        }
        out = "== " + path + "\n";
        syntax::dump_to(*parsed, out);
        break;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return status;
}

}  // namespace gotrap::cli
