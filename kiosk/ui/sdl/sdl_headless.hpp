#pragma once
// A window-less drawing target: an SDL surface with the software renderer.
// Needs no video driver (tests, CI, --headless screenshots).
#include <memory>
#include <string>

#include "ui/display_list.hpp"

struct SDL_Surface;
struct SDL_Renderer;

namespace speedmeet::ui {

class HeadlessTarget {
 public:
  explicit HeadlessTarget(Size size);  // throws std::runtime_error when SDL cannot make it
  ~HeadlessTarget();
  HeadlessTarget(const HeadlessTarget&) = delete;
  HeadlessTarget& operator=(const HeadlessTarget&) = delete;

  SDL_Renderer* renderer() const { return renderer_; }
  SDL_Surface* surface() const { return surface_; }
  Size size() const { return size_; }
  // Finishes pending drawing (the software renderer batches commands).
  void present();
  // Writes the surface as PNG; throws std::runtime_error naming the path.
  // compact: at most 256 colours (flat areas exact, edges approximated):
  // a third of the size, for screenshots that are read, not measured.
  void save_png(const std::string& path, bool compact = false);
  // The colour of one pixel (after present()).
  Color pixel(int x, int y) const;

 private:
  Size size_;
  SDL_Surface* surface_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
};

}  // namespace speedmeet::ui
