// Cost of the semantic model: load, parse, sema (resolution + types) and CFG construction over a
// source tree (by default all of GOROOT/src), one thread, each phase timed on its own (CPU seconds).
// Usage: gotrap_sema_bench [--no-tests] [DIR]   (DIR defaults to $GOROOT/src; set GOROOT or pass DIR)
// --no-tests loads library files only, the set bench/sema/run.sh's go/types reference checks.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <time.h>
#include <vector>

#include "load/load.h"
#include "rules/support/walk.h"
#include "sema/cfg.h"
#include "sema/sema.h"
#include "syntax/parser.h"

namespace {

// Process CPU time, not wall time: the phases are compared on shared machines, where wall time
// depends on what else runs.
struct Clock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<Clock>;
  static constexpr bool is_steady = true;
  static time_point now() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return time_point(duration(rep(ts.tv_sec) * 1000000000 + ts.tv_nsec));
  }
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Page faults and kernel time so far: a phase that touches much fresh memory pays for it in the
// kernel, which CPU time includes but instruction counts do not show.
struct Faults {
  long minor = 0;
  double sys = 0;
  static Faults now() {
    rusage u;
    getrusage(RUSAGE_SELF, &u);
    return {u.ru_minflt, u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6};
  }
};
std::string fault_note(const Faults& before) {
  Faults after = Faults::now();
  char buf[96];
  std::snprintf(buf, sizeof buf, "  [%ld page faults, %.3f s in kernel]", after.minor - before.minor,
                after.sys - before.sys);
  return buf;
}

// FNV-1a over the shape of every graph, in body order.
using Bodies = std::vector<std::pair<const gotrap::ast::BlockStmt*, const gotrap::sema::PackageInfo*>>;
uint64_t cfg_digest(const Bodies& bodies) {
  uint64_t h = 14695981039346656037ull;
  auto mix = [&h](uint64_t v) {
    for (int i = 0; i < 8; ++i, v >>= 8) h = (h ^ (v & 0xff)) * 1099511628211ull;
  };
  gotrap::sema::Cfg cfg;
  for (auto& [body, info] : bodies) {
    gotrap::sema::build_cfg(body, info, cfg);
    mix(cfg.blocks.size());
    mix(uint64_t(cfg.exit));
    for (const gotrap::sema::CfgBlock& b : cfg.blocks) {
      mix(b.live);
      mix(b.nodes.size());
      for (const gotrap::ast::Node* n : b.nodes) mix(uint64_t(n->kind) << 32 | n->pos());
      mix(b.succs.size());
      for (int s : b.succs) mix(uint64_t(s));
    }
  }
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace gotrap;
  std::string dir;
  load::Options options;
  int arg = 1;
  if (arg < argc && std::string_view(argv[arg]) == "--no-tests") {
    options.tests = false;
    ++arg;
  }
  if (arg < argc) dir = argv[arg];
  else if (const char* goroot = std::getenv("GOROOT")) dir = std::string(goroot) + "/src";
  if (dir.empty()) {
    std::fprintf(stderr, "usage: %s [--no-tests] DIR   (or set GOROOT)\n", argv[0]);
    return 2;
  }

  Faults f0 = Faults::now();
  auto t0 = Clock::now();
  load::LoadResult loaded = load::load({dir + "/..."}, options);
  double load_s = seconds_since(t0);
  std::string load_faults = fault_note(f0);

  size_t bytes = 0, file_count = 0;
  std::vector<std::unique_ptr<syntax::ParsedFile>> parsed;
  std::vector<std::vector<const syntax::ParsedFile*>> package_files;
  f0 = Faults::now();
  t0 = Clock::now();
  for (load::Package& pkg : loaded.packages) {
    package_files.emplace_back();
    for (load::SourceFile& f : pkg.files) {
      bytes += f.text.size();
      ++file_count;
      parsed.push_back(syntax::parse_file(f.path, std::move(f.text)));
      package_files.back().push_back(parsed.back().get());
    }
  }
  double parse_s = seconds_since(t0);
  std::string parse_faults = fault_note(f0);

  f0 = Faults::now();
  t0 = Clock::now();
  sema::Program program;
  std::vector<sema::PackageInfo*> infos;
  for (size_t i = 0; i < loaded.packages.size(); ++i) {
    infos.push_back(program.add_package(loaded.packages[i].import_path, std::move(package_files[i])));
    infos.back()->vendor_std_imports = loaded.packages[i].module && loaded.packages[i].module->path == "std";
  }
  program.analyze();
  double sema_s = seconds_since(t0);
  std::string sema_faults = fault_note(f0);

  // For scale, not part of the model: one bare visit of every node, the least any pass over the
  // trees costs.
  t0 = Clock::now();
  size_t nodes = 0;
  for (const sema::PackageInfo* info : infos)
    for (const syntax::ParsedFile* f : info->files)
      rules::support::for_each_node(f->file, [&](const ast::Node*) { ++nodes; });
  double walk_s = seconds_since(t0);

  // Function bodies (declarations and literals) are collected first; only graph building is timed.
  std::vector<std::pair<const ast::BlockStmt*, const sema::PackageInfo*>> bodies;
  for (const sema::PackageInfo* info : infos)
    for (const syntax::ParsedFile* f : info->files)
      rules::support::for_each_node(f->file, [&](const ast::Node* n) {
        if (const ast::BlockStmt* body = rules::support::func_body(n)) bodies.push_back({body, info});
      });
  f0 = Faults::now();
  t0 = Clock::now();
  size_t blocks = 0;
  sema::Cfg cfg;  // one graph at a time, as a rule checking function after function would
  for (auto& [body, info] : bodies) {
    sema::build_cfg(body, info, cfg);
    blocks += cfg.blocks.size();
  }
  double cfg_s = seconds_since(t0);
  std::string cfg_faults = fault_note(f0);

  size_t uses = 0, typed = 0, typed_others = 0, typed_hashed = 0, idents = 0;
  for (const sema::PackageInfo* info : infos) {
    uses += info->uses.size();
    typed += info->types.size();
    typed_others += info->types.others_size();
    typed_hashed += info->types.hashed_size();
    idents += info->idents.size();
  }
  std::printf("sema bench over %s\n", dir.c_str());
  std::printf("  packages %zu, files %zu, %.1f MB\n", loaded.packages.size(), file_count, bytes / 1e6);
  std::printf("  load   %7.3f s%s\n", load_s, load_faults.c_str());
  std::printf("  parse  %7.3f s  (%.0f MB/s)%s\n", parse_s, bytes / 1e6 / parse_s, parse_faults.c_str());
  std::printf("  sema   %7.3f s  (%zu uses resolved, %zu expressions typed)%s\n", sema_s, uses, typed,
              sema_faults.c_str());
  std::printf("         (%zu identifiers recorded, %zu other expressions typed, %zu of them hashed)\n", idents,
              typed_others, typed_hashed);
  std::printf("  cfg    %7.3f s  (%zu bodies, %zu blocks)%s\n", cfg_s, bodies.size(), blocks,
              cfg_faults.c_str());
  std::printf("  walk   %7.3f s  (%zu nodes visited once, for scale: the floor of any pass)\n", walk_s, nodes);
  std::printf("  sema+cfg / parse = %.2f\n", (sema_s + cfg_s) / parse_s);
  std::printf("  load+sema+cfg / parse = %.2f   (the issue's budget: <= 1)\n", (load_s + sema_s + cfg_s) / parse_s);
  // GOTRAP_CFG_DIGEST=1 adds an untimed second pass that hashes every graph (blocks, nodes by kind
  // and offset, successors, liveness): equal digests show a builder change left every graph as it was.
  if (const char* want = std::getenv("GOTRAP_CFG_DIGEST"); want && *want == '1')
    std::printf("  cfg digest %016llx\n", static_cast<unsigned long long>(cfg_digest(bodies)));
  return 0;
}
