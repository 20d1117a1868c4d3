#!/usr/bin/env bash
# status.sh: says which local services answer; exit 1 if any does not.
source "$(dirname "$0")/lib.sh"
here="$(dirname "$0")"
rc=0
"$here/kafka.sh" status || rc=1
"$here/s3proxy.sh" status || rc=1
"$here/redis.sh" status || rc=1
exit $rc
