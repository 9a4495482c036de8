#include "load/fsutil.h"

#include "load/load.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace gotrap::load {

bool list_dir(const std::string& dir, std::vector<DirEntry>& entries, std::string* error) {
  entries.clear();
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  while (true) {
    errno = 0;
    dirent* entry = readdir(handle);
    if (entry == nullptr) break;
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    DirEntry out{std::move(name), DirEntry::Other};
    unsigned char type = entry->d_type;
    if (type == DT_UNKNOWN) {  // some file systems do not fill d_type
      struct stat info;
      if (lstat(join_path(dir, out.name).c_str(), &info) == 0) {
        if (S_ISREG(info.st_mode)) type = DT_REG;
        else if (S_ISDIR(info.st_mode)) type = DT_DIR;
        else if (S_ISLNK(info.st_mode)) type = DT_LNK;
      }
    }
    if (type == DT_REG) out.type = DirEntry::File;
    else if (type == DT_DIR) out.type = DirEntry::Dir;
    else if (type == DT_LNK) out.type = DirEntry::Symlink;
    entries.push_back(std::move(out));
  }
  int read_errno = errno;
  closedir(handle);
  if (read_errno != 0) {
    if (error) *error = std::strerror(read_errno);
    return false;
  }
  std::sort(entries.begin(), entries.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return true;
}

PathKind path_kind(const std::string& path, std::string* error) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    int code = errno;
    if (error) *error = std::strerror(code);
    if (code == ENOENT || code == ENOTDIR) return PathKind::Missing;
    if (code == ELOOP) return PathKind::Loop;
    return PathKind::Error;
  }
  if (S_ISREG(info.st_mode)) return PathKind::File;
  if (S_ISDIR(info.st_mode)) return PathKind::Dir;
  return PathKind::Other;
}

FileStat file_stat_of(const struct stat& info) {
  FileStat out;
  out.size = uint64_t(info.st_size);
  out.mtime_ns = int64_t(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
  out.ctime_ns = int64_t(info.st_ctim.tv_sec) * 1000000000 + info.st_ctim.tv_nsec;
  out.inode = uint64_t(info.st_ino);
  out.device = uint64_t(info.st_dev);
  return out;
}

bool stat_file(const std::string& path, FileStat& out) {
  struct stat info;
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
  out = file_stat_of(info);
  return true;
}

bool read_file(const std::string& path, std::string& text, size_t max_bytes, std::string* error,
               FileStat* stat_out) {
  // O_NONBLOCK: a FIFO named x.go must not hang the run; it fails the regular-file check below.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    if (error) *error = std::strerror(errno);
    return false;
  }
  struct stat info;
  if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    if (error) *error = "not a regular file";
    close(fd);
    return false;
  }
  if (stat_out) *stat_out = file_stat_of(info);
  size_t size = static_cast<size_t>(info.st_size);
  if (size > max_bytes) {
    if (error) *error = "file too large (" + std::to_string(size) + " bytes, limit " + std::to_string(max_bytes) + ")";
    close(fd);
    return false;
  }
  text.resize(size);
  size_t done = 0;
  while (done < size) {  // one read call normally; the loop covers short reads
    ssize_t got = read(fd, text.data() + done, size - done);
    if (got < 0) {
      if (errno == EINTR) continue;
      if (error) *error = std::strerror(errno);
      close(fd);
      return false;
    }
    if (got == 0) break;  // the file shrank while we read it
    done += static_cast<size_t>(got);
  }
  text.resize(done);
  close(fd);
  return true;
}

std::string clean_path(const std::string& path) {
  if (path.empty()) return ".";
  bool rooted = path[0] == '/';
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(pos, slash - pos);
    pos = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
      continue;
    }
    parts.push_back(std::move(part));
  }
  std::string out = rooted ? "/" : "";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '/';
    out += parts[i];
  }
  if (out.empty()) out.push_back('.');
  return out;
}

std::string join_path(const std::string& dir, const std::string& name) {
  if (dir == ".") return name;
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

std::string parent_dir(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string base_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string absolute_path(const std::string& path) {
  if (!path.empty() && path[0] == '/') return clean_path(path);
  char buffer[4096];
  if (getcwd(buffer, sizeof buffer) == nullptr) return clean_path(path);
  return clean_path(std::string(buffer) + "/" + path);
}

}  // namespace gotrap::load
