#!/usr/bin/env bash
# Starts the host inside the Home Assistant add-on. The supervisor writes the user's options to /data/options.json
# and hands the add-on its API token in SUPERVISOR_TOKEN, which the host reads by itself: the token is never echoed.
set -euo pipefail
options="${CHARGEBRIDGE_OPTIONS:-/data/options.json}"
app="${CHARGEBRIDGE_APP:-/app/chargebridge.dll}"
if [ -z "${SUPERVISOR_TOKEN:-}" ]; then
  echo "chargebridge add-on: SUPERVISOR_TOKEN is not set (config.yaml needs homeassistant_api: true)" >&2
  exit 2
fi
if [ ! -f "$options" ]; then
  echo "chargebridge add-on: $options is missing; save the add-on's configuration once" >&2
  exit 2
fi
# The statistics file and the FlexMeasures outbox belong in the add-on's own /data, which survives updates; the
# variable's name has dots, which only env can set.
# GET /health on this port is the watchdog's check (config.yaml).
exec env "ChargeBridge.Apps.V2G.V2GConfig__DataFolder=${CHARGEBRIDGE_DATA:-/data}" "Health__Port=${CHARGEBRIDGE_HEALTH_PORT:-8099}" \
  dotnet "$app" run --addon-options "$options"
