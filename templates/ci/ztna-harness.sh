#!/bin/sh
# CI step for any CI that runs a shell, scaffolded by `ztna-harness init`. Run it from the
# repository root after `npm ci`; publish reports/ as a build artifact whatever the outcome.
#
# `run` exits 1 when a scenario failed and 2 on bad input (then there is no report to judge);
# the gate decides whether the change may land, counting waived failures apart.
set -u

npx --no-install ztna-harness run --policy ztna-gate.yaml
run_status=$?
if [ "$run_status" -ge 2 ]; then
  echo "ztna-harness run could not run (exit $run_status)" >&2
  exit "$run_status"
fi

npx --no-install ztna-harness gate reports/compliance.json --policy ztna-gate.yaml
