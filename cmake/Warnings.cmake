# Project-wide warning flags: the code is kept -Wall -Wextra -Wpedantic clean.
add_library(speedmeet_warnings INTERFACE)
target_compile_options(speedmeet_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wformat=2)
