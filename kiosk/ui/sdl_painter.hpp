#pragma once
// Paints a DisplayList into any SDL_Renderer (window or software surface).
// Rendered text runs, fill tiles, corner discs and images are cached as
// textures, and the frame itself is kept in a target texture: a frame equal
// to the last one costs one copy, a ticking clock repaints only its own box,
// a new screen is painted in full, straight to the output (the kept frame
// catches up at the next paint). The layout, not the painter, decides
// where and how big everything is.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "display_list.hpp"
#include "sdl_fonts.hpp"

struct SDL_Renderer;
struct SDL_Texture;

namespace speedmeet::ui {

class SdlPainter {
 public:
  SdlPainter(SDL_Renderer* renderer, FontLibrary& fonts);
  ~SdlPainter();
  SdlPainter(const SdlPainter&) = delete;
  SdlPainter& operator=(const SdlPainter&) = delete;

  // Draws the list over the whole output (repainting only what changed
  // since the last call); does not present.
  void paint(const DisplayList& list);
  // The next paint repaints everything. Call on SDL_RENDER_TARGETS_RESET:
  // the frame texture (a render target) has lost its pixels.
  void invalidate() { last_.reset(); }
  // Drops every cached texture, frame included, and repaints everything
  // next time with new ones. Call on SDL_RENDER_DEVICE_RESET: the renderer
  // lost every texture's contents, not only the targets'.
  void forget_textures();

  std::size_t cached_textures() const { return texts_.size(); }
  // How many of them were pre-composed onto a solid ground (drawn as copies).
  std::size_t cached_opaque_texts() const;
  // Their texture memory; kept within the screen's own size (4 bytes a pixel).
  std::size_t cached_text_bytes() const { return text_bytes_; }
  // What the last paint() repainted: the regions (the whole screen for a
  // full repaint, none when nothing changed).
  const std::vector<Rect>& last_repaint() const { return repainted_; }

 private:
  struct TextureDeleter {
    void operator()(SDL_Texture* t) const;
  };
  using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;
  struct Cached {
    TexturePtr texture;  // null when it could not be made or is blank (drawn as nothing, tried once)
    int w = 0, h = 0;    // the full size (a text: its measured size)
    Rect ink;            // the part of it the texture holds (text textures keep only their ink)
    bool opaque = false; // text pre-composed onto its ground: copied, not blended
    std::size_t bytes = 0;  // texture memory (text textures, for the cache's budget)
    std::uint64_t last_frame = 0;
    std::uint32_t frames_drawn = 0;  // in how many frames (texts: to evict one-shot names first)
  };

  std::vector<Rect> changes(const DisplayList& list) const;
  void repaint(const DisplayList& list, const std::vector<Rect>& regions);
  void find_solid_grounds(const DisplayList& list);
  bool ensure_frame(Size size);
  void fill(const RectItem& r);
  void fill_plain(Rect r, Color c);
  Cached& tile(Color c);
  void draw(const ImageItem& i);
  void draw(const TextItem& t, const std::optional<Color>& ground);
  Cached& disc(int radius, Color color);
  void evict_unused(Size screen);

  SDL_Renderer* renderer_;
  FontLibrary& fonts_;
  std::uint64_t frame_ = 0;
  Cached frame_texture_;                 // the composed screen (null: the renderer has no target textures)
  std::optional<DisplayList> last_;      // what the output shows; frame_texture_ too unless stale
  bool frame_stale_ = false;             // the last paint went straight to the output
  std::vector<Rect> repainted_;
  std::vector<std::optional<Color>> grounds_;  // per text of the list being painted: the solid colour under it
  std::unordered_map<std::string, Cached> texts_;  // key: weight, px, colour, ground colour or none, text
  std::size_t text_bytes_ = 0;                     // sum of texts_' bytes
  using DiscKey = std::pair<int, std::uint32_t>;   // radius, RGBA
  std::map<DiscKey, Cached> discs_;                // anti-aliased discs for rounded corners
  std::unordered_map<std::uint32_t, Cached> tiles_; // opaque tiles of one colour, by RGB
  std::map<std::string, Cached> images_;
};

}  // namespace speedmeet::ui
