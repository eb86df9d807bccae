-- Sample data, applied in the emulator profile only (application-emulator.properties): 50,000
-- TPC-H-like orders.
insert into orders (order_key, customer_key, status, total_price, order_date)
select g,
       1 + (g * 7919) % 15000,
       (array['O', 'F', 'P'])[1 + (g % 3)::int],
       round(900 + ((g * 104729) % 500000) / 1.0, 2),
       date '1992-01-01' + ((g * 13) % 2400)::int
from generate_series(1::bigint, 50000) g
on conflict (order_key) do nothing;
