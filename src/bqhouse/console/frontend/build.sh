#!/usr/bin/env bash
# Rebuild static/console-vendor.js (CodeMirror 6 + Chart.js) from the npm registry. Only needed
# when these versions change: the output is committed, so installing bqhouse needs no network.
# Builds in a temporary directory so that no node_modules lands in the work tree.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here/main.js" "$work/"
(cd "$work" && npm ci --no-audit --no-fund && npm run build)
cp "$work/dist/console-vendor.js" "$here/../static/console-vendor.js"
