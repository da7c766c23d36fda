#!/usr/bin/env bash
# Installs what the web chat tests drive: Debian's Chromium (apt) and the real Direct Line / browser clients from npm
# (botframework-directlinejs, playwright-core; versions pinned in tests/BriefingBot.WebChat.Tests/clients/package.json)
# into that folder's node_modules (ignored by git). Safe to run again. When something cannot be installed it says why;
# the tests that need it then skip with that reason, and the other tests still run.
set -uo pipefail
cd "$(dirname "$0")/.."

clients="tests/BriefingBot.WebChat.Tests/clients"
status=0

if [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "install-test-deps: installing chromium (apt)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
      echo "install-test-deps: warning: apt-get could not install chromium; the browser test will skip" >&2
      status=1
    fi
  else
    echo "install-test-deps: warning: /usr/bin/chromium is missing and apt-get is not usable here (needs root); the browser test will skip" >&2
    status=1
  fi
fi

if command -v npm >/dev/null 2>&1; then
  if [ ! -d "$clients/node_modules/botframework-directlinejs" ] || [ ! -d "$clients/node_modules/playwright-core" ] \
     || [ "$clients/package.json" -nt "$clients/node_modules" ]; then
    echo "install-test-deps: installing the Node test clients (npm)"
    if ! (cd "$clients" && npm install --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null); then
      echo "install-test-deps: warning: npm install failed (no registry and no cache?); the Direct Line client and browser tests will skip" >&2
      status=1
    fi
  fi
else
  echo "install-test-deps: warning: npm is not installed; the Direct Line client and browser tests will skip" >&2
  status=1
fi

exit $status
