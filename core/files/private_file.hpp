#pragma once
// Files that hold what others must not read (the central database, tokens,
// badge codes, snapshots, journals, reports, badge sheets): created 0600,
// folders 0700, whatever the umask. A file appears at its path only
// complete, and nothing is ever written through a name someone else could
// have prepared: the temporary file is made by mkstemp (O_EXCL, a random
// name) in the target's own folder, and rename() replaces whatever is at
// the target, a planted symbolic link included, without following it.
#include <sys/types.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace speedmeet::files {

// A file that cannot be read or written; the message names the path.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr mode_t kPrivateFileMode = 0600;
inline constexpr mode_t kPrivateFolderMode = 0700;

// A private file being written next to `path`. commit() flushes it to disk,
// moves it over `path` and flushes the folder; destroyed uncommitted (an
// exception on the way), it removes its temporary file and leaves `path` as
// it was.
class AtomicFile {
 public:
  // Throws FileError when the folder does not exist or cannot be written.
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Throws FileError (the disk is full, ...).
  void write(std::string_view bytes);
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temp_;
  int fd_ = -1;
  bool committed_ = false;
};

// The whole file at once, through AtomicFile.
void write_private_file(const std::string& path, std::string_view bytes);

// A regular file's bytes; throws FileError when it cannot be read, is not a
// regular file, or is larger than max_bytes (TooLarge, naming the limit).
class TooLarge : public FileError {
 public:
  using FileError::FileError;
};
std::string read_file_bounded(const std::string& path, std::size_t max_bytes);

// Creates `path` and any missing parent, each new folder 0700 whatever the
// umask; folders that already exist keep their mode. Throws FileError.
void create_private_folders(const std::string& path);

// Creates an empty private file at `path` if nothing is there (O_EXCL and
// O_NOFOLLOW: an existing file, folder or link is left alone); returns
// whether it created one. Throws FileError for anything but "already there".
bool create_private_file_if_missing(const std::string& path);

// An empty private file with a fresh random name beside `path` (mkstemp in
// its folder), for writers that need a path rather than a descriptor (a
// SQLite database being built). The caller renames or removes it.
std::string create_private_temp_file(const std::string& path);

// Moves `from` to `to` unless something is already at `to` (returns false
// then, and leaves both alone). Throws FileError for other failures.
bool rename_no_replace(const std::string& from, const std::string& to);

// Takes group and other permissions off an existing file we own (a database
// made by an older speedmeet under umask 022); a missing file is fine.
// Returns false when the file stays open to others (another owner, a file
// system without permissions).
bool make_private(const std::string& path);

// The permission bits group and others have on `path` (0 when private).
// Follows a symbolic link, as opening the file would. Throws FileError when
// the file cannot be examined.
mode_t permissions_for_others(const std::string& path);

}  // namespace speedmeet::files
