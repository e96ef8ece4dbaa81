#!/bin/sh
# Installs the Debian 12 packages mamori needs to build and test, when any is
# missing.  Runs apt-get (as root, or through sudo) only when something is
# missing, so repeated `make` runs cost nothing.
set -eu

PACKAGES="build-essential clang pkg-config sqlite3 libsqlite3-dev libpq-dev postgresql
libssl-dev libsodium-dev libcjson-dev libzip-dev libxml2-dev libutf8proc-dev
libfuzzer-14-dev libclang-rt-14-dev zip bc liboath-dev libmicrohttpd-dev
libpango1.0-dev libcairo2-dev fonts-ipaexfont-mincho fonts-ipaexfont-gothic poppler-utils
chromium oathtool wrk nginx-light curl python3 sqlmap
libgmime-3.0-dev libqpdf-dev libmagic-dev libclamav-dev qpdf iptables nftables
libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# Node.js runs the tests' JSON Schema validator (OSCAL) and browser tests; a
# machine may already have its own Node.js (with npm), which is then used.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0

echo "setup: installing missing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "setup: root or sudo is needed to install:$missing" >&2; exit 1; }
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "setup: done"
