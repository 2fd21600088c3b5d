# Search (issue 3): the JavaScript half of the shared tokenizer vectors and the
# ranking rules under node, and the search page in Debian's chromium driven by
# playwright-core (npm ci installs it; no browser is ever downloaded).
find_program(NODE_EXECUTABLE node)
if(NODE_EXECUTABLE)
  add_test(NAME search_js
           COMMAND ${NODE_EXECUTABLE} --test tests/js/tokenize.test.mjs tests/js/search-rank.test.mjs tests/js/search-forgive.test.mjs
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(search_js PROPERTIES LABELS js)

  add_test(NAME search_browser
           COMMAND ${NODE_EXECUTABLE} --test tests/browser/search.test.mjs tests/browser/search-forgive.test.mjs tests/browser/search-precision.test.mjs
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(search_browser PROPERTIES
    LABELS browser
    TIMEOUT 300
    ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")

  # The benchmark against Pagefind on the seed, once: it keeps working, and
  # bulletin keeps finding what it should with fewer bytes.
  # (the index timer is built here with the rest, and the build is timed
  # once each way: the smoke run checks the benchmark works, not the times)
  add_executable(search_index_time ${PROJECT_SOURCE_DIR}/bench/search/index-time.cpp)
  target_link_libraries(search_index_time PRIVATE bulletin_search)
  add_test(NAME search_bench_smoke
           COMMAND ${NODE_EXECUTABLE} bench/search/run.mjs --seed-only --runs 1 --build-runs 1 --check
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(search_bench_smoke PROPERTIES
    LABELS "browser;bench"
    TIMEOUT 600
    ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>;BULLETIN_INDEX_TIME=$<TARGET_FILE:search_index_time>")
else()
  message(WARNING "node not found: the search JavaScript and browser tests are not registered")
endif()
