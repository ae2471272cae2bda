#!/usr/bin/env bash
# `npm test`: set up what is missing, then run every suite inside a private D-Bus session
# with a freshly unlocked GNOME Keyring, so the tests use the real OS keychain without
# touching the user's own.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/setup.mjs --for-tests
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_home"
exec dbus-run-session -- bash -c '
  printf "keyflow-tests" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec node scripts/run-tests.mjs "$@"
' run-tests "$@"
