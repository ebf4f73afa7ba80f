package secrets

import "github.com/djsec/djsec/internal/analysis"

// Rules returns the secrets rules.
func Rules() []*analysis.Rule {
	return []*analysis.Rule{
		CloudProviderKey,
		VCSToken,
		ServiceAPIKey,
		PrivateKey,
		DjangoSecretKeyLiteral,
		CredentialsInConnectionURI,
		GenericHighEntropySecret,
		JWTSecretOrToken,
		CommittedDotenvFile,
	}
}
