// Replays the fuzz corpus through the fuzz target in the ordinary build, so
// every input the fuzzer ever kept stays a regression test.
//   fuzz_badge_replay [DIR|FILE]...   (default: the source tree's corpus)
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

constexpr std::uintmax_t kMaxInput = 1 << 20;  // corpus files are small; refuse surprises

int replay(const std::filesystem::path& file) {
  if (std::filesystem::file_size(file) > kMaxInput) {
    std::fprintf(stderr, "%s: larger than 1 MiB, not a corpus file\n", file.c_str());
    return 1;
  }
  std::ifstream in(file, std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> roots;
  for (int i = 1; i < argc; ++i) roots.emplace_back(argv[i]);
  if (roots.empty()) roots.emplace_back(SPEEDMEET_FUZZ_CORPUS);
  int files = 0, failures = 0;
  for (const auto& root : roots) {
    std::vector<std::filesystem::path> inputs;
    if (std::filesystem::is_directory(root)) {
      for (const auto& entry : std::filesystem::directory_iterator(root))
        if (entry.is_regular_file()) inputs.push_back(entry.path());
    } else {
      inputs.push_back(root);
    }
    for (const auto& input : inputs) {
      failures += replay(input);
      ++files;
    }
  }
  std::printf("replayed %d corpus files\n", files);
  if (files == 0) {
    std::fprintf(stderr, "no corpus files found\n");
    return 1;
  }
  return failures == 0 ? 0 : 1;
}
