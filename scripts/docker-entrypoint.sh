#!/bin/sh
# Fills what compose leaves empty: ADMIN_TOKEN and SECRETS_KEY from /var/lib/causeflow (generated
# on first use; the migrate container runs first, so it is the one that generates them),
# DATABASE_URL from POSTGRES_PASSWORD, PUBLIC_URL from the published port.
set -eu
dir=/var/lib/causeflow
if [ -z "${ADMIN_TOKEN:-}" ]; then
  [ -s "$dir/admin_token" ] || (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/admin_token")
  ADMIN_TOKEN=$(cat "$dir/admin_token")
  export ADMIN_TOKEN
fi
if [ -z "${SECRETS_KEY:-}" ]; then
  [ -s "$dir/secrets_key" ] || (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/secrets_key")
  SECRETS_KEY=$(cat "$dir/secrets_key")
  export SECRETS_KEY
fi
if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL="postgresql://postgres:${POSTGRES_PASSWORD:-causeflow}@postgres:5432/causeflow"
  export DATABASE_URL
fi
if [ -z "${PUBLIC_URL:-}" ]; then
  PUBLIC_URL="http://localhost:${HOST_PORT:-3000}"
  export PUBLIC_URL
fi
exec "$@"
