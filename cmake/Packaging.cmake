# Two Debian packages from one build (cpack -G DEB, scripts/package):
#   speedmeet        the central program and speedmeet-serve@.service
#   speedmeet-kiosk  the kiosk, speedmeet-kiosk.service (full screen under
#                    cage), its user (sysusers.d) and /etc/speedmeet/kiosk.toml
# Installed under /usr; units in /lib/systemd/system (Debian 12's path).
# docs/DEPLOY.md installs them on a blank box.
set(units ${PROJECT_SOURCE_DIR}/config/systemd)

install(TARGETS speedmeet RUNTIME DESTINATION bin COMPONENT central)
install(FILES ${units}/speedmeet-serve@.service DESTINATION /lib/systemd/system COMPONENT central)
install(FILES ${units}/speedmeet.sysusers DESTINATION /usr/lib/sysusers.d RENAME speedmeet.conf COMPONENT central)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/API.md ${PROJECT_SOURCE_DIR}/docs/DEPLOY.md
        DESTINATION share/doc/speedmeet COMPONENT central)

install(TARGETS speedmeet-kiosk RUNTIME DESTINATION bin COMPONENT kiosk)
# The kiosk finds its fonts next to the program: ../share/speedmeet/assets.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/fonts DESTINATION share/speedmeet/assets COMPONENT kiosk)
install(FILES ${units}/speedmeet-kiosk.service DESTINATION /lib/systemd/system COMPONENT kiosk)
install(FILES ${units}/speedmeet-kiosk.sysusers DESTINATION /usr/lib/sysusers.d RENAME speedmeet-kiosk.conf
        COMPONENT kiosk)
install(FILES ${units}/kiosk.toml DESTINATION /etc/speedmeet COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/config/kiosk.toml DESTINATION share/doc/speedmeet-kiosk
        RENAME kiosk.toml.example COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/docs/DEPLOY.md DESTINATION share/doc/speedmeet-kiosk COMPONENT kiosk)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME speedmeet)
set(CPACK_PACKAGE_VENDOR "speedmeet")
set(CPACK_PACKAGE_CONTACT "speedmeet maintainers <speedmeet@example.org>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL central kiosk)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # NAME_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)  # maintainer scripts 0755, conffiles 0644
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)    # library Depends from dpkg-shlibdeps
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/speedmeet/speedmeet")

set(CPACK_DEBIAN_CENTRAL_PACKAGE_NAME speedmeet)
set(CPACK_COMPONENT_CENTRAL_DESCRIPTION
    "speed-meeting organizer tool and sync server\n The central program of speedmeet: imports people and wishes, builds\n the schedule, prints badges, serves kiosks (speedmeet-serve@.service)\n and writes reports.")
set(CPACK_DEBIAN_CENTRAL_PACKAGE_DEPENDS "systemd, fonts-dejavu-core")
set(CPACK_DEBIAN_CENTRAL_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/config/debian/speedmeet/postinst)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME speedmeet-kiosk)
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
    "speed-meeting check-in kiosk\n Full-screen badge scanning kiosk of speedmeet, started at boot under\n cage (speedmeet-kiosk.service); enrols itself from a setup code.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "systemd, cage")
set(kiosk_control ${PROJECT_SOURCE_DIR}/config/debian/speedmeet-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA ${kiosk_control}/postinst ${kiosk_control}/prerm ${kiosk_control}/conffiles)
include(CPack)
