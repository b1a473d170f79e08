#!/bin/bash
# Creates the bridge's own role: it may replicate and read, and nothing more. The publication is
# created here by the tables' owner, so the bridge does not need to own them.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v password="$MONOBRIDGE_SOURCE_PASSWORD" <<'SQL'
create role monobridge with login replication password :'password';
grant select on all tables in schema public to monobridge;
create publication monobridge for table public.meeting, public.race, public.runner,
    public.event, public.market, public.selection, public.customer, public.bet;
SQL
