-- For the Kafka Connect deployment (connect-compose.yml): customer-bets is split between sink tasks by
-- the customer's id, and Debezium routes a delete by the row before it, which carries customer_id only
-- with a full replica identity. monobridge connect-config customer-bets prints this statement;
-- DockerConnectDeploymentTest checks that it is here.
alter table public.bet replica identity full;
