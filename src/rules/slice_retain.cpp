// slice-retain: a small window of storage the function allocated outlives it, pinning it all.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/rule.h"
#include "rules/support/call_params.h"
#include "rules/support/facts.h"
#include "rules/support/fix_context.h"
#include "rules/support/imports.h"
#include "rules/support/walk.h"
#include "syntax/parser.h"

namespace gotrap::rules {

namespace {

using namespace gotrap::ast;
using support::Visit;

const char kDoc[] = R"md(# slice-retain

**What.** A sub-slice `x[i:j]` (or `x[i:j:k]`, or a substring) of storage the function itself
obtained — `make`, a slice literal, `[]byte("...")`, `os.ReadFile`, `io.ReadAll`, `string(...)`
of those, or a call to a function of the package that returns such storage (directly, or a local
it made and only filled in place) — outlives the function (returned, stored in a field, a package variable, a map or an
outer slice, sent on a channel, captured by a goroutine) while the rest of the storage is not used
any more. The message estimates what stays alive when lengths and element sizes are known.

A length limit enforced by re-slicing is reported too: `if len(x) > limit { x = x[:limit] }` on a
byte slice that a call handed the function (`m, err := r.in.Next()` ... `m.Content = m.Content[:max]`),
the value then returned or sent. The check shows the data is longer than the limit; the re-slice
bounds what the value shows, not what it keeps.

**Why.** A sub-slice shares the backing array: keeping 10 records of a 5000-record batch keeps all
5000 alive, and a 4-byte magic number cut from a 100 MB file keeps the file's bytes.

```go
all := make([]Visit, 5000)
...
return all[:10] // keeps 5000 Visits (5.2 MB) alive
// fixed:
return slices.Clone(all[:10])
```

**Fix.** Wraps the sub-slice: `slices.Clone(x[a:b])` (Go 1.21+), `strings.Clone(s[a:b])` for
strings, `append([]T(nil), x[a:b]...)` before Go 1.21. The package is written under the name the
file already imports it by; else the import is added (with the file's line endings) under its own
name when nothing in scope at the fix, in the package or among the file's imports declares that
name, or under an alias (`slicespkg`) when something does; no fix when no such name is found.

**When the fix is safe.** The copy holds the same elements and the storage is not used any more,
so only the sharing goes: safe. The `append` form gives nil for an empty window, so it is unsafe
when the window's length is not known to be positive.

**Quiet when** the data is copied (`copy`, `append([]T(nil), ...)`, `slices.Clone`, `bytes.Clone`,
`strings.Clone`, `string(b[a:b])`), the sub-slice stays local or is passed to a call (put in a
field of a struct the function made itself, `r := &T{}` ... `r.Raw = buf[:n]`, it stays local as
long as that struct is only filled, read into calls and handed to calls, directly or from a
function literal the function only calls; returned, stored, sent or used by a goroutine, it
outlives the function), the storage
came from a parameter or elsewhere (for a length limit: from a parameter, whose caller holds the
whole array anyway, or the limit is a constant such as a header size, or the value is a string
or a list of items, where a limit keeps the first few rather than bounding memory), the whole storage also escapes, or the sub-slice is not
clearly smaller than the storage: a known length at most a quarter of a known total of at least
4 KiB (a literal's total may be smaller), at most 1 KiB of data read whole from a file or reader,
or a buffer of at least 4 KiB cut to a length it does not know (`buf[:n]`, where `n` is not the
`make` length).
)md";

const RuleInfo kInfo{
    .name = "slice-retain",
    .summary = "a small sub-slice of a large local allocation outlives the function and keeps all of it alive",
    .doc = kDoc,
    .severity = Severity::warning,
};

enum class Source { made, literal, read };

// Storage a local variable holds that the function obtained itself.
struct Owned {
  const Ident* ident = nullptr;
  Source source = Source::made;
  std::optional<int64_t> count;          // elements (bytes for strings), when known
  const Expr* make_len = nullptr;        // make's length argument
  const sema::Type* elem = nullptr;      // element type; null for strings
  std::string elem_text;                 // element type as written (for the append fix)
  bool is_string = false;
  std::string origin;                    // "make", "a literal", "os.ReadFile", ...
};

// fresh_from_callee's answer per callee, kept for one pass: many calls share a callee.
using CalleeResults = std::unordered_map<const FuncDecl*, std::optional<Owned>>;

bool is_call_to(const Expr* e, std::string_view pkg, std::string_view name) {
  auto* call = as<CallExpr>(support::unparen(e));
  auto* sel = call ? as<SelectorExpr>(support::unparen(call->fun)) : nullptr;
  auto* x = sel ? as<Ident>(support::unparen(sel->x)) : nullptr;
  return x && x->name == pkg && sel->sel->name == name;
}

class SliceRetain final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }

  void check(Pass& pass) const override {
    if (!pass.sema()) return;
    CalleeResults callees;
    for (const PassFile& file : pass.files()) {
      std::vector<Finding> findings;
      std::vector<Wrap> wraps;
      // Function declarations sit at the top level only.
      for (const Node* decl : file.parsed->file->decls)
        // Both checks report at a sub-slice expression.
        if (is<FuncDecl>(decl) && support::func_body(decl) && support::may_hold(file, decl, Kind::SliceExpr))
          check_func(pass, file, decl, callees, findings, wraps);
      if (findings.empty()) continue;
      name_packages(pass, file, findings, wraps);
      for (Finding& f : findings) pass.report(std::move(f));
    }
  }

 private:
  // A fix that calls a package function (slices.Clone, strings.Clone): its text is written once
  // the name that package gets in this file is known.
  struct Wrap {
    size_t finding;
    std::string path;   // "slices", "strings"
    Pos at;
    std::string inner;  // the sub-slice's text
  };

  // Safe when the name written resolves to the package at every fix of the file: the name the
  // file already imports it under, else its default name if nothing in scope at any fix (nor
  // the package, nor another import) declares it, else an alias nothing declares; no fix when
  // none can be found. The import is added only when some fix uses it.
  static void name_packages(const Pass& pass, const PassFile& file, std::vector<Finding>& findings,
                            const std::vector<Wrap>& wraps) {
    support::ImportNamer namer(pass, file);
    std::vector<support::ImportRequest> requests;
    std::vector<bool> dropped(findings.size(), false);
    for (std::string_view path : {std::string_view("slices"), std::string_view("strings")}) {
      std::vector<Pos> places;
      for (const Wrap& w : wraps)
        if (w.path == path) places.push_back(w.at);
      if (places.empty()) continue;
      auto choice = namer.choose(path, path, places);
      for (const Wrap& w : wraps) {
        if (w.path != path) continue;
        if (!choice) {
          dropped[w.finding] = true;
          continue;
        }
        findings[w.finding].fixes.front().edits.front().text = choice->name + ".Clone(" + w.inner + ")";
      }
      if (choice && choice->add) requests.push_back({std::string(path), choice->alias});
    }
    auto import_edits = support::add_imports(file, requests);
    for (size_t i = 0; i < findings.size(); ++i) {
      Finding& f = findings[i];
      if (f.fixes.empty()) continue;
      if (dropped[i] || !import_edits) {
        f.fixes.clear();
        continue;
      }
      bool uses_import = false;
      for (const Wrap& w : wraps) uses_import |= w.finding == i;
      if (uses_import)
        for (const Edit& e : *import_edits) f.fixes.front().edits.push_back(e);
    }
  }

 private:
  void check_func(const Pass& pass, const PassFile& file, const Node* fn, CalleeResults& callees,
                  std::vector<Finding>& out, std::vector<Wrap>& wraps) const {
    const BlockStmt* body = support::func_body(fn);
    check_truncations(pass, file, fn, body, out);
    // One walk finds the candidate definitions `x := <one value>` and whether any `x[i:j]` of a
    // plain name exists: without one there is nothing to report, and the definitions (whose
    // questions to sema and to callees cost more than the walk) need no look.
    std::vector<const AssignStmt*> defines;
    bool slices_a_name = false;
    support::for_each_node(body, [&](const Node* n) {
      if (auto* s = as<SliceExpr>(n)) {
        slices_a_name |= is<Ident>(support::unparen(s->x));
        return;
      }
      auto* a = as<AssignStmt>(n);
      if (!a) return;
      if (a->tok != Tok::DEFINE || a->rhs.size() != 1 || a->lhs.empty()) return;
      if (is<Ident>(a->lhs[0])) defines.push_back(a);
    });
    if (!slices_a_name) return;
    std::map<const sema::Object*, Owned> owned;
    // Definitions of owned storage.
    for (const AssignStmt* a : defines) {
      auto* id = as<Ident>(a->lhs[0]);
      const sema::Object* o = support::object_of(pass, id);
      if (!o) continue;
      if (auto ow = owned_storage(pass, file, a->rhs[0], owned, &callees)) {
        ow->ident = id;
        owned[o] = *ow;
      }
    }
    if (owned.empty()) return;
    // How often each owned local is assigned: only the ones assigned once stay owned.
    std::map<const sema::Object*, int> assignments;
    support::for_each_node(body, [&](const Node* n) {
      auto* a = as<AssignStmt>(n);
      if (!a) return;
      for (const Expr* l : a->lhs)
        if (auto* id = as<Ident>(support::unparen(l)))
          if (const sema::Object* o = support::object_of(pass, id); o && owned.count(o))
            ++assignments[o];
    });
    for (auto it = owned.begin(); it != owned.end();)
      it = assignments[it->first] == 1 ? std::next(it) : owned.erase(it);
    if (owned.empty()) return;

    support::inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
      auto* s = as<SliceExpr>(n);
      if (!s) return Visit::descend;
      auto* x = as<Ident>(support::unparen(s->x));
      const sema::Object* o = x ? support::object_of(pass, x) : nullptr;
      auto it = o ? owned.find(o) : owned.end();
      if (it == owned.end()) return Visit::descend;
      const Owned& ow = it->second;
      auto verb = escape_of(pass, s, anc, body);
      if (!verb) return Visit::descend;
      if (whole_escapes(pass, body, o, s)) return Visit::descend;
      auto window = window_length(pass, s, ow);
      std::string what;
      if (!worth_it(ow, s, window, &what)) return Visit::descend;
      std::string fn_name(as<FuncDecl>(fn)->name->name);
      Finding f;
      f.path = std::string(file.path);
      f.start = s->pos();
      f.end = s->end();
      f.message = fn_name + " " + *verb + " " + what + " through " +
                  std::string(support::text_of(file, s)) +
                  ": the sub-slice keeps the whole backing " + (ow.is_string ? "string" : "array") +
                  " alive; copy it instead";
      if (auto fix = make_fix(file, s, ow, window, out.size(), wraps)) f.fixes.push_back(*fix);
      out.push_back(std::move(f));
      return Visit::skip;
    });
  }

  // `if len(X) > L { X = X[:L] }` on a slice X held by a local that a call gave the function, the
  // local then returned or sent: the limit bounds the length, not the memory. The over-long
  // array stays alive as long as the returned value does.
  void check_truncations(const Pass& pass, const PassFile& file, const Node* fn, const BlockStmt* body,
                         std::vector<Finding>& out) const {
    const sema::PackageInfo* info = pass.sema();
    support::inspect(body, [&](const Node* n, std::span<const Node* const>) {
      if (is<FuncLit>(n)) return Visit::skip;
      auto* ifs = as<IfStmt>(n);
      if (!ifs || !ifs->body) return Visit::descend;
      auto guard = over_limit(pass, file, ifs->cond);
      if (!guard) return Visit::descend;
      for (const Stmt* st : ifs->body->list) {
        auto* a = as<AssignStmt>(st);
        if (!a || a->tok != Tok::ASSIGN || a->lhs.size() != 1 || a->rhs.size() != 1) continue;
        auto* sl = as<SliceExpr>(support::unparen(a->rhs[0]));
        if (!sl || !sl->high || (sl->low && support::const_int(pass, sl->low) != std::optional<int64_t>(0))) continue;
        std::string_view x = support::text_of(file, support::unparen(sl->x));
        if (x != guard->first || support::text_of(file, support::unparen(a->lhs[0])) != x ||
            support::text_of(file, support::unparen(sl->high)) != guard->second)
          continue;
        const sema::Type* t = sema::underlying(support::type_of(pass, sl->x));
        // Bytes: data whose size the input decides, which a limit on bytes bounds. A limit on a
        // list of items picks the first few (the top n after a sort), and strings are mostly
        // short texts cut for display.
        if (!t || !t->is(sema::TypeKind::Slice)) continue;
        const sema::Type* elem = sema::underlying(t->elem);
        if (!elem || !elem->is(sema::TypeKind::Basic) || elem->basic != sema::BasicKind::Uint8) continue;
        const sema::Object* root = local_from_call(pass, fn, body, sl->x);
        if (!root) continue;
        const Node* leaves = leaves_function(info, file, body, root, x, ifs);
        if (!leaves) continue;
        std::string fn_name(as<FuncDecl>(fn)->name->name);
        Finding f;
        f.path = std::string(file.path);
        f.start = sl->pos();
        f.end = sl->end();
        f.message = fn_name + " limits " + std::string(x) + " to " + std::string(guard->second) +
                    " elements by re-slicing it: " + std::string(support::text_of(file, sl)) +
                    " keeps the whole over-long backing array alive as long as " + std::string(root->name) +
                    ", which leaves the function, lives; copy the elements kept instead";
        f.related.push_back({std::string(file.path), ifs->cond->pos(), ifs->cond->end(),
                             std::string(x) + " is known to be longer than the limit here"});
        f.related.push_back({std::string(file.path), leaves->pos(), leaves->end(),
                             std::string(root->name) + " leaves the function here"});
        out.push_back(std::move(f));
      }
      return Visit::descend;
    });
  }

  // `len(X) > L`, `len(X) >= L` or `L < len(X)`: X's and L's texts.
  static std::optional<std::pair<std::string_view, std::string_view>> over_limit(const Pass& pass,
                                                                                  const PassFile& file,
                                                                                  const Expr* cond) {
    auto* b = as<BinaryExpr>(support::unparen(cond));
    if (!b) return std::nullopt;
    const Expr* len_side = nullptr;
    const Expr* limit = nullptr;
    if (b->op == Tok::GTR || b->op == Tok::GEQ) len_side = b->x, limit = b->y;
    else if (b->op == Tok::LSS || b->op == Tok::LEQ) len_side = b->y, limit = b->x;
    else return std::nullopt;
    auto* call = as<CallExpr>(support::unparen(len_side));
    auto* f = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
    const sema::Object* o = f ? pass.sema()->use_of(f) : nullptr;
    if (!o || o->kind != sema::ObjectKind::Builtin || o->builtin != sema::Builtin::Len || call->args.size() != 1)
      return std::nullopt;
    if (support::const_int(pass, limit)) return std::nullopt;  // a fixed small bound: a header, a prefix
    return std::pair{support::text_of(file, support::unparen(call->args[0])),
                     support::text_of(file, support::unparen(limit))};
  }

  // The local variable at the root of `x` (`v` or `v.f.g`), when it is not a parameter and every
  // value it is given is the result of a call that is not a conversion or a builtin: storage the
  // callee handed over.
  static const sema::Object* local_from_call(const Pass& pass, const Node* fn, const BlockStmt* body,
                                             const Expr* x) {
    const sema::PackageInfo* info = pass.sema();
    x = support::unparen(x);
    while (auto* sel = as<SelectorExpr>(x)) x = support::unparen(sel->x);
    auto* id = as<Ident>(x);
    const sema::Object* v = id ? info->object_of(id) : nullptr;
    if (!v || v->kind != sema::ObjectKind::Var || v->package_level || !v->ident ||
        !support::contains(body, v->ident))
      return nullptr;
    (void)fn;
    bool from_call = false, other = false;
    support::for_each_node(body, [&](const Node* n) {
      auto* a = as<AssignStmt>(n);
      if (!a) {
        if (auto* vs = as<ValueSpec>(n))
          for (const Ident* name : vs->names)
            if (info->def_of(name) == v) other = true;
        return;
      }
      for (size_t k = 0; k < a->lhs.size(); ++k) {
        auto* l = as<Ident>(support::unparen(a->lhs[k]));
        if (!l || info->object_of(l) != v) continue;
        const Expr* rhs = a->rhs.size() == a->lhs.size() ? a->rhs[k] : (a->rhs.size() == 1 ? a->rhs[0] : nullptr);
        // A re-slice of itself (the truncation) keeps the same storage.
        if (auto* sl = rhs ? as<SliceExpr>(support::unparen(rhs)) : nullptr) {
          auto* base = as<Ident>(support::unparen(sl->x));
          if (base && info->object_of(base) == v) continue;
        }
        auto* call = rhs ? as<CallExpr>(support::unparen(rhs)) : nullptr;
        const sema::Object* callee = call ? support::static_callee(pass, call) : nullptr;
        bool through_call = call && (!callee || callee->kind == sema::ObjectKind::Func);
        // A call of a func value or an interface method has no static callee: still a call.
        if (call && !callee) {
          auto* f = as<Ident>(support::unparen(call->fun));
          const sema::Object* fo = f ? info->use_of(f) : nullptr;
          if (fo && (fo->kind == sema::ObjectKind::Builtin || fo->kind == sema::ObjectKind::TypeName)) through_call = false;
          if (is<ArrayType>(support::unparen(call->fun)) || is<ParenExpr>(call->fun)) through_call = false;
        }
        if (through_call) from_call = true;
        else other = true;
      }
    });
    return from_call && !other ? v : nullptr;
  }

  // The return or send after `after` that hands `v` (or a value holding it) out of the function;
  // null when none does.
  static const Node* leaves_function(const sema::PackageInfo* info, const PassFile& file, const BlockStmt* body,
                                     const sema::Object* v, std::string_view field_path, const Node* after) {
    const PassFile* file_ = &file;
    const Node* found = nullptr;
    support::inspect(body, [&](const Node* n, std::span<const Node* const>) {
      if (found) return Visit::stop;
      if (is<FuncLit>(n)) return Visit::skip;
      const Node* carrier = nullptr;
      const Expr* sent = nullptr;
      if (auto* r = as<ReturnStmt>(n)) carrier = r;
      else if (auto* s = as<SendStmt>(n)) carrier = sent = s->value;
      if (!carrier || n->pos() < after->end()) return Visit::descend;
      // The value itself, its address, or a literal built of them: not a read through it
      // (len(v.x), v.n).
      std::function<bool(const Expr*)> carries = [&](const Expr* e) -> bool {
        e = support::unparen(e);
        if (auto* id = as<Ident>(e)) return info->object_of(id) == v;
        if (auto* u = as<UnaryExpr>(e); u && u->op == Tok::AND) return carries(u->x);
        if (auto* kv = as<KeyValueExpr>(e)) return carries(kv->value);
        if (auto* cl = as<CompositeLit>(e)) {
          for (const Expr* el : cl->elts)
            if (carries(el)) return true;
          return false;
        }
        if (is<SelectorExpr>(e)) return !field_path.empty() && support::text_of(*file_, e) == field_path;
        return false;
      };
      bool leaves = false;
      if (auto* r = as<ReturnStmt>(n)) {
        for (const Expr* e : r->results) leaves |= carries(e);
      } else {
        leaves = carries(sent);
      }
      if (leaves) found = n;
      return Visit::descend;
    });
    return found;
  }

  // callees: look one level into callees of this package (never deeper: recursion), remembering
  // each callee's answer; null: do not look.
  std::optional<Owned> owned_storage(const Pass& pass, const PassFile& file, const Expr* rhs,
                                     const std::map<const sema::Object*, Owned>& known,
                                     CalleeResults* callees) const {
    rhs = support::unparen(rhs);
    Owned ow;
    if (auto* call = as<CallExpr>(rhs)) {
      auto* f = as<Ident>(support::unparen(call->fun));
      if (f && f->name == "make" && call->args.size() >= 2) {
        auto* at = as<ArrayType>(call->args[0]);
        if (!at || at->len) return std::nullopt;
        ow.source = Source::made;
        ow.make_len = call->args[1];
        ow.count = support::const_int(pass, call->args.size() == 3 ? call->args[2] : call->args[1]);
        ow.elem_text = std::string(support::text_of(file, at->elt));
        ow.origin = "make";
      } else if (is_call_to(rhs, "os", "ReadFile") || is_call_to(rhs, "ioutil", "ReadFile") ||
                 is_call_to(rhs, "io", "ReadAll") || is_call_to(rhs, "ioutil", "ReadAll")) {
        ow.source = Source::read;
        ow.elem_text = "byte";
        auto* sel = as<SelectorExpr>(support::unparen(call->fun));
        ow.origin = std::string(support::text_of(file, sel));
      } else if (auto* at = as<ArrayType>(support::unparen(call->fun));
                 at && !at->len && call->args.size() == 1) {
        auto* lit = as<BasicLit>(support::unparen(call->args[0]));
        if (!lit || lit->lit_kind != Tok::STRING || lit->value.size() < 2) return std::nullopt;
        ow.source = Source::literal;
        ow.count = int64_t(lit->value.size() - 2);
        ow.elem_text = std::string(support::text_of(file, at->elt));
        ow.origin = "a literal";
      } else if (auto fresh = fresh_string_size(call); fresh) {
        ow.source = Source::literal;  // a fresh string of (at least) this many bytes
        ow.count = *fresh;
        ow.is_string = true;
        ow.origin = std::string(support::text_of(file, call->fun));
        if (*fresh < 1024) return std::nullopt;
        return ow;
      } else if (auto made = callees ? fresh_from_callee(pass, file, call, *callees) : std::nullopt) {
        return made;
      } else if (f && f->name == "string" && call->args.size() == 1) {
        // string(b) of owned bytes: a fresh string of the same size.
        auto* arg = as<Ident>(support::unparen(call->args[0]));
        const sema::Object* o = arg ? support::object_of(pass, arg) : nullptr;
        auto it = o ? known.find(o) : known.end();
        if (it == known.end() || it->second.is_string) return std::nullopt;
        ow = it->second;
        ow.is_string = true;
        ow.elem = nullptr;
        return ow;
      } else {
        return std::nullopt;
      }
    } else if (auto* cl = as<CompositeLit>(rhs)) {
      auto* at = as<ArrayType>(cl->type);
      if (!at || at->len) return std::nullopt;
      ow.source = Source::literal;
      ow.count = int64_t(cl->elts.size());
      ow.elem_text = std::string(support::text_of(file, at->elt));
      ow.origin = "a literal";
    } else {
      return std::nullopt;
    }
    const sema::Type* t = support::type_of(pass, rhs);
    if (t && t->is(sema::TypeKind::Tuple) && !t->results.empty()) t = t->results[0].type;
    t = sema::underlying(t);
    if (!t && ow.source == Source::read) return ow;  // os.ReadFile and io.ReadAll give []byte
    if (!t || !t->is(sema::TypeKind::Slice)) return std::nullopt;
    ow.elem = t->elem;
    return ow;
  }

  // Lower bound of the length of a string built by strings.Repeat(lit, n) or fmt.Sprintf of such
  // parts; nullopt for other calls.
  static std::optional<int64_t> fresh_string_size(const CallExpr* call) {
    if (is_call_to(call, "strings", "Repeat") && call->args.size() == 2) {
      auto* lit = as<BasicLit>(support::unparen(call->args[0]));
      auto n = support::const_int(call->args[1]);
      if (!lit || lit->lit_kind != Tok::STRING || !n || lit->value.size() < 2) return std::nullopt;
      return int64_t(lit->value.size() - 2) * *n;
    }
    if (is_call_to(call, "fmt", "Sprintf") || is_call_to(call, "fmt", "Sprint")) {
      int64_t total = 0;
      bool any = false;
      for (const Expr* a : call->args)
        if (auto* c = as<CallExpr>(support::unparen(a)))
          if (auto n = fresh_string_size(c)) total += *n, any = true;
      if (any) return total;
    }
    return std::nullopt;
  }

  // A call to a function of this package whose every return hands back a fresh make or literal,
  // directly or through a local that the callee only fills in place.
  std::optional<Owned> fresh_from_callee(const Pass& pass, const PassFile& file, const CallExpr* call,
                                         CalleeResults& callees) const {
    auto* f = as<Ident>(support::unparen(call->fun));
    const sema::Object* o = f ? support::object_of(pass, f) : nullptr;
    if (!o || o->kind != sema::ObjectKind::Func || o->package() != pass.sema()) return std::nullopt;
    auto* decl = as<FuncDecl>(o->decl);
    if (!decl || !decl->body) return std::nullopt;
    auto [it, fresh] = callees.try_emplace(decl);
    if (fresh) it->second = storage_returned_by(pass, o, decl);
    std::optional<Owned> result = it->second;
    if (!result) return std::nullopt;
    result->origin = std::string(support::text_of(file, call->fun));
    result->make_len = nullptr;
    return result;
  }

  // What fresh_from_callee finds in the callee `decl` (of object `o`), before it is named after
  // the call.
  std::optional<Owned> storage_returned_by(const Pass& pass, const sema::Object* o,
                                           const FuncDecl* decl) const {
    const PassFile* callee_file = nullptr;
    for (const PassFile& pf : pass.files())
      if (pf.parsed == o->file()) callee_file = &pf;
    if (!callee_file) return std::nullopt;
    std::optional<Owned> result;
    bool ok = true;
    support::inspect(decl->body, [&](const Node* n, std::span<const Node* const>) {
      if (!ok) return Visit::stop;
      if (is<FuncLit>(n)) return Visit::skip;
      auto* r = as<ReturnStmt>(n);
      if (!r) return Visit::descend;
      std::map<const sema::Object*, Owned> none;
      const Expr* returned = r->results.size() == 1 ? r->results[0] : nullptr;
      if (auto* id = returned ? as<Ident>(support::unparen(returned)) : nullptr)
        returned = sole_fresh_definition(pass, decl->body, id);
      auto ow = returned ? owned_storage(pass, *callee_file, returned, none, nullptr) : std::nullopt;
      if (!ow || ow->source == Source::read || (result && result->count != ow->count)) ok = false;
      else result = ow;
      return Visit::skip;
    });
    if (!ok || !result) return std::nullopt;
    return result;
  }

  // For `x := make(...)` filled in place and returned (the usual loader shape), the expression
  // that made x; null when x is assigned again, aliased, or used other than by indexing, len,
  // cap, range and the return itself: then the callee's storage may be shared.
  static const Expr* sole_fresh_definition(const Pass& pass, const BlockStmt* body, const Ident* returned) {
    const sema::Object* local = support::object_of(pass, returned);
    if (!local || local->kind != sema::ObjectKind::Var || local->package_level) return nullptr;
    const Expr* definition = nullptr;
    bool plain = true;
    support::inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
      if (!plain) return Visit::stop;
      auto* id = as<Ident>(n);
      if (!id || anc.empty() || support::object_of(pass, id) != local) return Visit::descend;
      const Node* parent = anc.back();
      if (auto* assign = as<AssignStmt>(parent)) {
        for (uint32_t i = 0; i < assign->lhs.size(); ++i) {
          if (assign->lhs[i] != id) continue;
          if (assign->tok != Tok::DEFINE || definition || assign->rhs.size() != assign->lhs.size()) {
            plain = false;
          } else {
            definition = assign->rhs[i];
          }
          return Visit::descend;
        }
        plain = false;  // assigned to something else: aliased
        return Visit::stop;
      }
      if (auto* index = as<IndexExpr>(parent); index && index->x == id) return Visit::descend;
      if (auto* range = as<RangeStmt>(parent); range && range->x == id) return Visit::descend;
      if (auto* ret = as<ReturnStmt>(parent); ret && ret->results.size() == 1) return Visit::descend;
      if (auto* call = as<CallExpr>(parent)) {
        auto* f = as<Ident>(support::unparen(call->fun));
        if (f && (f->name == "len" || f->name == "cap")) return Visit::descend;
      }
      plain = false;
      return Visit::stop;
    });
    return plain ? definition : nullptr;
  }

  // How the sub-slice outlives the function ("returns", "stores", ...), or nullopt.
  std::optional<std::string> escape_of(const Pass& pass, const Node* s, std::span<const Node* const> anc,
                                       const BlockStmt* body) const {
    const Node* child = s;
    for (size_t i = anc.size(); i-- > 0; child = anc[i]) {
      const Node* a = anc[i];
      if (is<ParenExpr>(a)) continue;
      if (is<ReturnStmt>(a)) return "returns";
      if (auto* send = as<SendStmt>(a)) return send->value == child ? std::optional<std::string>("sends") : std::nullopt;
      if (auto* call = as<CallExpr>(a)) {
        auto* f = as<Ident>(support::unparen(call->fun));
        if (f && f->name == "append" && call->args.size() >= 2 && child != call->args[0] &&
            child != call->fun && !valid(call->ellipsis) && outer_target(pass, call->args[0], body))
          return "appends";
        return std::nullopt;
      }
      if (auto* as_ = as<AssignStmt>(a)) {
        if (as_->lhs.size() != as_->rhs.size()) return std::nullopt;
        for (size_t k = 0; k < as_->rhs.size(); ++k) {
          if (as_->rhs[k] != child) continue;
          const Expr* l = support::unparen(as_->lhs[k]);
          if (const sema::Object* r = fresh_struct_root(pass, l, body)) return struct_escape(pass, body, r);
          if (outer_target(pass, l, body)) return "stores";
          // A local alias: follow it once.
          auto* id = as<Ident>(l);
          const sema::Object* o = id ? support::object_of(pass, id) : nullptr;
          if (o && !o->package_level) return alias_escape(pass, body, o, id);
        }
        return std::nullopt;
      }
      return std::nullopt;
    }
    return std::nullopt;
  }

  // Fields, map and slice elements, pointer targets, package variables and parameters live on
  // after the call.
  static bool outer_target(const Pass& pass, const Expr* e, const BlockStmt* body) {
    e = support::unparen(e);
    if (is<SelectorExpr>(e) || is<IndexExpr>(e) || is<StarExpr>(e)) return true;
    auto* id = as<Ident>(e);
    const sema::Object* o = id ? support::object_of(pass, id) : nullptr;
    return o && o->kind == sema::ObjectKind::Var && (o->package_level || o->is_param);
  }

  // The local at the root of a field path `r.f.g` when it holds a struct the function made
  // itself (`&T{...}`, `T{...}`, `new(T)`) and is assigned nowhere else: the field lives as long
  // as the local does. Null otherwise.
  static const sema::Object* fresh_struct_root(const Pass& pass, const Expr* lhs, const BlockStmt* body) {
    auto* sel = as<SelectorExpr>(lhs);
    if (!sel) return nullptr;
    const Expr* root = sel;
    while (auto* s = as<SelectorExpr>(root)) root = support::unparen(s->x);
    auto* id = as<Ident>(root);
    const sema::Object* o = id ? support::object_of(pass, id) : nullptr;
    if (!o || o->kind != sema::ObjectKind::Var || o->package_level || o->is_param || !o->ident) return nullptr;
    // Its one definition (a field is selected from it, so a composite literal there is a
    // struct's, or its address), `r := <fresh struct>`, and no other assignment.
    int defs = 0;
    bool fresh = false;
    support::for_each_node(body, [&](const Node* n) {
      auto* a = as<AssignStmt>(n);
      if (!a) return;
      for (size_t k = 0; k < a->lhs.size(); ++k) {
        auto* l = as<Ident>(support::unparen(a->lhs[k]));
        if (!l || support::object_of(pass, l) != o) continue;
        ++defs;
        const Expr* v = a->lhs.size() == a->rhs.size() ? support::unparen(a->rhs[k]) : nullptr;
        if (auto* u = as<UnaryExpr>(v); u && u->op == Tok::AND) v = support::unparen(u->x);
        if (is<CompositeLit>(v)) fresh = a->tok == Tok::DEFINE && l == o->ident;
        if (auto* call = as<CallExpr>(v); call && call->args.size() == 1)
          if (auto* f = as<Ident>(support::unparen(call->fun)); f && f->name == "new")
            if (const sema::Object* fo = support::object_of(pass, f); fo && fo->kind == sema::ObjectKind::Builtin)
              fresh = a->tok == Tok::DEFINE && l == o->ident;
      }
    });
    return defs == 1 && fresh ? o : nullptr;
  }

  // How the fresh struct local `r` (fresh_struct_root) outlives the function, or nullopt when
  // every use keeps it local: a field written, read into a call's argument, a method called on
  // it, or itself handed to a call, directly or in a function literal that is only called (in
  // place, or through a local variable used for nothing but calls). Any other use (returned,
  // stored, sent, aliased, used by a goroutine) counts as storing the sub-slice.
  std::optional<std::string> struct_escape(const Pass& pass, const BlockStmt* body, const sema::Object* r) const {
    std::optional<std::string> verb;
    support::inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
      if (verb) return Visit::stop;
      auto* id = as<Ident>(n);
      if (!id || id == r->ident || support::object_of(pass, id) != r || anc.empty()) return Visit::descend;
      for (size_t i = 0; i < anc.size(); ++i) {
        if (is<GoStmt>(anc[i]) || is<DeferStmt>(anc[i])) {
          verb = "stores";
          return Visit::stop;
        }
        if (is<FuncLit>(anc[i]) && !only_called(pass, body, anc[i], anc.first(i))) {
          verb = "stores";
          return Visit::stop;
        }
      }
      const Node* parent = anc.back();
      const Node* grand = anc.size() >= 2 ? anc[anc.size() - 2] : nullptr;
      if (auto* sel = as<SelectorExpr>(parent); sel && sel->x == id) {
        if (auto* a = as<AssignStmt>(grand); a && a->tok == Tok::ASSIGN)
          for (const Expr* l : a->lhs)
            if (l == sel) return Visit::descend;  // a field written
        if (auto* call = as<CallExpr>(grand)) {
          if (call->fun == sel) return Visit::descend;  // a method called
          for (const Expr* arg : call->args)
            if (arg == sel) return Visit::descend;  // a field read into a call
        }
      } else if (auto* call = as<CallExpr>(parent)) {
        for (const Expr* arg : call->args)
          if (arg == id) return Visit::descend;  // handed to a call, as a sub-slice may be
      }
      verb = is<ReturnStmt>(parent) ? "returns" : is<SendStmt>(parent) ? "sends" : "stores";
      return Visit::stop;
    });
    return verb;
  }

  // The function literal `lit` (ancestors `anc`) is called in place, or is the value of a local
  // variable defined once and used only as the function of calls outside goroutines.
  static bool only_called(const Pass& pass, const BlockStmt* body, const Node* lit, std::span<const Node* const> anc) {
    if (anc.empty()) return false;
    if (auto* call = as<CallExpr>(anc.back()); call && call->fun == lit) return true;
    auto* a = as<AssignStmt>(anc.back());
    if (!a || a->tok != Tok::DEFINE || a->lhs.size() != 1 || a->rhs.size() != 1 || a->rhs[0] != lit) return false;
    auto* fid = as<Ident>(a->lhs[0]);
    const sema::Object* f = fid ? support::object_of(pass, fid) : nullptr;
    if (!f) return false;
    bool ok = true;
    support::inspect(body, [&](const Node* n, std::span<const Node* const> up) {
      if (!ok) return Visit::stop;
      auto* id = as<Ident>(n);
      if (!id || id == fid || support::object_of(pass, id) != f) return Visit::descend;
      auto* call = up.empty() ? nullptr : as<CallExpr>(up.back());
      if (!call || call->fun != id) ok = false;
      for (const Node* u : up)
        if (is<GoStmt>(u) || is<DeferStmt>(u)) ok = false;
      return Visit::descend;
    });
    return ok;
  }

  // A local holding the sub-slice escapes when it is returned, stored, sent, or used by a
  // goroutine.
  std::optional<std::string> alias_escape(const Pass& pass, const BlockStmt* body, const sema::Object* o,
                                          const Ident* def) const {
    std::optional<std::string> verb;
    support::inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
      if (verb) return Visit::stop;
      auto* id = as<Ident>(n);
      if (!id || id == def || support::object_of(pass, id) != o) return Visit::descend;
      for (size_t i = anc.size(); i-- > 0;) {
        if (is<GoStmt>(anc[i])) {
          verb = "hands a goroutine";
          break;
        }
      }
      if (!verb && !anc.empty()) {
        const Node* parent = anc.back();
        if (is<ReturnStmt>(parent)) verb = "returns";
        if (auto* send = as<SendStmt>(parent); send && send->value == id) verb = "sends";
        if (auto* as_ = as<AssignStmt>(parent))
          for (size_t k = 0; k < as_->rhs.size() && k < as_->lhs.size(); ++k)
            if (as_->rhs[k] == id && outer_target(pass, as_->lhs[k], body)) verb = "stores";
      }
      return Visit::descend;
    });
    return verb;
  }

  // The storage itself is used beyond the function too: then the window pins nothing extra.
  bool whole_escapes(const Pass& pass, const BlockStmt* body, const sema::Object* o, const Node* s) const {
    bool escapes = false;
    support::inspect(body, [&](const Node* n, std::span<const Node* const> anc) {
      if (escapes) return Visit::stop;
      if (n == s) return Visit::skip;
      auto* id = as<Ident>(n);
      if (!id || support::object_of(pass, id) != o || anc.empty()) return Visit::descend;
      const Node* parent = anc.back();
      if (is<SliceExpr>(parent) || is<IndexExpr>(parent) || is<RangeStmt>(parent)) {
        // Other windows of the same storage that escape are separate findings; a window that
        // is the whole of it (x[:]) is not a window.
        return Visit::descend;
      }
      if (auto* call = as<CallExpr>(parent)) {
        auto* f = as<Ident>(support::unparen(call->fun));
        if (f && (f->name == "len" || f->name == "cap" || f->name == "copy")) return Visit::descend;
        if (f && f->name == "append" && call->args.size() >= 1 && call->args[0] == id) {
          escapes = true;  // grows or re-targets the storage: too murky
          return Visit::stop;
        }
        // Read into by a call (r.Read(buf)): fine unless the call may keep it; calls that are
        // not method calls named Read* / ReadFull / Unmarshal are treated as keeping it.
        auto* sel = as<SelectorExpr>(support::unparen(call->fun));
        std::string_view name = sel ? sel->sel->name : (f ? f->name : std::string_view());
        if (name.starts_with("Read") || name == "Unmarshal" || name == "string") return Visit::descend;
        escapes = true;
        return Visit::stop;
      }
      if (auto* as_ = as<AssignStmt>(parent)) {
        for (const Expr* l : as_->lhs)
          if (l == id) return Visit::descend;  // the definition
        escapes = true;  // aliased or stored whole
        return Visit::stop;
      }
      if (is<ValueSpec>(parent) || is<ExprStmt>(parent)) return Visit::descend;
      escapes = true;  // returned, sent, put in a literal, compared...: keep quiet
      return Visit::stop;
    });
    return escapes;
  }

  // Elements the window holds, when the bounds tell.
  static std::optional<int64_t> window_length(const Pass& pass, const SliceExpr* s, const Owned& ow) {
    auto low = s->low ? support::const_int(pass, s->low) : std::optional<int64_t>(0);
    if (s->high) {
      auto high = support::const_int(pass, s->high);
      if (high && low) return *high - *low;
      return std::nullopt;
    }
    // x[len(x)-k:]
    if (auto* b = as<BinaryExpr>(support::unparen(s->low)); b && b->op == Tok::SUB) {
      auto* call = as<CallExpr>(support::unparen(b->x));
      auto* f = call ? as<Ident>(support::unparen(call->fun)) : nullptr;
      if (f && f->name == "len") return support::const_int(pass, b->y);
    }
    if (low && ow.count) return *ow.count - *low;
    return std::nullopt;
  }

  bool worth_it(const Owned& ow, const SliceExpr* s, std::optional<int64_t> window, std::string* what) const {
    std::optional<int64_t> elem_size = ow.is_string ? std::optional<int64_t>(1) : support::size_of(ow.elem);
    std::string elem_name = ow.is_string ? "bytes" : sema::type_string(ow.elem);
    if (auto slash = elem_name.rfind('/'); slash != std::string::npos) elem_name = elem_name.substr(slash + 1);
    if (auto dot = elem_name.rfind('.'); dot != std::string::npos && !ow.is_string)
      elem_name = elem_name.substr(dot + 1);
    if (ow.source == Source::read) {
      if (!window || *window <= 0 || *window > 1024) return false;
      *what = std::to_string(*window) + " " + (ow.is_string ? "bytes" : elem_name + "s") +
              " of everything " + ow.origin + " returned, which stays alive";
      return true;
    }
    if (!ow.count || *ow.count <= 0) return false;
    std::optional<int64_t> total_bytes;
    if (elem_size) total_bytes = *ow.count * *elem_size;
    if (window) {
      if (*window <= 0 || *window * 4 > *ow.count) return false;
      if (ow.source == Source::made && (!total_bytes || *total_bytes < 4096)) return false;
    } else {
      // buf[:n]: only a large buffer cut to a length it does not know, and not its own length.
      if (ow.source != Source::made || !total_bytes || *total_bytes < 4096) return false;
      if (s->low || !s->high) return false;
      if (ow.make_len && support::same_ref(s->high, ow.make_len)) return false;
      if (as<Ident>(support::unparen(s->high)) == nullptr) return false;
    }
    *what = (window ? std::to_string(*window) : std::string("part")) + " of " + std::to_string(*ow.count) +
            " " + elem_name + (total_bytes ? " (about " + support::human_bytes(*total_bytes) + ")" : "");
    return true;
  }

  // Safety: the copy has the same length and elements as the sub-slice, and the storage is not
  // used any more (whole_escapes/escape_of above), so only aliasing through the sub-slice goes,
  // which no code of the function relies on: nothing else holds the storage. The copy differs
  // in capacity (appending to it no longer writes into the storage: nothing reads that) and,
  // for an empty window slices.Clone and strings.Clone keep it empty and non-nil while
  // append([]T(nil), ...) gives nil: that form is safe only for a window known not to be empty.
  std::optional<Fix> make_fix(const PassFile& file, const SliceExpr* s, const Owned& ow,
                              std::optional<int64_t> window, size_t finding, std::vector<Wrap>& wraps) const {
    std::string expr(support::text_of(file, s));
    Fix fix;
    fix.message = "Copy the sub-slice so the backing storage can be freed";
    if (ow.is_string) {
      if (!file.go_version.at_least(1, 20)) return std::nullopt;  // strings.Clone is Go 1.20
      fix.edits.push_back({s->pos(), s->end(), ""});
      wraps.push_back({finding, "strings", s->pos(), expr});
    } else if (file.go_version.at_least(1, 21)) {
      fix.edits.push_back({s->pos(), s->end(), ""});
      wraps.push_back({finding, "slices", s->pos(), expr});
    } else {
      if (ow.elem_text.empty()) return std::nullopt;
      fix.edits.push_back({s->pos(), s->end(), "append([]" + ow.elem_text + "(nil), " + expr + "...)"});
      if (!window || *window <= 0) fix.safety = FixSafety::unsafe;
    }
    return fix;
  }
};

}  // namespace

const Rule* slice_retain_rule() {
  static const SliceRetain rule;
  return &rule;
}

}  // namespace gotrap::rules
