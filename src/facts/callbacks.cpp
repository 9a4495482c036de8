#include "facts/callbacks.h"

#include "facts/packages.h"
#include "facts/remote.h"
#include "sema/dsl_members.h"

namespace gotrap::facts {

std::string_view runs_after_return(const sema::PackageInfo* info, const ast::CallExpr* call, size_t k) {
  const sema::Object* callee = callee_of(info, call);
  // A member of a package gotrap has no source for (a dependency) is an Unknown object that
  // still knows its package and name.
  if (!callee || (callee->kind != sema::ObjectKind::Func &&
                  !(callee->kind == sema::ObjectKind::Unknown && callee->package_level)))
    return {};
  std::string_view path = canonical_package(callee->pkg_path());
  std::string_view name = callee->name;
  size_t n = call->args.size();
  if (!callee->is_method) {
    if (sema::is_ginkgo(path) && sema::is_ginkgo_later_node(name))
      return "kept by Ginkgo and run with the specs";
    if (path == "time" && name == "AfterFunc" && k == 1) return "run later by time.AfterFunc";
    if (path == "context" && name == "AfterFunc" && k == 1) return "run later by context.AfterFunc";
    if (path == "net/http" && (name == "HandleFunc" || name == "Handle") && k == 1 && n == 2)
      return "kept as an HTTP handler";
    return {};
  }
  std::string_view owner = callee->owner;
  if (path == "testing" && name == "Cleanup" && k == 0 && n == 1) return "run by the test's Cleanup after it ends";
  if (path == "net/http" && owner == "ServeMux" && (name == "HandleFunc" || name == "Handle") && k == 1)
    return "kept as an HTTP handler";
  return {};
}

}  // namespace gotrap::facts
