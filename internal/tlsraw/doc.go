// Package tlsraw speaks just enough TLS by hand to run the vulnerability
// tests that crypto/tls cannot: it builds ClientHello messages for any
// version from SSLv3 to TLS 1.2, with any cipher suites (export, 3DES,
// IDEA, anonymous and signalling ones), compression methods and
// extensions (heartbeat, renegotiation_info), sends them over a plain TCP
// connection and reads the server's first flight: ServerHello,
// Certificate, ServerKeyExchange (the DH group), ServerHelloDone or an
// alert. It imports no djsec package.
//
// # Tests
//
// A Scanner runs one function per vulnerability, each returning
// Vulnerable, NotVulnerable or Untested with a one-line Detail saying what
// was seen or why it could not decide:
//
//   - Heartbleed (CVE-2014-0160), the safe form: a heartbeat request
//     claiming 16 bytes more than it carries, sent after the server's
//     first flight; a vulnerable server answers with those bytes of its
//     memory, which are never kept. Only offered when the server
//     announced the heartbeat extension.
//   - CCSInjection (CVE-2014-0224), testssl.sh's early-ChangeCipherSpec
//     method: two ChangeCipherSpec records before any key exchange; a
//     fixed server refuses with unexpected_message, a vulnerable one
//     fails to decrypt (decryption_failed, bad_record_mac).
//   - SecureRenegotiation (RFC 5746): the renegotiation SCSV must be
//     answered with an empty renegotiation_info extension.
//     ClientRenegotiation completes a handshake at the best version up to
//     TLS 1.2 (ECDHE or RSA key exchange; AES-GCM, or AES-CBC and
//     HMAC-SHA1 under TLS 1.0 to 1.2; see full.go) and sends a second
//     ClientHello inside it.
//   - FallbackSCSV (RFC 7507): a hello one version below the best one,
//     marked TLS_FALLBACK_SCSV, must draw inappropriate_fallback.
//   - SWEET32, FREAK, LOGJAM, BEAST, POODLE: suites offered alone (64-bit
//     block ciphers; RSA export; DHE export, then the DH group of a DHE
//     suite, its size and whether it is a widely shared prime; CBC under
//     TLS 1.0 or SSLv3; CBC under SSLv3).
//   - CRIME: DEFLATE offered among the compression methods.
//   - SSLv2 and DROWN: one SSLv2 CLIENT-HELLO (the two-byte-header
//     record) offering the seven SSLv2 cipher kinds; the SERVER-HELLO is
//     parsed strictly (its lengths must add up to the record's, at most
//     32767 bytes). A TLS alert, a TLS record or a closed connection
//     means no SSLv2. DROWN reads the same answer; other servers sharing
//     the key cannot be tested from one host.
//   - ROBOT (CVE-2017-13099 family; robot.go): with an RSA key exchange
//     suite, the five ClientKeyExchange encodings of the ROBOT paper
//     (correct PKCS#1 v1.5 padding, wrong first bytes, 0x00 misplaced, no
//     0x00, wrong premaster version), each with ChangeCipherSpec and a
//     garbage Finished, on five connections; answers that differ make an
//     oracle, confirmed by a second round of five (else Untested).
//   - Ticketbleed (CVE-2016-9244): a ticket from a complete handshake,
//     offered three times with a 6-byte session ID, as testssl.sh does; a
//     32-byte echo starting with those bytes, padded with bytes that
//     change, is the leak.
//
// The protocol versions the server accepts are found once per Scanner
// (one hello per version, and a crypto/tls handshake for TLS 1.3) and
// shared by the tests. A server that accepts only TLS 1.3 is not
// vulnerable to any of them.
//
// # Bounds
//
// A server is not trusted. Every exchange has a deadline from dial to the
// last byte (a server that drips bytes is cut off there); tests where
// silence is the safe answer wait at most 4 s for it. A record longer than
// 2^14+2048 bytes, a handshake message over 128 KiB, more than 256 KiB
// read on one connection, more than 512 records for one message or 32
// messages in one flight end the exchange with an error. Lengths are
// checked against the bytes received before anything is allocated for
// them, and each length inside a message is checked against what is left
// of it (cursor). All the tests of one Scanner together open at most
// MaxConns connections (default 64). A failure to connect, a timeout, a
// truncated record or an answer that is not TLS makes a test Untested,
// never NotVulnerable: only an alert or a closed connection count as the
// server refusing, except after a heartbeat, an early ChangeCipherSpec,
// a renegotiation request or ROBOT's key exchange, where silence is how a safe server answers (as
// testssl.sh reads it).
package tlsraw
