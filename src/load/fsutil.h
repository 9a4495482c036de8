// Thin POSIX helpers that report failures as messages instead of throwing.
#pragma once

#include <string>
#include <vector>

#include <sys/stat.h>

namespace gotrap::load {

struct FileStat;

struct DirEntry {
  enum Type { File, Dir, Symlink, Other };
  std::string name;
  Type type = Other;
};

// Entries of `dir` sorted by name, without "." and "..". False with *error on failure.
bool list_dir(const std::string& dir, std::vector<DirEntry>& entries, std::string* error);

enum class PathKind { Missing, File, Dir, Other, Loop, Error };
// Follows symlinks; Loop for a symlink cycle.
PathKind path_kind(const std::string& path, std::string* error = nullptr);

// Reads a regular file whole with one read loop. Fails for files larger than max_bytes.
// With `stat`, also what fstat said before the read.
bool read_file(const std::string& path, std::string& text, size_t max_bytes, std::string* error,
               struct FileStat* stat = nullptr);
// FileStat of a struct stat.
struct FileStat file_stat_of(const struct stat& info);

// filepath.Clean: no "." elements, ".." resolved lexically, no duplicate or trailing slashes;
// "" becomes ".".
std::string clean_path(const std::string& path);
// "dir/name", or just "name" when dir is ".".
std::string join_path(const std::string& dir, const std::string& name);
std::string parent_dir(const std::string& path);
std::string base_name(const std::string& path);
// Absolute, cleaned form of path (relative to the working directory).
std::string absolute_path(const std::string& path);

}  // namespace gotrap::load
