#!/bin/bash
# One-shot start step (docker-compose.yml's `opensearch-setup` service), run after the node is
# healthy and before the API and the workers start. Idempotent: every start runs it again.
#   1. copies the node's CA certificate (and only it: not the node's or the admin's keys) into the
#      `opensearch-ca` volume, which the API and the workers trust for OpenSearch alone;
#   2. creates or updates the role `presswatch` (deploy/opensearch/presswatch-role.json: the indices
#      under INDEX_PREFIX, nothing else) and the user the application connects as, mapped to it.
# It talks to the security REST API as the cluster's admin; the application never does.
set -euo pipefail

: "${OPENSEARCH_INITIAL_ADMIN_PASSWORD:?}" "${OPENSEARCH_APP_PASSWORD:?}"
url="${OPENSEARCH_URL:-https://node-0.example.com:9200}"
user="${OPENSEARCH_APP_USERNAME:-presswatch}"
prefix="${INDEX_PREFIX:-presswatch}"
# Where compose mounts the node's configuration (read-only) and the CA volume.
config_dir="${NODE_CONFIG_DIR:-/opensearch-config}"
ca_dir="${CA_DIR:-/opensearch-ca}"
here="$(dirname "$0")"

install -m 0644 "${config_dir}/root-ca.pem" "${ca_dir}/root-ca.pem"

# JSON string escaping for the password (backslash and double quote; OpenSearch refuses control characters).
escaped=${OPENSEARCH_APP_PASSWORD//\\/\\\\}
escaped=${escaped//\"/\\\"}

security() {
  curl --silent --show-error --fail-with-body --cacert "${ca_dir}/root-ca.pem" \
    -u "admin:${OPENSEARCH_INITIAL_ADMIN_PASSWORD}" -H 'Content-Type: application/json' \
    -X PUT "${url}/_plugins/_security/api/$1" --data-binary @-
  echo
}

sed "s/__PREFIX__/${prefix}/g" "${here}/presswatch-role.json" | security roles/presswatch
printf '{"password":"%s","description":"the Presswatch application"}' "$escaped" | security "internalusers/${user}"
printf '{"users":["%s"]}' "$user" | security rolesmapping/presswatch
echo "opensearch-setup: role presswatch on ${prefix}-* and user ${user} ready"
