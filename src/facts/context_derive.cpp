#include "facts/context_derive.h"

#include <string_view>
#include <vector>

#include "facts/context.h"
#include "facts/walk.h"

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

struct Origin {
  // kCycle: the value of a variable whose origin is being worked out (`ctx = wrap(ctx)` reads the
  // variable it writes): it brings no source of its own, only whether it was wrapped on the way.
  static constexpr size_t kCycle = size_t(-1);
  size_t param = 0;
  bool wrapped = false;
};


// Where the context value of `e` (in `fn`, whose parameters are `params`) comes from: one of the
// parameters, unchanged or wrapped; nullopt when anything else may flow in.
class OriginOf {
 public:
  OriginOf(Summaries& summaries, const sema::PackageInfo* info, const FuncDecl* fn,
           std::vector<const sema::Object*> params)
      : summaries_(summaries), info_(info), fn_(fn), params_(std::move(params)) {}

  std::optional<Origin> of(const Expr* e, int steps = 0) {
    e = unparen(e);
    if (steps > 8 || !e) return std::nullopt;
    if (auto* id = as<Ident>(e)) return of_var(info_->object_of(id), steps);
    if (auto* call = as<CallExpr>(e)) return of_call(call, 0, steps);
    return std::nullopt;
  }

 private:
  std::optional<Origin> of_call(const CallExpr* call, size_t result, int steps) {
    auto d = derived_context(summaries_, info_, call);
    if (!d || d->result != result || d->arg >= call->args.size()) return std::nullopt;
    auto o = of(call->args[d->arg], steps + 1);
    if (!o) return std::nullopt;
    o->wrapped = true;
    return o;
  }

  std::optional<Origin> of_var(const sema::Object* o, int steps) {
    if (!o || o->kind != sema::ObjectKind::Var || o->package_level) return std::nullopt;
    for (const sema::Object* c : computing_)
      if (c == o) return Origin{Origin::kCycle, false};
    computing_.push_back(o);
    auto out = of_var_assignments(o, steps);
    computing_.pop_back();
    // Only a cycle flowed in: no source, unless an outer variable of the cycle has one.
    if (out && out->param == Origin::kCycle && computing_.empty()) return std::nullopt;
    return out;
  }

  std::optional<Origin> of_var_assignments(const sema::Object* o, int steps) {
    std::optional<Origin> out;
    bool ok = true;
    for (size_t i = 0; i < params_.size(); ++i)
      if (params_[i] == o) out = Origin{i, false};
    if (!out && o->is_param) return std::nullopt;  // a result or receiver
    // Every assignment to it must derive from the same parameter.
    inspect(fn_->body, [&](const Node* n, std::span<const Node* const>) {
      if (!ok) return Visit::stop;
      if (is<FuncLit>(n)) {
        // A literal that assigns it could run at any time: give up if it does.
        for_each_node(n, [&](const Node* m) {
          auto* a = as<AssignStmt>(m);
          if (!a) return;
          for (const Expr* l : a->lhs)
            if (auto* id = as<Ident>(unparen(l)); id && info_->object_of(id) == o) ok = false;
        });
        return Visit::skip;
      }
      if (auto* u = as<UnaryExpr>(n); u && u->op == Tok::AND) {
        if (auto* id = as<Ident>(unparen(u->x)); id && info_->object_of(id) == o) ok = false;
        return Visit::descend;
      }
      if (auto* r = as<RangeStmt>(n)) {
        for (const Expr* k : {r->key, r->value})
          if (auto* id = as<Ident>(k); id && info_->object_of(id) == o) ok = false;
        return Visit::descend;
      }
      if (auto* v = as<ValueSpec>(n)) {
        for (size_t i = 0; i < v->names.size(); ++i) {
          if (info_->object_of(v->names[i]) != o) continue;
          if (v->values.size() != v->names.size()) {
            ok = false;
          } else {
            merge(out, of(v->values[i], steps + 1), ok);
          }
        }
        return Visit::descend;
      }
      auto* a = as<AssignStmt>(n);
      if (!a) return Visit::descend;
      for (size_t i = 0; i < a->lhs.size(); ++i) {
        auto* id = as<Ident>(unparen(a->lhs[i]));
        if (!id || info_->object_of(id) != o) continue;
        if (a->tok != Tok::ASSIGN && a->tok != Tok::DEFINE) {
          ok = false;
        } else if (a->rhs.size() == a->lhs.size()) {
          merge(out, of(a->rhs[i], steps + 1), ok);
        } else if (a->rhs.size() == 1) {
          auto* call = as<CallExpr>(unparen(a->rhs[0]));
          if (!call) ok = false;
          else merge(out, of_call(call, i, steps + 1), ok);
        } else {
          ok = false;
        }
      }
      return Visit::descend;
    });
    if (!ok) return std::nullopt;
    return out;
  }

  static void merge(std::optional<Origin>& into, std::optional<Origin> next, bool& ok) {
    if (!next) {
      ok = false;
      return;
    }
    if (!into) {
      into = next;
      return;
    }
    bool wrapped = into->wrapped || next->wrapped;
    if (into->param == Origin::kCycle) into->param = next->param;
    else if (next->param != Origin::kCycle && into->param != next->param) ok = false;
    into->wrapped = wrapped;
  }

  Summaries& summaries_;
  const sema::PackageInfo* info_;
  const FuncDecl* fn_;
  std::vector<const sema::Object*> params_;
  std::vector<const sema::Object*> computing_;  // variables whose assignments are being followed
};

std::optional<Derivation> summary(Summaries& summaries, const sema::PackageInfo* info, const FuncDecl* fn) {
  if (!info || !fn->body || !fn->type || !fn->type->results || !fn->type->params) return std::nullopt;
  // The first context result.
  std::optional<size_t> result;
  size_t count = 0;
  for (const Field* f : fn->type->results->list) {
    size_t names = f->names.empty() ? 1 : f->names.size();
    if (!result && is_context_type(info, f->type)) result = count;
    count += names;
  }
  if (!result) return std::nullopt;
  std::vector<const sema::Object*> params;
  for (const Field* f : fn->type->params->list) {
    if (f->names.empty()) params.push_back(nullptr);
    for (const Ident* id : f->names) params.push_back(info->def_of(id));
  }
  OriginOf origin(summaries, info, fn, params);
  std::optional<Origin> found;
  bool ok = true;
  inspect(fn->body, [&](const Node* n, std::span<const Node* const>) {
    if (!ok) return Visit::stop;
    if (is<FuncLit>(n)) return Visit::skip;
    auto* r = as<ReturnStmt>(n);
    if (!r) return Visit::descend;
    if (r->results.size() != count) {
      ok = false;  // naked return or a call's results: not followed
      return Visit::stop;
    }
    auto o = origin.of(r->results[*result]);
    if (!o || (found && found->param != o->param)) {
      ok = false;
      return Visit::stop;
    }
    bool wrapped = o->wrapped || (found && found->wrapped);
    found = o;
    found->wrapped = wrapped;
    return Visit::skip;
  });
  if (!ok || !found || !found->wrapped) return std::nullopt;
  return Derivation{found->param, *result};
}

// Well-known functions outside package context that wrap their first argument in a new
// context (their bodies are not in the program: the standard library is known by signature only,
// other modules not at all).
struct KnownWrapper {
  std::string_view path, name;
};
constexpr KnownWrapper kKnownWrappers[] = {
    {"runtime/pprof", "WithLabels"},
    {"net/http/httptrace", "WithClientTrace"},
    {"os/signal", "NotifyContext"},
    {"google.golang.org/grpc/metadata", "AppendToOutgoingContext"},
    {"google.golang.org/grpc/metadata", "NewOutgoingContext"},
    {"google.golang.org/grpc/metadata", "NewIncomingContext"},
    {"go.opentelemetry.io/otel/trace", "ContextWithSpan"},
    {"go.opentelemetry.io/otel/trace", "ContextWithSpanContext"},
    {"go.opentelemetry.io/otel/trace", "ContextWithRemoteSpanContext"},
    {"go.opentelemetry.io/otel/baggage", "ContextWithBaggage"},
    // Wraps after handing the context to the tracer's hook, an interface method no summary follows.
    {"github.com/opentracing/opentracing-go", "ContextWithSpan"},
    // containerd's RPC metadata (`context.WithValue` on its own key); containerd's namespaces and
    // the clients built on them wrap through it, and its module is often not in the cache at the
    // version required.
    {"github.com/containerd/ttrpc", "WithMetadata"},
};

bool is_known_wrapper(const sema::PackageInfo* info, const Expr* fun) {
  for (const KnownWrapper& w : kKnownWrappers)
    if (package_member(info, fun, w.path) == w.name) return true;
  return false;
}

}  // namespace

std::optional<Derivation> derived_context(Summaries& summaries, const sema::PackageInfo* info,
                                          const CallExpr* call) {
  if (!info || !call) return std::nullopt;
  ContextCall c = context_call(info, call);
  if (c != ContextCall::none && !is_root(c)) return Derivation{0, 0};
  if (is_known_wrapper(info, call->fun)) return Derivation{0, 0};
  const Expr* fun = unparen(call->fun);
  if (auto* ix = as<IndexExpr>(fun)) fun = unparen(ix->x);
  const sema::Object* o = nullptr;
  if (auto* id = as<Ident>(fun)) o = info->use_of(id);
  else if (auto* sel = as<SelectorExpr>(fun)) o = info->use_of(sel->sel);
  if (!o || o->kind != sema::ObjectKind::Func) return std::nullopt;
  if (auto* sel = as<SelectorExpr>(fun)) {
    // A method expression T.M takes the receiver first: its arguments do not line up.
    auto* x = as<Ident>(unparen(sel->x));
    const sema::Object* xo = x ? info->use_of(x) : nullptr;
    if (xo && xo->kind == sema::ObjectKind::TypeName) return std::nullopt;
    if (!x && !is<SelectorExpr>(unparen(sel->x)) && !is<CallExpr>(unparen(sel->x))) return std::nullopt;
  }
  const FuncSummary* s = summaries.of(o);
  if (!s || s->ctx_from < 0) return std::nullopt;
  return Derivation{size_t(s->ctx_from), s->ctx_result};
}

void summarise_context_result(Summaries& summaries, const sema::PackageInfo* info, const FuncDecl* fd,
                              FuncSummary& out) {
  if (auto d = summary(summaries, info, fd)) {
    out.ctx_from = int16_t(d->arg);
    out.ctx_result = uint16_t(d->result);
  }
}

}  // namespace gotrap::facts
