create table if not exists orders (
  order_key    bigint primary key,
  customer_key bigint         not null,
  status       char(1)        not null,
  total_price  numeric(12, 2) not null,
  order_date   date           not null
);
