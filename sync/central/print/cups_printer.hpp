#pragma once
// Print queues of the CUPS scheduler the environment names (CUPS_SERVER,
// ~/.cups/client.conf, /etc/cups/client.conf; by default the local one).
#include <memory>
#include <string>

#include "printer.hpp"

namespace speedmeet::print {

// The CUPS queue named `queue`, checked to exist and to accept jobs. Throws
// PrintError (one sentence) otherwise, or when CUPS cannot be reached.
std::unique_ptr<Printer> open_cups_queue(const std::string& queue);

}  // namespace speedmeet::print
