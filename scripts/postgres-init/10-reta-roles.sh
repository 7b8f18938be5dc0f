#!/usr/bin/env bash
# Create RETA's two database roles and its database. Safe to run again: it only creates
# what is missing and (re)sets the two passwords.
#
# Used twice: by the postgres image on its first start (docker-entrypoint-initdb.d, see
# docker-compose.yml) and by scripts/services for the private development cluster.
#
#   reta_owner  owns the database and runs migrations; may create the test database.
#   reta_app    what the application connects as; owns nothing, so a flaw in the
#               application cannot alter the schema or drop the history tables.
#
# Needs RETA_OWNER_PASSWORD and RETA_APP_PASSWORD in the environment; psql connects as
# POSTGRES_USER (default postgres) with the usual PGHOST/PGPORT.
set -euo pipefail
: "${RETA_OWNER_PASSWORD:?RETA_OWNER_PASSWORD must be set}"
: "${RETA_APP_PASSWORD:?RETA_APP_PASSWORD must be set}"

# \getenv keeps the passwords off command lines; :'name' quotes them as SQL literals.
psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "${POSTGRES_USER:-postgres}" \
    --dbname postgres <<'SQL'
\getenv owner_password RETA_OWNER_PASSWORD
\getenv app_password RETA_APP_PASSWORD

SELECT 'CREATE ROLE reta_owner' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reta_owner')
\gexec
SELECT 'CREATE ROLE reta_app' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reta_app')
\gexec
ALTER ROLE reta_owner LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOBYPASSRLS
    PASSWORD :'owner_password';
ALTER ROLE reta_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS
    PASSWORD :'app_password';

SELECT 'CREATE DATABASE reta OWNER reta_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'reta')
\gexec
ALTER DATABASE reta OWNER TO reta_owner;
SQL
