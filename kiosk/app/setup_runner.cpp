#include "setup_runner.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "kiosk_enrolment.hpp"
#include "screen_output.hpp"
#include "stop_signals.hpp"
#include "ui/sdl/sdl_headless.hpp"

namespace speedmeet::kiosk {
namespace {

class SetupRunner {
 public:
  SetupRunner(const KioskConfig& config, const HeadlessOptions& options)
      : config_(config),
        options_(options),
        enroller_(config),
        frame_(ui::Size{options.width, options.height}),
        output_(frame_.renderer(), options.width, options.height, config.branding, find_assets_dir()) {
    screen_.language = config.language;
  }

  SetupOutcome run(const std::vector<ScriptAction>& actions, ServiceNotifier& notifier) {
    notifier.ready();
    show();
    SetupOutcome outcome;
    for (; outcome.next_action < actions.size() && !enroller_.enrolled() && !stop_requested(); ++outcome.next_action) {
      notifier.alive();
      const ScriptAction& a = actions[outcome.next_action];
      if (a.type == ScriptAction::Type::scan) offer(a.argument);
      else if (a.type == ScriptAction::Type::image) offer(code_in_image(a.argument).value_or(""));
    }
    outcome.enrolled = enroller_.enrolled();
    outcome.screenshots = shots_;
    return outcome;
  }

 private:
  void offer(const std::string& text) {
    screen_ = enroller_.offer(text);
    nlohmann::json line = {{"setup", enroller_.enrolled() ? "enrolled" : "refused"}};
    if (enroller_.enrolled()) line["device"] = enroller_.device();
    else line["message"] = screen_.refusal;
    std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n' << std::flush;
    show();
  }

  void show() {
    ScreenContext context;
    context.device_name = config_.device_name;
    context.timezone = "UTC";
    context.now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    output_.draw(screen_, context);
    frame_.present();
    if (options_.screenshots.empty()) return;
    std::filesystem::create_directories(options_.screenshots);
    char name[32];
    std::snprintf(name, sizeof name, "%04d-", ++shots_);
    frame_.save_png(options_.screenshots + "/" + name + screen_name(screen_) + ".png");
  }

  const KioskConfig& config_;
  const HeadlessOptions& options_;
  Enroller enroller_;
  ui::HeadlessTarget frame_;
  ScreenOutput output_;
  SetupCodeScreen screen_;
  int shots_ = 0;
};

}  // namespace

SetupOutcome run_setup_headless(const KioskConfig& config, const std::vector<ScriptAction>& actions,
                                const HeadlessOptions& options, ServiceNotifier& notifier) {
  SetupRunner runner(config, options);
  return runner.run(actions, notifier);
}

}  // namespace speedmeet::kiosk
