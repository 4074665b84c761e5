#!/usr/bin/env bash
# Installs geotool's system packages (Debian 12) when any is missing. Idempotent.
set -euo pipefail
PACKAGES=(libgdal-dev gdal-bin libproj-dev libtiff-dev libpng-dev libcairo2-dev fonts-dejavu-core libsqlite3-dev sqlite3
          slurm-wlm munge)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ] || [ "${GEOTOOL_FORCE_APT:-0}" = 1 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "installing system packages: ${missing[*]:-all}" >&2
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${PACKAGES[@]}"
fi
