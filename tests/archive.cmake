# Publishing and archives (issue 5): frozen editions, incremental writes,
# archived notice, manifest + verify, corrections, the offline copy.
# tests/archive/check.py runs one part per test; the browser part opens the
# offline copy from file:// in Debian's chromium (playwright-core, no download).
foreach(part frozen noop removed archived verify corrections offline)
  add_test(NAME archive_${part}
           COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/archive/check.py ${part}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(archive_${part} PROPERTIES
    LABELS archive
    ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
endforeach()
# Exit 77 (skipped) when node, playwright-core or /usr/bin/chromium is missing.
add_test(NAME archive_offline_browser
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/archive/check.py offline_browser
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(archive_offline_browser PROPERTIES
  LABELS "archive;browser"
  TIMEOUT 300
  SKIP_RETURN_CODE 77
  ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
