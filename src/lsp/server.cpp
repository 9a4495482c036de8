// The language server: JSON-RPC dispatch, open documents, debounced per-package analysis,
// diagnostics, code actions and hover.
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "config/config.h"
#include "fix/fix.h"
#include "lsp/lsp.h"
#include "lsp/text.h"
#include "lsp/transport.h"
#include "rules/engine.h"
#include "rules/session.h"
#include "version.h"

namespace gotrap::lsp {

namespace {

using Clock = std::chrono::steady_clock;

// JSON-RPC and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kServerNotInitialized = -32002;

struct Document {
  std::string path;
  std::string text;
  int64_t version = 0;
};

// One analysis of one package directory: the engine's result, kept to answer code actions and
// hovers until the next edit in that directory.
struct Analysis {
  rules::RunResult run;
  std::map<std::string, std::vector<size_t>, std::less<>> by_file;  // path -> finding indexes
  std::set<std::string> published;                                 // paths given diagnostics
  std::set<std::string> import_dirs;  // directories of the module's packages it imported
};

json range_json(const LineIndex& index, uint32_t start, uint32_t end) {
  Position a = index.position(start);
  Position b = index.position(std::max(start, end));
  return {{"start", {{"line", a.line}, {"character", a.character}}},
          {"end", {{"line", b.line}, {"character", b.character}}}};
}

int severity_code(rules::Severity severity) {
  switch (severity) {
    case rules::Severity::error: return 1;
    case rules::Severity::warning: return 2;
    case rules::Severity::info: return 3;
  }
  return 2;
}

const rules::RuleInfo* info_of(std::string_view name) {
  if (const rules::Rule* rule = rules::find_rule(name)) return &rule->info();
  return rules::find_engine_diagnostic(name);
}

std::string doc_href(std::string_view rule) {
  return std::string(kHomepage) + "/blob/main/docs/rules/" + std::string(rule) + ".md";
}

std::string clean(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().string();
}

class Server {
 public:
  Server(int in_fd, int out_fd) : transport_(in_fd, out_fd) {}

  int serve() {
    for (;;) {
      int timeout = -1;
      if (!dirty_.empty()) {
        auto next = std::min_element(dirty_.begin(), dirty_.end(),
                                     [](auto& a, auto& b) { return a.second < b.second; })->second;
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count();
        timeout = int(std::max<int64_t>(0, wait));
      }
      json message;
      Transport::Read read = transport_.read(message, timeout);
      if (read == Transport::Read::eof) return shutdown_ ? 0 : 1;
      if (read == Transport::Read::timeout) {
        analyse_due();
        continue;
      }
      if (read == Transport::Read::malformed) {
        error_reply(nullptr, kParseError, "malformed message: no Content-Length or body is not JSON");
        continue;
      }
      handle(message);
      if (exit_) return shutdown_ ? 0 : 1;
      if (!client_alive_) return 1;
    }
  }

 private:
  // ---- JSON-RPC ----
  void send(const json& message) {
    if (!transport_.write(message)) client_alive_ = false;
  }
  void reply(const json& id, json result) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void error_reply(const json& id, int code, const std::string& text) {
    send({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", text}}}});
  }
  void notify(const std::string& method, json params) {
    send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
  }
  void log(const std::string& text) { notify("window/logMessage", {{"type", 3}, {"message", text}}); }

  void handle(const json& message) {
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
      // Responses to requests we never send are ignored; anything else is not JSON-RPC.
      if (message.is_object() && message.contains("id") &&
          (message.contains("result") || message.contains("error")))
        return;
      error_reply(message.is_object() && message.contains("id") ? message["id"] : json(nullptr),
                  kInvalidRequest, "not a JSON-RPC request or notification");
      return;
    }
    std::string method = message["method"];
    bool request = message.contains("id");
    json id = request ? message["id"] : json(nullptr);
    json params = message.value("params", json::object());
    if (method == "exit") {
      exit_ = true;
      return;
    }
    if (!initialized_ && method != "initialize") {
      if (request) error_reply(id, kServerNotInitialized, "initialize first");
      return;
    }
    if (shutdown_) {
      if (request) error_reply(id, kInvalidRequest, "the server is shut down");
      return;
    }
    try {
      if (method == "initialize") {
        if (initialized_) error_reply(id, kInvalidRequest, "initialize sent twice");
        else reply(id, initialize(params));
      } else if (method == "initialized" || method == "$/cancelRequest" || method == "$/setTrace" ||
                 method == "workspace/didChangeConfiguration") {
      } else if (method == "shutdown") {
        shutdown_ = true;
        reply(id, nullptr);
      } else if (method == "textDocument/didOpen") {
        did_open(params);
      } else if (method == "textDocument/didChange") {
        did_change(params);
      } else if (method == "textDocument/didSave") {
        did_save(params);
      } else if (method == "textDocument/didClose") {
        did_close(params);
      } else if (method == "textDocument/codeAction") {
        reply(id, code_action(params));
      } else if (method == "textDocument/hover") {
        reply(id, hover(params));
      } else if (method == "gotrap/stats") {
        reply(id, stats());
      } else if (request) {
        error_reply(id, kMethodNotFound, "method not found: " + method);
      }
    } catch (const json::exception& e) {
      // Parameters of the wrong shape: an error for a request, a log line for a notification.
      if (request) error_reply(id, kInvalidParams, std::string("invalid params: ") + e.what());
      else log(std::string("ignored ") + method + ": invalid params: " + e.what());
    }
  }

  // ---- lifecycle ----
  json initialize(const json& params) {
    initialized_ = true;
    const json& options = params.value("initializationOptions", json::object());
    if (options.is_object()) {
      unsafe_fixes_ = options.value("unsafeFixes", false);
      debounce_ms_ = options.value("debounceMs", debounce_ms_);
    }
    if (params.contains("workspaceFolders") && params["workspaceFolders"].is_array()) {
      for (const json& folder : params["workspaceFolders"]) folders_.push_back(uri_to_path(folder.at("uri").get<std::string>()));
    } else if (params.contains("rootUri") && params["rootUri"].is_string()) {
      folders_.push_back(uri_to_path(params["rootUri"].get<std::string>()));
    }
    json capabilities = {
        {"textDocumentSync", {{"openClose", true}, {"change", 2}, {"save", {{"includeText", false}}}}},
        {"codeActionProvider", {{"codeActionKinds", {"quickfix", "source.fixAll.gotrap"}}}},
        {"hoverProvider", true},
        {"workspace", {{"workspaceFolders", {{"supported", true}}}}},
    };
    return {{"capabilities", capabilities},
            {"serverInfo", {{"name", "gotrap"}, {"version", std::string(kVersion)}}}};
  }

  // ---- documents ----
  void did_open(const json& params) {
    const json& item = params.at("textDocument");
    std::string uri = item.at("uri");
    Document doc;
    doc.path = clean(uri_to_path(uri));
    doc.text = item.at("text");
    doc.version = item.value("version", int64_t(0));
    path_uri_[doc.path] = uri;
    std::string path = doc.path;
    docs_[uri] = std::move(doc);
    mark(path);
  }

  void did_change(const json& params) {
    const json& id = params.at("textDocument");
    std::string uri = id.at("uri");
    auto it = docs_.find(uri);
    if (it == docs_.end()) {
      log("didChange for a document that is not open: " + uri);
      return;
    }
    Document& doc = it->second;
    int64_t version = id.value("version", doc.version + 1);
    if (version <= doc.version) {
      // A change older than the text we hold cannot be applied to it: applying it would corrupt
      // the buffer. Keep the text; the client's next full or newer change wins.
      log("ignored didChange version " + std::to_string(version) + " of " + uri + " (have " +
          std::to_string(doc.version) + ")");
      return;
    }
    std::string text = doc.text;
    for (const json& change : params.at("contentChanges")) {
      if (change.contains("range")) {
        const json& range = change["range"];
        Position start{range.at("start").at("line"), range.at("start").at("character")};
        Position end{range.at("end").at("line"), range.at("end").at("character")};
        apply_change(text, start, end, change.at("text").get<std::string>());
      } else {
        text = change.at("text");
      }
    }
    doc.text = std::move(text);
    doc.version = version;
    mark(doc.path);
  }

  void did_save(const json& params) {
    std::string uri = params.at("textDocument").at("uri");
    auto it = docs_.find(uri);
    if (it != docs_.end()) {
      if (params.contains("text") && params["text"].is_string()) it->second.text = params["text"];
      mark(it->second.path);
    } else {
      mark(clean(uri_to_path(uri)));
    }
  }

  void did_close(const json& params) {
    std::string uri = params.at("textDocument").at("uri");
    auto it = docs_.find(uri);
    if (it == docs_.end()) return;
    std::string path = it->second.path;
    docs_.erase(it);
    path_uri_.erase(path);
    // The buffer's findings go with it; the package is checked again from disk for the others.
    notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
    last_published_.erase(path);
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (auto a = analyses_.find(dir); a != analyses_.end()) a->second->published.erase(path);
    bool others_open = std::any_of(docs_.begin(), docs_.end(), [&](auto& d) {
      return std::filesystem::path(d.second.path).parent_path().string() == dir;
    });
    if (others_open) {
      mark(path);
    } else {
      // Nothing open there: forget the package (its other files' lists stay shown, as published).
      if (auto a = analyses_.find(dir); a != analyses_.end()) {
        for (const std::string& p : a->second->published) last_published_.erase(p);
        analyses_.erase(a);
      }
      dirty_.erase(dir);
    }
  }

  // Schedules the analysis of the package directory holding `path`, and of the packages analysed
  // last time with that directory's package among their imports (their findings may change).
  void mark(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    auto when = Clock::now() + std::chrono::milliseconds(debounce_ms_);
    dirty_[dir] = when;
    for (auto& [other, analysis] : analyses_)
      if (analysis->import_dirs.count(dir)) dirty_[other] = when;
  }

  // Custom request: what the checks since the last request reused (tests and benchmarks).
  json stats() {
    auto as_json = [](const rules::SessionStats& s) {
      return json{{"filesRead", s.files_read},         {"filesParsed", s.files_parsed},
                  {"packagesAnalysed", s.packages_analysed}, {"packagesReused", s.packages_reused},
                  {"packagesChecked", s.packages_checked},   {"programRebuilds", s.program_rebuilds}};
    };
    json checks = json::array();
    for (auto& [dir, s, t] : checks_) {
      json one = as_json(s);
      one["dir"] = dir;
      one["ms"] = {{"load", t.load * 1e3},         {"parse", t.parse * 1e3}, {"sema", t.sema * 1e3},
                   {"analysisWall", t.analysis_wall * 1e3}, {"rules", t.rules * 1e3}};
      checks.push_back(one);
    }
    checks_.clear();
    return {{"checks", checks},
            {"totals", as_json(session_.totals())},
            {"livePackages", session_.live_packages()},
            {"cachedFiles", session_.cached_files()}};
  }

  void analyse_due() {
    auto now = Clock::now();
    std::vector<std::string> due;
    for (auto& [dir, when] : dirty_)
      if (when <= now) due.push_back(dir);
    // Imported packages first: their importers' checks then reuse their new analysis.
    while (!due.empty()) {
      auto ready = std::find_if(due.begin(), due.end(), [&](const std::string& dir) {
        auto a = analyses_.find(dir);
        return a == analyses_.end() || std::none_of(due.begin(), due.end(), [&](const std::string& other) {
                 return other != dir && a->second->import_dirs.count(other);
               });
      });
      if (ready == due.end()) ready = due.begin();  // imports in a cycle
      std::string dir = *ready;
      due.erase(ready);
      dirty_.erase(dir);
      analyse(dir);
    }
  }

  // Brings the analysis of the file's package up to date (before answering about offsets).
  Analysis* fresh_analysis(const std::string& path) {
    std::string dir = std::filesystem::path(path).parent_path().string();
    if (dirty_.erase(dir) || !analyses_.count(dir)) analyse(dir);
    auto it = analyses_.find(dir);
    return it == analyses_.end() ? nullptr : it->second.get();
  }

  // ---- analysis ----
  void analyse(const std::string& dir) {
    auto analysis = std::make_unique<Analysis>();
    config::Resolver resolver(config::Resolver::Mode::discover);  // new each time: edits to gotrap.toml count
    std::mutex resolver_mutex;
    rules::EngineOptions options;
    options.enable = {"all"};
    {
      const config::Effective& here = resolver.for_dir(dir);
      options.suppressions.require_reason = here.require_suppression_reason();
      options.suppressions.report_unused = here.report_unused_suppressions();
      options.tags = here.tags();
    }
    options.rule_applies = [&](std::string_view name, std::string_view path) {
      const rules::Rule* rule = rules::find_rule(name);
      if (!rule) return false;
      std::lock_guard<std::mutex> lock(resolver_mutex);
      return resolver.for_file(path).rule_enabled(rule->info());
    };
    options.overlay = [this](const std::string& path, std::string& text) {
      auto uri = path_uri_.find(clean(path));
      if (uri == path_uri_.end()) return session_.disk_text(path, text);  // read once, while unchanged
      text = docs_.at(uri->second).text;
      return true;
    };
    options.overlay_names = [this](const std::string& in) {
      std::vector<std::string> names;
      std::string cleaned = clean(in);
      for (auto& [path, uri] : path_uri_) {
        std::filesystem::path p(path);
        if (p.parent_path().string() == cleaned && p.extension() == ".go") names.push_back(p.filename().string());
      }
      return names;
    };
    // The package is checked with the module's packages it imports, as in a run over the whole
    // module; parsed files and analysed packages are reused from the previous checks.
    options.with_module_imports = true;
    options.session = &session_;
    analysis->run = rules::run({dir}, options);
    checks_.emplace_back(dir, session_.last_run(), analysis->run.timing);
    if (checks_.size() > 1000) checks_.erase(checks_.begin());
    rules::RunResult& run = analysis->run;
    for (auto& [path, text] : run.texts) {
      std::string parent = std::filesystem::path(clean(path)).parent_path().string();
      if (parent != dir) analysis->import_dirs.insert(parent);
    }
    if (run.fatal) {
      log("gotrap: " + dir + ": " + *run.fatal);
      run.findings.clear();
    }
    for (const config::Error& error : resolver.errors()) log("gotrap: configuration: " + error.to_string());
    std::erase_if(run.findings, [&](const rules::Finding& f) {
      const config::Effective& effective = resolver.for_file(f.path);
      return effective.excluded(clean(f.path)) || (!effective.tests() && f.path.ends_with("_test.go"));
    });
    for (size_t i = 0; i < run.findings.size(); ++i) {
      rules::Finding& f = run.findings[i];
      f.path = clean(f.path);
      if (const rules::Rule* rule = rules::find_rule(f.rule)) f.severity = resolver.for_file(f.path).severity(rule->info());
      analysis->by_file[f.path].push_back(i);
    }

    // Every file of the package gets its list (empty ones clear what was shown before), and so
    // do open buffers of the directory the package no longer includes.
    std::set<std::string> files;
    for (auto& [path, text] : run.texts)
      if (std::string p = clean(path); std::filesystem::path(p).parent_path().string() == dir) files.insert(p);
    for (auto& [path, indexes] : analysis->by_file) files.insert(path);
    for (auto& [path, uri] : path_uri_)
      if (std::filesystem::path(path).parent_path().string() == dir) files.insert(path);
    if (auto old = analyses_.find(dir); old != analyses_.end()) files.insert(old->second->published.begin(), old->second->published.end());
    for (const std::string& path : files) {
      json diagnostics = json::array();
      if (auto list = analysis->by_file.find(path); list != analysis->by_file.end()) {
        const std::string* text = text_of(*analysis, path);
        LineIndex index(text ? std::string_view(*text) : std::string_view());
        for (size_t i : list->second) diagnostics.push_back(diagnostic(*analysis, run.findings[i], index));
      }
      json params = {{"uri", uri_of(path)}, {"diagnostics", diagnostics}};
      if (auto uri = path_uri_.find(path); uri != path_uri_.end()) params["version"] = docs_.at(uri->second).version;
      analysis->published.insert(path);
      // Unchanged lists are not sent again: an edit re-checks the whole package, but usually
      // only the edited file's diagnostics (or their version) change.
      json& last = last_published_[path];
      if (last == params) continue;
      notify("textDocument/publishDiagnostics", params);
      last = std::move(params);
    }
    analyses_[dir] = std::move(analysis);
  }

  const std::string* text_of(const Analysis& analysis, std::string_view path) const {
    auto it = analysis.run.texts.find(path);
    if (it != analysis.run.texts.end()) return &it->second;
    for (auto& [p, text] : analysis.run.texts)
      if (clean(p) == path) return &text;
    return nullptr;
  }

  std::string uri_of(const std::string& path) const {
    auto it = path_uri_.find(path);
    return it != path_uri_.end() ? it->second : path_to_uri(path);
  }

  json diagnostic(const Analysis& analysis, const rules::Finding& f, const LineIndex& index) const {
    json d = {{"range", range_json(index, f.start, f.end)},
              {"severity", severity_code(f.severity)},
              {"code", f.rule},
              {"source", "gotrap"},
              {"message", f.message}};
    if (rules::find_rule(f.rule)) d["codeDescription"] = {{"href", doc_href(f.rule)}};
    if (!f.related.empty()) {
      json related = json::array();
      for (const rules::Related& r : f.related) {
        std::string path = clean(r.path);
        const std::string* text = text_of(analysis, path);
        LineIndex rindex(text ? std::string_view(*text) : std::string_view());
        related.push_back({{"location", {{"uri", uri_of(path)}, {"range", range_json(rindex, r.start, r.end)}}},
                           {"message", r.message}});
      }
      d["relatedInformation"] = related;
    }
    return d;
  }

  // ---- code actions ----
  json code_action(const json& params) {
    std::string uri = params.at("textDocument").at("uri");
    std::string path = clean(uri_to_path(uri));
    json actions = json::array();
    Analysis* analysis = fresh_analysis(path);
    if (!analysis) return actions;
    auto list = analysis->by_file.find(path);
    const std::string* text = text_of(*analysis, path);
    if (list == analysis->by_file.end() || !text) return actions;
    LineIndex index(*text);
    const json& range = params.at("range");
    uint32_t from = index.offset({range.at("start").at("line"), range.at("start").at("character")});
    uint32_t to = index.offset({range.at("end").at("line"), range.at("end").at("character")});
    std::vector<std::string> only;
    if (params.contains("context") && params["context"].contains("only"))
      only = params["context"]["only"].get<std::vector<std::string>>();
    auto wanted = [&](std::string_view kind) {
      if (only.empty()) return true;
      return std::any_of(only.begin(), only.end(), [&](const std::string& o) {
        return kind == o || (kind.starts_with(o) && kind.size() > o.size() && kind[o.size()] == '.');
      });
    };
    const rules::RunResult& run = analysis->run;
    rules::TextLookup lookup = [&](std::string_view p) { return text_of(*analysis, clean(std::string(p))); };
    fix::PackageLookup package_of = [&](std::string_view p) -> const fix::PackageSource* {
      auto it = run.package_of.find(p);
      return it == run.package_of.end() ? nullptr : &run.packages_files[it->second];
    };
    auto whole_file_edit = [&](const std::string& fixed) {
      // The fixed file as edits: the smallest range between the common prefix and suffix.
      size_t prefix = 0;
      while (prefix < text->size() && prefix < fixed.size() && (*text)[prefix] == fixed[prefix]) ++prefix;
      size_t suffix = 0;
      while (suffix < text->size() - prefix && suffix < fixed.size() - prefix &&
             (*text)[text->size() - 1 - suffix] == fixed[fixed.size() - 1 - suffix])
        ++suffix;
      json edit = {{"range", range_json(index, uint32_t(prefix), uint32_t(text->size() - suffix))},
                   {"newText", fixed.substr(prefix, fixed.size() - prefix - suffix)}};
      return json{{"changes", {{uri, json::array({edit})}}}};
    };

    // Findings whose lines meet the requested range.
    Position range_start = index.position(from), range_end = index.position(to);
    for (size_t i : list->second) {
      const rules::Finding& f = run.findings[i];
      Position a = index.position(f.start), b = index.position(f.end);
      if (b.line < range_start.line || a.line > range_end.line) continue;
      json diag = diagnostic(*analysis, f, index);
      if (wanted("quickfix")) {
        for (const rules::Fix& fix : f.fixes) {
          if (fix.safety == rules::FixSafety::unsafe && !unsafe_fixes_) continue;
          rules::Finding one = f;
          one.fixes = {fix};
          std::vector<std::string> dropped;
          std::vector<fix::FileFix> planned =
              fix::plan_verified_fixes({one}, unsafe_fixes_, lookup, package_of, &dropped);
          if (planned.empty() || planned.front().applied.empty()) continue;
          std::string title = fix.message + " (gotrap " + f.rule + ")";
          if (fix.safety == rules::FixSafety::unsafe) title += " [unsafe]";
          actions.push_back({{"title", title},
                             {"kind", "quickfix"},
                             {"diagnostics", json::array({diag})},
                             {"isPreferred", fix.safety == rules::FixSafety::safe},
                             {"edit", whole_file_edit(planned.front().fixed)}});
        }
        if (rules::find_rule(f.rule)) actions.push_back(suppression(f, *text, index, uri, diag));
      }
    }
    if (wanted("source.fixAll.gotrap")) {
      std::vector<rules::Finding> mine;
      for (size_t i : list->second) mine.push_back(run.findings[i]);
      std::vector<std::string> dropped;
      std::vector<fix::FileFix> planned = fix::plan_verified_fixes(mine, unsafe_fixes_, lookup, package_of, &dropped);
      if (!planned.empty() && !planned.front().applied.empty()) {
        actions.push_back({{"title", "Fix all gotrap findings in file"},
                           {"kind", "source.fixAll.gotrap"},
                           {"edit", whole_file_edit(planned.front().fixed)}});
      }
    }
    return actions;
  }

  // "//gotrap:ignore RULE -- " at the end of the finding's line, or on a line of its own above
  // it when the line already has a comment or a raw string (the directive would land inside).
  json suppression(const rules::Finding& f, const std::string& text, const LineIndex& index,
                   const std::string& uri, const json& diag) const {
    size_t line_start = text.rfind('\n', f.start == 0 ? 0 : f.start - 1);
    line_start = (f.start == 0 || line_start == std::string::npos) ? 0 : line_start + 1;
    size_t line_end = text.find('\n', f.start);
    if (line_end == std::string::npos) line_end = text.size();
    if (line_end > line_start && text[line_end - 1] == '\r') --line_end;
    std::string_view line(text.data() + line_start, line_end - line_start);
    std::string directive = "//gotrap:ignore " + f.rule + " -- ";
    json edit;
    if (line.find("//") != std::string_view::npos || line.find("/*") != std::string_view::npos ||
        line.find('`') != std::string_view::npos) {
      size_t indent = line.find_first_not_of(" \t");
      std::string prefix(line.substr(0, indent == std::string_view::npos ? 0 : indent));
      edit = {{"range", range_json(index, uint32_t(line_start), uint32_t(line_start))},
              {"newText", prefix + directive + "\n"}};
    } else {
      edit = {{"range", range_json(index, uint32_t(line_end), uint32_t(line_end))}, {"newText", " " + directive}};
    }
    return {{"title", "Suppress " + f.rule + " on this line (gotrap)"},
            {"kind", "quickfix"},
            {"diagnostics", json::array({diag})},
            {"edit", {{"changes", {{uri, json::array({edit})}}}}}};
  }

  // ---- hover ----
  json hover(const json& params) {
    std::string uri = params.at("textDocument").at("uri");
    std::string path = clean(uri_to_path(uri));
    Analysis* analysis = fresh_analysis(path);
    if (!analysis) return nullptr;
    auto list = analysis->by_file.find(path);
    const std::string* text = text_of(*analysis, path);
    if (list == analysis->by_file.end() || !text) return nullptr;
    LineIndex index(*text);
    const json& position = params.at("position");
    uint32_t at = index.offset({position.at("line"), position.at("character")});
    std::string markdown;
    std::set<std::string> rules_shown;
    json range;
    for (size_t i : list->second) {
      const rules::Finding& f = analysis->run.findings[i];
      if (at < f.start || at > std::max(f.end, f.start)) continue;
      if (range.is_null()) range = range_json(index, f.start, f.end);
      if (!rules_shown.insert(f.rule).second) continue;
      const rules::RuleInfo* info = info_of(f.rule);
      if (!markdown.empty()) markdown += "\n\n---\n\n";
      markdown += "**gotrap " + f.rule + "**: " + f.message + "\n\n";
      if (info) markdown += info->doc;
    }
    if (markdown.empty()) return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", markdown}}}, {"range", range}};
  }

  Transport transport_;
  bool initialized_ = false;
  bool shutdown_ = false;
  bool exit_ = false;
  bool client_alive_ = true;
  bool unsafe_fixes_ = false;
  int debounce_ms_ = 150;
  std::vector<std::string> folders_;
  std::map<std::string, Document> docs_;                     // uri -> open buffer
  std::map<std::string, std::string> path_uri_;              // cleaned path -> uri of open buffer
  std::map<std::string, std::unique_ptr<Analysis>> analyses_;  // package dir -> last analysis
  std::map<std::string, Clock::time_point> dirty_;           // package dir -> when to analyse
  std::map<std::string, json> last_published_;               // path -> last publishDiagnostics params
  rules::Session session_;  // texts, trees and analyses reused between checks
  // Since the last gotrap/stats: each check's directory, what it reused, and its phases' seconds.
  std::vector<std::tuple<std::string, rules::SessionStats, rules::PhaseTiming>> checks_;
};

}  // namespace

int serve(int in_fd, int out_fd) {
  ::signal(SIGPIPE, SIG_IGN);  // a vanished client is a failed write, not a killed process
  Server server(in_fd, out_fd);
  return server.serve();
}

}  // namespace gotrap::lsp
