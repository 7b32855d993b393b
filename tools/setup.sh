#!/bin/sh
# Set up NQ Desk from this source folder on Debian or Ubuntu: the system libraries Qt needs
# (and, with --test, the tools the test suite uses), then a virtual environment in .venv.
#   sh tools/setup.sh          # to run the program:   .venv/bin/nqdesk
#   sh tools/setup.sh --test   # to run the tests:     .venv/bin/python -m pytest
#   add --system-only to install the system packages and stop (.ci/run does)
# Other systems: install the equivalent of the packages below yourself, then run the two
# python3 lines at the end.
set -eu
cd "$(dirname "$0")/.."

# What Qt's window system plugin (xcb) and Qt itself load at start-up, and a font.
# python3-venv: Debian's python3 cannot make a virtual environment without it.
GUI_PACKAGES="python3-venv python3-pip
  libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0
  fonts-dejavu-core"
# The tests: PostgreSQL (second storage backend), LibreOffice and poppler (Word -> PDF ->
# PNG), Liberation fonts (Times New Roman's metrics), Xvfb and xdotool (the real-window test),
# binutils (objdump reads the DLL imports of the Windows build).
TEST_PACKAGES="postgresql libreoffice-writer-nogui poppler-utils fonts-liberation2 xvfb xdotool binutils"

extra=""
packages=$GUI_PACKAGES
system_only=""
for arg in "$@"; do
  case "$arg" in
    --test) extra="[test]"; packages="$GUI_PACKAGES $TEST_PACKAGES" ;;
    --system-only) system_only=1 ;;
    *) echo "usage: sh tools/setup.sh [--test] [--system-only]" >&2; exit 2 ;;
  esac
done

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $packages; do
    # A name may be provided by a renamed package (libglib2.0-0 -> libglib2.0-0t64).
    dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" \
      || dpkg-query -W -f '${Status}\n' "${p}t64" 2>/dev/null | grep -q "install ok installed" \
      || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "Cần cài các gói hệ thống:$missing" >&2
        echo "Hãy chạy (với quyền root): apt-get install -y$missing" >&2
        exit 1
      fi
    fi
    echo "Cài các gói hệ thống:$missing"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # shellcheck disable=SC2086
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
else
  echo "Không phải Debian/Ubuntu: hãy tự cài các thư viện tương đương với:" >&2
  echo "  $packages" >&2
fi

[ -z "$system_only" ] || exit 0
python3 -m venv .venv
.venv/bin/pip install -q -e ".$extra"
