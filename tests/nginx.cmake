# Served for real (issue 5): Debian's nginx on 127.0.0.1 with the block from
# deploy/nginx-bulletin.conf, the site under /bulletin/. The crawl checks
# links, content types, .gz twins and the CSP header; the browser test loads
# pages in Debian's chromium under that CSP. Exit 77 (skipped) when nginx,
# or for the browser test playwright-core or chromium, is not installed.
foreach(part crawl browser)
  add_test(NAME nginx_${part}
           COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/nginx/nginx_test.py ${part}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(nginx_${part} PROPERTIES
    LABELS nginx
    TIMEOUT 300
    SKIP_RETURN_CODE 77
    ENVIRONMENT "BULLETIN_BINARY=$<TARGET_FILE:bulletin>")
endforeach()
set_tests_properties(nginx_browser PROPERTIES LABELS "nginx;browser")
