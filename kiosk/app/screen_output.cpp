#include "screen_output.hpp"

#include <SDL.h>

#include <cstdlib>
#include <filesystem>

#include "ui/layout.hpp"
#include "ui/sdl/sdl_fonts.hpp"
#include "ui/sdl/sdl_painter.hpp"

namespace speedmeet::kiosk {
namespace {

ui::Color parse_hex(const std::string& hex) {
  // kiosk.toml validated "#RRGGBB".
  const auto v = static_cast<unsigned>(std::strtoul(hex.c_str() + 1, nullptr, 16));
  return {static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v), 255};
}

ui::Theme theme_for(const BrandingConfig& branding) {
  ui::Theme theme;
  theme.accent.fill = parse_hex(branding.accent);
  // Text on the accent colour: whichever of black or white reads better.
  theme.accent.on_fill = ui::contrast_ratio(theme.accent.fill, {0, 0, 0, 255}) >=
                                 ui::contrast_ratio(theme.accent.fill, {255, 255, 255, 255})
                             ? ui::Color{0x0B, 0x13, 0x20, 255}
                             : ui::Color{255, 255, 255, 255};
  theme.logo_path = branding.logo;
  return theme;
}

}  // namespace

struct ScreenOutput::Impl {
  Impl(SDL_Renderer* renderer, int w, int h, const BrandingConfig& branding, const std::string& assets)
      : fonts(assets + "/fonts"), measurer(fonts), painter(renderer, fonts), theme(theme_for(branding)), size{w, h} {}
  ui::FontLibrary fonts;
  ui::TtfTextMeasurer measurer;
  ui::SdlPainter painter;
  ui::Theme theme;
  ui::Size size;
};

ScreenOutput::ScreenOutput(SDL_Renderer* renderer, int width, int height, const BrandingConfig& branding,
                           const std::string& assets_dir)
    : impl_(std::make_unique<Impl>(renderer, width, height, branding, assets_dir)) {}

ScreenOutput::~ScreenOutput() = default;

void ScreenOutput::resize(int width, int height) { impl_->size = {width, height}; }

void ScreenOutput::draw(const Screen& screen, const ScreenContext& context) {
  impl_->painter.paint(ui::layout_screen(screen, context, impl_->size, impl_->measurer, impl_->theme));
}

bool ScreenOutput::handle(const SDL_Event& event) {
  switch (event.type) {
    case SDL_RENDER_TARGETS_RESET: impl_->painter.invalidate(); return true;
    case SDL_RENDER_DEVICE_RESET: impl_->painter.forget_textures(); return true;
    default: return false;
  }
}

bool ScreenOutput::last_draw_was_full() const {
  const auto& r = impl_->painter.last_repaint();
  return r.size() == 1 && r[0] == ui::Rect{0, 0, impl_->size.w, impl_->size.h};
}

std::string screen_name(const Screen& screen) {
  struct Namer {
    std::string operator()(const IdleScreen&) const { return "idle"; }
    std::string operator()(const ResultScreen& r) const {
      // Appended piece by piece: GCC 12 warns falsely on "literal" + std::string&& (bug 105329).
      std::string name = "result-";
      name += to_string(r.decision.outcome);
      if (r.decision.reason != Reason::none) {
        name += '-';
        name += to_string(r.decision.reason);
      }
      return name;
    }
    std::string operator()(const StaffScreen&) const { return "staff"; }
    std::string operator()(const StaffSearchScreen&) const { return "staff-search"; }
    std::string operator()(const BoardScreen&) const { return "board"; }
    std::string operator()(const OutOfOrderScreen&) const { return "out-of-order"; }
    std::string operator()(const SetupCodeScreen& s) const {
      return s.state == SetupCodeScreen::State::refused ? "setup-code-refused" : "setup-code";
    }
    std::string operator()(const ClockNotSetScreen&) const { return "clock-not-set"; }
  };
  return std::visit(Namer{}, screen);
}

std::string find_assets_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("SPEEDMEET_ASSETS"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path() / "../share/speedmeet/assets";
    if (fs::exists(installed / "fonts")) return installed.lexically_normal().string();
  }
  return SPEEDMEET_SOURCE_ASSETS;  // the source tree, for build-tree runs
}

}  // namespace speedmeet::kiosk
