# Writes OUTPUT, a C++ file holding the demo event's files (config/demo) as
# string constants, so `speedmeet-kiosk --demo` needs nothing on disk.
# Run at configure time; the demo files are configure dependencies.
function(speedmeet_embed_demo OUTPUT DEMO_DIR)
  set(files event.toml participants.csv wishes.csv meetings.csv)
  set(body "// Generated from config/demo by kiosk/app/embed_demo.cmake. Do not edit.\n")
  string(APPEND body "#include \"demo_event.hpp\"\n\nnamespace speedmeet::kiosk {\n\n")
  string(APPEND body "const std::vector<DemoFile>& embedded_demo_files() {\n  static const std::vector<DemoFile> files = {\n")
  foreach(f IN LISTS files)
    file(READ ${DEMO_DIR}/${f} content)
    string(FIND "${content}" ")demo\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${DEMO_DIR}/${f} contains the raw-string delimiter )demo\"")
    endif()
    string(APPEND body "      {\"${f}\", R\"demo(${content})demo\"},\n")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${DEMO_DIR}/${f})
  endforeach()
  string(APPEND body "  };\n  return files;\n}\n\n}  // namespace speedmeet::kiosk\n")
  # Written beside, then copied only when different: no rebuild on every configure.
  file(WRITE ${OUTPUT}.new "${body}")
  configure_file(${OUTPUT}.new ${OUTPUT} COPYONLY)
endfunction()
