a = 'single'
b = "double"
c = """triple
double"""
d = '''triple
single'''
e = b'bytes\x00\xff\n'
f = rb'raw\bytes' + Rb"x" + bR'y' + BR"z"
g = r'raw\n\'' + R"x\""
h = u'unicode' + U"x"
i = 'implicit' "concatenation" '''across''' """kinds"""
j = ('multi'
     'line'
     "concat")
k = 'line \
continuation'
l = '\a\b\f\n\r\t\v\\\'\"\0\07\077\377\777\x41\u00e9\U0001F600'
m = '\N{LATIN SMALL LETTER E WITH ACUTE}\N{EM DASH}\N{SNOWMAN}\N{latin small letter a}'
n = '\q\w unknown escapes'
o = 'ünïcödé ☃ 😀 \u200b \xad \x7f \x80 \ud800'
p = b'\u00e9 \N{x} \q'
q = '\''
r = "\""
s = '"' + "'" + '\'"'
t = b"'" + b'"' + b'\'"'
u = ''
v = b''
w = """a""" """b"""
x = quoted
y = """"quoted" """
z = 'tab	here'
