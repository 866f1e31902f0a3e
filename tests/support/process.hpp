#pragma once
// Runs the project's real programs from tests.
#include <string>
#include <sys/types.h>
#include <vector>

namespace speedmeet::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string out;
  std::string err;
};

// Runs argv[0] with the arguments, feeding `input` on stdin, and waits.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input = "");
// `speedmeet ARGS...`
ProcessResult run_speedmeet(const std::vector<std::string>& args);

// REQUIREs a clean exit, showing the process's output when it fails.
void require_ok(const ProcessResult& r);
// The token `speedmeet device add` printed (REQUIREs success).
std::string token_of(const ProcessResult& r);

// A child process left running; stdout/stderr go to the given files.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::string& stdout_path, const std::string& stderr_path);
  ~ChildProcess();  // SIGKILLs and reaps a child still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  void kill(int signal);
  // Waits for exit; returns the exit code, or -signal when killed.
  int wait();
  bool running();

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

}  // namespace speedmeet::test
