include(CMakePackageConfigHelpers)

install(TARGETS dateline_common dateline_indexer dateline_query
  EXPORT DatelineTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS dateline-index dateline-search RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(component common indexer query)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${component}/include/dateline
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()

install(EXPORT DatelineTargets NAMESPACE dateline::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Dateline)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/DatelineConfig.cmake.in
  ${PROJECT_BINARY_DIR}/DatelineConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Dateline)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/DatelineConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/DatelineConfig.cmake
  ${PROJECT_BINARY_DIR}/DatelineConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/Dateline)

# The .pc file finds its prefix relative to itself, so the installed tree can
# be moved (and tests can install into a scratch prefix).
file(RELATIVE_PATH DATELINE_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${PROJECT_SOURCE_DIR}/cmake/dateline.pc.in ${PROJECT_BINARY_DIR}/dateline.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/dateline.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
