#include "private_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

namespace speedmeet::files {
namespace {

std::string failure(const std::string& what, const std::string& path, int error) {
  return "cannot " + what + " " + path + ": " + std::strerror(error);
}

// The folder a path lives in ("." for a bare name).
std::string folder_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// fchmod is refused on file systems without Unix permissions (a FAT USB
// stick: its mount options decide for every file); that is no failure.
void set_mode(int fd, mode_t mode, const std::string& path) {
  if (::fchmod(fd, mode) != 0 && errno != EPERM && errno != ENOTSUP && errno != EROFS)
    throw FileError(failure("set the permissions of", path, errno));
}

// Makes the rename durable: without it a power cut may bring the old file back.
void sync_folder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // not ours to open (unusual): the data itself is on disk
  ::fsync(fd);
  ::close(fd);
}

// mkstemp beside `path`: a fresh random name, O_CREAT | O_EXCL, so nothing
// planted beside the target (a file, a link) is ever opened; then exactly
// 0600 (mkstemp's 0600 is subject to the umask). Returns the descriptor and
// sets `temp` to the name.
int make_temp_beside(const std::string& path, std::string& temp) {
  if (path.empty()) throw FileError("cannot write a file with an empty name");
  const std::string name = std::filesystem::path(path).filename().string();
  if (name.empty() || name == "." || name == "..") throw FileError("cannot write " + path + ": it names a folder");
  const std::string pattern = folder_of(path) + "/." + name + ".part-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = ::mkostemp(buffer.data(), O_CLOEXEC);
  if (fd < 0) throw FileError(failure("write", path, errno));
  temp.assign(buffer.data());
  try {
    set_mode(fd, kPrivateFileMode, path);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  return fd;
}

}  // namespace

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) { fd_ = make_temp_beside(path_, temp_); }

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0) throw FileError("cannot write " + path_ + ": already closed");
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw FileError(failure("write", path_, n < 0 ? errno : EIO));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void AtomicFile::commit() {
  if (fd_ < 0) throw FileError("cannot write " + path_ + ": already closed");
  if (::fsync(fd_) != 0) throw FileError(failure("write", path_, errno));
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) throw FileError(failure("write", path_, errno));
  // rename() replaces a link at path_ itself; it never writes through it.
  if (::rename(temp_.c_str(), path_.c_str()) != 0) throw FileError(failure("write", path_, errno));
  committed_ = true;
  sync_folder(folder_of(path_));
}

void write_private_file(const std::string& path, std::string_view bytes) {
  AtomicFile file(path);
  file.write(bytes);
  file.commit();
}

std::string read_file_bounded(const std::string& path, std::size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw FileError(failure("read", path, errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st{};
  if (::fstat(fd, &st) != 0) throw FileError(failure("read", path, errno));
  if (!S_ISREG(st.st_mode)) throw FileError("cannot read " + path + ": not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
    throw TooLarge(path + " is larger than " + std::to_string(max_bytes) + " bytes");
  // Read until the end, never past the bound: the file may grow meanwhile.
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  for (;;) {
    if (done == bytes.size()) {
      if (bytes.size() >= max_bytes + 1) break;
      bytes.resize(std::min(max_bytes + 1, bytes.size() + 65536));
    }
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw FileError(failure("read", path, errno));
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (done > max_bytes) throw TooLarge(path + " is larger than " + std::to_string(max_bytes) + " bytes");
  bytes.resize(done);
  return bytes;
}

void create_private_folders(const std::string& path) {
  if (path.empty()) throw FileError("cannot create a folder with an empty name");
  std::filesystem::path so_far;
  for (const auto& part : std::filesystem::path(path)) {
    so_far /= part;
    if (part == "/" || part.empty()) continue;
    if (::mkdir(so_far.c_str(), kPrivateFolderMode) == 0) {
      // mkdir's mode is subject to the umask; the folder is ours.
      if (::chmod(so_far.c_str(), kPrivateFolderMode) != 0 && errno != EPERM)
        throw FileError(failure("set the permissions of", so_far.string(), errno));
      continue;
    }
    if (errno != EEXIST) throw FileError(failure("create the folder", so_far.string(), errno));
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) throw FileError("cannot create the folder " + path + ": a file is in the way");
}

bool create_private_file_if_missing(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, kPrivateFileMode);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw FileError(failure("create", path, errno));
  }
  try {
    set_mode(fd, kPrivateFileMode, path);
  } catch (...) {
    ::close(fd);
    ::unlink(path.c_str());
    throw;
  }
  ::close(fd);
  return true;
}

std::string create_private_temp_file(const std::string& path) {
  std::string temp;
  ::close(make_temp_beside(path, temp));
  return temp;
}

bool rename_no_replace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) {
    sync_folder(folder_of(to));
    return true;
  }
  if (errno == EEXIST) return false;
  throw FileError(failure("create", to, errno));
}

bool make_private(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return errno == ENOENT;
  if ((st.st_mode & 077) == 0) return true;
  if (st.st_uid != ::geteuid()) return false;
  return ::chmod(path.c_str(), st.st_mode & 07700) == 0;
}

mode_t permissions_for_others(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) throw FileError(failure("read", path, errno));
  return st.st_mode & 077;
}

}  // namespace speedmeet::files
