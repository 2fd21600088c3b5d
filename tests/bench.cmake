# The benchmark's smoke run (1,000 projects, one repetition): keeps bench/ from
# rotting. It asserts no time; it fails only when a build or a tool fails.
add_test(NAME bench_smoke
         COMMAND ${PROJECT_SOURCE_DIR}/bench/run --smoke --bulletin $<TARGET_FILE:bulletin>
                 --work /dev/shm/bulletin-bench-ctest
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(bench_smoke PROPERTIES TIMEOUT 600)
