"""Query helpers the views call; the SQL is built here, not in the views."""
from django.db import connection


def find_products(term):
    sql = "SELECT id, name FROM catalog_product WHERE name LIKE '%%" + term + "%%'"
    with connection.cursor() as cursor:
        cursor.execute(sql)  # want "SQL query built from request data \\(request.GET\\[.q.\\]\\) reaches cursor.execute"
        return cursor.fetchall()


def find_products_safely(term):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name FROM catalog_product WHERE name LIKE %s", ["%" + term + "%"])  # safe: parameterized
        return cursor.fetchall()


def order_clause(field):
    return "ORDER BY " + field


def count_for(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM %s" % table)  # safe: only ever called with constants
        return cursor.fetchone()[0]
