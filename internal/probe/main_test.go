package probe

import (
	"flag"
	"os"
	"testing"

	"github.com/djsec/djsec/internal/testenv"
)

func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() && testenv.Long() {
		ferretBuild.start() // in the background: see ferretDB
	}
	os.Exit(m.Run())
}
