package probe

import "github.com/djsec/djsec/internal/analysis"

// Rules returns every live check, in id order.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{
		TLSLegacyProtocol, TLSWeakCipher, TLSNoForwardSecrecy, TLSCertUntrusted, TLSCertHostname, TLSCertExpiry, TLSWeakKey, TLSWeakSignature, TLSCertExpiring,
		TLSCipherOrder, TLSOCSPStapling, TLSWeakDH, TLSWeakCurve, TLSNoResumption, CAAMissing, CTMissing, BREACH,
		TLSHeartbleed, TLSCCSInjection, TLSInsecureRenegotiation, TLSClientRenegotiation, TLSFallbackSCSV, TLSSweet32, TLSFreak, TLSLogjam, TLSBeast, TLSPoodle, TLSCrime,
		TLSNullCipher, TLSAnonCipher, TLSLowCipher, TLSSSLv2, TLSDrown, TLSRobot, TLSTicketbleed,
		HTTPNotRedirected, HSTSMissing, HSTSWeak, CSPMissing, CSPWeak, FramingAllowed, NosniffMissing, ReferrerPolicyUnsafe,
		PermissionsPolicyMissing, CrossOriginIsolationMissing, VersionDisclosed, HeadersOversized,
		CookieNotSecure, SessionCookieNotHTTPOnly, CookieSameSite, CORSReflected, CORSNull,
		DebugEnabled, HostNotValidated, AdminExposed, DebugToolbarExposed, BrowsableAPIExposed, SchemaExposed, SilkExposed,
		SensitiveFileServed, DirectoryListing, TraceEnabled,
		BruteForceUnprotected, OpenRedirect,
		ServicePortOpen, MongoNoAuth, RedisNoAuth,
	}
}
