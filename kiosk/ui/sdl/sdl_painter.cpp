#include "ui/sdl/sdl_painter.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "ui/paint_plan.hpp"
#include "ui/text_cache.hpp"

namespace speedmeet::ui {
namespace {

struct SurfaceDeleter {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

constexpr long long kMaxImagePixels = 4096LL * 4096;
constexpr std::size_t kMaxDiscs = 128;

SDL_Rect to_sdl(Rect r) { return {r.x, r.y, r.w, r.h}; }

// A disc for rounded corners (see disc_pixels), as a surface.
SurfacePtr make_disc(int radius, Color color) {
  const int d = 2 * radius;
  SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, d, d, 32, SDL_PIXELFORMAT_ARGB8888));
  if (s) disc_pixels(radius, color, static_cast<std::uint32_t*>(s->pixels), s->pitch / 4);
  return s;
}

// The ink of a rendered line (see ink_bounds).
Rect surface_ink(const SDL_Surface* s, std::vector<std::uint8_t>& columns) {
  return ink_bounds(static_cast<const std::uint8_t*>(s->pixels), s->w, s->h, s->pitch, s->format->BytesPerPixel == 1, columns);
}

// Writes `part` of a rendered line as ARGB8888 to `out` (rows `pitch` bytes
// apart): a shaded line through its palette, opaque — the pixels SDL's own
// conversion of it gave —, a blended one as it is.
void put_pixels(const SDL_Surface* s, Rect part, std::uint8_t* out, int pitch) {
  auto row = [&](int y) {
    return static_cast<const std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(part.y + y) * s->pitch;
  };
  if (s->format->BytesPerPixel == 1) {
    std::array<std::uint32_t, 256> argb{};
    if (const SDL_Palette* p = s->format->palette)
      for (int i = 0; i < std::min(p->ncolors, 256); ++i) {
        const SDL_Color c = p->colors[i];
        argb[static_cast<std::size_t>(i)] =
            0xFF000000u | (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | std::uint32_t{c.b};
      }
    for (int y = 0; y < part.h; ++y) {
      const std::uint8_t* in = row(y) + part.x;
      std::uint8_t* o = out + static_cast<std::ptrdiff_t>(y) * pitch;
      for (int x = 0; x < part.w; ++x) std::memcpy(o + 4 * x, &argb[in[x]], 4);
    }
  } else {
    for (int y = 0; y < part.h; ++y)
      std::memcpy(out + static_cast<std::ptrdiff_t>(y) * pitch, row(y) + static_cast<std::ptrdiff_t>(part.x) * 4,
                  static_cast<std::size_t>(part.w) * 4);
  }
}

// Writes `part` of a rendered line into `where` of a streaming texture: in
// place when it can be locked (the software renderer hands out the
// texture's own pixels), else through a buffer and SDL_UpdateTexture.
bool upload(SDL_Texture* texture, Rect where, const SDL_Surface* s, Rect part) {
  const SDL_Rect r = to_sdl(where);
  void* pixels = nullptr;
  int pitch = 0;
  if (SDL_LockTexture(texture, &r, &pixels, &pitch) == 0) {
    put_pixels(s, part, static_cast<std::uint8_t*>(pixels), pitch);
    SDL_UnlockTexture(texture);
    return true;
  }
  std::vector<std::uint8_t> buffer(static_cast<std::size_t>(part.w) * static_cast<std::size_t>(part.h) * 4);
  put_pixels(s, part, buffer.data(), part.w * 4);
  return SDL_UpdateTexture(texture, &r, buffer.data(), part.w * 4) == 0;
}

}  // namespace

void SdlPainter::TextureDeleter::operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }

SdlPainter::SdlPainter(SDL_Renderer* renderer, FontLibrary& fonts, std::size_t text_budget)
    : renderer_(renderer), fonts_(fonts), text_budget_(text_budget) {
  if (!renderer_) throw std::invalid_argument("SdlPainter needs a renderer");
}

SdlPainter::~SdlPainter() = default;

void SdlPainter::forget_textures() {
  last_.reset();
  frame_texture_ = {};
  texts_.clear();
  own_text_bytes_ = 0;
  atlas_.reset();
  packer_.reset();
  atlas_bytes_ = 0;
  discs_.clear();
  images_.clear();
}

bool SdlPainter::ensure_frame(Size size) {
  if (frame_texture_.texture && frame_texture_.w == size.w && frame_texture_.h == size.h) return true;
  frame_texture_ = {};
  last_.reset();
  frame_stale_ = false;
  if (!SDL_RenderTargetSupported(renderer_)) return false;
  frame_texture_.texture.reset(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, size.w, size.h));
  if (!frame_texture_.texture) return false;
  SDL_SetTextureBlendMode(frame_texture_.texture.get(), SDL_BLENDMODE_NONE);
  frame_texture_.w = size.w;
  frame_texture_.h = size.h;
  return true;
}

void SdlPainter::paint(const DisplayList& list) {
  ++frame_;
  if (!ensure_frame(list.size)) {  // no target textures: paint straight to the output every frame
    repainted_ = {{0, 0, list.size.w, list.size.h}};
    repaint(list, repainted_);
    return;
  }
  const Rect whole{0, 0, list.size.w, list.size.h};
  repainted_ = changed_regions(last_, list);
  if (repainted_.size() == 1 && repainted_[0] == whole) {
    // A new screen is painted straight to the output: going through the
    // kept frame would add a full-screen copy, a quarter of a new screen's
    // cost on the software renderer, to the time between a scan and its
    // answer. The kept frame is brought up to date at the next paint, which
    // nobody waits for.
    repaint(list, repainted_);
    last_ = list;
    frame_stale_ = true;
    return;
  }
  if (frame_stale_) repainted_ = {whole};
  if (!repainted_.empty()) {
    SDL_Texture* previous = SDL_GetRenderTarget(renderer_);
    SDL_SetRenderTarget(renderer_, frame_texture_.texture.get());
    repaint(list, repainted_);
    SDL_SetRenderTarget(renderer_, previous);
    last_ = list;
    frame_stale_ = false;
  }
  SDL_RenderCopy(renderer_, frame_texture_.texture.get(), nullptr, nullptr);
}

void SdlPainter::repaint(const DisplayList& list, const std::vector<Rect>& regions) {
  screen_ = list.size;
  const bool full = regions.size() == 1 && regions[0] == Rect{0, 0, list.size.w, list.size.h};
  grounds_ = solid_grounds(list);  // see solid_grounds: such texts are copied, not blended
  const Color bg = list.background;
  for (const Rect& region : regions) {
    if (full) {
      SDL_RenderSetClipRect(renderer_, nullptr);
      fill_background(list);
    } else {
      const SDL_Rect clip = to_sdl(region);
      SDL_RenderSetClipRect(renderer_, &clip);
      fill_plain(region, {bg.r, bg.g, bg.b, 255});
    }
    for (const RectItem& r : list.rects)
      if (full || r.rect.intersects(region)) fill(r);
    for (const ImageItem& i : list.images)
      if (full || i.box.intersects(region)) draw(i);
    for (std::size_t i = 0; i < list.texts.size(); ++i)
      if (full || list.texts[i].box.intersects(region)) draw(list.texts[i], grounds_[i]);
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
  evict_unused(list.size);
}

// The background of a full repaint. Not one clear of the whole screen: a
// result screen's panels cover half of it, and writing those pixels twice
// was a tenth of a new screen's cost (see background_parts).
void SdlPainter::fill_background(const DisplayList& list) {
  const Color bg{list.background.r, list.background.g, list.background.b, 255};
  const auto parts = background_parts(list);
  if (!parts) {
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(renderer_, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(renderer_);
    return;
  }
  for (const Rect& p : *parts) fill_plain(p, bg);
}

// A rounded rect as rounded_parts cuts it: plain fills, then the four
// corners from the disc texture.
void SdlPainter::fill(const RectItem& item) {
  const RoundedParts parts = rounded_parts(item);
  for (const Rect& r : parts.cross) fill_plain(r, item.color);
  if (parts.radius <= 0) return;
  Cached& d = disc(parts.radius, item.color);
  if (!d.texture) return;
  for (int i = 0; i < 4; ++i) {
    const SDL_Rect src = to_sdl(parts.corners_src[i]), dst = to_sdl(parts.corners_dst[i]);
    SDL_RenderCopy(renderer_, d.texture.get(), &src, &dst);
  }
}

// An opaque fill in the spans fill_spans cuts (streaming stores for the
// middle); a translucent one blended whole.
void SdlPainter::fill_plain(Rect r, Color c) {
  if (r.empty()) return;
  SDL_SetRenderDrawBlendMode(renderer_, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  for (const Rect& span : fill_spans(r, c.a)) {
    const SDL_Rect sdl = to_sdl(span);
    SDL_RenderFillRect(renderer_, &sdl);
  }
}

SdlPainter::Cached& SdlPainter::disc(int radius, Color color) {
  const DiscKey key{radius, (std::uint32_t{color.r} << 24) | (std::uint32_t{color.g} << 16) | (std::uint32_t{color.b} << 8) | color.a};
  auto it = discs_.find(key);
  if (it != discs_.end()) return it->second;
  if (discs_.size() >= kMaxDiscs) discs_.clear();
  Cached c;
  if (SurfacePtr s = make_disc(radius, color)) {
    c.texture.reset(SDL_CreateTextureFromSurface(renderer_, s.get()));
    if (c.texture) SDL_SetTextureBlendMode(c.texture.get(), SDL_BLENDMODE_BLEND);
    c.w = c.h = 2 * radius;
  }
  return discs_.emplace(key, std::move(c)).first->second;
}

void SdlPainter::draw(const ImageItem& item) {
  if (item.box.empty()) return;
  auto it = images_.find(item.path);
  if (it == images_.end()) {
    Cached c;
    SurfacePtr s(IMG_Load(item.path.c_str()));
    if (s && s->w > 0 && s->h > 0 && static_cast<long long>(s->w) * s->h <= kMaxImagePixels) {
      c.texture.reset(SDL_CreateTextureFromSurface(renderer_, s.get()));
      c.w = s->w;
      c.h = s->h;
    } else {
      std::fprintf(stderr, "%s: cannot show this image (%s)\n", item.path.c_str(), s ? "too large" : IMG_GetError());
    }
    it = images_.emplace(item.path, std::move(c)).first;
  }
  const Cached& c = it->second;
  if (!c.texture) return;
  // Contain: the largest scale that fits the box, centred.
  const double scale = std::min(static_cast<double>(item.box.w) / c.w, static_cast<double>(item.box.h) / c.h);
  const int w = std::max(1, static_cast<int>(c.w * scale)), h = std::max(1, static_cast<int>(c.h * scale));
  const SDL_Rect dst{item.box.x + (item.box.w - w) / 2, item.box.y + (item.box.h - h) / 2, w, h};
  SDL_RenderCopy(renderer_, c.texture.get(), nullptr, &dst);
}

void SdlPainter::draw(const TextItem& item, const std::optional<Color>& ground) {
  if (item.text.empty()) return;
  std::string key = text_cache_key(item, ground);
  auto it = texts_.find(key);
  if (it == texts_.end()) {
    CachedText c = render(item, ground);
    own_text_bytes_ += c.bytes;
    it = texts_.emplace(std::move(key), std::move(c)).first;
  }
  CachedText& c = it->second;
  c.last_frame = frame_;
  if (c.shelf != 0) packer_->touch(c.shelf, frame_);
  if (c.ink.empty()) return;
  copy_text(c, line_rect(item, c.w, c.h));
}

// Renders a line with SDL2_ttf and writes its inked rows into the atlas
// (or, big or without room there, into a texture of their own) — once:
// SDL_CreateTextureFromSurface per text, with its conversions, allocations
// and a per-pixel copy to the output, was half a new screen's cost.
SdlPainter::CachedText SdlPainter::render(const TextItem& item, const std::optional<Color>& ground) {
  CachedText c;
  const SDL_Color color{item.color.r, item.color.g, item.color.b, item.color.a};
  SurfacePtr s;
  if (ground) {
    // Shaded: 8 bits a pixel, index 0 the ground, the rest the text's
    // coverage blended onto it by SDL2_ttf.
    // A line of several runs (directions, fallback font) is blended below.
    s.reset(render_line_shaded(fonts_, item.text, item.weight, item.px, color,
                               SDL_Color{ground->r, ground->g, ground->b, 255}));
    // The line must land where the ground was checked; else blend after all.
    c.opaque = s && text_rect(item).contains(line_rect(item, s->w, s->h));
    if (!c.opaque) s.reset();
  }
  if (!s) {
    s.reset(render_line_blended(fonts_, item.text, item.weight, item.px, color));
    if (s && s->format->format != SDL_PIXELFORMAT_ARGB8888)
      s.reset(SDL_ConvertSurfaceFormat(s.get(), SDL_PIXELFORMAT_ARGB8888, 0));
  }
  if (!s) return c;
  c.w = s->w;
  c.h = s->h;
  const Rect line = line_rect(item, c.w, c.h);
  // Only the inked rows are kept, copied or blended: a big digit's line box
  // is mostly empty above and below it. A pre-composed line also keeps some
  // ground either side of its ink (see kTextPad).
  c.ink = surface_ink(s.get(), columns_);
  if (c.ink.empty()) {
    c.opaque = false;  // blank: drawn as nothing
    return c;
  }
  c.kept = kept_columns(c.ink, c.w, c.opaque);
  // In the atlas, its columns line up with the output's modulo 4 (see
  // copy_text). Not a big one (a table number): its shelf would take half
  // the atlas' height, and with the small lines drawn in the same frame
  // pinned here and there, room for the next one was often not found; kept
  // apart, the atlas holds an idle and a result screen's lines, and a
  // texture of its own costs 0.02 ms to make.
  if (ensure_atlas(screen_) && atlas_takes(c.kept.h, packer_->size())) {
    evicted_.clear();
    if (const auto at = packer_->place(c.kept.w, c.kept.h, mod4(line.x + c.kept.x), frame_, evicted_)) {
      if (!evicted_.empty())
        std::erase_if(texts_, [&](const auto& e) {
          return std::find(evicted_.begin(), evicted_.end(), e.second.shelf) != evicted_.end();
        });
      c.src = {at->x, at->y, c.kept.w, c.kept.h};
      if (upload(atlas_.get(), c.src, s.get(), c.kept)) {
        c.shelf = at->shelf;
        return c;
      }
    }
  }
  // Big, no room in the atlas (this frame's own texts fill it) or no atlas.
  c.own.reset(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, c.kept.w, c.kept.h));
  c.src = {0, 0, c.kept.w, c.kept.h};
  if (c.own && upload(c.own.get(), c.src, s.get(), c.kept)) {
    SDL_SetTextureBlendMode(c.own.get(), c.opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    c.bytes = static_cast<std::size_t>(c.kept.w) * static_cast<std::size_t>(c.kept.h) * 4;
  } else {
    c.own.reset();
    c.ink = {};  // drawn as nothing, tried once
    c.opaque = false;
  }
  return c;
}

std::size_t SdlPainter::budget_for(Size screen) const { return text_budget(text_budget_, screen); }

// The text atlas for this screen size: as wide as the screen (a text line
// never is wider; one that is gets a texture of its own) and as tall as the
// text budget allows. Made at the first text; a new screen size makes a new
// one.
bool SdlPainter::ensure_atlas(Size screen) {
  if (packer_ && atlas_screen_ == screen) return atlas_ != nullptr;
  std::erase_if(texts_, [](const auto& e) { return e.second.shelf != 0; });
  atlas_.reset();
  packer_.reset();
  atlas_bytes_ = 0;
  atlas_screen_ = screen;
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(renderer_, &info) != 0) info = {};
  const Size size = atlas_size(screen, budget_for(screen), info.max_texture_width, info.max_texture_height);
  packer_.emplace(size);          // tried: not again until the screen size or the renderer changes
  if (size.h <= 0) return false;  // a budget too small for a row: each text gets a texture of its own
  atlas_.reset(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, size.w, size.h));
  if (!atlas_) return false;
  atlas_bytes_ = static_cast<std::size_t>(size.w) * static_cast<std::size_t>(size.h) * 4;
  return true;
}

// Copies a text's kept pixels to where its line lands, as text_copies cuts
// them: a blended text its ink, blended; a pre-composed one opaque.
void SdlPainter::copy_text(const CachedText& c, Rect line) {
  SDL_Texture* texture = c.shelf != 0 ? atlas_.get() : c.own.get();
  if (c.shelf != 0) SDL_SetTextureBlendMode(texture, c.opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  for (const TextCopy& copy : text_copies({c.src, c.kept, c.ink, c.opaque}, line)) {
    const SDL_Rect src = to_sdl(copy.src), dst = to_sdl(copy.dst);
    SDL_RenderCopy(renderer_, texture, &src, &dst);
  }
}

std::size_t SdlPainter::cached_opaque_texts() const {
  return static_cast<std::size_t>(std::count_if(texts_.begin(), texts_.end(), [](const auto& e) { return e.second.opaque; }));
}

// The atlas has the size of the text budget — the screen's own size in
// pixels, at least 8 MB: two or three screens' worth of text — and makes
// room in itself (see ShelfPacker). Left to bound here: the texts in
// textures of their own (big ones, and those the atlas had no room for),
// to a quarter of the budget beyond it (all of it when there is no atlas),
// least recently drawn first and never this frame's (a kiosk that draws a
// few frames per scan makes new texts far faster than frames age them out:
// a headless run of 300 scans once reached 350 MB); and how many texts are
// remembered: those not drawn for a while are forgotten (an atlas text's
// pixels stay until its shelf goes), all but this frame's when there are
// too many. A text still on screen but not redrawn lives on in the frame
// texture; it is rendered again at the next full repaint.
void SdlPainter::evict_unused(Size screen) {
  auto drop = [&](auto&& doomed) {
    std::erase_if(texts_, [&](const auto& entry) {
      if (!doomed(entry.second)) return false;
      own_text_bytes_ -= entry.second.bytes;
      return true;
    });
  };
  const std::size_t own_budget = own_text_budget(budget_for(screen), atlas_ != nullptr);
  if (own_text_bytes_ > own_budget) {
    std::vector<std::pair<std::uint64_t, std::size_t>> candidates;  // last frame drawn, bytes
    for (const auto& [key, c] : texts_)
      if (c.bytes != 0 && c.last_frame != frame_) candidates.emplace_back(c.last_frame, c.bytes);
    if (const auto cut = own_texture_cut(std::move(candidates), own_text_bytes_, own_budget))
      drop([&](const CachedText& c) { return c.bytes != 0 && c.last_frame != frame_ && c.last_frame <= *cut; });
  }
  if (const auto age = sweep_age(frame_, texts_.size()))
    drop([&](const CachedText& c) { return frame_ - c.last_frame >= *age; });
}

}  // namespace speedmeet::ui
