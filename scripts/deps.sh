#!/usr/bin/env bash
# Install the Debian 12 packages Crewline needs to build, run and test — only the ones that are missing.
#
#   scripts/deps.sh              install what is missing (quiet and quick when nothing is)
#   . scripts/deps.sh            only defines CREWLINE_DEB_PACKAGES and crewline_install_deps
#   CREWLINE_SKIP_DEPS=1 ...     skip the check entirely (e.g. a machine set up by other means)
#
# Runs apt-get directly as root, through sudo otherwise. `apt-get update` runs only when something is missing.

# One list for building, running and testing: a developer machine and CI need the same packages.
CREWLINE_DEB_PACKAGES=(
    # build tools
    cmake ninja-build g++ pkg-config
    # Qt 6.4 modules, tools and the plugins Qt loads at run time (SQLite driver, positioning, SVG, translations)
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-httpserver-dev libqt6sql6-sqlite
    qt6-positioning-dev libqt6positioning6-plugins qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-translations-l10n libqt6svg6 qtkeychain-qt6-dev libgl-dev
    # libraries
    libsodium-dev libssl-dev libqrencode-dev libxlsxwriter-dev libsqlite3-dev
    # run time and tests: CJK font for printing/PDF, headless X, PDF/QR/XLSX checkers, TLS certificates, backups
    fonts-noto-cjk fonts-dejavu-core xvfb xauth poppler-utils zbar-tools python3-openpyxl openssl sqlite3 chromium chromium-driver
)

# Prints the packages of CREWLINE_DEB_PACKAGES that are not fully installed, one per line.
# One dpkg-query call for the whole list keeps the nothing-to-do case fast.
crewline_missing_deps() {
    local -A ok=()
    local pkg status
    while IFS=$'\t' read -r pkg status; do
        if [[ "$status" == "install ok installed" ]]; then ok[$pkg]=1; fi
    done < <(dpkg-query -W -f='${Package}\t${Status}\n' "${CREWLINE_DEB_PACKAGES[@]}" 2>/dev/null || true)
    for pkg in "${CREWLINE_DEB_PACKAGES[@]}"; do
        if [[ -z "${ok[$pkg]:-}" ]]; then printf '%s\n' "$pkg"; fi
    done
}

crewline_install_deps() {
    if [[ "${CREWLINE_SKIP_DEPS:-0}" == "1" ]]; then
        echo "deps: CREWLINE_SKIP_DEPS=1, not checking system packages"
        return 0
    fi
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "deps: not a Debian system (no dpkg-query/apt-get); install the equivalents of:" >&2
        echo "      ${CREWLINE_DEB_PACKAGES[*]}" >&2
        return 0
    fi

    local -a missing
    mapfile -t missing < <(crewline_missing_deps)
    if ((${#missing[@]} == 0)); then
        echo "deps: all ${#CREWLINE_DEB_PACKAGES[@]} packages present"
        return 0
    fi

    local -a as_root=()
    if [[ "$(id -u)" != "0" ]]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "deps: missing packages and no sudo; as root run:" >&2
            echo "      apt-get update && apt-get install -y ${missing[*]}" >&2
            return 1
        fi
        as_root=(sudo)
    fi

    echo "deps: installing ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 -q -y \
        --no-install-recommends install "${missing[@]}"

    # apt-get can succeed without installing a package (e.g. a name that only exists as a virtual package).
    mapfile -t missing < <(crewline_missing_deps)
    if ((${#missing[@]} != 0)); then
        echo "deps: still missing after apt-get: ${missing[*]}" >&2
        return 1
    fi
    echo "deps: done"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    crewline_install_deps
fi
