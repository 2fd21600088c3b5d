# Atom feed, sitemap and open data of the shipped bulletin.
add_test(NAME feeds_and_data COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/feeds/check.py
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(feeds_and_data PROPERTIES ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
