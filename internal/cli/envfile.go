package cli

import (
	"fmt"
	"os"

	"github.com/djsec/djsec/internal/project"
)

// readEnvFile reads --env-file, in the dotenv syntax django-environ and
// python-decouple read. Unlike a committed .env, which the settings audit
// reads leniently, a malformed line here stops the scan: the user asked for
// these values.
func readEnvFile(name string) (map[string]string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("--env-file: %v", unwrapPath(err))
	}
	entries, errs := project.ParseDotenv(data)
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s: %v", name, errs[0])
	}
	out := make(map[string]string, len(entries))
	for _, en := range entries {
		out[en.Key] = en.Value
	}
	return out, nil
}
