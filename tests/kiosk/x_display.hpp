#pragma once
// A bare X server for the kiosk's window tests: Xvfb with no window manager
// (a kiosk started by xinit has none), and screenshots taken by the X server
// itself (xwd), so what is checked is what a person in front of the screen
// would see, not what the kiosk believes it drew.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace speedmeet::test {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

// An XWD screenshot (ZPixmap, 24 or 32 bits a pixel, TrueColor).
class XwdImage {
 public:
  // Throws std::runtime_error naming what it cannot read.
  explicit XwdImage(const std::string& bytes);
  int width() const { return width_; }
  int height() const { return height_; }
  Rgb at(int x, int y) const { return pixels_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(x)]; }

 private:
  int width_ = 0, height_ = 0;
  std::vector<Rgb> pixels_;
};

// Xvfb on a display number it picks itself (-displayfd: free, and ready
// when announced), black outside any window (-br), stopped at the end of
// its scope (and after 10 minutes whatever happens).
class XvfbServer {
 public:
  XvfbServer(int width, int height);
  ~XvfbServer();
  XvfbServer(const XvfbServer&) = delete;
  XvfbServer& operator=(const XvfbServer&) = delete;

  const std::string& display() const { return display_; }  // ":N"
  // The whole screen, as the X server has it.
  XwdImage screenshot() const;

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> server_;
  std::string display_;
};

}  // namespace speedmeet::test
