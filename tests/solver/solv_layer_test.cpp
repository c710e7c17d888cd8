// Unit tests of backends/solv: the RAII layer over libsolv.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "backends/solv/pool.hpp"
#include "backends/solv/queue.hpp"
#include "backends/solv/solver.hpp"
#include "common/digest.hpp"

namespace locidep::solv {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view universe = R"(Package: a
Version: 1.0
Architecture: amd64
Depends: b (>= 2)

Package: b
Version: 2.0
Architecture: amd64

Package: b
Version: 1.0
Architecture: amd64

Package: c
Version: 1.0
Architecture: amd64
Depends: nothing-provides-this

Package: d
Version: 1.0
Architecture: amd64
Conflicts: b
Depends: a
)";

TEST(Pool, DisttypeIsExplicitAndDecidesVersionOrder) {
  Pool deb(Disttype::deb, "amd64");
  Pool rpm(Disttype::rpm, "x86_64");
  EXPECT_EQ(deb.disttype(), Disttype::deb);
  EXPECT_EQ(rpm.disttype(), Disttype::rpm);
  // Debian: `~` sorts before anything.
  EXPECT_LT(deb.compare_versions("2.0~rc1", "2.0"), 0);
  EXPECT_GT(deb.compare_versions("1:1.0", "2.0"), 0);
  // rpm treats all separators as equal; Debian orders them.
  EXPECT_LT(deb.compare_versions("1.0+1", "1.0.1"), 0);
  EXPECT_EQ(rpm.compare_versions("1.0+1", "1.0.1"), 0);
}

TEST(Pool, TypedIdsAndStrings) {
  Pool pool(Disttype::deb, "amd64");
  const StringId name = pool.intern("hello");
  EXPECT_TRUE(name);
  EXPECT_EQ(pool.str(name), "hello");
  EXPECT_EQ(pool.find_string("hello"), name);
  EXPECT_FALSE(pool.find_string("never-interned-xyz"));
  const DependencyId rel =
      pool.relation(as_dependency(name), RelationOp::ge, as_dependency(pool.intern("1.0")));
  ASSERT_TRUE(pool.relation_of(rel));
  EXPECT_EQ(pool.relation_of(rel)->op, static_cast<int>(RelationOp::ge));
  EXPECT_EQ(pool.dependency_to_string(rel), "hello >= 1.0");
  EXPECT_FALSE(pool.relation_of(as_dependency(name)));
}

TEST(Repo, DebianPackagesAndWhatProvides) {
  Pool pool(Disttype::deb, "amd64");
  RepoView repo = pool.create_repo("test");
  const auto added = repo.add_debian_packages(universe);
  repo.internalize();
  ASSERT_EQ(added.size(), 5u);
  EXPECT_EQ(pool.name(added[0]), "a");
  EXPECT_EQ(pool.version(added[1]), "2.0");
  EXPECT_EQ(repo.size(), 5);
  pool.prepare();
  const auto b2 = pool.what_provides(pool.parse_dependency("b >= 2"));
  ASSERT_EQ(b2.size(), 1u);
  EXPECT_EQ(b2.front(), added[1]);
  EXPECT_EQ(pool.dependencies(added[0], DependencyKind::depends).size(), 1u);
  EXPECT_TRUE(pool.matches(added[1], pool.parse_dependency("b")));
  EXPECT_FALSE(pool.matches(added[2], pool.parse_dependency("b >= 2")));
}

TEST(Repo, SolvImageKeepsCustomAttributes) {
  Pool pool(Disttype::deb, "amd64");
  RepoView repo = pool.create_repo("test");
  const auto added = repo.add_debian_packages(universe);
  const StringId priority = pool.intern("deb:priority");
  const StringId essential = pool.intern("deb:essential");
  repo.set_string(added[0], priority, "required");
  repo.set_flag(added[0], essential);
  repo.internalize();
  const std::string image = repo.to_solv();
  ASSERT_FALSE(image.empty());

  Pool other(Disttype::deb, "amd64");
  RepoView loaded = other.create_repo("from-image");
  const auto reloaded = loaded.add_solv(image);
  ASSERT_EQ(reloaded.size(), 5u);
  EXPECT_EQ(other.lookup_string(reloaded[0], other.intern("deb:priority")), "required");
  EXPECT_TRUE(other.lookup_flag(reloaded[0], other.intern("deb:essential")));
  EXPECT_FALSE(other.lookup_flag(reloaded[1], other.intern("deb:essential")));
}

TEST(Repo, CopyBetweenPoolsKeepsDependencies) {
  Pool pool(Disttype::deb, "amd64");
  RepoView repo = pool.create_repo("test");
  const auto added = repo.add_debian_packages(universe);
  repo.internalize();
  Pool other(Disttype::deb, "amd64");
  RepoView target = other.create_repo("copy");
  const StringId no_keys[] = {pool.intern("unused")};
  const SolvableId copy = target.add_copy(pool, added[4], no_keys, {});
  target.internalize();
  EXPECT_EQ(other.describe(copy), "d=1.0:amd64");
  EXPECT_EQ(other.dependency_to_string(other.dependencies(copy, DependencyKind::conflicts).at(0)),
            "b");
  EXPECT_EQ(other.dependency_to_string(other.dependencies(copy, DependencyKind::depends).at(0)),
            "a");
}

TEST(Solver, InstallPicksBestAndTransactionLists) {
  Pool pool(Disttype::deb, "amd64");
  RepoView repo = pool.create_repo("test");
  const auto added = repo.add_debian_packages(universe);
  repo.internalize();
  pool.prepare();
  Jobs jobs;
  jobs.install(added[0]);
  Solver solver(pool);
  ASSERT_TRUE(solver.solve(jobs).empty());
  const auto result = solver.transaction().installed_result();
  std::vector<std::string> names;
  for (SolvableId id : result.changed) names.push_back(pool.describe(id));
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a=1.0:amd64", "b=2.0:amd64"}));
}

TEST(Solver, UnsolvableIsAResultWithReadableProblems) {
  Pool pool(Disttype::deb, "amd64");
  RepoView repo = pool.create_repo("test");
  const auto added = repo.add_debian_packages(universe);
  repo.internalize();
  pool.prepare();
  Jobs jobs;
  jobs.install(added[3]);  // c needs something nothing provides
  Solver solver(pool);
  const auto problems = solver.solve(jobs);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rule.kind, "nothing provides");
  EXPECT_EQ(problems[0].rule.dependency, "nothing-provides-this");
  EXPECT_NE(problems[0].rule.source.find("c-1.0"), std::string::npos) << problems[0].rule.source;
  EXPECT_NE(problems[0].description.find("nothing-provides-this"), std::string::npos);
  EXPECT_FALSE(problems[0].solutions.empty());

  Jobs conflicting;
  conflicting.install(added[4]);  // d conflicts with b, but needs a → b
  Solver second(pool);
  const auto conflicts = second.solve(conflicting);
  ASSERT_FALSE(conflicts.empty());
  EXPECT_FALSE(conflicts[0].description.empty());
}

TEST(Solver, EraseWithCleanDepsAndUnneeded) {
  Pool pool(Disttype::deb, "amd64");
  RepoView installed = pool.create_repo("@System");
  const auto ids = installed.add_debian_packages(
      "Package: a\nVersion: 1.0\nArchitecture: amd64\nDepends: b\n\n"
      "Package: b\nVersion: 1.0\nArchitecture: amd64\n");
  installed.internalize();
  pool.set_installed(installed);
  pool.prepare();
  Jobs jobs;
  jobs.erase_name(as_dependency(pool.name_id(ids[0])), /*clean_deps=*/true);
  Solver solver(pool);
  ASSERT_TRUE(solver.solve(jobs).empty());
  auto erased = solver.transaction().erased();
  std::sort(erased.begin(), erased.end());
  EXPECT_EQ(erased, ids);
}

TEST(Solver, TestcaseWritesAndReplays) {
  Pool pool(Disttype::deb, "amd64");
  RepoView repo = pool.create_repo("test");
  const auto added = repo.add_debian_packages(universe);
  repo.internalize();
  pool.prepare();
  Jobs jobs;
  jobs.install(added[0]);
  Solver solver(pool);
  ASSERT_TRUE(solver.solve(jobs).empty());
  const fs::path dir =
      fs::temp_directory_path() / ("locidep-testcase-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  solver.write_testcase(dir);
  ASSERT_TRUE(fs::exists(dir / "testcase.t"));
  EXPECT_EQ(replay_testcase(dir / "testcase.t"), "");
  fs::remove_all(dir);
}

TEST(Queue, OwnsAndConverts) {
  Queue queue(std::vector<int>{1, 2, 3});
  queue.push(4);
  Queue copy = queue;
  EXPECT_EQ(copy.to_vector(), (std::vector<int>{1, 2, 3, 4}));
  Queue moved = std::move(copy);
  EXPECT_EQ(moved.size(), 4);
}

TEST(Hashing, Sha256) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace locidep::solv
