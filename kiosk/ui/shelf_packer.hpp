#pragma once
// Where rendered texts go in the painter's text atlas, one texture of fixed
// size: shelves (rows as wide as the atlas, of one height class) stacked in
// its height, each filled left to right. Texts are never freed one by one,
// only whole shelves: when a new text finds no room, the run of adjacent
// shelves drawn longest ago that frees enough height goes — never a shelf
// drawn in the current frame, whose pixels a copy may still need. Pure (no
// SDL): the painter keeps the pixels, this keeps the bookkeeping.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "ui/display_list.hpp"

namespace speedmeet::ui {

class ShelfPacker {
 public:
  struct Place {
    std::uint64_t shelf = 0;  // never 0; never reused for another shelf
    int x = 0, y = 0;
  };

  explicit ShelfPacker(Size size);

  Size size() const { return size_; }
  // Room for a w×h item at an x that is x_phase modulo 4: the painter lines
  // a text's columns up with the screen's so that its copies run on 16-byte
  // aligned rows (SDL's streaming-store copy). Frames are numbered by the
  // caller and only grow; `now` is the current one. Shelves evicted to make
  // room are appended to `evicted` (their items are gone). Empty when the
  // item is larger than the atlas or the current frame's shelves fill it.
  std::optional<Place> place(int w, int h, int x_phase, std::uint64_t now, std::vector<std::uint64_t>& evicted);
  // The shelf's items were drawn in frame `now`.
  void touch(std::uint64_t shelf, std::uint64_t now);
  bool holds(std::uint64_t shelf) const { return shelves_.count(shelf) != 0; }
  std::size_t shelf_count() const { return shelves_.size(); }
  void clear() { shelves_.clear(); }

  // The height of the shelf an item h rows tall opens: rounded up to a step
  // of about a tenth, so lines of one font size share shelves.
  static int shelf_height(int h);

 private:
  struct Shelf {
    int y = 0, h = 0;
    int used = 0;  // columns taken from the left
    std::uint64_t last_use = 0;
  };

  Size size_;
  std::map<std::uint64_t, Shelf> shelves_;  // by id
  std::uint64_t next_id_ = 1;
};

}  // namespace speedmeet::ui
