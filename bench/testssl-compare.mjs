// Compares djsec's TLS findings with testssl.sh's, test by test:
//
//   node testssl-compare.mjs SITE TESTSSL.json DJSEC.json RULES.json
//
// Each row maps a testssl id to what djsec says about the same thing: a
// rule (by id, with a fragment its message must contain) or a rule found by
// name (the vulnerability tests: the row fills in once such a rule exists),
// or what the TLS grade says it saw. A row without a djsec counterpart
// prints "no djsec test", never an agreement. testssl flags a row when its
// severity is LOW or worse; WARN means testssl could not test it.
import fs from "node:fs";

const [site, tsFile, djFile, rulesFile] = process.argv.slice(2);
const ts = JSON.parse(fs.readFileSync(tsFile, "utf8"));
const dj = JSON.parse(fs.readFileSync(djFile, "utf8"));
const rules = JSON.parse(fs.readFileSync(rulesFile, "utf8")).rules || [];
const findings = dj.findings || [];
const tlsGrade = (dj.grades || []).find((g) => g.name === "tls") || { reasons: [] };
const seen = tlsGrade.reasons.filter((r) => r.startsWith("seen: ")).join("; ");
const notes = (dj.notes || []).join("\n");

const rank = { OK: 0, INFO: 0, LOW: 1, MEDIUM: 2, HIGH: 3, CRITICAL: 4, WARN: -1, DEBUG: 0 };
// The worst entry per id (testssl 3.0 writes LOGJAM twice).
const tsBy = {};
for (const e of Array.isArray(ts) ? ts : ts.scanResult || []) {
  const cur = tsBy[e.id];
  if (!cur || (rank[e.severity] ?? 0) > (rank[cur.severity] ?? 0)) tsBy[e.id] = e;
}

// By rule id with a message fragment.
const rule = (id, frag = "") => ({
  kind: "rule", label: id + (frag ? ` "${frag}"` : ""),
  exists: () => rules.some((r) => r.id === id),
  find: () => findings.filter((f) => f.rule === id && f.message.includes(frag)),
});
// By rule name: the first rule whose name matches.
const named = (re, fallback) => ({
  kind: "rule", label: `rule named /${re.source}/`,
  exists() {
    const r = rules.find((r) => re.test(r.name));
    if (r) this.label = `${r.id} ${r.name}`;
    else if (fallback) { Object.assign(this, fallback); return fallback.exists(); }
    return !!r;
  },
  find() {
    const r = rules.find((r) => re.test(r.name));
    return r ? findings.filter((f) => f.rule === r.id) : fallback ? fallback.find() : [];
  },
});
// What the grade saw, compared with testssl's finding text.
// Either of two counterparts (testssl's LOGJAM covers export DH, which a
// rule named for it judges, and a weak group of the server's own, DJL122).
const either = (a, b) => ({
  kind: "rule", label: "",
  exists() { const ea = a.exists(), eb = b.exists(); this.label = [ea && a.label, eb && b.label].filter(Boolean).join(" or "); return ea || eb; },
  find: () => [...(a.exists() ? a.find() : []), ...(b.exists() ? b.find() : [])],
});
const observed = (label, djsecSays, testsslSays) => ({ kind: "observed", label, djsecSays, testsslSays });
const untested = (why) => ({ kind: "untested", label: why });

const curveNames = { prime256v1: "secp256r1", prime192v1: "secp192r1" };
const curveSet = (s) => [...new Set(s.split(/[\s,]+/).filter(Boolean).map((c) => curveNames[c] || c))].sort().join(" ");
const offered = (f) => /^offered/.test(f.finding) || /^supported/.test(f.finding) || /^yes/.test(f.finding);

const rows = [
  // DJL145 (DROWN) supersedes DJL144 on a server that speaks SSLv2: either one means "offered".
  ["protocols", "SSLv2", either(rule("DJL144"), rule("DJL145"))],
  ["protocols", "SSLv3", named(/sslv3|poodle/)],
  ["protocols", "TLS1", rule("DJL101", "TLS 1.0")],
  ["protocols", "TLS1_1", rule("DJL101", "TLS 1.1")],
  ["protocols", "TLS1_2", observed("grade: seen TLS 1.2", () => /seen: [^;]*TLS 1\.2/.test(seen), offered)],
  ["protocols", "TLS1_3", observed("grade: seen TLS 1.3", () => /seen: [^;]*TLS 1\.3/.test(seen), offered)],
  ["ciphers", "cipherlist_NULL", named(/null-cipher/, rule("DJL141"))],
  ["ciphers", "cipherlist_aNULL", named(/anonymous-cipher/, rule("DJL142"))],
  ["ciphers", "cipherlist_EXPORT", named(/freak|export/)],
  // testssl's LOW is single DES and RC4: DJL143 judges the one, DJL102 the other.
  ["ciphers", "cipherlist_LOW", either(named(/low-cipher/, rule("DJL143")), rule("DJL102", "RC4"))],
  ["ciphers", "cipherlist_3DES_IDEA", either(rule("DJL102", "3DES"), named(/sweet32/))],
  ["ciphers", "cipherlist_AVERAGE", { kind: "rule", label: "DJL102 CBC or DJL103", exists: () => true,
    find: () => findings.filter((f) => (f.rule === "DJL102" && /CBC/.test(f.message)) || f.rule === "DJL103") }],
  ["ciphers", "PFS", { kind: "rule", label: "no forward secrecy (grade cap, DJL103 medium)", exists: () => true,
    find: () => [...findings.filter((f) => f.rule === "DJL103" && f.severity !== "low"), ...tlsGrade.reasons.filter((r) => /no forward secrecy: no ECDHE/.test(r))] }],
  ["ciphers", "FS", { kind: "rule", label: "no forward secrecy (grade cap, DJL103 medium)", exists: () => true,
    find: () => [...findings.filter((f) => f.rule === "DJL103" && f.severity !== "low"), ...tlsGrade.reasons.filter((r) => /no forward secrecy: no ECDHE/.test(r))] }],
  ["ciphers", "PFS_ECDHE_curves", observed("grade: ECDHE curves", () => curveSet((seen.match(/ECDHE curves ([^;(]*)/) || ["", ""])[1].replace("X25519MLKEM768", "")),
    (f) => curveSet(f.finding))],
  ["ciphers", "FS_ECDHE_curves", observed("grade: ECDHE curves", () => curveSet((seen.match(/ECDHE curves ([^;(]*)/) || ["", ""])[1].replace("X25519MLKEM768", "")),
    (f) => curveSet(f.finding))],
  // testssl lists the RFC 7919 groups when the server takes them (at TLS
  // 1.3), else the group it gets at TLS 1.2, which DJL122 judges.
  ["ciphers", "DH_groups", (e) => /ffdhe/.test(e.finding)
    ? observed("grade: finite-field groups", () => curveSet((seen.match(/finite-field groups ([^;]*) at TLS 1\.3/) || ["", ""])[1]), (f) => curveSet(f.finding))
    : rule("DJL122")],
  ["ciphers", "cipher_order", rule("DJL120")],
  ["certificate", "cert_chain_of_trust", rule("DJL104")],
  ["certificate", "cert_trust", rule("DJL105")],
  ["certificate", "cert_expirationStatus", either(rule("DJL106"), rule("DJL109"))],
  ["certificate", "cert_keySize", rule("DJL107")],
  ["certificate", "cert_signatureAlgorithm", rule("DJL108")],
  ["certificate", "OCSP_stapling", observed("grade: OCSP stapled", () => /OCSP stapled yes/.test(seen), (f) => /^offered/.test(f.finding))],
  ["certificate", "DNS_CAArecord", /not checked/.test(notes) && /CAA records were not checked/.test(notes) ? untested("not tested: loopback host (noted in the report)") : rule("DJL125")],
  ["certificate", "certificate_transparency", /certificate transparency was not checked/.test(notes) ? untested("not tested: loopback host (noted in the report)") : rule("DJL126")],
  // testssl's ticket test is about RFC 5077 tickets: djsec's at TLS 1.2
  // when the server also speaks TLS 1.3 (whose resumption is always by
  // ticket), else at the one version tested.
  ["resumption", "sessionresumption_ticket", observed("grade: tickets", () => {
    const m = seen.match(/tickets (yes|no) at TLS 1\.2/) || seen.match(/tickets (yes|no) at TLS 1\.\d/);
    return m ? m[1] === "yes" : false;
  }, (f) => /^supported/.test(f.finding))],
  ["resumption", "sessionresumption_ID", observed("grade: session IDs", () => /session IDs yes/.test(seen), (f) => /^supported/.test(f.finding))],
  ["vulnerabilities", "heartbleed", named(/heartbleed/)],
  ["vulnerabilities", "CCS", named(/ccs/)],
  ["vulnerabilities", "ticketbleed", rule("DJL147")],
  ["vulnerabilities", "ROBOT", rule("DJL146")],
  ["vulnerabilities", "secure_renego", named(/insecure-renegotiation/)],
  ["vulnerabilities", "secure_client_renego", named(/client-renegotiation/)],
  ["vulnerabilities", "CRIME_TLS", named(/crime|tls-compression/)],
  ["vulnerabilities", "BREACH", rule("DJL127")],
  ["vulnerabilities", "POODLE_SSL", named(/poodle|sslv3/)],
  ["vulnerabilities", "fallback_SCSV", named(/fallback/)],
  ["vulnerabilities", "SWEET32", named(/sweet32/, rule("DJL102", "3DES"))],
  ["vulnerabilities", "FREAK", named(/freak|export/)],
  ["vulnerabilities", "DROWN", rule("DJL145")],
  ["vulnerabilities", "LOGJAM", either(named(/logjam/), rule("DJL122"))],
  ["vulnerabilities", "BEAST_CBC_TLS1", named(/beast/)],
  ["vulnerabilities", "BEAST", named(/beast/)],
  ["vulnerabilities", "LUCKY13", rule("DJL102", "Lucky13")],
  ["vulnerabilities", "RC4", rule("DJL102", "RC4")],
];

const count = { agree: 0, differ: 0, "no djsec test": 0, "testssl could not test": 0 };
const short = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s).padEnd(n);
let group = "";
for (const [g, id, mm] of rows) {
  const e = tsBy[id];
  if (!e) continue; // not in this testssl version
  const m = typeof mm === "function" ? mm(e) : mm;
  if (g !== group) { console.log(`  ${g}`); group = g; }
  const tsText = `${e.severity} ${e.finding}`;
  let dText, verdict;
  if (e.severity === "WARN") {
    verdict = "testssl could not test"; dText = "-";
  } else if (m.kind === "untested") {
    verdict = "no djsec test"; dText = m.label;
  } else if (m.kind === "observed") {
    const d = m.djsecSays(), t = m.testsslSays(e);
    dText = `${m.label}: ${d === true ? "yes" : d === false ? "no" : d}`;
    verdict = d === t ? "agree" : "differ";
  } else if (!m.exists()) {
    verdict = "no djsec test"; dText = `no djsec rule yet (${m.label})`;
  } else {
    const got = m.find();
    const flagged = (rank[e.severity] ?? 0) > 0;
    dText = got.length ? `${m.label}: ${got.map((f) => (typeof f === "string" ? f : `${f.severity} ${f.message}`)).join(" | ")}` : `${m.label}: nothing`;
    verdict = flagged === got.length > 0 ? "agree" : "differ";
  }
  count[verdict]++;
  const mark = { agree: "=", differ: "≠", "no djsec test": "–", "testssl could not test": "?" }[verdict];
  console.log(`    ${mark} ${id.padEnd(26)} testssl ${short(tsText, 46)} djsec ${short(dText, 70)} ${verdict}`);
}
console.log(`  ${site}: ${count.agree} agree, ${count.differ} differ, ${count["no djsec test"]} without a djsec test, ${count["testssl could not test"]} testssl could not test`);
