#pragma once
// Paints a DisplayList into any SDL_Renderer (window or software surface):
// the SDL calls only. What to paint where — changed regions, solid grounds,
// background parts, aligned spans and copies, the text cache's rules — is
// decided by the UI core (ui/paint_plan.hpp, ui/text_cache.hpp).
// Rendered text runs are written into one text atlas, a streaming texture
// (see ShelfPacker), rather than each made into a texture of its own;
// corner discs and images are cached as textures, and the frame itself is
// kept in a target texture: a frame equal to the last one costs one copy, a
// ticking clock repaints only its own box, a new screen is painted in full,
// straight to the output (the kept frame catches up at the next paint). The
// layout, not the painter, decides where and how big everything is.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ui/display_list.hpp"
#include "ui/sdl/sdl_fonts.hpp"
#include "ui/shelf_packer.hpp"

struct SDL_Renderer;
struct SDL_Texture;

namespace speedmeet::ui {

class SdlPainter {
 public:
  // text_budget: the bytes of texture kept for rendered text; 0: the
  // screen's own size (4 bytes a pixel), at least 8 MB. Tests make it small.
  SdlPainter(SDL_Renderer* renderer, FontLibrary& fonts, std::size_t text_budget = 0);
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

  // Rendered texts kept (in the atlas or, big or without room there, in a texture of their own).
  std::size_t cached_textures() const { return texts_.size(); }
  // How many of them were pre-composed onto a solid ground (drawn as copies).
  std::size_t cached_opaque_texts() const;
  // Their texture memory: the atlas, the size of the text budget, plus the
  // texts in textures of their own (big ones, or when the atlas had no
  // room), within a quarter of the budget but for the current frame's.
  std::size_t cached_text_bytes() const { return atlas_bytes_ + own_text_bytes_; }
  // What the last paint() repainted: the regions (the whole screen for a
  // full repaint, none when nothing changed).
  const std::vector<Rect>& last_repaint() const { return repainted_; }

 private:
  struct TextureDeleter {
    void operator()(SDL_Texture* t) const;
  };
  using TexturePtr = std::unique_ptr<SDL_Texture, TextureDeleter>;
  struct Cached {
    TexturePtr texture;  // null when it could not be made (drawn as nothing, tried once)
    int w = 0, h = 0;
  };
  // A rendered line of text. Its pixels are the rows that hold ink, and
  // the columns that do plus up to kTextPad columns of ground either side
  // (pre-composed text) so that a copy can start and end on 64-byte
  // boundaries of the output row.
  struct CachedText {
    std::uint64_t shelf = 0;  // the atlas shelf holding the pixels; 0: `own` holds them
    TexturePtr own;           // a big text, or the atlas had no room (or there is no atlas)
    Rect src;                 // where the pixels are, in the atlas or `own`
    Rect kept;                // which part of the line they are (line coordinates)
    Rect ink;                 // the inked part of the line, inside `kept`; empty: blank, drawn as nothing
    int w = 0, h = 0;         // the line: its measured size
    bool opaque = false;      // pre-composed onto its ground: copied, not blended
    std::size_t bytes = 0;    // memory of `own`
    std::uint64_t last_frame = 0;
  };

  void repaint(const DisplayList& list, const std::vector<Rect>& regions);
  bool ensure_frame(Size size);
  void fill_background(const DisplayList& list);
  void fill(const RectItem& r);
  void fill_plain(Rect r, Color c);
  void draw(const ImageItem& i);
  void draw(const TextItem& t, const std::optional<Color>& ground);
  CachedText render(const TextItem& t, const std::optional<Color>& ground);
  std::size_t budget_for(Size screen) const;
  bool ensure_atlas(Size screen);
  void copy_text(const CachedText& c, Rect line);
  Cached& disc(int radius, Color color);
  void evict_unused(Size screen);

  SDL_Renderer* renderer_;
  FontLibrary& fonts_;
  std::size_t text_budget_;              // 0: the screen's size
  std::uint64_t frame_ = 0;
  Size screen_;                          // of the list being painted
  Cached frame_texture_;                 // the composed screen (null: the renderer has no target textures)
  std::optional<DisplayList> last_;      // what the output shows; frame_texture_ too unless stale
  bool frame_stale_ = false;             // the last paint went straight to the output
  std::vector<Rect> repainted_;
  std::vector<std::optional<Color>> grounds_;  // per text of the list being painted: the solid colour under it
  std::unordered_map<std::string, CachedText> texts_;  // key: weight, px, colour, ground colour or none, text
  TexturePtr atlas_;                               // streaming, ARGB8888: the texts' pixels (null: none could be made)
  std::optional<ShelfPacker> packer_;              // where in atlas_; set when atlas_ was tried for this screen size
  Size atlas_screen_;                              // the screen size atlas_ was made for
  std::size_t atlas_bytes_ = 0;
  std::size_t own_text_bytes_ = 0;                 // sum of texts_' bytes (texts outside the atlas)
  std::vector<std::uint64_t> evicted_;             // scratch: shelves place() just evicted
  std::vector<std::uint8_t> columns_;              // scratch: which columns of a rendered line hold ink
  using DiscKey = std::pair<int, std::uint32_t>;   // radius, RGBA
  std::map<DiscKey, Cached> discs_;                // anti-aliased discs for rounded corners
  std::map<std::string, Cached> images_;
};

}  // namespace speedmeet::ui
