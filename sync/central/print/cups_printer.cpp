// The one file that speaks to CUPS (libcups). A queue is looked up on its
// scheduler, its default paper read from the IPP attribute media-default
// (cupsGetDestMediaDefault is not used: CUPS 2.4 answered another size than
// media-default for a PPD queue), and a job is submitted as one PDF
// document: Create-Job, then Send-Document with the bytes.
#include "cups_printer.hpp"

#include <cups/cups.h>
#include <cups/pwg.h>

#include <algorithm>
#include <memory>

namespace speedmeet::print {
namespace {

// Every request to the scheduler gives up after this long without an answer.
constexpr double kTimeoutSeconds = 30;
constexpr int kConnectTimeoutMs = 10'000;
constexpr std::size_t kChunk = 64 * 1024;

struct HttpClose { void operator()(http_t* h) const { httpClose(h); } };
struct DestFree { void operator()(cups_dest_t* d) const { cupsFreeDests(1, d); } };
struct InfoFree { void operator()(cups_dinfo_t* i) const { cupsFreeDestInfo(i); } };

// cupsAddOption's array, freed on scope exit.
class Options {
 public:
  Options() = default;
  ~Options() { cupsFreeOptions(count_, options_); }
  Options(const Options&) = delete;
  Options& operator=(const Options&) = delete;
  void add(const char* name, const std::string& value) { count_ = cupsAddOption(name, value.c_str(), count_, &options_); }
  int count() const { return count_; }
  cups_option_t* get() const { return options_; }

 private:
  int count_ = 0;
  cups_option_t* options_ = nullptr;
};

std::string last_error() { return cupsLastErrorString() ? cupsLastErrorString() : "no answer"; }

std::string server_name() { return cupsServer() ? cupsServer() : "localhost"; }

class CupsPrinter final : public Printer {
 public:
  explicit CupsPrinter(std::string queue) : queue_(std::move(queue)) {
    http_.reset(httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1, kConnectTimeoutMs,
                             nullptr));
    if (!http_) throw PrintError("cannot reach the CUPS scheduler at " + server_name() + " to print on \"" + queue_ + "\"");
    httpSetTimeout(http_.get(), kTimeoutSeconds, nullptr, nullptr);  // no callback: a timeout is an error
    dest_.reset(cupsGetNamedDest(http_.get(), queue_.c_str(), nullptr));
    if (!dest_) {
      if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND)
        throw PrintError("there is no print queue \"" + queue_ + "\" on the CUPS scheduler at " + server_name() +
                         " (lpstat -e lists them)");
      throw PrintError("cannot look up print queue \"" + queue_ + "\" at " + server_name() + ": " + last_error());
    }
    if (const char* accepting = option("printer-is-accepting-jobs"); accepting && std::string(accepting) == "false")
      throw PrintError("print queue \"" + queue_ + "\" is not accepting jobs (cupsaccept " + queue_ + " reopens it)");
    info_.reset(cupsCopyDestInfo(http_.get(), dest_.get()));
    if (!info_) throw PrintError("cannot read what print queue \"" + queue_ + "\" supports: " + last_error());
  }

  const std::string& queue() const override { return queue_; }

  std::optional<MediaSize> default_media() override {
    // The user's own default (lpoptions -o media=...) first, then the queue's.
    std::string name;
    if (const char* own = option("media")) name = own;
    else if (ipp_attribute_t* a = cupsFindDestDefault(http_.get(), dest_.get(), info_.get(), CUPS_MEDIA))
      if (const char* value = ippGetString(a, 0, nullptr)) name = value;
    if (name.empty()) return std::nullopt;
    // "iso_a6_105x148mm", or a PPD name such as "A6"; a list keeps its first size.
    name = name.substr(0, name.find(','));
    const pwg_media_t* pwg = pwgMediaForPWG(name.c_str());
    if (!pwg) pwg = pwgMediaForPPD(name.c_str());
    if (!pwg) pwg = pwgMediaForLegacy(name.c_str());
    if (!pwg) return MediaSize{name, 0, 0};
    return MediaSize{name, pwg->width / 100.0, pwg->length / 100.0};  // hundredths of millimetres
  }

  int submit(const PrintJob& job) override {
    Options options;
    if (!job.media.empty()) options.add(CUPS_MEDIA, job.media);
    int job_id = 0;
    const ipp_status_t created = cupsCreateDestJob(http_.get(), dest_.get(), info_.get(), &job_id, job.title.c_str(),
                                                   options.count(), options.get());
    if (created > IPP_STATUS_OK_EVENTS_COMPLETE || job_id <= 0)
      throw PrintError("print queue \"" + queue_ + "\" refused the job: " + last_error());
    try {
      send_document(job_id, job);
    } catch (...) {
      cupsCancelDestJob(http_.get(), dest_.get(), job_id);
      throw;
    }
    return job_id;
  }

 private:
  const char* option(const char* name) const { return cupsGetOption(name, dest_->num_options, dest_->options); }

  void send_document(int job_id, const PrintJob& job) {
    if (cupsStartDestDocument(http_.get(), dest_.get(), info_.get(), job_id, job.title.c_str(), CUPS_FORMAT_PDF, 0,
                              nullptr, 1) != HTTP_STATUS_CONTINUE)
      throw PrintError("print queue \"" + queue_ + "\" refused the document of job " + std::to_string(job_id) + ": " +
                       last_error());
    for (std::size_t at = 0; at < job.pdf.size(); at += kChunk) {
      const std::size_t length = std::min(kChunk, job.pdf.size() - at);
      if (cupsWriteRequestData(http_.get(), job.pdf.data() + at, length) != HTTP_STATUS_CONTINUE)
        throw PrintError("sending job " + std::to_string(job_id) + " to print queue \"" + queue_ +
                         "\" failed: " + last_error());
    }
    if (cupsFinishDestDocument(http_.get(), dest_.get(), info_.get()) > IPP_STATUS_OK_EVENTS_COMPLETE)
      throw PrintError("print queue \"" + queue_ + "\" did not take job " + std::to_string(job_id) + ": " +
                       last_error());
  }

  std::string queue_;
  std::unique_ptr<http_t, HttpClose> http_;
  std::unique_ptr<cups_dest_t, DestFree> dest_;
  std::unique_ptr<cups_dinfo_t, InfoFree> info_;
};

}  // namespace

std::unique_ptr<Printer> open_cups_queue(const std::string& queue) {
  if (queue.empty() || queue.size() > 127) throw PrintError("a print queue name has 1 to 127 characters");
  return std::make_unique<CupsPrinter>(queue);
}

}  // namespace speedmeet::print
