create table orders (id int primary key, total numeric(10, 2) not null);
