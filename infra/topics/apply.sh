#!/usr/bin/env bash
# Creates the copydesk topics on the cluster named by KAFKA_BROKERS (or --brokers), idempotently.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec pnpm --silent copydesk topics apply "$@"
