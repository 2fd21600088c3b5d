# The Debian package (issue 14): cpack -G DEB, unpacked with dpkg -x into a
# temporary tree, whose binary builds the shipped bulletin with the installed theme.
add_test(NAME package_deb
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/package/deb_test.py ${PROJECT_BINARY_DIR}
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(package_deb PROPERTIES LABELS package TIMEOUT 300 SKIP_RETURN_CODE 77)
