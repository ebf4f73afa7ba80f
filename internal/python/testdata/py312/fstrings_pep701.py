songs = ["a", "b"]
f"{", ".join(songs)}"
f"{f"{f"{1}"}"}"
f'{x['key']}'
f"{
    x
    + 1
}"
f"{x!r:{"width"}}"
f"{'\n'.join(a)}"
f"{x # comment
}"
f"{x:{y}{z}}"
