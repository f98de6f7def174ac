package tests

import (
	"flag"
	"os"
	"runtime"
	"testing"
)

// TestMain lets four tests run at once where `go test` would run
// GOMAXPROCS (two on a small CI machine): the black-box tests wait on HTTP,
// the database and Chromium far more than they compute (the suite uses
// under one core on average when run one test at a time). An explicit
// -parallel wins. Tests that measure the process (allocations, response
// times under attack) stay sequential, and Go runs every sequential test
// before the parallel ones; no test changes the process's environment
// (programs get their settings passed in, see runBinary).
func TestMain(m *testing.M) {
	flag.Parse()
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if !explicit && runtime.GOMAXPROCS(0) < 4 {
		_ = flag.Set("test.parallel", "4")
	}
	code := m.Run()
	if binaryDir != "" {
		_ = os.RemoveAll(binaryDir) // the server binary (tens of MB) of the process tests
	}
	os.Exit(code)
}
