#!/bin/sh
pg_dump "postgresql://backup:ITPfp-fVUgOZ_*3s@db.internal.example.com/shop" > shop.sql # want "PostgreSQL password"
pg_dump "postgresql://backup:$PGPASSWORD@db.internal.example.com/shop" > shop.sql # safe: variable
