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
  add_test(NAME search_bench_smoke
           COMMAND ${NODE_EXECUTABLE} bench/search/run.mjs --seed-only --runs 1 --check
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(search_bench_smoke PROPERTIES
    LABELS "browser;bench"
    TIMEOUT 600
    ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
else()
  message(WARNING "node not found: the search JavaScript and browser tests are not registered")
endif()
