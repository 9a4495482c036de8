// http-no-timeout: HTTP requests through the default client, or a client built here without a
// Timeout, whose request carries no deadline either.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "facts/assign.h"
#include "rules/rule.h"
#include "rules/support/context.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {
namespace {

using namespace gotrap::ast;

const RuleInfo kInfo{
    .name = "http-no-timeout",
    .summary = "HTTP request through a client without Timeout and without a deadline",
    .doc = R"md(# http-no-timeout

**What.** Requests through `http.Get`, `http.Head`, `http.Post`, `http.PostForm`,
`http.DefaultClient`, or an `http.Client` built in this package without `Timeout`, when the request
carries no deadline (built with `http.NewRequest`, or `http.NewRequestWithContext` with a context
made from `Background`/`TODO` without `WithTimeout`/`WithDeadline`).

**Why.** The default client never times out: a server that accepts the connection and never
answers keeps the calling goroutine, its connection and its memory forever.

```go
resp, err := http.Get(url) // no timeout
// fixed:
var client = &http.Client{Timeout: 5 * time.Second}
resp, err := client.Get(url)
```

**Fix.** None automatic: choose a `Timeout` for the client, or build the request with a context
that has a deadline.

**Quiet when** the client sets `Timeout`; its transport is built elsewhere (it may bound the
exchange itself, as timeout transports do) or inline with a `ResponseHeaderTimeout`; the request
sets the old-style `Cancel` channel, or its context has a deadline or comes from elsewhere (a
caller's context may carry one); the client is built elsewhere (a field, a parameter, a
constructor's result) or handed to other code that might configure it; in package `main` and in
functions that end the process on errors (`log.Fatal`, `os.Exit`): commands, run by someone who
can interrupt them; in tests and test support (the test binary's timeout bounds them).
)md",
    .severity = Severity::warning,
};

constexpr std::string_view kHttp = "net/http";

bool is_request_method(std::string_view name) {
  return name == "Do" || name == "Get" || name == "Head" || name == "Post" || name == "PostForm";
}

// `x.Do(...)`, `x.Get(...)`, ...: the calls check_call looks at.
bool is_request_call(const CallExpr* call) {
  auto* sel = as<SelectorExpr>(support::unparen(call->fun));
  return sel && sel->sel && is_request_method(sel->sel->name);
}

// `&http.Client{...}`, `http.Client{...}` or `new(http.Client)` that sets no Timeout.
bool is_client_without_timeout(const support::Resolver& r, const Expr* e) {
  e = support::unparen(e);
  if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::AND) e = support::unparen(u->x);
  if (auto* call = as<CallExpr>(e)) {
    auto* fun = as<Ident>(call->fun);
    return fun && fun->name == "new" && !(r.locals && r.locals->count("new")) &&
           call->args.size() == 1 && r.member_of(call->args[0], kHttp) == "Client";
  }
  auto* lit = as<CompositeLit>(e);
  if (!lit || r.member_of(lit->type, kHttp) != "Client") return false;
  for (const Expr* elt : lit->elts) {
    auto* kv = as<KeyValueExpr>(elt);
    auto* key = kv ? as<Ident>(kv->key) : nullptr;
    if (!key || key->name == "Timeout") return false;
    if (key->name != "Transport") continue;
    // A transport built elsewhere may bound the exchange itself (connection read deadlines, as
    // etcd's timeout transports do): unknown, so quiet. An inline one is known: it answers the
    // hang when it bounds the wait for the response headers.
    const Expr* transport = support::unparen(kv->value);
    if (auto* u = as<UnaryExpr>(transport); u && u->op == Tok::AND) transport = support::unparen(u->x);
    if (!is<CompositeLit>(transport)) return false;
    bool header_timeout = false;
    support::for_each_node(kv->value, [&](const Node* n) {
      if (auto* k = as<KeyValueExpr>(n))
        if (auto* id = as<Ident>(k->key); id && id->name == "ResponseHeaderTimeout") header_timeout = true;
    });
    if (header_timeout) return false;
  }
  return true;
}

// `var c http.Client` without a value.
bool is_zero_client_spec(const support::Resolver& r, const ValueSpec* v) {
  return v && v->values.empty() && v->names.size() == 1 && r.member_of(v->type, kHttp) == "Client";
}

// Every mention of `name` in `root` (other than `decl`, and for a local written once, its
// declaration and that write: `var c *http.Client` then `c = &http.Client{}`) is `name.X`, and
// `name.Timeout` is never assigned: nobody else can have given the client a timeout.
bool only_selected_never_timed(const Node* root, std::string_view name, const Ident* decl,
                               bool written_once = false) {
  std::unordered_set<const Ident*> writes;
  if (written_once)
    facts::for_each_write(root, [&](const facts::Write& w) {
      if (w.target->name == name && w.form != facts::WriteForm::address_taken) writes.insert(w.target);
    });
  bool ok = true;
  support::inspect(root, [&](const Node* n, std::span<const Node* const> anc) {
    if (auto* a = as<AssignStmt>(n)) {
      for (const Expr* l : a->lhs)
        if (auto* sel = as<SelectorExpr>(l); sel && sel->sel && sel->sel->name == "Timeout")
          if (auto* x = as<Ident>(sel->x); x && x->name == name) ok = false;
    }
    auto* id = as<Ident>(n);
    if (!id || id == decl || writes.count(id) || id->name != name || anc.empty())
      return ok ? support::Visit::descend : support::Visit::stop;
    auto* sel = as<SelectorExpr>(anc.back());
    if (!sel || sel->x != id) {
      if (!(sel && sel->sel == id)) ok = false;
    }
    return ok ? support::Visit::descend : support::Visit::stop;
  });
  return ok;
}

// Some assignment in `fn` writes `name.field`.
bool assigns_field(const Node* fn, std::string_view name, std::string_view field) {
  bool found = false;
  support::for_each_node(fn, [&](const Node* n) {
    auto* a = as<AssignStmt>(n);
    if (!a) return;
    for (const Expr* l : a->lhs)
      if (auto* sel = as<SelectorExpr>(l); sel && sel->sel && sel->sel->name == field)
        if (auto* x = as<Ident>(sel->x); x && x->name == name) found = true;
  });
  return found;
}

// The function ends the process on errors (log.Fatal*, os.Exit): command code, run by someone
// who can interrupt it, like package main.
bool exits_process(const support::Resolver& r, const FuncDecl* fd) {
  bool found = false;
  support::for_each_node(fd, [&](const Node* n) {
    auto* call = as<CallExpr>(n);
    if (!call) return;
    std::string_view log_fn = r.member_of(call->fun, "log");
    if (log_fn.substr(0, 5) == "Fatal" || r.member_of(call->fun, "os") == "Exit") found = true;
  });
  return found;
}

// Package-level clients built without Timeout and never touched otherwise, by name.
std::unordered_map<std::string_view, const Ident*> package_clients(Pass& pass) {
  std::unordered_map<std::string_view, const Ident*> out;
  for (const PassFile& file : pass.files()) {
    if (!file.parsed || !file.parsed->file) continue;
    support::ImportNames imports(file.parsed->file);
    support::Resolver r{&imports, pass.sema(), nullptr};
    for (const Decl* d : file.parsed->file->decls) {
      auto* gd = as<GenDecl>(d);
      if (!gd || gd->tok != Tok::VAR) continue;
      for (const Spec* s : gd->specs) {
        auto* v = as<ValueSpec>(s);
        if (!v || v->names.size() != 1) continue;
        bool bare = is_zero_client_spec(r, v) ||
                    (v->values.size() == 1 && is_client_without_timeout(r, v->values[0]));
        if (bare) out.emplace(v->names[0]->name, v->names[0]);
      }
    }
  }
  for (auto it = out.begin(); it != out.end();) {
    bool ok = true;
    for (const PassFile& file : pass.files())
      if (file.parsed && file.parsed->file)
        ok = ok && only_selected_never_timed(file.parsed->file, it->first, it->second);
    it = ok ? std::next(it) : out.erase(it);
  }
  return out;
}

class HttpNoTimeout final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    auto globals = package_clients(pass);
    // A file without net/http can still send through a package-level client of another file.
    bool any_file = !globals.empty();
    std::vector<const CallExpr*> requests;
    support::for_each_checked_function(pass, "http", kHttp, any_file, [&](const PassFile& file,
                                                                         const FuncDecl* fd,
                                                                         const support::Resolver& r) {
      // Commands are run by someone who can interrupt them; the hang matters in services.
      if (file.parsed->file->name && file.parsed->file->name->name == "main") return;
      // Only calls shaped like requests are checked: most functions make none, and then need
      // neither the exit scan nor the local values.
      requests.clear();
      support::for_each_node(fd, [&](const Node* n) {
        if (auto* call = as<CallExpr>(n); call && is_request_call(call)) requests.push_back(call);
      });
      if (requests.empty() || exits_process(r, fd)) return;
      support::LocalValues values(r, fd);
      for (const CallExpr* call : requests) check_call(pass, file, r, values, globals, fd, call);
    });
  }

 private:
  // Describes the client `x` when it is known to have no timeout; empty otherwise.
  static std::string client_without_timeout(const support::Resolver& r,
                                            const support::LocalValues& values,
                                            const std::unordered_map<std::string_view, const Ident*>& globals,
                                            const FuncDecl* fd, const Expr* x) {
    if (r.member_of(x, kHttp) == "DefaultClient") return "http.DefaultClient has no timeout";
    auto* id = as<Ident>(support::unparen(x));
    if (!id) return {};
    std::string described = std::string(id->name) + " is an http.Client without Timeout";
    if (r.locals && r.locals->count(id->name)) {
      if (values.writes_of(id->name) != 1) return {};
      const Expr* v = values.value_of(id->name);
      bool bare = v ? is_client_without_timeout(r, v) : false;
      const Ident* decl = nullptr;
      support::for_each_node(fd, [&](const Node* n) {
        if (auto* a = as<AssignStmt>(n))
          for (const Expr* l : a->lhs)
            if (auto* lid = as<Ident>(l); lid && lid->name == id->name) decl = lid;
        if (auto* spec = as<ValueSpec>(n); spec && !spec->names.empty() && spec->names[0]->name == id->name) {
          decl = spec->names[0];
          if (!v) bare = is_zero_client_spec(r, spec);
        }
      });
      if (!bare || !decl || !only_selected_never_timed(fd, id->name, decl, true)) return {};
      return described;
    }
    return globals.count(id->name) ? described : std::string();
  }

  // The request `e` carries no deadline: built by http.NewRequest, or with a root-made context.
  static bool request_without_deadline(const support::Resolver& r, const support::LocalValues& values,
                                       const FuncDecl* fd, const Expr* e) {
    auto* id = as<Ident>(support::unparen(e));
    if (!id) return false;
    int index = -1;
    auto* call = as<CallExpr>(values.value_of(id->name, &index));
    if (!call || index > 0) return false;
    // `req.Cancel = ch` bounds the request the pre-context way.
    if (assigns_field(fd, id->name, "Cancel")) return false;
    std::string_view fn = r.member_of(call->fun, kHttp);
    if (fn == "NewRequest") return true;
    return fn == "NewRequestWithContext" && !call->args.empty() &&
           values.deadline_of(call->args[0]) == support::Deadline::none;
  }

  static void check_call(Pass& pass, const PassFile& file, const support::Resolver& r,
                         const support::LocalValues& values,
                         const std::unordered_map<std::string_view, const Ident*>& globals,
                         const FuncDecl* fd, const CallExpr* call) {
    auto* sel = as<SelectorExpr>(support::unparen(call->fun));
    std::string_view method = sel->sel->name;
    std::string message;
    if (std::string_view fn = r.member_of(sel, kHttp); !fn.empty()) {
      if (fn == "Do") return;  // no such function; a package-level Do is not net/http's
      message = "http." + std::string(fn) +
                " uses http.DefaultClient, which has no timeout: a server that accepts the "
                "connection and never answers blocks this call forever; use an http.Client with "
                "a Timeout";
    } else {
      std::string client = client_without_timeout(r, values, globals, fd, sel->x);
      if (client.empty()) return;
      if (method == "Do") {
        if (call->args.size() != 1 || !request_without_deadline(r, values, fd, call->args[0])) return;
        client += " and the request carries no deadline";
      }
      message = client + ": a server that accepts the connection and never answers blocks this " +
                std::string(method) + " forever; set a Timeout or give the request a deadline";
    }
    pass.report(file, call->pos(), call->end(), std::move(message));
  }
};

}  // namespace

const Rule* http_no_timeout_rule() {
  static const HttpNoTimeout rule;
  return &rule;
}

}  // namespace gotrap::rules
