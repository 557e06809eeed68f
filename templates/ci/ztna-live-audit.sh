#!/bin/sh
# Scheduled live audit for any CI that runs a shell, scaffolded by `ztna-harness init`: collects
# the endpoint records from the FortiGates in ci/ztna-gateways.txt over SSH, compares them with
# the EMS export (ems-export.csv, when the job puts one there), publishes reports/audit/ and
# fails on the gate. Run it nightly from the repository root after `npm ci`.
#
# Secrets come from the CI's secret store, never from the repository:
#   ZTNA_AUDIT_SSH_KEY          the read-only audit administrator's private key (OpenSSH or PEM)
#   ZTNA_AUDIT_KNOWN_HOSTS      the FortiGates' known_hosts lines (ssh-keyscan, checked by hand)
#   ZTNA_HARNESS_SSH_PASSPHRASE the key's passphrase, if it has one (read by ztna-harness itself)
set -u

secrets=$(mktemp -d)
trap 'rm -rf "$secrets"' EXIT INT TERM
umask 077
printf '%s\n' "${ZTNA_AUDIT_SSH_KEY:?set ZTNA_AUDIT_SSH_KEY from the CI secret store}" > "$secrets/id"
printf '%s\n' "${ZTNA_AUDIT_KNOWN_HOSTS:?set ZTNA_AUDIT_KNOWN_HOSTS from the CI secret store}" > "$secrets/known_hosts"

ems=""
[ -f ems-export.csv ] && ems="--ems ems-export.csv"

# Exit 1: findings (a device that could not be collected included); 2: bad input or a refused
# host key. Reports are written in both cases; the gate below decides, with its default policy
# (every high finding fails): ztna-gate.yaml asks for feature coverage an audit cannot give.
# Give audit and gate a --policy of their own for waivers.
# shellcheck disable=SC2086
npx --no-install ztna-harness audit --gateways-from ci/ztna-gateways.txt \
  --ssh-key "$secrets/id" --known-hosts "$secrets/known_hosts" $ems --reports reports/audit
audit_status=$?
if [ ! -f reports/audit/compliance.json ]; then
  echo "ztna-harness audit could not run (exit $audit_status)" >&2
  exit "$audit_status"
fi

npx --no-install ztna-harness gate reports/audit/compliance.json
