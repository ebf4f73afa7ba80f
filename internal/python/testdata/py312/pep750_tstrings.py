name = "World"
greeting = t"Hello {name}!"
query = t"SELECT * FROM users WHERE id = {user_id!r:>10} AND x = {x=}"
raw = rt"\d+{pattern}" T'{a}{b:{width}}'
html(t"<p>{request.GET['q']}</p>")
