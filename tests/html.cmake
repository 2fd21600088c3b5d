# Markup of every built page: HTML Tidy, one h1, lang, title, heading order, no outside loads.
add_test(NAME html_valid COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/html/validate.py
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(html_valid PROPERTIES ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
