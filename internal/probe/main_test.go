package probe

import (
	"flag"
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		ferretBuild.start() // in the background: see ferretDB
	}
	os.Exit(m.Run())
}
