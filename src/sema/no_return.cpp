#include "sema/no_return.h"

#include <span>
#include <string_view>

#include "sema/sema.h"

namespace gotrap::sema {

using namespace ast;

namespace {

struct NeverReturning {
  std::string_view package;  // import path
  std::span<const std::string_view> names;
};

constexpr std::string_view kOs[] = {"Exit"};
constexpr std::string_view kRuntime[] = {"Goexit"};
constexpr std::string_view kLog[] = {"Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"};
constexpr std::string_view kTesting[] = {"Fatal", "Fatalf", "FailNow", "Skip", "Skipf", "SkipNow"};
constexpr std::string_view kKlog[] = {"Fatal", "Fatalf",  "Fatalln", "FatalDepth",
                                      "Exit",  "Exitf",   "Exitln",  "ExitDepth"};
constexpr std::string_view kLogrus[] = {"Fatal",  "Fatalf",  "Fatalln", "Panic",
                                        "Panicf", "Panicln", "Exit"};
// Ginkgo's Fail and AbortSuite panic (the framework recovers at the spec's boundary); Skip too.
// github.com/bsm/ginkgo is a fork with the same API.
constexpr std::string_view kGinkgo[] = {"Fail", "Skip", "AbortSuite"};
constexpr NeverReturning kPackages[] = {
    {"os", kOs},
    {"runtime", kRuntime},
    {"log", kLog},
    {"testing", kTesting},
    {"k8s.io/klog", kKlog},
    {"k8s.io/klog/v2", kKlog},
    {"github.com/sirupsen/logrus", kLogrus},
    {"github.com/onsi/ginkgo", kGinkgo},
    {"github.com/onsi/ginkgo/v2", kGinkgo},
    {"github.com/bsm/ginkgo", kGinkgo},
    {"github.com/bsm/ginkgo/v2", kGinkgo},
};

// Every name above, by first letter: the cheap test every call statement of every graph takes
// before any lookup.
constexpr bool is_known_name(std::string_view name) {
  if (name.size() < 4 || name.size() > 10) return false;
  auto any = [name](std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
      if (n == name) return true;
    return false;
  };
  switch (name[0]) {
    case 'A': return name == "AbortSuite";
    case 'E': return any({"Exit", "Exitf", "Exitln", "ExitDepth"});
    case 'F': return name[1] == 'a' && any({"Fatal", "Fatalf", "Fatalln", "FatalDepth", "Fail", "FailNow"});
    case 'G': return name == "Goexit";
    case 'P': return name[1] == 'a' && any({"Panic", "Panicf", "Panicln"});
    case 'S': return name[1] == 'k' && any({"Skip", "Skipf", "SkipNow"});
    default: return false;
  }
}

constexpr bool every_listed_name_is_known() {
  for (const NeverReturning& p : kPackages)
    for (std::string_view n : p.names)
      if (!is_known_name(n)) return false;
  return true;
}
static_assert(every_listed_name_is_known(), "add the name to is_known_name");

bool is_listed(std::string_view package, std::string_view name) {
  for (const NeverReturning& p : kPackages) {
    if (p.package != package) continue;
    for (std::string_view n : p.names)
      if (n == name) return true;
  }
  return false;
}

}  // namespace

bool is_no_return_member(std::string_view package_path, std::string_view name) {
  return is_listed(package_path, name);
}

bool is_no_return_call(const Node* n, const PackageInfo* info, UnresolvedCallee unresolved) {
  while (const auto* pe = as<ParenExpr>(n)) n = pe->x;
  const auto* call = as<CallExpr>(n);
  if (!call) return false;
  const Node* fun = call->fun;
  while (const auto* pe = as<ParenExpr>(fun)) fun = pe->x;
  const Ident* name = nullptr;
  if (const auto* id = as<Ident>(fun)) name = id;
  else if (const auto* se = as<SelectorExpr>(fun)) name = se->sel;
  if (!name) return false;
  // An identifier names an object of the same name: only these names can be one of the list.
  bool is_panic = name->name == "panic";
  if (!is_panic && !is_known_name(name->name)) return false;
  const Object* obj = info ? info->use_of(name) : nullptr;
  if (!obj) {
    // Without a semantic model, `panic(...)` is the builtin; a method of a value of unknown type
    // is judged by its name only if the caller asks for that.
    if (is_panic) return !info && name == fun;
    // `x.Fail()` is as likely testing.T's Fail, which returns, as Ginkgo's: not a guess.
    return unresolved == UnresolvedCallee::NeverReturnsIfNamedSo && name != fun && name->name != "Fail";
  }
  if (obj->kind == ObjectKind::Builtin) return obj->builtin == Builtin::Panic;
  return is_listed(obj->pkg_path(), obj->name);
}

}  // namespace gotrap::sema
