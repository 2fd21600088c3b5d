# Interrupted and concurrent builds (issue 15): SIGKILL at random moments of
# full and in-place builds of a 2,000-project site, verify after each kill;
# two builds of one output folder at once. BULLETIN_KILL_SECONDS and
# BULLETIN_KILLS make a longer run (see tests/kill/kill_test.py).
foreach(mode kill concurrent)
  add_test(NAME kill_${mode}
           COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/kill/kill_test.py ${mode}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(kill_${mode} PROPERTIES
    LABELS kill
    COST 100
    TIMEOUT 400
    ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
endforeach()
