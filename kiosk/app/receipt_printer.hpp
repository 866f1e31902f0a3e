#pragma once
// A receipt printer the kiosk writes ESC/POS bytes to, through its device
// file (/dev/usb/lp0, a serial port, anything that takes bytes), on a thread
// of its own: print() only queues, so a check-in never waits for paper, and
// a printer that is missing, off or stuck costs a line on stderr, never a
// check-in. The device is opened per slip (non-blocking, never created), so
// a printer plugged in later, or again, is found.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace speedmeet::kiosk {

class ReceiptPrinter {
 public:
  struct Options {
    std::string device;                                    // a path that exists: the printer's device file
    std::chrono::milliseconds write_timeout{5000};         // per slip: a printer that takes nothing gives up
    std::size_t max_queued = 16;                           // more waiting slips are dropped
    std::chrono::milliseconds drain_on_stop{1000};         // on shutdown, slips still queued get this long
  };
  explicit ReceiptPrinter(Options options);
  // Writes what is queued for at most drain_on_stop (plus a slip already
  // being written, bounded by write_timeout), then stops the thread.
  ~ReceiptPrinter();
  ReceiptPrinter(const ReceiptPrinter&) = delete;
  ReceiptPrinter& operator=(const ReceiptPrinter&) = delete;

  // Queues a slip; never blocks. False when the queue is full (it is dropped).
  bool print(std::string bytes);

  struct Status {
    int printed = 0;  // slips written whole
    int failed = 0;   // slips the device did not take (missing, error, timeout)
    int dropped = 0;  // slips not queued (full) or left at shutdown
    std::string last_error;
  };
  Status status() const;
  // Waits until nothing is queued or being written; false after `timeout`.
  bool wait_idle(std::chrono::milliseconds timeout) const;

 private:
  void run();
  Options options_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<std::string> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  Status status_;
  std::thread thread_;  // last: started once everything above exists
};

// Writes `bytes` to the device file at `path` within `timeout`. Returns an
// empty string on success, else why not (one sentence).
std::string write_to_device(const std::string& path, const std::string& bytes, std::chrono::milliseconds timeout);

}  // namespace speedmeet::kiosk
