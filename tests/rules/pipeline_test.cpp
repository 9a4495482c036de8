// The overlapped parse + analysis gives the answers of analysing every package at once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "rules/pipeline.h"
#include "sema/debug_print.h"

namespace gotrap::rules {
namespace {

load::Package package(std::string import_path,
                      std::vector<std::pair<std::string, std::string>> files) {
  load::Package p;
  p.import_path = std::move(import_path);
  p.dir = p.import_path;
  for (auto& [name, text] : files) {
    load::SourceFile f;
    f.path = p.dir + "/" + name;
    f.text = std::move(text);
    f.is_test = f.path.ends_with("_test.go");
    p.files.push_back(std::move(f));
  }
  return p;
}

// Every package's use and type lines, one package after the other.
std::vector<std::string> dump(const std::vector<const sema::PackageInfo*>& infos) {
  std::vector<std::string> out;
  for (const sema::PackageInfo* info : infos) {
    out.push_back("package " + info->import_path);
    for (std::string& line : sema::use_lines(*info)) out.push_back(std::move(line));
    for (std::string& line : sema::type_lines(*info)) out.push_back(std::move(line));
  }
  return out;
}

// The reference: every package added first, then one analyze().
std::vector<std::string> dump_all_at_once(const std::vector<load::Package>& packages) {
  std::vector<std::unique_ptr<syntax::ParsedFile>> parsed;
  sema::Program program;
  program.keep_expression_files(true);
  std::vector<const sema::PackageInfo*> infos;
  for (const load::Package& p : packages) {
    std::vector<const syntax::ParsedFile*> files;
    for (const load::SourceFile& f : p.files) {
      parsed.push_back(syntax::parse_file(f.path, f.text));
      files.push_back(parsed.back().get());
    }
    infos.push_back(program.add_package(p.import_path, std::move(files)));
  }
  program.analyze();
  return dump(infos);
}

void expect_same_as_all_at_once(std::vector<load::Package>& packages) {
  std::vector<std::string> want = dump_all_at_once(packages);
  for (int threads : {1, 2, 4}) {
    AnalyzeOptions options;
    options.threads = threads;
    options.keep_expression_files = true;
    AnalyzedPackages got = parse_and_analyze(packages, options);
    ASSERT_EQ(got.infos.size(), packages.size());
    EXPECT_EQ(dump(got.infos), want) << threads << " thread(s)";

    // Flat memory: every package is handed over once, with the answers above, while the
    // packages done with are freed behind it (a batch per component here).
    std::vector<std::vector<std::string>> seen(packages.size());
    std::vector<int> handed(packages.size(), 0);
    options.batch_bytes = 1;
    options.parse_ahead_bytes = 1;
    options.check = [&](const AnalyzedPackages& analyzed, const std::vector<size_t>& batch) {
      for (size_t p : batch) {
        ++handed[p];
        seen[p] = dump({analyzed.infos[p]});
      }
    };
    AnalyzedPackages flat = parse_and_analyze(packages, options);
    std::vector<std::string> lines;
    for (size_t p = 0; p < packages.size(); ++p) {
      EXPECT_EQ(handed[p], 1) << packages[p].import_path;
      lines.insert(lines.end(), seen[p].begin(), seen[p].end());
    }
    EXPECT_EQ(lines, want) << threads << " thread(s), flat memory";
  }
}

TEST(Pipeline, ImporterBeforeImportedInLoadOrder) {
  std::vector<load::Package> packages = {
      package("m/a", {{"a.go", "package a\nimport \"m/b\"\nfunc F() int { return b.New().Size() + b.N }\n"}}),
      package("m/b", {{"b.go", "package b\nimport \"m/c\"\nconst N = 2\ntype T struct{ c.Base }\n"
                               "func New() *T { return &T{} }\n"},
                      {"t.go", "package b\nfunc (t *T) Size() int { return t.Width }\n"}}),
      package("m/c", {{"c.go", "package c\ntype Base struct{ Width int }\n"}}),
  };
  expect_same_as_all_at_once(packages);
}

// A package includes its internal tests, so p's tests importing q while q's tests import p is
// an import cycle in valid code (the go tool compiles each without its tests for the other).
TEST(Pipeline, PackagesWhoseTestsImportEachOther) {
  std::vector<load::Package> packages = {
      package("m/p", {{"p.go", "package p\ntype P struct{ X int }\nfunc Make() P { return P{1} }\n"},
                      {"p_test.go", "package p\nimport \"m/q\"\nvar useQ = q.Make().Y + Make().X\n"}}),
      package("m/q", {{"q.go", "package q\ntype Q struct{ Y int }\nfunc Make() Q { return Q{2} }\n"},
                      {"q_test.go", "package q\nimport \"m/p\"\nvar useP = p.Make().X + Make().Y\n"}}),
      package("m/q_test", {{"x_test.go", "package q_test\nimport (\"m/p\"; \"m/q\")\n"
                                         "var v = p.Make().X + q.Make().Y\n"}}),
  };
  expect_same_as_all_at_once(packages);
}

TEST(Pipeline, ImportCycleInInvalidCode) {
  std::vector<load::Package> packages = {
      package("m/x", {{"x.go", "package x\nimport \"m/y\"\ntype X struct{ Y y.Y }\nvar V = y.Y{}.Z\n"}}),
      package("m/y", {{"y.go", "package y\nimport \"m/z\"\ntype Y struct{ Z int }\nvar W = z.Z\n"}}),
      package("m/z", {{"z.go", "package z\nimport \"m/x\"\nvar Z = len(x.X{}.Y.Z)\n"}}),
  };
  expect_same_as_all_at_once(packages);
}

// Program::find answers with the package added last under a path.
TEST(Pipeline, PackagesSharingAnImportPath) {
  std::vector<load::Package> packages = {
      package("m/user", {{"u.go", "package user\nimport \"m/dup\"\nvar V = dup.Second + dup.Shared\n"}}),
      package("m/dup", {{"a.go", "package dup\nconst First, Shared = 1, \"a\"\n"}}),
      package("m/dup", {{"b.go", "package dup\nconst Second, Shared = 2, 3\n"}}),
  };
  expect_same_as_all_at_once(packages);
}

TEST(Pipeline, SyntaxErrorsAreKeptPerFileInLoadOrder) {
  std::vector<load::Package> packages = {
      package("m/bad", {{"a.go", "package bad\nfunc (\n"}, {"b.go", "package bad\nvar X = 1\n"}}),
      package("m/use", {{"u.go", "package use\nimport \"m/bad\"\nvar Y = bad.X +\n"}}),
  };
  AnalyzeOptions options;
  options.threads = 2;
  AnalyzedPackages got = parse_and_analyze(packages, options);
  ASSERT_EQ(got.parsed.size(), 2u);
  ASSERT_EQ(got.parsed[0].size(), 2u);
  EXPECT_EQ(got.parsed[0][0]->path, "m/bad/a.go");
  EXPECT_FALSE(got.parsed[0][0]->ok());
  EXPECT_TRUE(got.parsed[0][1]->ok());
  EXPECT_FALSE(got.parsed[1][0]->ok());
  EXPECT_NE(got.infos[0], nullptr);
  EXPECT_NE(got.infos[1], nullptr);
  expect_same_as_all_at_once(packages);
}

TEST(Pipeline, ManyPackagesWithManyThreads) {
  // A chain longer than a recursive walk would like, in reverse load order.
  std::vector<load::Package> packages;
  constexpr int kChain = 3000;
  for (int i = 0; i < kChain; ++i) {
    std::string next = i + 1 < kChain ? "import \"m/p" + std::to_string(i + 1) + "\"\n" : "";
    std::string use = i + 1 < kChain ? "var V = p" + std::to_string(i + 1) + ".V + 1\n" : "var V = 1\n";
    packages.push_back(package("m/p" + std::to_string(i), {{"p.go", "package p" + std::to_string(i) + "\n" + next + use}}));
  }
  AnalyzeOptions options;
  options.threads = 4;
  AnalyzedPackages got = parse_and_analyze(packages, options);
  ASSERT_EQ(got.infos.size(), size_t(kChain));
  const sema::Object* v = got.infos[0]->member("V");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(got.program->type_of_object(v)->kind, sema::TypeKind::Basic);
  EXPECT_GT(got.parse_seconds, 0);

}

// Checked as the analysis goes, a package is freed once it and its importers are checked; what
// they import stays as long as an importer is left.
TEST(Pipeline, FlatMemoryFreesWhatNothingLeftNeeds) {
  std::vector<load::Package> packages;
  constexpr int kLeaves = 200;
  packages.push_back(package("m/base", {{"b.go", "package base\ntype T struct{ N int }\n"}}));
  for (int i = 0; i < kLeaves; ++i) {
    std::string name = "l" + std::to_string(i);
    packages.push_back(package("m/" + name, {{"l.go", "package " + name + "\nimport \"m/base\"\n"
                                                        "var V = base.T{}.N\n"}}));
  }
  for (int threads : {1, 2}) {
    AnalyzeOptions options;
    options.threads = threads;
    options.batch_bytes = 64;
    std::vector<const sema::Type*> types(packages.size(), nullptr);
    std::vector<int> freed_before(packages.size(), 0);
    options.check = [&](const AnalyzedPackages& analyzed, const std::vector<size_t>& batch) {
      EXPECT_TRUE(analyzed.parsed[0][0]);  // base: imported by leaves still to come
      for (size_t p : batch) {
        ASSERT_TRUE(analyzed.parsed[p][0]);
        if (p == 0) continue;
        const sema::Object* obj = analyzed.infos[p]->member("V");
        ASSERT_NE(obj, nullptr);
        types[p] = analyzed.program->type_of_object(obj);
      }
    };
    size_t released = 0;
    options.before_release = [&](const AnalyzedPackages& analyzed, const std::vector<size_t>& gone) {
      for (size_t p : gone) {
        EXPECT_NE(p, 0u);  // base outlives its importers, which are all freed by the last batch
        EXPECT_TRUE(analyzed.parsed[p][0]);
        ++released;
      }
    };
    AnalyzedPackages flat = parse_and_analyze(packages, options);
    size_t alive = 0;
    for (size_t p = 1; p < packages.size(); ++p) {
      ASSERT_NE(types[p], nullptr) << p;
      EXPECT_EQ(types[p]->kind, sema::TypeKind::Basic);
      if (flat.parsed[p][0]) ++alive;
    }
    EXPECT_EQ(alive + released, size_t(kLeaves));
    EXPECT_LT(alive, size_t(kLeaves) / 4);
  }
}


// Deferred texts (load::SourceFile::text_deferred) are read as their files are parsed, each by
// the thread that parses it, and the analysis is the one of texts read up front. A text the
// file-facts cache vouched for counts as read late; one the loader let go does not.
TEST(Pipeline, DeferredTextsAreReadWhenParsed) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("gotrap-pipeline-deferred-" + std::to_string(getpid()));
  fs::remove_all(dir);
  std::vector<load::Package> packages;
  constexpr int kLeaves = 40;
  packages.push_back(package((dir / "base").string(), {{"b.go", "package base\ntype T struct{ N int }\n"}}));
  for (int i = 0; i < kLeaves; ++i) {
    std::string name = "l" + std::to_string(i);
    packages.push_back(package((dir / name).string(), {{"l.go", "package " + name + "\nimport \"" +
                                                                     (dir / "base").string() +
                                                                     "\"\nvar V = base.T{}.N\n"}}));
  }
  std::vector<load::Package> deferred = packages;
  for (size_t p = 0; p < deferred.size(); ++p) {
    fs::create_directories(deferred[p].dir);
    for (load::SourceFile& file : deferred[p].files) {
      std::ofstream(file.path, std::ios::binary) << file.text;
      ASSERT_TRUE(load::stat_file(file.path, file.stat));
      file.text.clear();
      file.header_known = true;  // as the loader leaves it: the imports are known without the text
      if (p > 0) file.imports = {(dir / "base").string()};
      file.text_deferred = true;
      file.text_released = p % 2 == 0;
    }
  }
  for (int threads : {1, 2}) {
    AnalyzeOptions options;
    options.threads = threads;
    options.keep_expression_files = true;
    AnalyzedPackages want = parse_and_analyze(packages, options);
    std::vector<load::Package> copy = deferred;
    AnalyzedPackages got = parse_and_analyze(copy, options);
    EXPECT_EQ(dump(got.infos), dump(want.infos)) << threads << " thread(s)";
    EXPECT_EQ(got.texts_read_late, kLeaves / 2) << threads << " thread(s)";
    EXPECT_FALSE(got.texts_changed);
    for (size_t p = 0; p < copy.size(); ++p) {
      EXPECT_FALSE(copy[p].files[0].text_deferred);
      EXPECT_EQ(copy[p].files[0].text, packages[p].files[0].text);
    }

    // Checked as the analysis goes: after_release names each freed package once, its trees gone.
    copy = deferred;
    options.keep_expression_files = false;
    options.batch_bytes = 64;
    std::vector<int> checked(copy.size(), 0), freed(copy.size(), 0);
    const AnalyzedPackages* current = nullptr;
    options.check = [&](const AnalyzedPackages& analyzed, const std::vector<size_t>& batch) {
      current = &analyzed;
      for (size_t p : batch) {
        ++checked[p];
        EXPECT_EQ(copy[p].files[0].text, packages[p].files[0].text);
      }
    };
    options.after_release = [&](const std::vector<size_t>& gone) {
      ASSERT_NE(current, nullptr);
      for (size_t p : gone) {
        EXPECT_EQ(checked[p], 1);
        EXPECT_FALSE(current->parsed[p][0]);
        ++freed[p];
      }
    };
    AnalyzedPackages flat = parse_and_analyze(copy, options);
    int freed_count = 0;
    for (size_t p = 0; p < copy.size(); ++p) {
      EXPECT_EQ(checked[p], 1);
      EXPECT_LE(freed[p], 1);
      freed_count += freed[p];
    }
    EXPECT_GT(freed_count, kLeaves / 2);
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace gotrap::rules
