create table r2dbc_items (
  id   bigint primary key,
  name text not null
);

insert into r2dbc_items (id, name) values (1, 'migrated over JDBC'), (2, 'read over R2DBC');
