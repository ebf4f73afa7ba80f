package cli

import (
	"testing"

	"github.com/djsec/djsec/internal/lazyre"
)

// TestExpressionsCompile compiles every lazily compiled expression of the
// packages the command line links, which would otherwise be checked only
// when the rule or probe that uses one first runs.
func TestExpressionsCompile(t *testing.T) {
	if err := lazyre.Check(); err != nil {
		t.Error(err)
	}
}
