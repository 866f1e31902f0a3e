#include "receipt_printer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <optional>

namespace speedmeet::kiosk {
namespace {

using Clock = std::chrono::steady_clock;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// A write to a pipe whose reader has gone raises SIGPIPE in the writing
// thread: blocked here, write() answers EPIPE instead, and the pending
// signal is taken back so it never reaches the kiosk.
void block_sigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}
void discard_pending_sigpipe() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  const timespec none{0, 0};
  while (sigtimedwait(&set, nullptr, &none) == SIGPIPE) {
  }
}

std::string errno_text(int error) { return std::strerror(error); }

}  // namespace

std::string write_to_device(const std::string& path, const std::string& bytes, std::chrono::milliseconds timeout) {
  // Never O_CREAT: a mistyped device path fails instead of filling a file.
  const Fd fd(::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | O_APPEND));
  if (fd.get() < 0) return "cannot open " + path + ": " + errno_text(errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || S_ISDIR(st.st_mode)) return path + " is not a printer device";
  const auto deadline = Clock::now() + timeout;
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      const int error = errno;
      if (error == EPIPE) discard_pending_sigpipe();
      return "writing to " + path + " failed: " + errno_text(error);
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0)
      return path + " took only " + std::to_string(done) + " of " + std::to_string(bytes.size()) + " bytes within " +
             std::to_string(timeout.count()) + " ms (out of paper, off or stuck?)";
    pollfd p{fd.get(), POLLOUT, 0};
    ::poll(&p, 1, static_cast<int>(left.count()));
  }
  return {};
}

ReceiptPrinter::ReceiptPrinter(Options options) : options_(std::move(options)), thread_([this] { run(); }) {}

ReceiptPrinter::~ReceiptPrinter() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

bool ReceiptPrinter::print(std::string bytes) {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= options_.max_queued) {
      ++status_.dropped;
      return false;
    }
    queue_.push_back(std::move(bytes));
  }
  changed_.notify_all();
  return true;
}

ReceiptPrinter::Status ReceiptPrinter::status() const {
  const std::lock_guard lock(mutex_);
  return status_;
}

bool ReceiptPrinter::wait_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return queue_.empty() && !busy_; });
}

void ReceiptPrinter::run() {
  block_sigpipe();
  std::optional<Clock::time_point> drain_until;
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_ && !drain_until) drain_until = Clock::now() + options_.drain_on_stop;
    if (queue_.empty() || (drain_until && Clock::now() >= *drain_until)) break;
    std::string slip = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    const std::string error = write_to_device(options_.device, slip, options_.write_timeout);
    if (!error.empty()) std::cerr << "speedmeet-kiosk: receipt printer: " << error << "; the slip is dropped\n";
    lock.lock();
    busy_ = false;
    ++(error.empty() ? status_.printed : status_.failed);
    if (!error.empty()) status_.last_error = error;
    changed_.notify_all();
  }
  status_.dropped += static_cast<int>(queue_.size());
  queue_.clear();
  changed_.notify_all();
}

}  // namespace speedmeet::kiosk
