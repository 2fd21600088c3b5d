# libFuzzer targets (issue 15), built only in the clang sanitizer build
# (scripts/test configures build-asan with -DBULLETIN_SANITIZE=ON). Each runs
# for BULLETIN_FUZZ_SECONDS (default 30) from its corpus in tests/fuzz/<name>/;
# what it finds new goes to build-asan/fuzz-corpus/, a crash to
# build-asan/fuzz-crashes/ (keep it in tests/fuzz/<name>/ and fix the bug:
# every run replays the corpus first).
if(NOT BULLETIN_SANITIZE OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  return()
endif()
set(FUZZ_LIBS_front_matter bulletin_content)
set(FUZZ_LIBS_markdown bulletin_content)
set(FUZZ_LIBS_tokenize bulletin_search)
set(FUZZ_LIBS_import bulletin_import)
foreach(name front_matter markdown tokenize import)
  add_executable(fuzz_${name} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/${name}_fuzz.cpp)
  target_link_libraries(fuzz_${name} PRIVATE ${FUZZ_LIBS_${name}} bulletin_sanitizer_defaults)
  target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz-corpus/${name} ${CMAKE_BINARY_DIR}/fuzz-crashes)
  add_test(NAME fuzz_${name}
           COMMAND sh -c "exec \"$0\" -max_total_time=\${BULLETIN_FUZZ_SECONDS:-30} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=${CMAKE_BINARY_DIR}/fuzz-crashes/${name}- \"$1\" \"$2\""
                   $<TARGET_FILE:fuzz_${name}> ${CMAKE_BINARY_DIR}/fuzz-corpus/${name} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/${name})
  set_tests_properties(fuzz_${name} PROPERTIES
    LABELS fuzz
    COST 100
    TIMEOUT 900)
endforeach()
