# Every third-party library comes from a Debian package, found here once and
# exposed as an imported target. scripts/deps installs the packages.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

find_package(SQLite3 3.35 REQUIRED)                  # SQLite::SQLite3; 3.35: RETURNING
find_package(nlohmann_json 3.10 REQUIRED)            # nlohmann_json::nlohmann_json
pkg_check_modules(tomlplusplus REQUIRED IMPORTED_TARGET tomlplusplus>=3) # PkgConfig::tomlplusplus (sets TOML_HEADER_ONLY=0)
find_package(date REQUIRED)                          # date::date-tz (IANA time zones)
pkg_check_modules(sodium REQUIRED IMPORTED_TARGET libsodium)   # PkgConfig::sodium
find_package(ZXing 1.4 REQUIRED)                     # ZXing::ZXing
pkg_check_modules(cairo REQUIRED IMPORTED_TARGET cairo cairo-pdf) # PkgConfig::cairo
pkg_check_modules(pangocairo REQUIRED IMPORTED_TARGET pangocairo>=1.44 pangoft2) # PkgConfig::pangocairo: shaping, bidi, font fallback (print)
pkg_check_modules(fontconfig REQUIRED IMPORTED_TARGET fontconfig) # PkgConfig::fontconfig: FcFini frees cairo's font caches (print)
find_package(Cups 2.2 REQUIRED)                      # Cups::Cups (libcups2-dev): badges printed through a CUPS queue
find_package(CURL REQUIRED)                          # CURL::libcurl
find_package(ZLIB REQUIRED)                          # ZLIB::ZLIB (sync server gzips its answers itself)
find_package(Boost 1.81 REQUIRED)                    # Boost::headers: Beast/Asio, the sync server's HTTP layer
find_package(OpenSSL 3 REQUIRED)                     # OpenSSL::SSL: asio::ssl for serve --tls-cert
find_package(SDL2 REQUIRED)                          # SDL2::SDL2
pkg_check_modules(SDL2_ttf REQUIRED IMPORTED_TARGET SDL2_ttf)     # PkgConfig::SDL2_ttf
pkg_check_modules(fribidi REQUIRED IMPORTED_TARGET fribidi)      # PkgConfig::fribidi: the kiosk's bidi runs (SDL2_ttf shapes, FriBidi orders)
pkg_check_modules(SDL2_image REQUIRED IMPORTED_TARGET SDL2_image) # PkgConfig::SDL2_image
pkg_check_modules(turbojpeg REQUIRED IMPORTED_TARGET libturbojpeg) # PkgConfig::turbojpeg: camera MJPEG frames straight to grey
pkg_check_modules(systemd REQUIRED IMPORTED_TARGET libsystemd) # PkgConfig::systemd: the kiosk's sd_notify (READY, WATCHDOG)
pkg_check_modules(webp REQUIRED IMPORTED_TARGET libwebp)        # PkgConfig::webp: `speedmeet decode` reads WebP without SDL

if(SPEEDMEET_TESTS)
  find_package(Catch2 2 REQUIRED)                    # Catch2::Catch2
endif()

# Optional: libzbar is only the baseline decoder of bench/scan.
if(SPEEDMEET_BENCH)
  pkg_check_modules(zbar IMPORTED_TARGET zbar)                  # PkgConfig::zbar
endif()
