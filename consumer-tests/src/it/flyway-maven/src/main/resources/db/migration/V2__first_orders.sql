insert into orders values (1, 9.99), (2, 20.01);
