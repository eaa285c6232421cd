#!/usr/bin/env bash
# Refresh the vendored axe-core (MPL-2.0) used by tests/test_browser.py for the
# accessibility check. Vendored so `make test` needs no network; run this by hand to update.
set -euo pipefail
cd "$(dirname "$0")"
version="${1:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "axe-core@$version" --silent >/dev/null && tar xzf axe-core-*.tgz)
cp "$work/package/axe.min.js" "$work/package/LICENSE" "$work/package/LICENSE-3RD-PARTY.txt" .
node -e 'console.log(require(process.argv[1]).version)' "$work/package/package.json" > VERSION
echo "axe-core $(cat VERSION) vendored"
