#!/usr/bin/env bash
# The one test command (npm test): every gate in order, then one line summing all suites.
# Needs Chromium for the end-to-end suite: /usr/bin/chromium, or CHROMIUM_PATH.
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
status=0
log=$(mktemp)

gate() {
  local name=$1
  shift
  echo "── ${name}"
  if "$@"; then
    echo "   ${name}: ok"
  else
    echo "   ${name}: FAILED"
    status=1
    failed=$((failed + 1))
    return 1
  fi
}

strip_colours() {
  sed -E 's/\x1b\[[0-9;]*m//g' "$1"
}

count_vitest() {
  # vitest prints "Tests  12 passed | 1 failed (13)"
  local line
  line=$(strip_colours "$log" | grep -E '^\s+Tests\s' | tail -n 1)
  passed=$((passed + $(echo "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)))
  failed=$((failed + $(echo "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || echo 0)))
}

count_playwright() {
  # playwright prints "  5 passed (3.1s)" and "  1 failed"
  local plain
  plain=$(strip_colours "$log")
  passed=$((passed + $(echo "$plain" | grep -E '^\s+[0-9]+ passed' | tail -n 1 | grep -oE '[0-9]+' | head -n 1 || echo 0)))
  failed=$((failed + $(echo "$plain" | grep -E '^\s+[0-9]+ failed' | tail -n 1 | grep -oE '[0-9]+' | head -n 1 || echo 0)))
}

gate typecheck npm run -s typecheck
gate lint npm run -s lint

echo "── unit and integration (vitest)"
npx vitest run 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
count_vitest

echo "── end to end (playwright, Chromium)"
if npx electron-vite build >"$log.build" 2>&1; then
  npx playwright test 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  count_playwright
else
  cat "$log.build"
  echo "   build: FAILED"
  status=1
  failed=$((failed + 1))
fi

# The desktop smoke suite needs the Electron binary, which npm downloads only on first use; where
# there is none it is skipped and adds nothing to the count. It reuses the build made above.
electron_path_file=node_modules/electron/path.txt
if [ -f "$electron_path_file" ] && [ -e "${ELECTRON_OVERRIDE_DIST_PATH:-node_modules/electron/dist}/$(cat "$electron_path_file")" ] && [ -f out/main/index.js ]; then
  echo "── desktop smoke (playwright, Electron)"
  npx playwright test --config playwright.electron.config.ts 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  count_playwright
else
  echo "── desktop smoke (playwright, Electron): skipped, no Electron binary (npm run test:electron explains)"
fi

rm -f "$log" "$log.build"
echo "${passed} passed, ${failed} failed"
exit $status
