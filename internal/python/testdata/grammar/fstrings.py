x = 1
f"{x}"
f"{x!r} {x!s} {x!a}"
f"{x:>10} {x:{width}} {x:{width}.{prec}} {x:%Y-%m-%d}"
f"{x=} {x = } {x=!s} {x=:>4} {x!r:^20}"
f"{'nested'} {'a' if x else 'b'}"
f'{x["key"]}'
f"{{literal}} {{{x}}} }}{{"
f"""triple {x}
{
    x + 1
} end"""
rf"raw \n {x}"
fr"\{x}\\"
F"upper {x}"
f"a" "b" f"c{x}" "d"
"a" f"b"
u"u" f"{x}"
f"{x}" f"{y}" f""
f"{x:{'>' if a else '<'}10}"
f"{3.14:.2f} {1_000:,} {x:#x}"
f"{a['b']!r:>{w}} text"
f"{lambda_:}"
f"{(lambda: 1)()}"
f"{x:{{}}}"
f"{x,y}"
f"{*x,}"
f"\N{LATIN SMALL LETTER A}{x}"
f"\t{x}\n"
f"{x}" "\x41"
f'''{x!r}'''
f"{ x }"
f"{x:}"
f"{yield}" if False else None
f"{x}{{"
f"{d['a']['b']}"
