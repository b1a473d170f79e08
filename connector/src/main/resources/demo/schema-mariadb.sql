-- The demo's legacy monolith on MariaDB: the same tables and columns as schema.sql (PostgreSQL), in
-- MariaDB's types. timestamptz becomes DATETIME(3): wall-clock UTC time (the demo server runs in UTC, and
-- Debezium reads DATETIME as UTC), at the millisecond precision documents have. numeric is DECIMAL.
--
-- Foreign keys have no ON DELETE CASCADE here: InnoDB's cascades write no row events to the binlog, so
-- capture would never see the child rows go. The workload deletes children first instead.

create table sport (
    id   bigint primary key,
    name text   not null
);

create table event (
    id         bigint      primary key,
    sport_id   bigint      not null,
    name       text        not null,
    start_time datetime(3) not null,
    status     text        not null,  -- SCHEDULED, LIVE, FINISHED, ABANDONED
    foreign key (sport_id) references sport (id)
);
create index event_sport_id_idx on event (sport_id);

create table market (
    id            bigint primary key,
    event_id      bigint not null,
    name          text   not null,
    status        text   not null,  -- OPEN, SUSPENDED, SETTLED
    display_order int    not null,
    foreign key (event_id) references event (id)
);
create index market_event_id_idx on market (event_id);

create table selection (
    id            bigint        primary key,
    market_id     bigint        not null,
    name          text          not null,
    price         decimal(10,2) not null,
    status        text          not null,  -- ACTIVE, SUSPENDED, WINNER, LOSER, VOID
    display_order int           not null,
    foreign key (market_id) references market (id)
);
create index selection_market_id_idx on selection (market_id);

-- market_id and selection_id carry no foreign key, as in the monolith: the bridge must cope with
-- references that point nowhere.
create table result (
    id           bigint      primary key,
    event_id     bigint      not null,
    market_id    bigint      not null,
    selection_id bigint      not null,
    settled_at   datetime(3) not null,
    foreign key (event_id) references event (id)
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
    meeting_id  bigint      not null,
    name        text        not null,
    off_time    datetime(3) not null,
    status      text        not null,  -- OPEN, OFF, RESULTED, ABANDONED
    distance_m  int         not null,
    resulted_at datetime(3),
    foreign key (meeting_id) references meeting (id)
);
create index race_meeting_id_idx on race (meeting_id);

create table runner (
    id           bigint        primary key,
    race_id      bigint        not null,
    name         text          not null,
    cloth_number int           not null,
    price        decimal(10,2),
    status       text          not null,  -- RUNNER, NON_RUNNER, WINNER, PLACED, LOST
    notes        text,  -- form comments; some large (TOASTed on PostgreSQL)
    foreign key (race_id) references race (id)
);
create index runner_race_id_idx on runner (race_id);

create table customer (
    id         bigint      primary key,
    name       text        not null,
    email      text        not null,
    created_at datetime(3) not null
);

-- selection_id has no foreign key either: a bet stays on the books after its market is deleted
-- (LoadGenerator voids it first).
create table bet (
    id           bigint        primary key,
    customer_id  bigint        not null,
    selection_id bigint,
    stake        decimal(12,2) not null,
    price        decimal(10,2) not null,
    status       text          not null,  -- OPEN, WON, LOST, VOID
    placed_at    datetime(3)   not null,
    settled_at   datetime(3),
    foreign key (customer_id) references customer (id)
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
