# Generates the testdata of the secrets rules: fake secrets in the formats
# of their issuers (never real ones), with want annotations, WANT files for
# JSON and notebooks, and safe look-alikes. The random generator is seeded,
# so a run reproduces the committed files; edit cases.py and run, from the
# package directory:
#
#   rm -rf testdata && python3 gen/gen.py testdata

import random, string, json, os, base64, sys
R = random.Random(20261122)
B32 = string.ascii_uppercase + "234567"
B62 = string.ascii_letters + string.digits
B64 = B62 + "+/"
HEX = "0123456789abcdef"
def rs(alpha, n): return "".join(R.choice(alpha) for _ in range(n))
def noseq(f):
    # regenerate until no 6-run sequence / placeholder words
    while True:
        s = f()
        low = s.lower()
        if any(w in low for w in ["test","xxxx","fake","todo","dev","demo","none","null","mock","example","sample","dummy","your","local"]): continue
        run=1; bad=False
        for i in range(1,len(s)):
            if ord(s[i])==ord(s[i-1])+1: 
                run+=1
                if run>=6: bad=True
            else: run=1
        if not bad: return s
def aws_id(): return noseq(lambda: "AKIA"+rs(B32,16))
def aws_secret(): return noseq(lambda: rs(B64,40))
def google(): return noseq(lambda: "AIza"+rs(B62+"_-",35))
def gocspx(): return noseq(lambda: "GOCSPX-"+rs(B62+"_-",28))
def azure(): return noseq(lambda: rs(B64,86)+"==")
def ghp(): return noseq(lambda: "ghp_"+rs(B62,36))
def ghpat(): return noseq(lambda: "github_pat_"+rs(B62,22)+"_"+rs(B62,59))
def gho(): return noseq(lambda: "gho_"+rs(B62,36))
def ghs(): return noseq(lambda: "ghs_"+rs(B62,36))
def glpat(): return noseq(lambda: "glpat-"+rs(B62+"_-",20))
def glrt(): return noseq(lambda: "GR1348941"+rs(B62+"_-",20))
def glptt(): return noseq(lambda: "glptt-"+rs(HEX,40))
def sk_live(): return noseq(lambda: "sk_live_"+rs(B62,24))
def rk_live(): return noseq(lambda: "rk_live_"+rs(B62,24))
def sk_test(): return "sk_test_"+noseq(lambda: rs(B62,24))
def xoxb(): return noseq(lambda: "xoxb-"+rs(string.digits,12)+"-"+rs(string.digits,13)+"-"+rs(B62,24))
def xoxp(): return noseq(lambda: "xoxp-"+rs(string.digits,12)+"-"+rs(string.digits,12)+"-"+rs(string.digits,13)+"-"+rs(HEX,32))
def slackhook(): return noseq(lambda: "https://hooks.slack.com/services/T"+rs(string.ascii_uppercase+string.digits,8)+"/B"+rs(string.ascii_uppercase+string.digits,10)+"/"+rs(B62,24))
def twsk(): return noseq(lambda: "SK"+rs(HEX,32))
def twac(): return noseq(lambda: "AC"+rs(HEX,32))
def hex32(): return noseq(lambda: rs(HEX,32))
def sendgrid(): return noseq(lambda: "SG."+rs(B62+"_-",22)+"."+rs(B62+"_-",43))
def mailgun(): return noseq(lambda: "key-"+rs(HEX,32))
def mgsign(): return noseq(lambda: rs(HEX,32)+"-"+rs(HEX,8)+"-"+rs(HEX,8))
DJ = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"
def djinsecure(): return noseq(lambda: "django-insecure-"+rs(DJ,50))
def djkey(): return noseq(lambda: rs(DJ,50))
def pw(n=14): return noseq(lambda: rs(B62+"!#^*-_", n))
def tok(n=32): return noseq(lambda: rs(B62,n))
def b64u(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")
def jwt(payload):
    h = b64u(json.dumps({"alg":"HS256","typ":"JWT"},separators=(",",":")).encode())
    p = b64u(json.dumps(payload,separators=(",",":")).encode())
    return h+"."+p+"."+noseq(lambda: rs(B62+"_-",43))
def pem_body(prefix, lines=12):
    body = prefix + rs(B64, 64*lines - len(prefix))
    return [body[i:i+64] for i in range(0,len(body),64)]

root = sys.argv[1]
def w(rel, text):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f: f.write(text)

def nb(cells):
    # cells: list of source strings; returns notebook json text
    d = {"cells": [{"cell_type":"code","execution_count":None,"id":"c%d"%i,"metadata":{},"outputs":[],"source":[l+"\n" for l in src.split("\n")]} for i,src in enumerate(cells)],
         "metadata":{"kernelspec":{"display_name":"Python 3","language":"python","name":"python3"}},"nbformat":4,"nbformat_minor":5}
    return json.dumps(d, indent=1)+"\n"

def wantfile(folder, entries):
    # entries: list of (file, needle, regexp) -> compute line numbers
    out=[]
    for f, needle, rx in entries:
        text = open(os.path.join(root, folder, f)).read().split("\n")
        ln = [i+1 for i,l in enumerate(text) if needle in l]
        assert ln, (f, needle)
        out.append('%s:%d "%s"' % (f, ln[0], rx))
    w(os.path.join(folder,"WANT"), "\n".join(out)+"\n")

exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.py")).read())
