#include "tests/support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

extern char** environ;

namespace locidep::test {
namespace {

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    read_end = fds[0];
    write_end = fds[1];
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read_end >= 0) ::close(read_end);
    read_end = -1;
  }
  void close_write() {
    if (write_end >= 0) ::close(write_end);
    write_end = -1;
  }
};

struct SpawnActions {
  posix_spawn_file_actions_t actions;
  SpawnActions() { posix_spawn_file_actions_init(&actions); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions); }
};

}  // namespace

ProcessResult run_process(const std::string& program, const std::vector<std::string>& arguments,
                          const std::filesystem::path& working_directory,
                          const std::string& stdin_text, const std::optional<std::string>& argv0) {
  Pipe in, out, err;
  SpawnActions spawn;
  posix_spawn_file_actions_adddup2(&spawn.actions, in.read_end, 0);
  posix_spawn_file_actions_adddup2(&spawn.actions, out.write_end, 1);
  posix_spawn_file_actions_adddup2(&spawn.actions, err.write_end, 2);
  if (!working_directory.empty()) {
    posix_spawn_file_actions_addchdir_np(&spawn.actions, working_directory.c_str());
  }
  std::vector<std::string> argv_storage;
  argv_storage.push_back(argv0.value_or(program));
  argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& argument : argv_storage) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawn_error =
      ::posix_spawnp(&pid, program.c_str(), &spawn.actions, nullptr, argv.data(), environ);
  if (spawn_error != 0) {
    throw std::runtime_error("cannot run " + program + ": " + std::strerror(spawn_error));
  }
  in.close_read();
  out.close_write();
  err.close_write();

  ProcessResult result;
  std::size_t stdin_written = 0;
  if (stdin_text.empty()) in.close_write();
  ::signal(SIGPIPE, SIG_IGN);
  while (out.read_end >= 0 || err.read_end >= 0) {
    pollfd fds[3];
    int count = 0;
    if (out.read_end >= 0) fds[count++] = {out.read_end, POLLIN, 0};
    if (err.read_end >= 0) fds[count++] = {err.read_end, POLLIN, 0};
    if (in.write_end >= 0) fds[count++] = {in.write_end, POLLOUT, 0};
    if (::poll(fds, static_cast<nfds_t>(count), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int k = 0; k < count; ++k) {
      if (fds[k].revents == 0) continue;
      if (fds[k].fd == in.write_end) {
        const ssize_t n = ::write(in.write_end, stdin_text.data() + stdin_written,
                                  stdin_text.size() - stdin_written);
        if (n > 0) stdin_written += static_cast<std::size_t>(n);
        if (n < 0 || stdin_written == stdin_text.size()) in.close_write();
        continue;
      }
      char buffer[65536];
      const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
      const bool is_out = fds[k].fd == out.read_end;
      if (n <= 0) {
        (is_out ? out : err).close_read();
      } else {
        (is_out ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

bool have_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string directories = path;
  std::size_t start = 0;
  while (start <= directories.size()) {
    const auto end = directories.find(':', start);
    const auto directory =
        directories.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!directory.empty() &&
        ::access((std::filesystem::path(directory) / name).c_str(), X_OK) == 0)
      return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

}  // namespace locidep::test
