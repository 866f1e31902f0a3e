#include "sdl_painter.hpp"

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <algorithm>
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

constexpr std::uint64_t kKeepFrames = 600;  // textures unused this long are dropped
constexpr std::size_t kMaxTexts = 4000;
constexpr std::size_t kMinTextBytes = 8u << 20;  // the text texture budget on small screens
constexpr long long kMaxImagePixels = 4096LL * 4096;
constexpr int kTile = 256;           // fill tiles: 256 kB each
constexpr std::size_t kMaxTiles = 64;
constexpr std::size_t kMaxDiscs = 128;

SDL_Rect to_sdl(Rect r) { return {r.x, r.y, r.w, r.h}; }

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

// The bounding box of the ink in a rendered text surface: the pixels with
// some alpha (ARGB8888, blended text) or of a palette index other than 0
// (INDEX8, shaded text: 0 is the ground). Each row is searched only outside
// the columns already known to hold ink, so a big glyph costs about one
// pass over its blank margins, not a min/max per pixel.
Rect ink_bounds(const SDL_Surface* s) {
  const bool indexed = s->format->BytesPerPixel == 1;
  auto inked = [&](const std::uint8_t* row, int x) {
    if (indexed) return row[x] != 0;
    std::uint32_t v;
    std::memcpy(&v, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
    return (v >> 24) != 0;
  };
  int top = s->h, bottom = -1, left = s->w, right = -1;
  for (int y = 0; y < s->h; ++y) {
    const auto* row = static_cast<const std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(y) * s->pitch;
    int x = 0;
    while (x < left && !inked(row, x)) ++x;
    const bool any_left = x < left;
    if (any_left) left = x;
    int r = s->w - 1;
    while (r > right && !inked(row, r)) --r;
    const bool any_right = r > right;
    if (any_right) right = r;
    // Ink only between the known columns still makes this an ink row.
    bool any = any_left || any_right;
    for (int m = left; !any && m <= right; ++m) any = inked(row, m);
    if (!any) continue;
    top = std::min(top, y);
    bottom = y;
  }
  if (bottom < 0) return {};
  return {left, top, right - left + 1, bottom - top + 1};
}

bool intersects(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

// Where a text item's rendered line lands, as draw() places it: its measured
// width aligned in its box, its line height centred. The rendered surface is
// as wide as measured (the same TTF_SizeUTF8) and at most that tall, so it
// lies inside; draw() checks, and blends when it does not.
Rect text_rect(const TextItem& t) {
  const Rect& b = t.box;
  const int x = t.align == Align::left ? b.x : t.align == Align::right ? b.right() - t.width : b.x + (b.w - t.width) / 2;
  return {x, b.y + (b.h - t.height) / 2, t.width, t.height};
}

}  // namespace

void SdlPainter::TextureDeleter::operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }

SdlPainter::SdlPainter(SDL_Renderer* renderer, FontLibrary& fonts) : renderer_(renderer), fonts_(fonts) {
  if (!renderer_) throw std::invalid_argument("SdlPainter needs a renderer");
}

SdlPainter::~SdlPainter() = default;

void SdlPainter::forget_textures() {
  last_.reset();
  frame_texture_ = {};
  texts_.clear();
  text_bytes_ = 0;
  discs_.clear();
  tiles_.clear();
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
        std::none_of(earlier.begin(), earlier.end(), [&](const Rect& e) { return intersects(e, r); });
    earlier.push_back(r);
    if (t.color.a != 255 || !clear_of_texts) continue;
    if (std::any_of(list.images.begin(), list.images.end(), [&](const ImageItem& im) { return intersects(im.box, r); })) continue;
    // From the top: rects that touch the text without covering it must
    // have the colour of what lies under them all (a rounded corner of the
    // same colour, a bar squaring a header); the first one that covers the
    // text entirely, away from its anti-aliased corners, is the ground.
    std::optional<Color> ground = list.background;
    std::vector<Color> partial;
    for (auto it = list.rects.rbegin(); it != list.rects.rend(); ++it) {
      if (!intersects(it->rect, r)) continue;
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
  const bool full = regions.size() == 1 && regions[0] == Rect{0, 0, list.size.w, list.size.h};
  auto touches = [](const Rect& a, const Rect& b) { return intersects(a, b); };
  find_solid_grounds(list);
  const Color bg = list.background;
  for (const Rect& region : regions) {
    if (full) {
      SDL_RenderSetClipRect(renderer_, nullptr);
      SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
      SDL_SetRenderDrawColor(renderer_, bg.r, bg.g, bg.b, 255);
      // One clear of the whole screen, even under the panels: SDL streams a
      // full-width fill fastest; filling only the uncovered parts measured slower.
      SDL_RenderClear(renderer_);
    } else {
      const SDL_Rect clip = to_sdl(region);
      SDL_RenderSetClipRect(renderer_, &clip);
      fill_plain(region, {bg.r, bg.g, bg.b, 255});
    }
    for (const RectItem& r : list.rects)
      if (full || touches(r.rect, region)) fill(r);
    for (const ImageItem& i : list.images)
      if (full || touches(i.box, region)) draw(i);
    for (std::size_t i = 0; i < list.texts.size(); ++i)
      if (full || touches(list.texts[i].box, region)) draw(list.texts[i], grounds_[i]);
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
  evict_unused(list.size);
}

void SdlPainter::fill(const RectItem& item) {
  const Rect& r = item.rect;
  if (r.empty()) return;
  const Color c = item.color;
  SDL_SetRenderDrawBlendMode(renderer_, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
  const int k = std::min(item.radius, std::min(r.w, r.h) / 2);
  if (k <= 0) {
    fill_plain(r, c);
    return;
  }
  // A cross of three rects, then the four corners from the disc texture.
  fill_plain({r.x + k, r.y, r.w - 2 * k, r.h}, c);
  fill_plain({r.x, r.y + k, k, r.h - 2 * k}, c);
  fill_plain({r.right() - k, r.y + k, k, r.h - 2 * k}, c);
  Cached& d = disc(k, c);
  if (!d.texture) return;
  const SDL_Rect src[4] = {{0, 0, k, k}, {k, 0, k, k}, {0, k, k, k}, {k, k, k, k}};
  const SDL_Rect dst[4] = {{r.x, r.y, k, k}, {r.right() - k, r.y, k, k}, {r.x, r.bottom() - k, k, k}, {r.right() - k, r.bottom() - k, k, k}};
  for (int i = 0; i < 4; ++i) SDL_RenderCopy(renderer_, d.texture.get(), &src[i], &dst[i]);
}

// SDL's software SDL_FillRect is slow on rects narrower than the surface
// (non-temporal stores row by row: ~2 ns a pixel); copying an opaque tile of
// the colour is a plain memcpy per row, several times faster. Translucent
// fills keep SDL's blending fill.
void SdlPainter::fill_plain(Rect r, Color c) {
  if (r.empty()) return;
  if (c.a != 255) {
    const SDL_Rect s = to_sdl(r);
    SDL_RenderFillRect(renderer_, &s);
    return;
  }
  Cached& t = tile(c);
  if (!t.texture) {
    const SDL_Rect s = to_sdl(r);
    SDL_RenderFillRect(renderer_, &s);
    return;
  }
  for (int y = r.y; y < r.bottom(); y += t.h)
    for (int x = r.x; x < r.right(); x += t.w) {
      const int w = std::min(t.w, r.right() - x), h = std::min(t.h, r.bottom() - y);
      const SDL_Rect src{0, 0, w, h}, dst{x, y, w, h};
      SDL_RenderCopy(renderer_, t.texture.get(), &src, &dst);
    }
}

SdlPainter::Cached& SdlPainter::tile(Color c) {
  const std::uint32_t key = (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
  auto it = tiles_.find(key);
  if (it != tiles_.end()) return it->second;
  if (tiles_.size() >= kMaxTiles) tiles_.clear();  // themes use a dozen colours; never reached in practice
  Cached t;
  SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, kTile, kTile, 32, SDL_PIXELFORMAT_ARGB8888));
  if (s) {
    SDL_FillRect(s.get(), nullptr, SDL_MapRGBA(s->format, c.r, c.g, c.b, 255));
    t.texture.reset(SDL_CreateTextureFromSurface(renderer_, s.get()));
    if (t.texture) SDL_SetTextureBlendMode(t.texture.get(), SDL_BLENDMODE_NONE);
    t.w = t.h = kTile;
  }
  return tiles_.emplace(key, std::move(t)).first->second;
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
  const Rect& b = item.box;
  auto place = [&](int w, int h) {
    const int x = item.align == Align::left ? b.x : item.align == Align::right ? b.right() - w : b.x + (b.w - w) / 2;
    return Rect{x, b.y + (b.h - h) / 2, w, h};
  };
  auto it = texts_.find(key);
  if (it == texts_.end()) {
    Cached c;
    TTF_Font* font = fonts_.font(item.weight, item.px);
    const SDL_Color color{item.color.r, item.color.g, item.color.b, item.color.a};
    SurfacePtr s;
    bool opaque = false;
    if (ground) {
      // Shaded: 8 bits a pixel, index 0 the ground, the rest the text's
      // coverage blended onto it by SDL2_ttf.
      s.reset(TTF_RenderUTF8_Shaded(font, item.text.c_str(), color, SDL_Color{ground->r, ground->g, ground->b, 255}));
      // The line must land where the ground was checked; else blend after all.
      opaque = s && text_rect(item).contains(place(s->w, s->h));
      if (!opaque) s.reset();
    }
    if (!s) s.reset(TTF_RenderUTF8_Blended(font, item.text.c_str(), color));
    if (s) {
      c.w = s->w;
      c.h = s->h;
      // Only the ink is copied or blended each repaint: a big digit's line
      // box is mostly empty above and below it.
      c.ink = ink_bounds(s.get());
      if (!c.ink.empty()) {
        const int bpp = s->format->BytesPerPixel;
        SurfacePtr ink(SDL_CreateRGBSurfaceWithFormatFrom(
            static_cast<std::uint8_t*>(s->pixels) + static_cast<std::ptrdiff_t>(c.ink.y) * s->pitch + c.ink.x * bpp, c.ink.w,
            c.ink.h, bpp * 8, s->pitch, s->format->format));
        if (ink && s->format->palette) SDL_SetSurfacePalette(ink.get(), s->format->palette);
        if (ink) c.texture.reset(SDL_CreateTextureFromSurface(renderer_, ink.get()));
        if (c.texture) SDL_SetTextureBlendMode(c.texture.get(), opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
        c.opaque = opaque && c.texture;
        if (c.texture) c.bytes = static_cast<std::size_t>(c.ink.w) * static_cast<std::size_t>(c.ink.h) * 4;
      }
    }
    text_bytes_ += c.bytes;
    it = texts_.emplace(std::move(key), std::move(c)).first;
  }
  Cached& c = it->second;
  if (c.last_frame != frame_) ++c.frames_drawn;
  c.last_frame = frame_;
  if (!c.texture) return;
  const Rect at = place(c.w, c.h);
  const SDL_Rect dst{at.x + c.ink.x, at.y + c.ink.y, c.ink.w, c.ink.h};
  SDL_RenderCopy(renderer_, c.texture.get(), nullptr, &dst);
}

std::size_t SdlPainter::cached_opaque_texts() const {
  return static_cast<std::size_t>(std::count_if(texts_.begin(), texts_.end(), [](const auto& e) { return e.second.opaque; }));
}

// Drops the texts not drawn for a while (all but this frame's when the cache
// is full). A text still on screen but not redrawn lives on in the frame
// texture; it is rendered again at the next full repaint.
//
// And a memory budget of the screen's own size in pixels (8 MB at
// 1920×1080, two or three screens' worth of text): text textures are big
// (a table number at 1920×1080 is half a megabyte), and a kiosk that draws
// a few frames per scan makes new ones far faster than frames age them out
// — a headless run of 300 scans reached 350 MB without it. Over budget, the
// texts drawn in one frame only go first (the last participant's name, not
// the idle screen's words), then the least recently drawn; never this frame's.
void SdlPainter::evict_unused(Size screen) {
  auto drop = [&](auto&& doomed) {
    std::erase_if(texts_, [&](const auto& entry) {
      if (!doomed(entry.second)) return false;
      text_bytes_ -= entry.second.bytes;
      return true;
    });
  };
  const std::size_t budget =
      std::max(kMinTextBytes, static_cast<std::size_t>(std::max(0, screen.w)) * static_cast<std::size_t>(std::max(0, screen.h)) * 4);
  if (text_bytes_ > budget) {
    // Eviction order: (drawn again, last frame drawn); everything before the
    // first entry that may stay goes.
    using Rank = std::pair<bool, std::uint64_t>;
    auto rank = [](const Cached& c) { return Rank{c.frames_drawn > 1, c.last_frame}; };
    std::vector<std::pair<Rank, std::size_t>> order;  // rank, bytes
    for (const auto& [key, c] : texts_)
      if (c.last_frame != frame_) order.emplace_back(rank(c), c.bytes);
    std::sort(order.begin(), order.end());
    std::size_t left = text_bytes_;
    std::optional<Rank> cut;  // entries ranked at or below it go
    for (const auto& [r, bytes] : order) {
      if (left <= budget) break;
      left -= bytes;
      cut = r;
    }
    if (cut) drop([&](const Cached& c) { return c.last_frame != frame_ && rank(c) <= *cut; });
  }
  // A sweep walks the whole cache: once in a while is enough, unless full.
  if (frame_ % 64 != 0 && texts_.size() < kMaxTexts) return;
  const std::uint64_t keep = texts_.size() >= kMaxTexts ? 1 : kKeepFrames;
  drop([&](const Cached& c) { return frame_ - c.last_frame >= keep; });
}

}  // namespace speedmeet::ui
