#include "stop_signals.hpp"

#include <atomic>
#include <csignal>

namespace speedmeet::kiosk {
namespace {

// Lock-free, so the handler may write it (a volatile sig_atomic_t would do
// as well for the handler, but the flag is also read by other threads).
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

struct sigaction g_previous_term {}, g_previous_int {};

extern "C" void on_stop_signal(int signal) { g_signal.store(signal, std::memory_order_relaxed); }

void install(int signal, struct sigaction& previous) {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second signal: the default action, the program ends
  sigaction(signal, &action, &previous);
}

}  // namespace

StopSignals::StopSignals() {
  g_signal.store(0);
  install(SIGTERM, g_previous_term);
  install(SIGINT, g_previous_int);
}

StopSignals::~StopSignals() {
  sigaction(SIGTERM, &g_previous_term, nullptr);
  sigaction(SIGINT, &g_previous_int, nullptr);
}

bool stop_requested() { return g_signal.load(std::memory_order_relaxed) != 0; }

const char* stop_signal_name() {
  switch (g_signal.load(std::memory_order_relaxed)) {
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    default: return "";
  }
}

}  // namespace speedmeet::kiosk
