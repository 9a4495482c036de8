#include "facts/remote.h"

#include "facts/context.h"
#include "facts/packages.h"
#include "facts/types.h"
#include "facts/walk.h"

namespace gotrap::facts {

using namespace gotrap::ast;

namespace {

constexpr std::string_view kGrpc = "google.golang.org/grpc";

// The spelled result types of a signature.
bool result_is_stream(const FuncType* sig, const sema::PackageInfo* info) {
  if (!sig || !sig->results) return false;
  for (const Field* f : sig->results->list) {
    // Generated streaming clients return an interface embedding grpc.ClientStream (or, since
    // grpc-go 1.64, grpc.ServerStreamingClient[T] / BidiStreamingClient / ClientStreamingClient).
    const Expr* t = unparen(f->type);
    if (auto* ix = as<IndexExpr>(t)) t = unparen(ix->x);
    if (auto* ixl = as<IndexListExpr>(t)) t = unparen(ixl->x);
    if (std::string_view m = package_member(info, t, kGrpc); m.ends_with("StreamingClient") || m == "ClientStream")
      return true;
    auto* id = as<Ident>(t);
    const sema::Object* o = id ? info->use_of(id) : nullptr;
    const sema::Type* u = o && o->kind == sema::ObjectKind::TypeName ? sema::underlying(o->type) : nullptr;
    if (u && u->kind == sema::TypeKind::Interface) {
      for (const sema::Method& m : u->methods)
        if (m.name == "Recv" || m.name == "CloseSend") return true;
      for (const sema::Type* e : u->embeds)
        if (type_package(e) == kGrpc) return true;
    }
    // An interface whose embedded grpc.ClientStream sema could not resolve: read its syntax.
    if (o && o->kind == sema::ObjectKind::TypeName && o->decl) {
      if (auto* ts = as<TypeSpec>(o->decl))
        if (auto* it = as<InterfaceType>(ts->type); it && it->methods)
          for (const Field* m : it->methods->list) {
            if (m->names.empty() && package_member(o->package(), m->type, kGrpc) == "ClientStream") return true;
            for (const Ident* n : m->names)
              if (n->name == "Recv" || n->name == "CloseSend") return true;
          }
    }
  }
  return false;
}

// A generated gRPC client method: a method whose last parameter is `...grpc.CallOption`.
RemoteCall grpc_call(const sema::Object* callee) {
  if (!callee || !callee->is_method) return {};
  const FuncType* sig = declared_signature(callee);
  if (!sig || !sig->params || sig->params->list.empty()) return {};
  const Field* last = sig->params->list.back();
  auto* ell = as<Ellipsis>(last->type);
  if (!ell || package_member(callee->package(), ell->elt, kGrpc) != "CallOption") return {};
  const Field* first = sig->params->list.front();
  if (!is_context_type(callee->package(), first->type)) return {};
  if (result_is_stream(sig, callee->package())) return {};
  return {RemoteKind::grpc, 0, "gRPC call"};
}

struct ClientPackage {
  std::string_view path;
  RemoteKind kind;
  std::string_view what;
};

// Clients whose requests have no time bound unless the context gives one. go-redis (ReadTimeout
// 3 s, WriteTimeout alike) and the Kafka clients (kafka-go's Writer: WriteTimeout 10 s; franz-go:
// request timeouts) bound their I/O by default, so a context without deadline does not leave
// them unbounded: they are not listed.
constexpr ClientPackage kClients[] = {
    {"database/sql", RemoteKind::sql, "database/sql call"},
};

// Methods of these clients that wait for events rather than answer a request: none of
// database/sql's.
bool waits_by_design(RemoteKind, std::string_view, std::string_view) { return false; }

}  // namespace

const sema::Object* callee_of(const sema::PackageInfo* info, const CallExpr* call) {
  if (!info || !call) return nullptr;
  const Expr* fun = unparen(call->fun);
  if (auto* ix = as<IndexExpr>(fun)) fun = unparen(ix->x);
  if (auto* ixl = as<IndexListExpr>(fun)) fun = unparen(ixl->x);
  if (auto* id = as<Ident>(fun)) return info->use_of(id);
  auto* sel = as<SelectorExpr>(fun);
  if (!sel || !sel->sel) return nullptr;
  if (const sema::Object* o = info->use_of(sel->sel)) return o;
  const sema::Type* t = info->type_of(sel->x);
  if (!t) {
    auto* x = as<Ident>(unparen(sel->x));
    const sema::Object* v = x ? info->use_of(x) : nullptr;
    if (v && v->kind == sema::ObjectKind::Var) t = v->type;
  }
  const sema::Object* m = t ? sema::lookup_field_or_method(t, sel->sel->name) : nullptr;
  return m && m->kind == sema::ObjectKind::Func ? m : nullptr;
}

bool calls_package_func(const sema::PackageInfo* info, const CallExpr* call, std::string_view pkg,
                        std::initializer_list<std::string_view> names) {
  const sema::Object* o = call ? callee_of(info, call) : nullptr;
  if (!o || !is_package(o->pkg_path(), pkg)) return false;
  for (std::string_view n : names)
    if (o->name == n) return true;
  return false;
}

const FuncType* declared_signature(const sema::Object* func) {
  if (!func) return nullptr;
  if (auto* fd = as<FuncDecl>(func->decl)) return fd->type;
  if (!func->ident || !func->file() || !func->file()->file) return nullptr;
  const Ident* target = func->ident;
  const FuncType* found = nullptr;
  inspect(func->file()->file, [&](const Node* n, std::span<const Node* const>) {
    if (found) return Visit::stop;
    if (!contains(n, target)) return Visit::skip;
    if (auto* fd = as<FuncDecl>(n); fd && fd->name == target) found = fd->type;
    if (auto* f = as<Field>(n))
      for (const Ident* id : f->names)
        if (id == target) found = as<FuncType>(f->type);
    return found ? Visit::stop : Visit::descend;
  });
  return found;
}

RemoteCall remote_call(const sema::PackageInfo* info, const CallExpr* call) {
  if (!info || !call || call->args.empty()) return {};
  auto* sel = as<SelectorExpr>(unparen(call->fun));
  if (!sel || !sel->sel) return {};
  const sema::Object* callee = callee_of(info, call);
  if (RemoteCall g = grpc_call(callee)) return g;
  if (callee && callee->is_method && callee->name == "Shutdown" && callee->owner == "Server" &&
      callee->pkg_path() == "net/http" && canonical_package(info->import_path) != "net/http")
    return {RemoteKind::drain, 0, "graceful shutdown that waits until every client connection is idle"};
  // Package-level functions are not client methods.
  if (auto* x = as<Ident>(unparen(sel->x)))
    if (const sema::Object* o = info->use_of(x); o && o->kind == sema::ObjectKind::PkgName) return {};
  std::string_view pkg = value_type_package(info, sel->x);
  if (pkg.empty()) return {};
  std::string_view here = canonical_package(info->import_path);
  for (const ClientPackage& c : kClients) {
    if (pkg != c.path) continue;
    // The client library's own calls on its own types are its internals, not a request made by
    // code that uses it.
    if (here == c.path || (here.starts_with(c.path) && here.size() > c.path.size() &&
                           here[c.path.size()] == '/'))
      return {};
    if (waits_by_design(c.kind, value_type_name(info, sel->x), sel->sel->name)) return {};
    // The context goes first in these APIs; the argument must be one.
    if (!is_context_value(info, call->args[0])) {
      // Unknown argument type: a root context call or a variable declared as one still counts.
      ContextCall cc = context_call(info, call->args[0]);
      bool known = cc != ContextCall::none;
      if (!known) {
        auto* id = as<Ident>(unparen(call->args[0]));
        const sema::Object* v = id ? info->use_of(id) : nullptr;
        known = v && is_context_type(v->package(), declared_type(v));
      }
      if (!known) return {};
    }
    return {c.kind, 0, c.what};
  }
  return {};
}

}  // namespace gotrap::facts
