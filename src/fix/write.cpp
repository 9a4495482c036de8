// Atomic, content-checked file replacement.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "fix/fix.h"

namespace gotrap::fix {

namespace {

std::optional<std::string> read_all(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::string data;
  char buffer[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    data.append(buffer, size_t(n));
  }
  ::close(fd);
  return data;
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(size_t(n));
  }
  return true;
}

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

WriteResult write_if_unchanged(const std::string& path, std::string_view expected,
                               std::string_view text, std::string* error) {
  auto fail = [&](std::string message) {
    if (error) *error = std::move(message);
    return WriteResult::failed;
  };
  auto current = read_all(path);
  if (!current) return fail(errno_text("cannot read " + path));
  if (*current != expected) return WriteResult::changed_on_disk;

  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return fail(errno_text("cannot stat " + path));

  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string temp = (slash == std::string::npos ? "" : dir) + "." + base + ".gotrap-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail(errno_text("cannot create a temporary file next to " + path));
  bool ok = write_all(fd, text) && ::fchmod(fd, info.st_mode & 07777) == 0 && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    std::string message = errno_text("cannot write " + temp);
    ::unlink(temp.c_str());
    return fail(message);
  }
  // Last look before replacing: an editor may have saved the file while we worked.
  current = read_all(path);
  if (!current || *current != expected) {
    ::unlink(temp.c_str());
    return WriteResult::changed_on_disk;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    std::string message = errno_text("cannot replace " + path);
    ::unlink(temp.c_str());
    return fail(message);
  }
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);  // make the rename itself durable; best effort
    ::close(dir_fd);
  }
  return WriteResult::written;
}

}  // namespace gotrap::fix
