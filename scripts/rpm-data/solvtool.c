/* A libsolv helper for the rpm-data scripts, with rpm semantics (Debian's
 * libsolv tools default to Debian's: installcheck reads noarch as foreign and
 * compares versions the Debian way, so they cannot check rpm repositories).
 *
 *   solvtool testtags OUT PRIMARY [FILELISTS]
 *       write the rpm-md repository as libsolv testtags (for testcases)
 *   solvtool installcheck ARCH REPO...        REPO = PRIMARY[,FILELISTS]
 *       every package installable? prints the problems, exit 1 if not
 *
 * Built by scripts/rpm-data/solvtool.py: cc solvtool.c $(pkg-config --cflags
 * --libs libsolvext libsolv). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <solv/pool.h>
#include <solv/poolarch.h>
#include <solv/repo.h>
#include <solv/repo_rpmmd.h>
#include <solv/solv_xfopen.h>
#include <solv/solver.h>
#include <solv/solverdebug.h>
#include <solv/testcase.h>

static Pool *new_pool(const char *arch) {
  Pool *pool = pool_create();
  pool_setdisttype(pool, DISTTYPE_RPM);
  pool_setarch(pool, arch);
  pool_set_flag(pool, POOL_FLAG_ADDFILEPROVIDESFILTERED, 1);
  /* multilib: glibc.i686 next to glibc.x86_64 (without this, same-name
   * packages of different arches obsolete each other) */
  pool_set_flag(pool, POOL_FLAG_IMPLICITOBSOLETEUSESCOLORS, 1);
  return pool;
}

static void add_file(Repo *repo, const char *path, int flags) {
  FILE *fp = solv_xfopen(path, "r");
  if (!fp) {
    perror(path);
    exit(3);
  }
  if (repo_add_rpmmd(repo, fp, 0, flags)) {
    fprintf(stderr, "%s: %s\n", path, pool_errstr(repo->pool));
    exit(3);
  }
  fclose(fp);
}

/* REPO = PRIMARY[,FILELISTS] */
static Repo *add_repo(Pool *pool, const char *spec) {
  char *copy = strdup(spec);
  char *comma = strchr(copy, ',');
  if (comma)
    *comma++ = 0;
  Repo *repo = repo_create(pool, copy);
  add_file(repo, copy, 0);
  if (comma)
    add_file(repo, comma, REPO_EXTEND_SOLVABLES);
  free(copy);
  return repo;
}

static int cmd_testtags(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    fprintf(stderr, "usage: solvtool testtags OUT PRIMARY [FILELISTS]\n");
    return 2;
  }
  Pool *pool = new_pool("x86_64");
  Repo *repo = repo_create(pool, "repo");
  add_file(repo, argv[1], 0);
  if (argc == 3)
    add_file(repo, argv[2], REPO_EXTEND_SOLVABLES);
  FILE *out = solv_xfopen(argv[0], "w");
  if (!out) {
    perror(argv[0]);
    return 3;
  }
  testcase_write_testtags(repo, out);
  fclose(out);
  pool_free(pool);
  return 0;
}

static int cmd_installcheck(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: solvtool installcheck ARCH PRIMARY[,FILELISTS]...\n");
    return 2;
  }
  Pool *pool = new_pool(argv[0]);
  for (int i = 1; i < argc; i++)
    add_repo(pool, argv[i]);
  pool_addfileprovides(pool);
  pool_createwhatprovides(pool);
  int bad = 0, checked = 0;
  Queue job;
  queue_init(&job);
  Id p;
  Solvable *s;
  FOR_POOL_SOLVABLES(p) {
    s = pool->solvables + p;
    if (!s->repo || !pool_installable(pool, s))
      continue;
    checked++;
    queue_empty(&job);
    queue_push2(&job, SOLVER_INSTALL | SOLVER_SOLVABLE, p);
    Solver *solv = solver_create(pool);
    if (solver_solve(solv, &job)) {
      bad++;
      printf("can't install %s:\n", pool_solvable2str(pool, s));
      int count = solver_problem_count(solv);
      for (Id problem = 1; problem <= count; problem++)
        printf("  %s\n", solver_problem2str(solv, problem));
    }
    solver_free(solv);
  }
  queue_free(&job);
  printf("%d of %d packages installable\n", checked - bad, checked);
  pool_free(pool);
  return bad ? 1 : 0;
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "testtags"))
    return cmd_testtags(argc - 2, argv + 2);
  if (argc >= 2 && !strcmp(argv[1], "installcheck"))
    return cmd_installcheck(argc - 2, argv + 2);
  fprintf(stderr, "usage: solvtool testtags|installcheck ...\n");
  return 2;
}
