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

namespace speedmeet::ui {
namespace {

struct SurfaceDeleter {
  void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

constexpr std::uint64_t kKeepFrames = 600;  // texts unused this long are forgotten
constexpr std::size_t kMaxTexts = 4000;
constexpr std::size_t kMinTextBytes = 8u << 20;  // the text texture budget on small screens
// 16 ARGB8888 pixels are 64 bytes, a cache line. SDL's software copy of an
// opaque texture uses streaming stores when source, destination and row
// length are 16-byte aligned, else a memcpy per row: after the clear (itself
// streaming stores) the output is out of the cache, and a memcpy's ordinary
// stores first read every line they touch from memory — on the machine the
// figures come from, a ragged 691-pixel panel took four times as long as a
// 768-pixel one. Copies are therefore cut into a middle whose ends are on
// 16-pixel boundaries and narrow ragged ends.
constexpr int kLine = 16;
// Columns of ground kept either side of a pre-composed text's ink, so that
// its copy can start and end on such a boundary without a ragged end.
constexpr int kTextPad = kLine - 1;
// The alpha byte of an ARGB8888 pixel in memory.
constexpr int kAlphaByte = SDL_BYTEORDER == SDL_LIL_ENDIAN ? 3 : 0;
constexpr long long kMaxImagePixels = 4096LL * 4096;
// A full repaint fills the background only where no opaque rect will
// cover it, in at most this many rects; past that, one clear of it all.
constexpr std::size_t kMaxBackgroundParts = 32;
constexpr std::size_t kMaxDiscs = 128;

SDL_Rect to_sdl(Rect r) { return {r.x, r.y, r.w, r.h}; }

int floor_to(int x, int m) { return x >= 0 ? x / m * m : -((-x + m - 1) / m * m); }
int ceil_to(int x, int m) { return floor_to(x + m - 1, m); }
int mod4(int x) { return (x % 4 + 4) % 4; }

// A disc of the given radius and colour with an anti-aliased edge: corners
// of rounded rects are its quadrants. One per colour, so that drawing needs
// no colour modulation (the software renderer's slow path).
SurfacePtr make_disc(int radius, Color color) {
  const int d = 2 * radius;
  SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, d, d, 32, SDL_PIXELFORMAT_ARGB8888));
  if (!s) return s;
  auto* pixels = static_cast<std::uint32_t*>(s->pixels);
  const int stride = s->pitch / 4;
  for (int y = 0; y < d; ++y) {
    for (int x = 0; x < d; ++x) {
      // Coverage of the pixel by the disc, 4×4 supersampled.
      int inside = 0;
      for (int sy = 0; sy < 4; ++sy)
        for (int sx = 0; sx < 4; ++sx) {
          const double px = x + (sx + 0.5) / 4 - radius, py = y + (sy + 0.5) / 4 - radius;
          inside += px * px + py * py <= static_cast<double>(radius) * radius;
        }
      const auto alpha = static_cast<std::uint32_t>(inside * color.a / 16);
      pixels[y * stride + x] = (alpha << 24) | (std::uint32_t{color.r} << 16) | (std::uint32_t{color.g} << 8) | color.b;
    }
  }
  return s;
}

// The bounding box of the ink in a rendered line: the pixels with some
// alpha (ARGB8888, blended text) or of a palette index other than 0 (INDEX8,
// shaded text: 0 is the ground). Whole rows are OR-ed (loops the compiler
// vectorizes) from the top and from the bottom until one holds ink; the
// columns come from one OR of the inked rows into `columns`.
Rect ink_bounds(const SDL_Surface* s, std::vector<std::uint8_t>& columns) {
  const bool indexed = s->format->BytesPerPixel == 1;
  const int w = s->w;
  auto row = [&](int y) { return static_cast<const std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch; };
  auto inked = [&](int y) {
    const std::uint8_t* r = row(y);
    std::uint8_t any = 0;
    if (indexed) {
      for (int x = 0; x < w; ++x) any |= r[x];
    } else {
      for (int x = 0; x < w; ++x) any |= r[4 * x + kAlphaByte];
    }
    return any != 0;
  };
  int top = 0;
  while (top < s->h && !inked(top)) ++top;
  if (top == s->h) return {};
  int bottom = s->h - 1;
  while (!inked(bottom)) --bottom;
  columns.assign(static_cast<std::size_t>(w), 0);
  std::uint8_t* col = columns.data();
  for (int y = top; y <= bottom; ++y) {
    const std::uint8_t* r = row(y);
    if (indexed) {
      for (int x = 0; x < w; ++x) col[x] |= r[x];
    } else {
      for (int x = 0; x < w; ++x) col[x] |= r[4 * x + kAlphaByte];
    }
  }
  int left = 0, right = w - 1;
  while (col[left] == 0) ++left;
  while (col[right] == 0) --right;
  return {left, top, right - left + 1, bottom - top + 1};
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

// Where a text item's rendered line lands, as draw() places it: its measured
// width aligned in its box, its line height centred. The rendered surface is
// as wide as measured (the same TTF_SizeUTF8) and at most that tall, so it
// lies inside; render() checks, and blends when it does not.
Rect line_rect(const TextItem& t, int w, int h) {
  const Rect& b = t.box;
  const int x = t.align == Align::left ? b.x : t.align == Align::right ? b.right() - w : b.x + (b.w - w) / 2;
  return {x, b.y + (b.h - h) / 2, w, h};
}

Rect text_rect(const TextItem& t) { return line_rect(t, t.width, t.height); }

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

// The regions where `list` differs from the last painted one: none, a few
// text boxes (clock, countdowns), or the whole screen.
std::vector<Rect> SdlPainter::changes(const DisplayList& list) const {
  const std::vector<Rect> everything{{0, 0, list.size.w, list.size.h}};
  if (!last_) return everything;
  const DisplayList& old = *last_;
  if (old.size != list.size || old.background != list.background || old.rects != list.rects || old.images != list.images ||
      old.texts.size() != list.texts.size())
    return everything;
  std::vector<Rect> dirty;
  long long area = 0;
  for (std::size_t i = 0; i < list.texts.size(); ++i) {
    if (old.texts[i] == list.texts[i]) continue;
    for (const Rect& r : {old.texts[i].box, list.texts[i].box}) {
      dirty.push_back(r);
      area += static_cast<long long>(r.w) * r.h;
    }
  }
  if (dirty.size() > 32 || area * 3 > static_cast<long long>(list.size.w) * list.size.h) return everything;
  return dirty;
}

void SdlPainter::paint(const DisplayList& list) {
  ++frame_;
  if (!ensure_frame(list.size)) {  // no target textures: paint straight to the output every frame
    repainted_ = {{0, 0, list.size.w, list.size.h}};
    repaint(list, repainted_);
    return;
  }
  const Rect whole{0, 0, list.size.w, list.size.h};
  repainted_ = changes(list);
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

// Text on one solid colour (the screen's background or one opaque rect,
// with no image and no earlier text in the way) is pre-composed onto that
// colour once, when its texture is made, and then copied opaque: on the
// software renderer a copy is a memcpy per row, a blend costs per pixel —
// most of a new screen's paint time was spent blending text.
void SdlPainter::find_solid_grounds(const DisplayList& list) {
  grounds_.assign(list.texts.size(), std::nullopt);
  std::vector<Rect> earlier;
  earlier.reserve(list.texts.size());
  for (std::size_t i = 0; i < list.texts.size(); ++i) {
    const TextItem& t = list.texts[i];
    const Rect r = text_rect(t);
    const bool clear_of_texts =
        std::none_of(earlier.begin(), earlier.end(), [&](const Rect& e) { return e.intersects(r); });
    earlier.push_back(r);
    if (t.color.a != 255 || !clear_of_texts) continue;
    if (std::any_of(list.images.begin(), list.images.end(), [&](const ImageItem& im) { return im.box.intersects(r); })) continue;
    // From the top: rects that touch the text without covering it must
    // have the colour of what lies under them all (a rounded corner of the
    // same colour, a bar squaring a header); the first one that covers the
    // text entirely, away from its anti-aliased corners, is the ground.
    std::optional<Color> ground = list.background;
    std::vector<Color> partial;
    for (auto it = list.rects.rbegin(); it != list.rects.rend(); ++it) {
      if (!it->rect.intersects(r)) continue;
      const Rect& q = it->rect;
      const int k = std::min(it->radius, std::min(q.w, q.h) / 2);
      const bool covered = Rect{q.x + k, q.y, q.w - 2 * k, q.h}.contains(r) || Rect{q.x, q.y + k, q.w, q.h - 2 * k}.contains(r);
      if (it->color.a != 255) {
        ground.reset();
        break;
      }
      if (covered) {
        ground = it->color;
        break;
      }
      partial.push_back(it->color);
    }
    if (ground && std::any_of(partial.begin(), partial.end(), [&](const Color& p) { return !(p == *ground); })) ground.reset();
    if (ground) ground->a = 255;
    grounds_[i] = ground;
  }
}

void SdlPainter::repaint(const DisplayList& list, const std::vector<Rect>& regions) {
  screen_ = list.size;
  const bool full = regions.size() == 1 && regions[0] == Rect{0, 0, list.size.w, list.size.h};
  find_solid_grounds(list);
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
// was a tenth of a new screen's cost. Filled only where no opaque rect
// (a rounded one: its core) will be drawn, when that takes few rects.
void SdlPainter::fill_background(const DisplayList& list) {
  const Color bg{list.background.r, list.background.g, list.background.b, 255};
  std::vector<Rect> parts{{0, 0, list.size.w, list.size.h}}, rest;
  auto subtract = [&](const Rect& c) {
    rest.clear();
    for (const Rect& p : parts) {
      if (!p.intersects(c)) {
        rest.push_back(p);
        continue;
      }
      // Above and below it as wide as p (full rows fill fastest), then beside it.
      const int top = std::max(p.y, c.y), bottom = std::min(p.bottom(), c.bottom());
      if (c.y > p.y) rest.push_back({p.x, p.y, p.w, c.y - p.y});
      if (c.bottom() < p.bottom()) rest.push_back({p.x, c.bottom(), p.w, p.bottom() - c.bottom()});
      if (c.x > p.x) rest.push_back({p.x, top, c.x - p.x, bottom - top});
      if (c.right() < p.right()) rest.push_back({c.right(), top, p.right() - c.right(), bottom - top});
    }
    parts.swap(rest);
  };
  for (const RectItem& item : list.rects) {
    const Rect& r = item.rect;
    if (item.color.a != 255 || r.empty()) continue;
    const int k = std::min(item.radius, std::min(r.w, r.h) / 2);
    if (k <= 0) {
      subtract(r);
    } else {
      subtract({r.x + k, r.y, r.w - 2 * k, r.h});
      subtract({r.x, r.y + k, r.w, r.h - 2 * k});
    }
    if (parts.size() > kMaxBackgroundParts) {
      SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
      SDL_SetRenderDrawColor(renderer_, bg.r, bg.g, bg.b, 255);
      SDL_RenderClear(renderer_);
      return;
    }
  }
  for (const Rect& p : parts) fill_plain(p, bg);
}

void SdlPainter::fill(const RectItem& item) {
  const Rect& r = item.rect;
  if (r.empty()) return;
  const Color c = item.color;
  const int k = std::min(item.radius, std::min(r.w, r.h) / 2);
  if (k <= 0) {
    fill_plain(r, c);
    return;
  }
  // A cross of three rects — a band as wide as the rect rather than two
  // columns k pixels wide beside a tall middle: each row of such a column
  // is a store to a partial cache line (see kLine); on the 60-table board
  // (120 rounded cards) SDL's scalar fill loop went from 11% to 7% of the
  // repaint —, then the four corners from the disc texture.
  fill_plain({r.x, r.y + k, r.w, r.h - 2 * k}, c);
  fill_plain({r.x + k, r.y, r.w - 2 * k, k}, c);
  fill_plain({r.x + k, r.bottom() - k, r.w - 2 * k, k}, c);
  Cached& d = disc(k, c);
  if (!d.texture) return;
  const SDL_Rect src[4] = {{0, 0, k, k}, {k, 0, k, k}, {0, k, k, k}, {k, k, k, k}};
  const SDL_Rect dst[4] = {{r.x, r.y, k, k}, {r.right() - k, r.y, k, k}, {r.x, r.bottom() - k, k, k}, {r.right() - k, r.bottom() - k, k, k}};
  for (int i = 0; i < 4; ++i) SDL_RenderCopy(renderer_, d.texture.get(), &src[i], &dst[i]);
}

// An opaque fill is cut into a middle from and to 16-pixel boundaries and
// narrow ragged ends (see kLine): SDL's software fill of the middle is then
// all streaming stores. Uncut, a panel 691 pixels wide took 1.7 times as
// long as a clear of the whole screen. Translucent fills blend, a read of
// every pixel whatever the cut.
void SdlPainter::fill_plain(Rect r, Color c) {
  if (r.empty()) return;
  SDL_SetRenderDrawBlendMode(renderer_, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  auto columns = [&](int x0, int x1) {
    const SDL_Rect s{x0, r.y, x1 - x0, r.h};
    SDL_RenderFillRect(renderer_, &s);
  };
  const int a = ceil_to(r.x, kLine), b = floor_to(r.right(), kLine);
  if (c.a != 255 || a >= b) {
    columns(r.x, r.right());
    return;
  }
  if (r.x < a) columns(r.x, a);
  columns(a, b);
  if (b < r.right()) columns(b, r.right());
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
  std::string key;
  key.reserve(item.text.size() + 24);
  key += item.weight == FontWeight::bold ? 'b' : 'r';
  key += std::to_string(item.px);
  key += ':';
  for (std::uint8_t v : {item.color.r, item.color.g, item.color.b, item.color.a}) key += static_cast<char>(v);
  key += ground ? 'g' : '-';
  if (ground)
    for (std::uint8_t v : {ground->r, ground->g, ground->b}) key += static_cast<char>(v);
  key += item.text;
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
  TTF_Font* font = fonts_.font(item.weight, item.px);
  const SDL_Color color{item.color.r, item.color.g, item.color.b, item.color.a};
  SurfacePtr s;
  if (ground) {
    // Shaded: 8 bits a pixel, index 0 the ground, the rest the text's
    // coverage blended onto it by SDL2_ttf.
    s.reset(TTF_RenderUTF8_Shaded(font, item.text.c_str(), color, SDL_Color{ground->r, ground->g, ground->b, 255}));
    // The line must land where the ground was checked; else blend after all.
    c.opaque = s && text_rect(item).contains(line_rect(item, s->w, s->h));
    if (!c.opaque) s.reset();
  }
  if (!s) {
    s.reset(TTF_RenderUTF8_Blended(font, item.text.c_str(), color));
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
  c.ink = ink_bounds(s.get(), columns_);
  if (c.ink.empty()) {
    c.opaque = false;  // blank: drawn as nothing
    return c;
  }
  c.kept = c.ink;
  if (c.opaque) {
    c.kept.x = std::max(0, c.ink.x - kTextPad);
    c.kept.w = std::min(c.w, c.ink.right() + kTextPad) - c.kept.x;
  }
  // In the atlas, its columns line up with the output's modulo 4 (see
  // copy_text). Not a big one (a table number): its shelf would take half
  // the atlas' height, and with the small lines drawn in the same frame
  // pinned here and there, room for the next one was often not found; kept
  // apart, the atlas holds an idle and a result screen's lines, and a
  // texture of its own costs 0.02 ms to make.
  if (ensure_atlas(screen_) && c.kept.h <= packer_->size().h / 4) {
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

std::size_t SdlPainter::budget_for(Size screen) const {
  if (text_budget_ != 0) return text_budget_;
  return std::max(kMinTextBytes, static_cast<std::size_t>(std::max(0, screen.w)) * static_cast<std::size_t>(std::max(0, screen.h)) * 4);
}

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
  const std::size_t budget = budget_for(screen);
  int w = ceil_to(std::max(screen.w, kLine), kLine);  // rows a multiple of 64 bytes: copies stay aligned
  if (info.max_texture_width > 0) w = std::min(w, info.max_texture_width);
  int h = static_cast<int>(std::min<std::size_t>(budget / (static_cast<std::size_t>(w) * 4), 16384));
  if (info.max_texture_height > 0) h = std::min(h, info.max_texture_height);
  packer_.emplace(Size{w, std::max(h, 0)});  // tried: not again until the screen size or the renderer changes
  if (h <= 0) return false;                  // a budget too small for a row: each text gets a texture of its own
  atlas_.reset(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h));
  if (!atlas_) return false;
  atlas_bytes_ = static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
  return true;
}

// Copies a text's kept pixels to where its line lands: a blended text its
// ink, blended; a pre-composed one, opaque, from and to 16-pixel boundaries
// of the output as far as the kept ground allows (see kLine).
void SdlPainter::copy_text(const CachedText& c, Rect line) {
  SDL_Texture* texture = c.shelf != 0 ? atlas_.get() : c.own.get();
  const int left = line.x + c.kept.x;  // the screen column of the first kept pixel
  auto rects = [&](int x0, int x1, SDL_Rect& src, SDL_Rect& dst) {
    src = {c.src.x + (x0 - left), c.src.y, x1 - x0, c.src.h};
    dst = {x0, line.y + c.kept.y, x1 - x0, c.src.h};
  };
  SDL_Rect src, dst;
  if (!c.opaque) {
    rects(line.x + c.ink.x, line.x + c.ink.right(), src, dst);
    if (c.shelf != 0) SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    SDL_RenderCopy(renderer_, texture, &src, &dst);
    return;
  }
  if (c.shelf != 0) SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_NONE);
  const int x0 = std::max(left, floor_to(line.x + c.ink.x, kLine));
  const int x1 = std::min(left + c.kept.w, ceil_to(line.x + c.ink.right(), kLine));
  const int a = ceil_to(x0, kLine), b = floor_to(x1, kLine);
  if (a >= b) {
    rects(x0, x1, src, dst);
    SDL_RenderCopy(renderer_, texture, &src, &dst);
    return;
  }
  for (auto [from, to] : {std::pair{x0, a}, std::pair{a, b}, std::pair{b, x1}}) {
    if (from >= to) continue;
    rects(from, to, src, dst);
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
  // Without an atlas, every text has a texture of its own: the whole budget.
  const std::size_t own_budget = atlas_ ? budget_for(screen) / 4 : budget_for(screen);
  if (own_text_bytes_ > own_budget) {
    std::vector<std::pair<std::uint64_t, std::size_t>> order;  // last frame drawn, bytes
    for (const auto& [key, c] : texts_)
      if (c.bytes != 0 && c.last_frame != frame_) order.emplace_back(c.last_frame, c.bytes);
    std::sort(order.begin(), order.end());
    std::size_t left = own_text_bytes_;
    std::optional<std::uint64_t> cut;  // own textures last drawn at or before it go
    for (const auto& [last, bytes] : order) {
      if (left <= own_budget) break;
      left -= bytes;
      cut = last;
    }
    if (cut) drop([&](const CachedText& c) { return c.bytes != 0 && c.last_frame != frame_ && c.last_frame <= *cut; });
  }
  // A sweep walks the whole cache: once in a while is enough, unless full.
  if (frame_ % 64 != 0 && texts_.size() < kMaxTexts) return;
  const std::uint64_t keep = texts_.size() >= kMaxTexts ? 1 : kKeepFrames;
  drop([&](const CachedText& c) { return frame_ - c.last_frame >= keep; });
}

}  // namespace speedmeet::ui
