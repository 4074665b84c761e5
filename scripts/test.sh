#!/usr/bin/env bash
# Runs geotool's test suite on a fresh Debian 12 machine: installs system packages if missing,
# then `swift test`. Tests read reference data from ../shared/reference (beside the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
swift build --build-tests -j "$(nproc)"
swift test --skip-build --disable-swift-testing "$@"
