// Parse throughput of gotrap's parser: every file of a list is read into memory first, then each
// round parses all of them on one thread; only parse_file and the release of its tree are timed.
// Each tree is dropped right after it is built, as goparsebench drops go/parser's (whose garbage
// collection is then timed too): both sides measure parsing, not the page faults of keeping
// hundreds of MB of trees alive.
// Usage: gotrap_parse_bench FILE_LIST [ROUNDS]   (FILE_LIST: one path per line)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "syntax/parser.h"

namespace {

struct Source {
  std::string path;
  std::string text;
};

std::vector<Source> read_sources(const char* list_path) {
  std::vector<Source> sources;
  std::ifstream list(list_path);
  for (std::string path; std::getline(list, path);) {
    if (path.empty()) continue;
    std::ifstream in(path, std::ios::binary);
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    sources.push_back({path, text.str()});
  }
  return sources;
}

// Process CPU time: on a machine shared with other jobs it moves much less than wall time.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE_LIST [ROUNDS]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::vector<Source> sources = read_sources(argv[1]);
  size_t bytes = 0;
  for (const Source& s : sources) bytes += s.text.size();
  if (sources.empty()) {
    std::fprintf(stderr, "no readable files in %s\n", argv[1]);
    return 2;
  }

  using Clock = std::chrono::steady_clock;
  double best = 1e300, best_cpu = 1e300;
  size_t errors = 0;
  for (int round = 0; round < rounds; ++round) {
    // Copies are made outside the timer: parse_file takes ownership of its text.
    std::vector<std::string> texts;
    texts.reserve(sources.size());
    for (const Source& s : sources) texts.push_back(s.text);
    Clock::duration total{};
    double cpu = 0;
    errors = 0;
    for (size_t i = 0; i < sources.size(); ++i) {
      double cpu_start = cpu_seconds();
      auto start = Clock::now();
      std::unique_ptr<gotrap::syntax::ParsedFile> parsed =
          gotrap::syntax::parse_file(sources[i].path, std::move(texts[i]));
      bool failed = !parsed->errors.empty();
      parsed.reset();
      total += Clock::now() - start;
      cpu += cpu_seconds() - cpu_start;
      errors += failed ? 1 : 0;
    }
    best = std::min(best, std::chrono::duration<double>(total).count());
    best_cpu = std::min(best_cpu, cpu);
  }
  double mb = double(bytes) / 1e6;
  std::printf("gotrap parser: %zu files, %.1f MB, best of %d rounds: wall %.3f s = %.1f MB/s, "
              "cpu %.3f s = %.1f MB/s (%zu files with syntax errors)\n",
              sources.size(), mb, rounds, best, mb / best, best_cpu, mb / best_cpu, errors);
  std::printf("gotrap_mb_per_s=%.1f\ngotrap_cpu_mb_per_s=%.1f\n", mb / best, mb / best_cpu);
  return 0;
}
