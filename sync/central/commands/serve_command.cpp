// speedmeet serve: the central sync server.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <functional>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/args.hpp"
#include "commands.hpp"
#include "console/console.hpp"
#include "organizer/event_database.hpp"
#include "domain/input_error.hpp"
#include "domain/local_time.hpp"
#include "store/event_store.hpp"
#include "scheduling/central_schedule.hpp"
#include "server/log.hpp"
#include "server/rematch.hpp"
#include "server/sync_server.hpp"

namespace speedmeet::cli {
namespace {

// HOST:PORT or [IPv6]:PORT.
std::pair<std::string, int> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw UsageError("--listen wants HOST:PORT, e.g. 127.0.0.1:8080");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string port = text.substr(colon + 1);
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535)
    throw UsageError("--listen: \"" + port + "\" is not a port number");
  return {host, std::stoi(port)};
}

// Waits for SIGTERM/SIGINT (blocked in every thread) and stops the server:
// requests in flight finish, then run() returns.
class ShutdownOnSignal {
 public:
  explicit ShutdownOnSignal(server::SyncServer& http)
      : thread_([this, &http] {
          sigset_t set;
          sigemptyset(&set);
          sigaddset(&set, SIGTERM);
          sigaddset(&set, SIGINT);
          const timespec tick{0, 200'000'000};
          while (!done_) {
            const int sig = sigtimedwait(&set, nullptr, &tick);
            if (sig == SIGTERM || sig == SIGINT) {
              server::log_line("info", "shutting down", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
              http.stop();
              return;
            }
          }
        }) {}
  ~ShutdownOnSignal() {
    done_ = true;
    thread_.join();
  }
  ShutdownOnSignal(const ShutdownOnSignal&) = delete;
  ShutdownOnSignal& operator=(const ShutdownOnSignal&) = delete;

 private:
  std::atomic<bool> done_{false};
  std::thread thread_;
};

// --console-clock TIME: the console's clock starts at TIME (venue time, or
// with an offset) and runs on from there, for rehearsals, demos and tests.
// The sync API and the automatic re-match keep the real clock.
std::function<Instant()> rehearsal_clock(const std::string& at, store::Database& db) {
  const auto event = store::EventStore(db).load_event_row();
  if (!event) throw UsageError("--console-clock: the database holds no event yet");
  Instant start;
  try {
    start = parse_date_time(at, LocalTimeZone(event->timezone));
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--console-clock: ") + e.what());
  }
  const auto started = std::chrono::steady_clock::now();
  return [start, started] {
    return start + std::chrono::duration_cast<Seconds>(std::chrono::steady_clock::now() - started);
  };
}

}  // namespace

int run_serve(const CommandArgs& argv) {
  const Args args(argv, {"--listen", "--tls-cert", "--tls-key", "--threads", "--console-clock"});
  if (args.positional().size() != 1) throw UsageError("serve needs exactly one database path");
  server::SyncServerOptions options;
  options.db_path = args.positional()[0];
  server::HttpOptions& http_options = options.http;
  std::tie(http_options.host, http_options.port) = parse_listen(args.option("--listen").value_or("127.0.0.1:8080"));
  http_options.tls_cert = args.option("--tls-cert").value_or("");
  http_options.tls_key = args.option("--tls-key").value_or("");
  if (http_options.tls_cert.empty() != http_options.tls_key.empty())
    throw UsageError("--tls-cert and --tls-key go together");
  for (const auto& file : {http_options.tls_cert, http_options.tls_key})
    if (!file.empty() && !std::filesystem::is_regular_file(file))
      throw InputError(file, 0, "", "no such TLS file");
  // Worker threads: requests handled (and SQLite connections open) at
  // once. Connections are not bounded by it: they cost no thread.
  if (const auto threads = args.option("--threads")) {
    if (threads->empty() || threads->size() > 2 || threads->find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(*threads) < 1 || std::stoi(*threads) > 64)
      throw UsageError("--threads wants a number of worker threads from 1 to 64");
    http_options.worker_threads = static_cast<std::size_t>(std::stoi(*threads));
  }
  // Migrates the file (and checks it exists) before any thread opens it.
  std::function<Instant()> console_clock;
  {
    auto db = organizer::open_event_database(options.db_path);
    if (const auto at = args.option("--console-clock")) console_clock = rehearsal_clock(*at, db);
  }

  // Block the shutdown signals before any thread starts: only the waiter
  // thread receives them. A client hanging up must not kill the server.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::optional<server::SyncServer> http_holder;
  try {
    http_holder.emplace(options);
  } catch (const server::TlsSetupError& e) {
    throw InputError(http_options.tls_cert, 0, "", e.what());
  }
  server::SyncServer& http = *http_holder;
  // The staff console shares the port, the TLS and the change events.
  console::ConsoleOptions console_options;
  console_options.db_path = options.db_path;
  console_options.connections = std::max<std::size_t>(http_options.worker_threads, 1);
  console_options.clock = console_clock;
  console::Console staff_console(console_options, http.hub());
  staff_console.install(http.router());
  std::cout << "speedmeet serve: listening on " << (http_options.tls_cert.empty() ? "http" : "https") << "://"
            << http_options.host << ":" << http.port() << " (stop with Ctrl-C or SIGTERM)" << std::endl;
  {
    // Every 5 s: a round whose grace period just ended gets its no-shows'
    // partners re-matched, at most 5 s late.
    const server::RematchScheduler rematch(options.db_path, std::chrono::seconds(5),
                                           [](store::Database& db, int round, Instant) {
                                             return static_cast<int>(schedule::rematch_round(db, round).added.size());
                                           });
    const ShutdownOnSignal shutdown(http);
    http.run();
  }
  server::log_line("info", "stopped");
  return 0;
}


}  // namespace speedmeet::cli
