package ios_test

import (
	"testing"

	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/providertest"
)

// TestConformance runs the suite every provider passes. Not parallel: Run
// sets an environment variable.
func TestConformance(t *testing.T) {
	providertest.Run(t, ios.New())
}
