create table orders (
  id       bigserial primary key,
  customer text           not null,
  total    numeric(12, 2) not null
);

insert into orders (customer, total) values
  ('Customer#000000001', 172799.49),
  ('Customer#000000002', 38426.09),
  ('Customer#000000003', 205654.30);
