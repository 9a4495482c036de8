#include "load/modfile.h"

#include <algorithm>

namespace gotrap::load {

namespace {

// One logical go.mod line: the directive verb (empty inside a block) and its argument tokens.
struct Line {
  std::string verb;
  std::vector<std::string> args;
};

// Splits a line into tokens: bare words, "interpreted" and `raw` strings (unquoted here),
// parentheses as their own tokens; a // comment ends the line.
std::vector<std::string> tokenize(std::string_view line) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (line.substr(i, 2) == "//") {
      break;
    } else if (c == '(' || c == ')') {
      tokens.emplace_back(1, c);
      ++i;
    } else if (c == '"' || c == '`') {
      std::string token;
      ++i;
      while (i < line.size() && line[i] != c) {
        if (c == '"' && line[i] == '\\' && i + 1 < line.size()) ++i;
        token += line[i++];
      }
      ++i;  // closing quote (or end of line for an unterminated string)
      tokens.push_back(std::move(token));
    } else {
      size_t start = i;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r' &&
             line[i] != '(' && line[i] != ')' && line.substr(i, 2) != "//") {
        ++i;
      }
      tokens.emplace_back(line.substr(start, i - start));
    }
  }
  return tokens;
}

// Flattens "verb ( a \n b \n )" blocks into one Line per entry carrying the block's verb.
std::vector<Line> logical_lines(std::string_view text) {
  std::vector<Line> lines;
  std::string block_verb;
  bool in_block = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::vector<std::string> tokens = tokenize(text.substr(pos, end - pos));
    pos = end + 1;
    if (tokens.empty()) continue;
    if (in_block) {
      if (tokens.front() == ")") {
        in_block = false;
        continue;
      }
      lines.push_back({block_verb, std::move(tokens)});
      continue;
    }
    std::string verb = tokens.front();
    tokens.erase(tokens.begin());
    if (!tokens.empty() && tokens.front() == "(") {
      tokens.erase(tokens.begin());
      block_verb = verb;
      in_block = true;
      if (!tokens.empty() && tokens.back() == ")") {  // "verb ( x )" on one line
        tokens.pop_back();
        in_block = false;
      }
      if (!tokens.empty()) lines.push_back({verb, std::move(tokens)});
      continue;
    }
    lines.push_back({std::move(verb), std::move(tokens)});
  }
  return lines;
}

}  // namespace

ModFile parse_mod_file(std::string_view text) {
  ModFile mod;
  for (Line& line : logical_lines(text)) {
    if (line.args.empty()) continue;
    if (line.verb == "module" && mod.module_path.empty()) {
      mod.module_path = line.args.front();
    } else if (line.verb == "go") {
      mod.go = GoVersion::parse(line.args.front());
    } else if (line.verb == "toolchain") {
      mod.toolchain = line.args.front();
    } else if (line.verb == "ignore") {
      mod.ignore.push_back(line.args.front());
    } else if (line.verb == "require" && line.args.size() >= 2) {
      mod.requirements.push_back({line.args[0], line.args[1]});
    } else if (line.verb == "replace") {
      // old [v] => new [v]
      auto arrow = std::find(line.args.begin(), line.args.end(), "=>");
      size_t left = size_t(arrow - line.args.begin());
      size_t right = line.args.size() - left - (arrow == line.args.end() ? 0 : 1);
      if (arrow == line.args.end() || left < 1 || left > 2 || right < 1 || right > 2) continue;
      Replacement r;
      r.old_path = line.args[0];
      if (left == 2) r.old_version = line.args[1];
      r.new_path = *(arrow + 1);
      if (right == 2) r.new_version = *(arrow + 2);
      bool directory = r.new_path.starts_with("./") || r.new_path.starts_with("../") ||
                       r.new_path.starts_with("/") || r.new_path == "." || r.new_path == "..";
      if (directory != r.new_version.empty()) continue;  // malformed: the go command refuses it
      mod.replaces.push_back(std::move(r));
    }
  }
  return mod;
}

WorkFile parse_work_file(std::string_view text) {
  WorkFile work;
  for (Line& line : logical_lines(text)) {
    if (line.args.empty()) continue;
    if (line.verb == "go") {
      work.go = GoVersion::parse(line.args.front());
    } else if (line.verb == "use") {
      work.use_dirs.push_back(line.args.front());
    }
  }
  return work;
}

}  // namespace gotrap::load
