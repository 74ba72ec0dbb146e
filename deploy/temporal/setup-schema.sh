#!/bin/sh
# Creates Temporal's two databases in PostgreSQL and brings both schemas to the newest version the SQL tool
# carries: the steps scripts/temporal-cluster.ts (migrateSchema) runs before every start of the county tests'
# server. Each step does nothing when there is nothing to do, so the same script sets a new cluster up and, run
# with a newer server's SQL tool before that server first starts, upgrades an existing one.
#
#   SQL_PASSWORD=… deploy/temporal/setup-schema.sh
#
# The connection comes from the SQL tool's own variables: SQL_HOST (127.0.0.1), SQL_PORT (5432), SQL_USER
# (temporal), SQL_PASSWORD (required). The role needs CREATEDB (deploy/README.md, step 3). TEMPORAL_SQL_TOOL names
# the tool, as for scripts/temporal-server.ts; /usr/local/bin/temporal-sql-tool otherwise.
set -eu

tool=${TEMPORAL_SQL_TOOL:-/usr/local/bin/temporal-sql-tool}
export SQL_PLUGIN=postgres12_pgx
export SQL_HOST="${SQL_HOST:-127.0.0.1}"
export SQL_PORT="${SQL_PORT:-5432}"
export SQL_USER="${SQL_USER:-temporal}"
: "${SQL_PASSWORD:?set SQL_PASSWORD to the password of the PostgreSQL role $SQL_USER}"
export SQL_PASSWORD

"$tool" --version

# database, then the embedded schema it takes
for store in temporal:postgresql/v12/temporal temporal_visibility:postgresql/v12/visibility; do
  database=${store%%:*}
  schema=${store#*:}
  echo "== $database ($schema)"
  "$tool" --database "$database" create-database --defaultdb postgres
  # Version 0.0 and no schema file: only the tables that record the schema's version.
  "$tool" --database "$database" setup-schema --version 0.0
  "$tool" --database "$database" update-schema --schema-name "$schema"
done
echo "Temporal's schemas are up to date."
