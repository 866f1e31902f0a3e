#pragma once
// A fresh directory under $TMPDIR, removed with everything in it on scope exit.
#include <filesystem>
#include <string>

namespace speedmeet::test {

class TempDir {
 public:
  TempDir();
  // Under `base` instead (e.g. /dev/shm, for tests that write a lot and
  // test logic rather than the disk).
  explicit TempDir(const std::string& base);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes bytes to a file in this directory and returns its path.
  std::string write(const std::string& name, const std::string& bytes) const;

 private:
  std::filesystem::path path_;
};

// Path of a file in the source tree, e.g. source_path("config/demo/event.toml").
std::string source_path(const std::string& relative);
std::string read_file(const std::string& path);

}  // namespace speedmeet::test
