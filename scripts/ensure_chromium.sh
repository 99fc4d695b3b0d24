#!/usr/bin/env bash
# The browser tests (tests/serve/test_browser.py) drive Debian's Chromium. Install it with the
# system package manager when it is missing; do nothing when it is there. Playwright never
# downloads a browser of its own here.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
run_as_root=()
if [ "$(id -u)" -ne 0 ]; then
    run_as_root=(sudo)
fi
echo "installing Debian's chromium for the browser tests" >&2
"${run_as_root[@]}" apt-get update -qq
"${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
