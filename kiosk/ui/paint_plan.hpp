#pragma once
// What the painter paints where, decided without SDL: which regions of a
// frame changed, which texts lie on one solid colour (drawn pre-composed,
// copied rather than blended), where a full repaint fills the background,
// and how fills and text copies are cut so that SDL's software renderer
// runs its fast paths. The SDL painter (sdl/sdl_painter.cpp) only carries
// these out. Pure, tested on its own (tests/ui/test_paint_plan.cpp).
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <vector>

#include "ui/display_list.hpp"

namespace speedmeet::ui {

// 16 ARGB8888 pixels are 64 bytes, a cache line. SDL's software copy of an
// opaque texture uses streaming stores when source, destination and row
// length are 16-byte aligned, else a memcpy per row: after the clear (itself
// streaming stores) the output is out of the cache, and a memcpy's ordinary
// stores first read every line they touch from memory — on the machine the
// figures come from, a ragged 691-pixel panel took four times as long as a
// 768-pixel one. Fills and copies are therefore cut into a middle whose ends
// are on 16-pixel boundaries and narrow ragged ends.
constexpr int kPaintLine = 16;
// Columns of ground kept either side of a pre-composed text's ink, so that
// its copy can start and end on such a boundary without a ragged end.
constexpr int kTextPad = kPaintLine - 1;
// A full repaint fills the background only where no opaque rect will cover
// it, in at most this many rects; past that, one clear of it all.
constexpr std::size_t kMaxBackgroundParts = 32;

// At most N items, kept in place: the painter asks for spans and copies for
// every fill and text of a frame, and a heap allocation each was not free.
template <class T, std::size_t N>
class Few {
 public:
  Few() = default;
  Few(std::initializer_list<T> items) {
    for (const T& t : items) push_back(t);
  }
  void push_back(const T& t) { items_[size_++] = t; }  // callers never pass N
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](std::size_t i) const { return items_[i]; }
  const T* begin() const { return items_.data(); }
  const T* end() const { return items_.data() + size_; }
  std::vector<T> to_vector() const { return {begin(), end()}; }

 private:
  std::array<T, N> items_{};
  std::size_t size_ = 0;
};

int floor_to(int x, int m);
int ceil_to(int x, int m);
int mod4(int x);

// The regions where `list` differs from `last` (what the output shows; none
// yet: everything): none, a few text boxes (clock, countdowns), or the whole
// screen when the rest changed or the text boxes would be too many or too big.
std::vector<Rect> changed_regions(const std::optional<DisplayList>& last, const DisplayList& list);

// Where a text item's rendered line lands, w x h pixels: its measured width
// aligned in its box, its line height centred.
Rect line_rect(const TextItem& t, int w, int h);
// The same for the measured size of the line.
Rect text_rect(const TextItem& t);

// For each text of the list, the one solid colour under it, if there is
// one: the screen's background or one opaque rect, with no image and no
// earlier text in the way. Such text is pre-composed onto that colour once
// and then copied opaque: on the software renderer a copy is a memcpy per
// row, a blend costs per pixel — most of a new screen's paint time was
// spent blending text.
std::vector<std::optional<Color>> solid_grounds(const DisplayList& list);

// Where a full repaint must fill the background: the screen less what the
// opaque rects (a rounded one: its core) will cover. Empty optional when
// that takes more than kMaxBackgroundParts rects: clear the whole screen.
std::optional<std::vector<Rect>> background_parts(const DisplayList& list);

// The fills that paint `r` in colour of alpha `alpha`: an opaque one cut
// into a middle from and to 16-pixel boundaries and narrow ragged ends (see
// kPaintLine; uncut, a panel 691 pixels wide took 1.7 times as long as a
// clear of the whole screen), a translucent one whole (a blend reads every
// pixel whatever the cut).
Few<Rect, 3> fill_spans(Rect r, std::uint8_t alpha);

// A rounded rect: a cross of three plain rects — a band as wide as the rect
// rather than two columns `radius` pixels wide beside a tall middle: each
// row of such a column is a store to a partial cache line; on the 60-table
// board (120 rounded cards) SDL's scalar fill loop went from 11% to 7% of
// the repaint — and four corners, quadrants of a disc of `radius`.
struct RoundedParts {
  int radius = 0;            // 0: a plain rect, `cross` holds it alone
  Few<Rect, 3> cross;        // plain fills
  Rect corners_src[4];       // quadrants of the 2r x 2r disc: top-left, top-right, bottom-left, bottom-right
  Rect corners_dst[4];
};
RoundedParts rounded_parts(const RectItem& item);

// A rendered line's pixels as the painter keeps them.
struct TextPixels {
  Rect src;              // where they are in their texture
  Rect kept;             // which part of the line they are (line coordinates)
  Rect ink;              // the inked part, inside `kept`
  bool opaque = false;   // pre-composed onto its ground: copied, not blended
};
struct TextCopy {
  Rect src, dst;
};
// The copies that draw a text whose line lands at `line`: a blended text
// its ink; a pre-composed one from and to 16-pixel boundaries of the output
// as far as the kept ground allows, cut like fill_spans.
Few<TextCopy, 3> text_copies(const TextPixels& pixels, Rect line);

// Which columns a pre-composed line keeps of its w-pixel width: its ink
// and up to kTextPad columns of ground either side.
Rect kept_columns(Rect ink, int line_w, bool opaque);

}  // namespace speedmeet::ui
