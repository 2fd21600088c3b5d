# Ready for a government website (issue 14): axe-core in Debian's chromium over
# every page type at 360/640/1280 px in both text sizes, and the Nu Html
# Checker (vnu-jar on Debian's Java) over every page. Exit 77 (skipped) when
# the browser or Java is not installed.
foreach(part axe nu)
  add_test(NAME a11y_${part}
           COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/a11y/run.py ${part}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(a11y_${part} PROPERTIES
    LABELS "a11y;browser"
    TIMEOUT 600
    SKIP_RETURN_CODE 77
    ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
endforeach()
