-- The demo's legacy monolith: a sportsbook (sport, event, market, selection, result), horse racing
-- (meeting, race, runner) and customers with their bets.
--
-- Table and column names are a contract: the projection definitions in config/projections and the
-- demo's tests refer to them. Ids are assigned by the application, as in the monolith this imitates;
-- the sequences below exist only so that DemoSchema.seed and LoadGenerator can take new ids without
-- reading max(id). Every table keeps the default REPLICA IDENTITY on purpose: updates then arrive
-- without a "before" image, and unchanged TOASTed values (runner.notes) arrive as Debezium's
-- unavailable-value placeholder, which the bridge must handle.

create table sport (
    id   bigint primary key,
    name text   not null
);

create table event (
    id         bigint      primary key,
    sport_id   bigint      not null references sport (id),
    name       text        not null,
    start_time timestamptz not null,
    status     text        not null  -- SCHEDULED, LIVE, FINISHED, ABANDONED
);
create index event_sport_id_idx on event (sport_id);

create table market (
    id            bigint primary key,
    event_id      bigint not null references event (id) on delete cascade,
    name          text   not null,
    status        text   not null,  -- OPEN, SUSPENDED, SETTLED
    display_order int    not null
);
create index market_event_id_idx on market (event_id);

create table selection (
    id            bigint        primary key,
    market_id     bigint        not null references market (id) on delete cascade,
    name          text          not null,
    price         numeric(10,2) not null,
    status        text          not null,  -- ACTIVE, SUSPENDED, WINNER, LOSER, VOID
    display_order int           not null
);
create index selection_market_id_idx on selection (market_id);

-- market_id and selection_id carry no foreign key, as in the monolith: the bridge must cope with
-- references that point nowhere.
create table result (
    id           bigint      primary key,
    event_id     bigint      not null references event (id) on delete cascade,
    market_id    bigint      not null,
    selection_id bigint      not null,
    settled_at   timestamptz not null
);
create index result_event_id_idx on result (event_id);
create index result_market_id_idx on result (market_id);
create index result_selection_id_idx on result (selection_id);

create table meeting (
    id           bigint primary key,
    venue        text   not null,
    meeting_date date   not null,
    country      text   not null,
    going        text
);

create table race (
    id          bigint      primary key,
    meeting_id  bigint      not null references meeting (id) on delete cascade,
    name        text        not null,
    off_time    timestamptz not null,
    status      text        not null,  -- OPEN, OFF, RESULTED, ABANDONED
    distance_m  int         not null,
    resulted_at timestamptz
);
create index race_meeting_id_idx on race (meeting_id);

create table runner (
    id           bigint        primary key,
    race_id      bigint        not null references race (id) on delete cascade,
    name         text          not null,
    cloth_number int           not null,
    price        numeric(10,2),
    status       text          not null,  -- RUNNER, NON_RUNNER, WINNER, PLACED, LOST
    notes        text                     -- form comments; some are large enough to be TOASTed
);
create index runner_race_id_idx on runner (race_id);

create table customer (
    id         bigint      primary key,
    name       text        not null,
    email      text        not null,
    created_at timestamptz not null
);

-- selection_id has no foreign key either: a bet stays on the books after its market is deleted
-- (LoadGenerator voids it first).
create table bet (
    id           bigint        primary key,
    customer_id  bigint        not null references customer (id) on delete cascade,
    selection_id bigint,
    stake        numeric(12,2) not null,
    price        numeric(10,2) not null,
    status       text          not null,  -- OPEN, WON, LOST, VOID
    placed_at    timestamptz   not null,
    settled_at   timestamptz
);
create index bet_customer_id_idx on bet (customer_id);
create index bet_selection_id_idx on bet (selection_id);

create sequence sport_id_seq;
create sequence event_id_seq;
create sequence market_id_seq;
create sequence selection_id_seq;
create sequence result_id_seq;
create sequence meeting_id_seq;
create sequence race_id_seq;
create sequence runner_id_seq;
create sequence customer_id_seq;
create sequence bet_id_seq;
