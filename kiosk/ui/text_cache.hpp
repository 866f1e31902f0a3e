#pragma once
// The painter's cache of rendered text, decided without SDL: the key of a
// rendered line, the texture budget and the atlas' size, which rendered
// pixels hold ink, and which cached texts to forget. The SDL painter keeps
// the textures; this keeps the rules. Pure, tested on its own
// (tests/ui/test_text_cache.cpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ui/display_list.hpp"

namespace speedmeet::ui {

// Texts unused this many frames are forgotten; never more than kMaxTexts.
constexpr std::uint64_t kKeepTextFrames = 600;
constexpr std::size_t kMaxTexts = 4000;
// The text texture budget on small screens.
constexpr std::size_t kMinTextBytes = 8u << 20;

// One rendered line per weight, size, colour, ground (or none) and text.
std::string text_cache_key(const TextItem& item, const std::optional<Color>& ground);

// The bytes of texture kept for rendered text: `configured`, or when 0 the
// screen's own size (4 bytes a pixel), at least kMinTextBytes.
std::size_t text_budget(std::size_t configured, Size screen);

// The text atlas for a screen: as wide as the screen rounded up to 16
// pixels (rows a multiple of 64 bytes: copies stay aligned; a text line is
// never wider, one that is gets a texture of its own) and as tall as the
// budget allows, within the renderer's largest texture (0: no limit) and
// 16384 rows. A height of 0: no atlas, each text a texture of its own.
Size atlas_size(Size screen, std::size_t budget, int max_texture_w, int max_texture_h);

// Whether a line `h` rows tall goes into an atlas of `atlas` size. Not a big
// one (a table number): its shelf would take half the atlas' height, and
// with the small lines drawn in the same frame pinned here and there, room
// for the next one was often not found; kept apart, the atlas holds an idle
// and a result screen's lines, and a texture of its own costs 0.02 ms.
bool atlas_takes(int h, Size atlas);

// The bounding box of the ink in a rendered line of w x h pixels, rows
// `pitch` bytes apart: pixels with some alpha (ARGB8888, blended text) or
// of a palette index other than 0 (indexed: 8 bits a pixel, 0 the ground).
// Whole rows are OR-ed (loops the compiler vectorizes) from the top and
// from the bottom until one holds ink; the columns come from one OR of the
// inked rows into `columns` (scratch). Empty when there is none.
Rect ink_bounds(const std::uint8_t* pixels, int w, int h, int pitch, bool indexed, std::vector<std::uint8_t>& columns);

// A disc of the given radius and colour with an anti-aliased edge (4x4
// supersampled coverage), as ARGB8888 words into a 2r x 2r image whose rows
// are `stride` words apart: corners of rounded rects are its quadrants. One
// per colour, so that drawing needs no colour modulation (the software
// renderer's slow path).
void disc_pixels(int radius, Color color, std::uint32_t* pixels, int stride);

// Texts in textures of their own (big ones, and those the atlas had no room
// for) are bounded to a quarter of the budget beyond the atlas (all of it
// when there is no atlas).
std::size_t own_text_budget(std::size_t budget, bool has_atlas);

// Which of those to drop when `own_bytes` exceed `own_budget`, least
// recently drawn first, never the current frame's: `candidates` are (last
// frame drawn, bytes) of every own texture not drawn in the current frame.
// The textures last drawn at or before the returned frame go; none: keep all.
std::optional<std::uint64_t> own_texture_cut(std::vector<std::pair<std::uint64_t, std::size_t>> candidates,
                                             std::size_t own_bytes, std::size_t own_budget);

// How many texts are remembered: a sweep walks the whole cache, so it runs
// once every 64 frames, unless kMaxTexts are kept. Returns the age (frames
// since last drawn) from which texts are forgotten at `frame` — kKeepTextFrames,
// or 1 (all but this frame's) when full — or none when no sweep is due.
std::optional<std::uint64_t> sweep_age(std::uint64_t frame, std::size_t texts);

}  // namespace speedmeet::ui
