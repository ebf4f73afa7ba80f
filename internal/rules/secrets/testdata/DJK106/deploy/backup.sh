#!/bin/sh
pg_dump "postgresql://backup:yv!l_wROVBMENoH8@db.internal.example.com/shop" > shop.sql # want "PostgreSQL password"
pg_dump "postgresql://backup:$PGPASSWORD@db.internal.example.com/shop" > shop.sql # safe: variable
