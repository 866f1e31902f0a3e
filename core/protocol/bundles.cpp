#include "bundles.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "json_guard.hpp"
#include "json_tree.hpp"
#include "protocol_error.hpp"

namespace speedmeet::protocol {
namespace {

constexpr int kBundleDepth = 8;

const Json& require_format(const Json& j, const char* format) {
  if (!j.is_object()) throw ProtocolError(400, "not_a_bundle", "not a speedmeet bundle (expected a JSON object)");
  const auto f = j.find("format");
  if (f == j.end() || !f->is_string() || f->get<std::string>() != format)
    throw ProtocolError(400, "not_a_bundle", std::string("not a ") + format + " file");
  const auto v = j.find("version");
  if (v == j.end() || !v->is_number_integer() || v->get<std::int64_t>() != kBundleVersion)
    throw ProtocolError(400, "bundle_version", std::string("unsupported ") + format + " version");
  return j;
}

}  // namespace

std::string make_snapshot_bundle(const Snapshot& snapshot, std::int64_t created_at_ms) {
  // Keys in nlohmann's (alphabetical) order; the snapshot, the bulk of it,
  // is written without building JSON values first.
  return "{\"created_at\":" + std::to_string(created_at_ms) + ",\"format\":" + dump(kSnapshotFormat) +
         ",\"snapshot\":" + snapshot_json(snapshot) + ",\"version\":" + std::to_string(kBundleVersion) + "}";
}

Snapshot read_snapshot_bundle(std::string_view text) {
  // Read in one pass, like GET /snapshot's answer (it is as large).
  Json envelope;
  auto snapshot = read_enveloped_snapshot(text, kBundleDepth, envelope);
  require_format(envelope, kSnapshotFormat);
  if (!snapshot) throw ProtocolError(400, "invalid_field", "the bundle has no snapshot");
  return std::move(*snapshot);
}

std::string make_journal_bundle(const std::string& device, const std::vector<JournalRow>& rows,
                                std::int64_t exported_at_ms) {
  Json out = {{"format", kJournalFormat},
              {"version", kBundleVersion},
              {"device", device},
              {"exported_at", exported_at_ms},
              {"rows", Json::array()}};
  for (const JournalRow& r : rows) out["rows"].push_back(to_json(r));
  return dump(out);
}

JournalBundle read_journal_bundle(std::string_view text) {
  const Json j = parse_json(text, kBundleDepth);
  require_format(j, kJournalFormat);
  JournalBundle bundle;
  const auto device = j.find("device");
  if (device != j.end() && device->is_string()) bundle.device = device->get<std::string>().substr(0, kMaxDeviceName);
  const auto at = j.find("exported_at");
  if (at != j.end() && at->is_number_integer()) bundle.exported_at_ms = at->get<std::int64_t>();
  const auto rows = j.find("rows");
  if (rows == j.end() || !rows->is_array()) throw ProtocolError(400, "invalid_field", "field \"rows\": must be an array");
  // The array itself, not json's iterators: GCC 12 -O2 warns falsely
  // (-Wnull-dereference) about iterating a json reached through find().
  const auto& list = rows->get_ref<const Json::array_t&>();
  bundle.rows.reserve(list.size());
  for (const Json& row : list) bundle.rows.push_back(read_uploaded_row(row));
  return bundle;
}

std::string read_file_bounded(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw std::runtime_error("cannot read " + path + ": " + ec.message());
  if (size > max_bytes)
    throw ProtocolError(413, "too_large", path + " is larger than " + std::to_string(max_bytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) throw std::runtime_error("cannot read all of " + path);
  return bytes;
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
  const std::string temp = path + ".part-" + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error("cannot create " + temp + ": " + std::strerror(errno));
  std::size_t done = 0;
  bool ok = true;
  while (ok && done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<std::size_t>(n);
  }
  const int saved = errno;
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(ok ? errno : saved));
  }
}

}  // namespace speedmeet::protocol
