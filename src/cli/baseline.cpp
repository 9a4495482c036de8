#include "cli/baseline.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "report/report.h"
#include "syntax/ast.h"
#include "syntax/parser.h"

namespace gotrap::cli {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

// "Recv.Method" (receiver type without pointer or type parameters), "Func", or "".
std::string enclosing_function(const syntax::ParsedFile& parsed, uint32_t offset) {
  for (const ast::Decl* decl : parsed.file->decls) {
    const auto* func = ast::as<ast::FuncDecl>(decl);
    if (!func || !func->name || offset < func->pos() || offset >= func->end()) continue;
    std::string name(func->name->name);
    if (func->recv && !func->recv->list.empty() && func->recv->list[0]->type) {
      const ast::Expr* type = func->recv->list[0]->type;
      std::string_view recv =
          std::string_view(parsed.text).substr(type->pos(), type->end() - type->pos());
      while (!recv.empty() && (recv.front() == '*' || recv.front() == '(')) recv.remove_prefix(1);
      recv = recv.substr(0, recv.find_first_of("[) "));
      name = std::string(recv) + "." + name;
    }
    return name;
  }
  return "";
}

std::string relative_to(const std::string& path, const std::string& dir) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec).lexically_normal();
  fs::path base = fs::absolute(dir.empty() ? "." : dir, ec).lexically_normal();
  fs::path rel = absolute.lexically_relative(base);
  return (rel.empty() ? absolute : rel).generic_string();
}

// Runs argv, returning its standard output; nullopt when it cannot run or exits non-zero.
std::optional<std::string> capture(const std::vector<std::string>& argv, std::string* error) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    *error = "cannot create a pipe";
    return std::nullopt;
  }
  pid_t pid = fork();
  if (pid < 0) {
    *error = "cannot start " + argv[0];
    return std::nullopt;
  }
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(pipe_fds[1]);
  std::string out;
  char buffer[65536];
  for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) out.append(buffer, size_t(n));
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *error = WIFEXITED(status) && WEXITSTATUS(status) == 127 ? argv[0] + " is not installed"
                                                               : argv[0] + " " + argv[1] + " failed";
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::vector<BaselineKey> baseline_keys(const std::vector<rules::Finding>& findings,
                                       const rules::TextLookup& text_of,
                                       const std::string& baseline_dir) {
  std::map<std::string, std::unique_ptr<syntax::ParsedFile>, std::less<>> parsed;
  std::map<BaselineKey, int> seen;
  std::vector<BaselineKey> keys;
  report::Locator lines(text_of);
  for (const rules::Finding& f : findings) {
    BaselineKey key;
    key.rule = f.rule;
    key.path = relative_to(f.path, baseline_dir);
    const std::string* text = text_of ? text_of(f.path) : nullptr;
    if (text) {
      auto it = parsed.find(f.path);
      if (it == parsed.end()) it = parsed.emplace(f.path, syntax::parse_file(f.path, *text)).first;
      key.function = enclosing_function(*it->second, f.start);
      key.line = report::normalized_line(lines.line_text(f.path, f.start));
    } else {
      key.line = f.message;  // no text (an unreadable file): the message is all there is
    }
    key.occurrence = seen[key]++;
    keys.push_back(std::move(key));
  }
  return keys;
}

bool write_baseline(const std::string& path, const std::vector<BaselineKey>& keys,
                    std::string* error) {
  json entries = json::array();
  for (const BaselineKey& k : keys) {
    entries.push_back({{"rule", k.rule}, {"path", k.path}, {"function", k.function},
                       {"line", k.line}, {"occurrence", k.occurrence}});
  }
  json doc = {{"gotrap-baseline", 1}, {"findings", entries}};
  fs::path temp = fs::path(path);
  temp += ".gotrap-tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << doc.dump(2) << '\n';
    if (!out) {
      *error = "cannot write " + temp.string();
      return false;
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    *error = "cannot write " + path + ": " + ec.message();
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

std::optional<std::vector<BaselineKey>> read_baseline(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read baseline " + path;
    return std::nullopt;
  }
  json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("gotrap-baseline", 0) != 1 ||
      !doc.contains("findings") || !doc["findings"].is_array()) {
    *error = path + " is not a gotrap baseline (write one with --write-baseline)";
    return std::nullopt;
  }
  std::vector<BaselineKey> keys;
  for (const json& e : doc["findings"]) {
    if (!e.is_object()) continue;
    keys.push_back({e.value("rule", ""), e.value("path", ""), e.value("function", ""),
                    e.value("line", ""), e.value("occurrence", 0)});
  }
  return keys;
}

std::vector<BaselineKey> subtract_baseline(std::vector<rules::Finding>& findings,
                                           const std::vector<BaselineKey>& finding_keys,
                                           const std::vector<BaselineKey>& baseline) {
  std::map<BaselineKey, int> remaining;
  for (const BaselineKey& k : baseline) ++remaining[k];
  std::vector<rules::Finding> kept;
  for (size_t i = 0; i < findings.size(); ++i) {
    auto it = remaining.find(finding_keys[i]);
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      continue;
    }
    kept.push_back(std::move(findings[i]));
  }
  findings = std::move(kept);
  std::vector<BaselineKey> stale;
  for (const auto& [key, count] : remaining) {
    for (int i = 0; i < count; ++i) stale.push_back(key);
  }
  return stale;
}

std::optional<ChangedLines> changed_since(const std::string& rev, std::string* error) {
  auto top = capture({"git", "rev-parse", "--show-toplevel"}, error);
  if (!top) {
    *error = "--new-from-rev needs a git work tree (" + *error + ")";
    return std::nullopt;
  }
  std::string root = *top;
  while (!root.empty() && (root.back() == '\n' || root.back() == '\r')) root.pop_back();
  if (!capture({"git", "rev-parse", "--verify", "--quiet", rev + "^{commit}"}, error)) {
    *error = "--new-from-rev: unknown revision \"" + rev + "\"";
    return std::nullopt;
  }
  auto diff = capture({"git", "diff", "--no-color", "--no-ext-diff", "--unified=0",
                       "--diff-filter=AMR", rev, "--"},
                      error);
  if (!diff) return std::nullopt;
  ChangedLines changed;
  std::string current;
  std::istringstream lines(*diff);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("+++ ")) {
      current.clear();
      if (line.starts_with("+++ b/")) current = (fs::path(root) / line.substr(6)).lexically_normal().string();
    } else if (line.starts_with("@@ ") && !current.empty()) {
      // @@ -a,b +c,d @@: d lines from c on the new side (d omitted: 1).
      size_t plus = line.find(" +");
      if (plus == std::string::npos) continue;
      uint32_t start = 0, count = 1;
      const char* p = line.c_str() + plus + 2;
      char* end = nullptr;
      start = uint32_t(std::strtoul(p, &end, 10));
      if (end && *end == ',') count = uint32_t(std::strtoul(end + 1, nullptr, 10));
      for (uint32_t l = start; l < start + count; ++l) changed.lines[current].insert(l);
    }
  }
  auto untracked = capture({"git", "ls-files", "--others", "--exclude-standard", "--full-name", "--",
                            root},
                           error);
  if (untracked) {
    std::istringstream names(*untracked);
    for (std::string name; std::getline(names, name);) {
      changed.whole_files.insert((fs::path(root) / name).lexically_normal().string());
    }
  }
  return changed;
}

}  // namespace gotrap::cli
