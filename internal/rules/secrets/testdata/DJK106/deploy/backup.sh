#!/bin/sh
pg_dump "postgresql://backup:qlgv5lNBwDB_DPQg@db.internal.example.com/shop" > shop.sql # want "PostgreSQL password"
pg_dump "postgresql://backup:$PGPASSWORD@db.internal.example.com/shop" > shop.sql # safe: variable
