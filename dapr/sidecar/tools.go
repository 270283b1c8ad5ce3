//go:build tools

// Package sidecar only pins the Dapr commands the test suite builds.
package sidecar

import (
	_ "github.com/dapr/dapr/cmd/daprd"
	_ "github.com/dapr/dapr/cmd/scheduler"
)
