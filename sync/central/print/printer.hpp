#pragma once
// A print queue as the rest of `speedmeet` sees it: what paper it holds and
// a way to hand it a PDF. cups_printer.cpp is the one implementation (and
// the one file that calls libcups); commands and the walk-in desk see only
// this interface.
#include <optional>
#include <stdexcept>
#include <string>

namespace speedmeet::print {

// A queue that does not exist, is not accepting jobs, refused a job or
// cannot be reached. The message is one sentence naming the queue.
class PrintError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MediaSize {
  std::string name;  // as the queue calls it, e.g. "iso_a6_105x148mm"
  double width_mm = 0;
  double height_mm = 0;
};

struct PrintJob {
  std::string title;  // the job's name in the queue
  std::string pdf;    // the whole document
  std::string media;  // the paper to print on ("iso_a4_210x297mm"); empty: the queue's default
};

class Printer {
 public:
  virtual ~Printer() = default;
  virtual const std::string& queue() const = 0;
  // The paper the queue prints on by default; nullopt when it does not say.
  virtual std::optional<MediaSize> default_media() = 0;
  // Submits the job and returns the queue's job id. Throws PrintError.
  virtual int submit(const PrintJob& job) = 0;
};

}  // namespace speedmeet::print
