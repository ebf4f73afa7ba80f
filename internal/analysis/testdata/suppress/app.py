x = BAD  # djsec: ignore[DJX900] fixture value, never reaches a query
y = BAD  # want "BAD here"
z = BAD  # djsec: ignore[DJX900]
w = 1  # djsec: ignore[DJX900] nothing here
v = BAD  # djsec: ignore[DJX999] wrong rule
