// V4L2 lives here only.
#include "scan/v4l2/v4l2_camera.hpp"

#include <fcntl.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>
#include <vector>

#include "qr/pixel_formats.hpp"

namespace speedmeet::scan {
namespace {

// An errno from the device, with the sentence for the staff panel.
class CameraError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

int xioctl(int fd, unsigned long request, void* arg) {
  int r = 0;
  do r = ioctl(fd, request, arg);
  while (r == -1 && errno == EINTR);
  return r;
}

[[noreturn]] void fail(const std::string& device, const char* step, int error_number) {
  throw CameraError(camera_problem(device, error_number) + " [" + step + "]");
}

const char* format_name(std::uint32_t fourcc) {
  switch (fourcc) {
    case V4L2_PIX_FMT_YUYV: return "YUYV";
    case V4L2_PIX_FMT_MJPEG: return "MJPEG";
    case V4L2_PIX_FMT_GREY: return "GREY";
    default: return "other";
  }
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class Mapping {
 public:
  Mapping(void* start, std::size_t length) : start_(start), length_(length) {}
  ~Mapping() {
    if (start_ != MAP_FAILED) munmap(start_, length_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  const std::uint8_t* bytes() const { return static_cast<const std::uint8_t*>(start_); }
  std::size_t length() const { return length_; }

 private:
  void* start_;
  std::size_t length_;
};

bool lists_format(int fd, std::uint32_t fourcc) {
  v4l2_fmtdesc desc{};
  desc.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  for (desc.index = 0; xioctl(fd, VIDIOC_ENUM_FMT, &desc) == 0; ++desc.index)
    if (desc.pixelformat == fourcc) return true;
  return false;
}

// Whether the camera announces `fps` or faster for this format and size.
// Cameras that enumerate nothing get the benefit of the doubt.
bool reaches_rate(int fd, std::uint32_t fourcc, int width, int height, int fps) {
  v4l2_frmivalenum ival{};
  ival.pixel_format = fourcc;
  ival.width = static_cast<std::uint32_t>(width);
  ival.height = static_cast<std::uint32_t>(height);
  bool any = false;
  for (ival.index = 0; xioctl(fd, VIDIOC_ENUM_FRAMEINTERVALS, &ival) == 0; ++ival.index) {
    any = true;
    const v4l2_fract f = ival.type == V4L2_FRMIVAL_TYPE_DISCRETE ? ival.discrete : ival.stepwise.min;
    if (f.numerator > 0 && static_cast<double>(f.denominator) / f.numerator >= fps - 0.5) return true;
    if (ival.type != V4L2_FRMIVAL_TYPE_DISCRETE) break;
  }
  return !any;
}

std::uint32_t choose_format(int fd, const CameraSettings& s) {
  switch (s.format) {
    case CameraFormat::yuyv: return V4L2_PIX_FMT_YUYV;
    case CameraFormat::mjpeg: return V4L2_PIX_FMT_MJPEG;
    case CameraFormat::grey: return V4L2_PIX_FMT_GREY;
    case CameraFormat::automatic: break;
  }
  const bool yuyv = lists_format(fd, V4L2_PIX_FMT_YUYV);
  if (yuyv && reaches_rate(fd, V4L2_PIX_FMT_YUYV, s.width, s.height, s.frames_per_second)) return V4L2_PIX_FMT_YUYV;
  if (lists_format(fd, V4L2_PIX_FMT_MJPEG)) return V4L2_PIX_FMT_MJPEG;
  if (yuyv) return V4L2_PIX_FMT_YUYV;
  if (lists_format(fd, V4L2_PIX_FMT_GREY)) return V4L2_PIX_FMT_GREY;
  throw CameraError("camera " + s.device + " offers none of YUYV, MJPEG or GREY");
}

ScanTime arrival_of(const v4l2_buffer& buf) {
  const auto now = ScanClock::now();
  // The driver's timestamp (CLOCK_MONOTONIC, like steady_clock on Linux) is
  // when the frame was captured; trust it only when it is plausible.
  if ((buf.flags & V4L2_BUF_FLAG_TIMESTAMP_MASK) != V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC) return now;
  const auto stamp = ScanTime(std::chrono::duration_cast<ScanClock::duration>(
      std::chrono::seconds(buf.timestamp.tv_sec) + std::chrono::microseconds(buf.timestamp.tv_usec)));
  if (stamp > now || now - stamp > std::chrono::seconds(1)) return now;
  return stamp;
}

}  // namespace

std::string camera_problem(const std::string& device, int error_number) {
  switch (error_number) {
    case ENOENT:
    case ENXIO:
      return "camera " + device + " not found: plug it in (the kiosk keeps trying)";
    case ENODEV:
      return "camera " + device + " disappeared: plug it back in (the kiosk keeps trying)";
    case EBUSY:
      return "camera " + device + " is busy: another program is using it, close that program";
    case EACCES:
    case EPERM:
      return "no permission to open camera " + device + ": add the kiosk user to the 'video' group";
    case ENOTTY:
    case EINVAL:
      return device + " is not a V4L2 video capture device, or refuses the settings asked";
    default:
      return "camera " + device + " failed: " + std::strerror(error_number);
  }
}

struct V4l2Camera::Device {
  FileDescriptor fd;
  std::vector<std::unique_ptr<Mapping>> buffers;
  std::uint32_t fourcc = 0;
  int width = 0;
  int height = 0;
  int bytes_per_line = 0;
  double fps = 0;
  bool streaming = false;
  std::optional<qr::MjpegDecoder> jpeg;

  explicit Device(int descriptor) : fd(descriptor) {}
  ~Device() {
    if (streaming) {
      int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
      xioctl(fd.get(), VIDIOC_STREAMOFF, &type);
    }
    buffers.clear();  // unmapped before the descriptor closes
  }
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  qr::GrayImage convert(const std::uint8_t* bytes, std::size_t used) {
    switch (fourcc) {
      case V4L2_PIX_FMT_YUYV: return qr::yuyv_luma(bytes, used, width, height, bytes_per_line);
      case V4L2_PIX_FMT_GREY: return qr::grey_rows(bytes, used, width, height, bytes_per_line);
      default: return jpeg->decode(bytes, used);
    }
  }
};

V4l2Camera::V4l2Camera(CameraSettings settings) : settings_(std::move(settings)) { try_open(); }

V4l2Camera::~V4l2Camera() = default;

bool V4l2Camera::try_open() {
  const std::string& path = settings_.device;
  const int raw = ::open(path.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (raw < 0) {
    problem_ = camera_problem(path, errno);
    return false;
  }
  auto device = std::make_unique<Device>(raw);
  const int fd = device->fd.get();
  try {
    v4l2_capability cap{};
    if (xioctl(fd, VIDIOC_QUERYCAP, &cap) != 0) fail(path, "QUERYCAP", errno);
    const std::uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS) ? cap.device_caps : cap.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING))
      throw CameraError(path + " is not a streaming video capture device");

    v4l2_format fmt{};
    fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    fmt.fmt.pix.width = static_cast<std::uint32_t>(settings_.width);
    fmt.fmt.pix.height = static_cast<std::uint32_t>(settings_.height);
    fmt.fmt.pix.pixelformat = choose_format(fd, settings_);
    fmt.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(fd, VIDIOC_S_FMT, &fmt) != 0) fail(path, "S_FMT", errno);
    // The driver may pick another size (closest it has) or format.
    device->fourcc = fmt.fmt.pix.pixelformat;
    device->width = static_cast<int>(fmt.fmt.pix.width);
    device->height = static_cast<int>(fmt.fmt.pix.height);
    device->bytes_per_line = static_cast<int>(fmt.fmt.pix.bytesperline);
    if (device->fourcc != V4L2_PIX_FMT_YUYV && device->fourcc != V4L2_PIX_FMT_MJPEG &&
        device->fourcc != V4L2_PIX_FMT_GREY)
      throw CameraError("camera " + path + " insists on a pixel format other than YUYV, MJPEG or GREY");
    if (device->fourcc == V4L2_PIX_FMT_MJPEG) device->jpeg.emplace();

    v4l2_streamparm parm{};
    parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    parm.parm.capture.timeperframe = {1, static_cast<std::uint32_t>(std::max(1, settings_.frames_per_second))};
    if (xioctl(fd, VIDIOC_S_PARM, &parm) == 0 && parm.parm.capture.timeperframe.numerator > 0)
      device->fps = static_cast<double>(parm.parm.capture.timeperframe.denominator) /
                    parm.parm.capture.timeperframe.numerator;

    v4l2_requestbuffers req{};
    req.count = static_cast<std::uint32_t>(std::clamp(settings_.buffers, 2, 16));
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd, VIDIOC_REQBUFS, &req) != 0) fail(path, "REQBUFS", errno);
    if (req.count < 2) throw CameraError("camera " + path + " granted too few buffers");
    for (std::uint32_t i = 0; i < req.count; ++i) {
      v4l2_buffer buf{};
      buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
      buf.memory = V4L2_MEMORY_MMAP;
      buf.index = i;
      if (xioctl(fd, VIDIOC_QUERYBUF, &buf) != 0) fail(path, "QUERYBUF", errno);
      void* start = mmap(nullptr, buf.length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, buf.m.offset);
      if (start == MAP_FAILED) fail(path, "mmap", errno);
      device->buffers.push_back(std::make_unique<Mapping>(start, buf.length));
      if (xioctl(fd, VIDIOC_QBUF, &buf) != 0) fail(path, "QBUF", errno);
    }
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(fd, VIDIOC_STREAMON, &type) != 0) fail(path, "STREAMON", errno);
    device->streaming = true;
  } catch (const std::exception& e) {
    problem_ = e.what();
    return false;
  }
  device_ = std::move(device);
  problem_.clear();
  return true;
}

std::optional<GrayFrame> V4l2Camera::next_frame(std::chrono::milliseconds timeout) {
  if (!device_) {
    const auto now = ScanClock::now();
    if (now < next_attempt_) {
      std::this_thread::sleep_for(std::min<ScanClock::duration>(timeout, next_attempt_ - now));
      return std::nullopt;
    }
    next_attempt_ = now + settings_.reopen_interval;
    if (!try_open()) return std::nullopt;
  }
  const int fd = device_->fd.get();
  auto lost = [&](const char* what, int error_number) {
    problem_ = camera_problem(settings_.device, error_number) + " (" + what + ")";
    device_.reset();
    next_attempt_ = ScanClock::now() + settings_.reopen_interval;
    return std::nullopt;
  };

  pollfd pfd{fd, POLLIN, 0};
  const int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
  if (ready == 0 || (ready < 0 && errno == EINTR)) return std::nullopt;
  if (ready < 0) return lost("poll", errno);
  if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) return lost("poll", ENODEV);

  v4l2_buffer buf{};
  buf.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
  buf.memory = V4L2_MEMORY_MMAP;
  if (xioctl(fd, VIDIOC_DQBUF, &buf) != 0) {
    if (errno == EAGAIN) return std::nullopt;
    return lost("DQBUF", errno);
  }
  // Frames that piled up in the driver are stale: keep only the newest.
  for (;;) {
    v4l2_buffer newer{};
    newer.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    newer.memory = V4L2_MEMORY_MMAP;
    if (xioctl(fd, VIDIOC_DQBUF, &newer) != 0) break;
    if (xioctl(fd, VIDIOC_QBUF, &buf) != 0) return lost("QBUF", errno);
    buf = newer;
  }
  std::optional<GrayFrame> frame;
  if (buf.index < device_->buffers.size() && !(buf.flags & V4L2_BUF_FLAG_ERROR)) {
    const Mapping& mapping = *device_->buffers[buf.index];
    const std::size_t used = std::min<std::size_t>(buf.bytesused ? buf.bytesused : mapping.length(), mapping.length());
    try {
      frame.emplace();
      frame->image = device_->convert(mapping.bytes(), used);
      frame->arrived = arrival_of(buf);
      frame->sequence = sequence_++;
    } catch (const qr::FrameFormatError&) {
      frame.reset();  // a torn frame: skip it, the next one comes in 33 ms
    }
  }
  if (xioctl(fd, VIDIOC_QBUF, &buf) != 0) return lost("QBUF", errno);
  return frame;
}

std::string V4l2Camera::problem() const { return problem_; }

std::string V4l2Camera::mode() const {
  if (!device_) return {};
  std::string m = std::to_string(device_->width);
  m.append("x").append(std::to_string(device_->height)).append(" ").append(format_name(device_->fourcc));
  if (device_->fps > 0) m.append(" ").append(std::to_string(static_cast<int>(device_->fps + 0.5))).append(" fps");
  return m;
}

}  // namespace speedmeet::scan
