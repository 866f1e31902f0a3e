// Camera error paths (no camera on the build machine: the missing-device,
// not-a-camera and reopen behaviour, and the sentences staff will read).
#include <catch2/catch.hpp>

#include <cerrno>

#include "scan/v4l2/v4l2_camera.hpp"
#include "support/temp_dir.hpp"

using namespace speedmeet::scan;
using namespace speedmeet::qr;
using std::chrono::milliseconds;

TEST_CASE("a missing camera says so and the kiosk keeps running", "[scan][camera]") {
  CameraSettings settings;
  settings.device = "/dev/video-speedmeet-test-missing";
  settings.reopen_interval = milliseconds(20);
  V4l2Camera camera(settings);
  CHECK(camera.problem() == "camera /dev/video-speedmeet-test-missing not found: plug it in (the kiosk keeps trying)");
  CHECK_FALSE(camera.next_frame(milliseconds(30)));
  CHECK_FALSE(camera.next_frame(milliseconds(30)));  // retried, still missing
  CHECK(camera.problem().find("not found") != std::string::npos);
  CHECK(camera.mode().empty());
  CHECK_FALSE(camera.finished());
}

TEST_CASE("a device that is not a camera is named as such", "[scan][camera]") {
  CameraSettings settings;
  settings.device = "/dev/null";
  V4l2Camera camera(settings);
  CHECK(camera.problem().find("/dev/null is not a V4L2 video capture device") != std::string::npos);
  CHECK_FALSE(camera.next_frame(milliseconds(10)));

  speedmeet::test::TempDir dir;
  settings.device = dir.write("video0", "not a device");
  V4l2Camera file_camera(settings);
  CHECK(file_camera.problem().find("is not a V4L2 video capture device") != std::string::npos);
}

TEST_CASE("busy and permission problems read as actions to take", "[scan][camera]") {
  CHECK(camera_problem("/dev/video0", EBUSY) ==
        "camera /dev/video0 is busy: another program is using it, close that program");
  CHECK(camera_problem("/dev/video0", EACCES).find("add the kiosk user to the 'video' group") != std::string::npos);
  CHECK(camera_problem("/dev/video2", ENODEV).find("plug it back in") != std::string::npos);
  CHECK(camera_problem("/dev/video0", EIO).find("camera /dev/video0 failed: ") == 0);
}
