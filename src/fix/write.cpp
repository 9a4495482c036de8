// Atomic, content-checked file replacement.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
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
  // A symbolic link stays a link: the file written is its target (the temporary file goes next
  // to the target, so the rename stays within one directory and one file system).
  std::string target = path;
  struct stat link_info {};
  if (::lstat(path.c_str(), &link_info) != 0) return fail(errno_text("cannot stat " + path));
  if (S_ISLNK(link_info.st_mode)) {
    char* resolved = ::realpath(path.c_str(), nullptr);
    if (!resolved) return fail(errno_text("cannot resolve the symbolic link " + path));
    target = resolved;
    std::free(resolved);
  }
  auto current = read_all(target);
  if (!current) return fail(errno_text("cannot read " + path));
  if (*current != expected) return WriteResult::changed_on_disk;

  struct stat info {};
  if (::stat(target.c_str(), &info) != 0) return fail(errno_text("cannot stat " + path));
  if (!S_ISREG(info.st_mode)) return fail(path + ": not a regular file; fixes not applied");
  // As gofmt -w: a file its owner cannot write is not rewritten (a rename would replace it even
  // so, since only the directory's permissions count).
  if ((info.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0)
    return fail(path + ": file is read-only; fixes not applied");
  // A rename would split a hard link in two: the other names would keep the old text.
  if (info.st_nlink > 1)
    return fail(path + ": file has " + std::to_string(info.st_nlink) +
                " hard links; fixes not applied (a rename would separate them)");

  size_t slash = target.rfind('/');
  std::string dir = slash == std::string::npos ? "." : target.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? target : target.substr(slash + 1);
  std::string temp = (slash == std::string::npos ? "" : dir) + "." + base + ".gotrap-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return fail(errno_text("cannot create a temporary file next to " + target));
  bool ok = write_all(fd, text) && ::fchmod(fd, info.st_mode & 07777) == 0;
  // Keep the owner and group. Only a privileged process may give a file away; anyone may keep
  // their own. If the file's owner or group cannot be kept, it is not replaced.
  bool owner_kept = true;
  if (ok && ::fchown(fd, info.st_uid, info.st_gid) != 0) {
    owner_kept = false;
    ok = false;
  }
  // The mode again: fchown may clear set-user-ID and set-group-ID bits.
  ok = ok && ::fchmod(fd, info.st_mode & 07777) == 0 && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok) {
    std::string message = owner_kept ? errno_text("cannot write " + temp)
                                     : path + ": cannot keep the file's owner and group; fixes not applied";
    ::unlink(temp.c_str());
    return fail(message);
  }
  // Last look before replacing: an editor may have saved the file while we worked.
  current = read_all(target);
  if (!current || *current != expected) {
    ::unlink(temp.c_str());
    return WriteResult::changed_on_disk;
  }
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    std::string message = errno_text("cannot replace " + target);
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
