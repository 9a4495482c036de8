#include "facts/context.h"

#include <array>

#include "facts/packages.h"
#include "facts/remote.h"
#include "facts/types.h"
#include "facts/walk.h"

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

struct NamedCall {
  std::string_view name;
  ContextCall kind;
};

constexpr std::array<NamedCall, 10> kContextCalls = {{
    {"Background", ContextCall::background},
    {"TODO", ContextCall::todo},
    {"WithCancel", ContextCall::with_cancel},
    {"WithCancelCause", ContextCall::with_cancel_cause},
    {"WithTimeout", ContextCall::with_timeout},
    {"WithTimeoutCause", ContextCall::with_timeout_cause},
    {"WithDeadline", ContextCall::with_deadline},
    {"WithDeadlineCause", ContextCall::with_deadline_cause},
    {"WithValue", ContextCall::with_value},
    {"WithoutCancel", ContextCall::without_cancel},
}};

}  // namespace

ContextCall context_call_named(std::string_view name) {
  for (const NamedCall& c : kContextCalls)
    if (c.name == name) return c.kind;
  return ContextCall::none;
}

std::string_view context_func_name(ContextCall c) {
  for (const NamedCall& n : kContextCalls)
    if (n.kind == c) return n.name;
  return {};
}

bool returns_cancel(ContextCall c) {
  return c == ContextCall::with_cancel || c == ContextCall::with_cancel_cause || sets_deadline(c);
}

std::string_view package_member(const sema::PackageInfo* info, const Expr* e, std::string_view path) {
  auto* sel = as<SelectorExpr>(unparen(e));
  if (!info || !sel || !sel->sel) return {};
  auto* x = as<Ident>(unparen(sel->x));
  if (!x) return {};
  const sema::Object* o = info->use_of(x);
  if (!o || o->kind != sema::ObjectKind::PkgName || !is_package(o->imported_path, path)) return {};
  return sel->sel->name;
}

ContextCall context_call(const sema::PackageInfo* info, const Expr* e) {
  auto* call = as<CallExpr>(unparen(e));
  if (!call) return ContextCall::none;
  std::string_view name = package_member(info, call->fun, "context");
  return name.empty() ? ContextCall::none : context_call_named(name);
}

bool is_context_type(const sema::PackageInfo* info, const Expr* type) {
  return package_member(info, type, "context") == "Context";
}

bool is_context_value(const sema::PackageInfo* info, const Expr* e) {
  if (!info || !e) return false;
  const sema::Type* t = sema::unalias(info->type_of(e));
  if (t && t->kind == sema::TypeKind::Named)
    return t->name == "Context" && is_package(t->pkg_path(), "context");
  return value_type_package(info, e) == "context" && value_type_name(info, e) == "Context";
}

namespace {

// `e` is `otel.GetTextMapPropagator()` (go.opentelemetry.io/otel), or a local declared from it
// (`p := otel.GetTextMapPropagator()`): a propagation.TextMapPropagator, which the declaration
// fixes whatever is assigned later.
bool global_propagator(const sema::PackageInfo* info, const Expr* e) {
  e = unparen(e);
  if (auto* call = as<CallExpr>(e))
    return call->args.empty() && package_member(info, call->fun, "go.opentelemetry.io/otel") == "GetTextMapPropagator";
  auto* id = as<Ident>(e);
  const sema::Object* o = id ? info->use_of(id) : nullptr;
  if (!o || o->kind != sema::ObjectKind::Var || o->value_index < 0) return false;
  const Expr* value = nullptr;
  if (auto* a = as<AssignStmt>(o->decl); a && a->tok == Tok::DEFINE && a->lhs.size() == a->rhs.size() &&
                                         size_t(o->value_index) < a->rhs.size())
    value = a->rhs[size_t(o->value_index)];
  if (auto* v = as<ValueSpec>(o->decl); v && !v->type && v->names.size() == v->values.size() &&
                                        size_t(o->value_index) < v->values.size())
    value = v->values[size_t(o->value_index)];
  return value && is<CallExpr>(unparen(value)) && global_propagator(info, value);
}

}  // namespace

bool ignores_cancellation(const sema::PackageInfo* info, const CallExpr* call) {
  if (!info || !call) return false;
  auto* sel = as<SelectorExpr>(unparen(call->fun));
  if (const sema::Object* o = callee_of(info, call); o && o->kind == sema::ObjectKind::Func) {
    std::string_view pkg = canonical_package(o->pkg_path()), n = o->name;
    if (pkg == "net" && o->is_method && o->owner == "ListenConfig")
      return n == "Listen" || n == "ListenPacket";
    if (pkg == "log/slog")
      return n == "Log" || n == "LogAttrs" || n == "DebugContext" || n == "InfoContext" ||
             n == "WarnContext" || n == "ErrorContext";
    if (pkg == "go.opentelemetry.io/otel/metric" && o->is_method) return n == "Add" || n == "Record";
    if (pkg == "go.opentelemetry.io/otel/propagation" && o->is_method) return n == "Extract" || n == "Inject";
  }
  // An instrument whose interface type sema could not resolve (no source for the otel module):
  // the receiver's declared type names it.
  if (sel && sel->sel && (sel->sel->name == "Add" || sel->sel->name == "Record"))
    return canonical_package(value_type_package(info, sel->x)) == "go.opentelemetry.io/otel/metric";
  if (sel && sel->sel && (sel->sel->name == "Extract" || sel->sel->name == "Inject"))
    return canonical_package(value_type_package(info, sel->x)) == "go.opentelemetry.io/otel/propagation" ||
           global_propagator(info, sel->x);
  return false;
}

}  // namespace gotrap::facts
