# bulletin serve in Debian's chromium: an open page reloads itself after a
# save, shows a broken file's error and comes back once it is fixed.
find_program(NODE_EXECUTABLE node)
if(NODE_EXECUTABLE)
  add_test(NAME serve_browser
           COMMAND ${NODE_EXECUTABLE} --test tests/browser/serve.test.mjs
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(serve_browser PROPERTIES
    LABELS browser
    TIMEOUT 300
    ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
endif()
