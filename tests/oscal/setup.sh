#!/bin/sh
# Installs the OSCAL validator's npm packages (ajv, ajv-formats, pinned by
# package-lock.json) into tests/oscal/node_modules when they are missing.
exec "$(dirname "$0")/../npm-ci.sh" "$(dirname "$0")"
