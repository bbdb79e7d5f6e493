#!/usr/bin/env bash
# Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/ without touching
# node_modules, which stays on Node's ABI for tests, the CLI and the browser preview.
# Needs internet (Electron headers or a prebuilt binary); skipped when the build already exists.
set -euo pipefail
cd "$(dirname "$0")/.."

electron_version=$(node -p "require('./node_modules/electron/package.json').version")
target=".native/electron-${electron_version}"
binary="${target}/build/Release/better_sqlite3.node"
if [ -f "$binary" ]; then
  exit 0
fi

echo "Building better-sqlite3 for Electron ${electron_version} into ${target} (once per Electron version)…"
rm -rf "$target"
mkdir -p "$target"
cp -R node_modules/better-sqlite3/{binding.gyp,src,deps,package.json} "$target/"
cd "$target"
if ../../node_modules/.bin/prebuild-install --runtime electron --target "$electron_version" --arch "$(node -p process.arch)" 2>/dev/null && [ -f build/Release/better_sqlite3.node ]; then
  echo "Installed a prebuilt Electron binary."
  exit 0
fi
# A machine-wide nodedir (set on some CI images to build against Node's own headers) would make
# node-gyp build against Node instead of Electron and silently produce the wrong ABI.
if ! env -u npm_config_nodedir -u NPM_CONFIG_NODEDIR node-gyp rebuild --release --runtime=electron --target="$electron_version" \
  --dist-url=https://electronjs.org/headers; then
  echo "Could not build better-sqlite3 for Electron ${electron_version}. This needs internet once (Electron's" >&2
  echo "headers or a prebuilt binary) and a C++ toolchain. Without Electron, use: npm run web" >&2
  rm -rf "../../${target}"
  exit 1
fi
