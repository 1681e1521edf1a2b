// Package fleetgen generates realistic intent repositories of any size in
// memory, for benchmarks and load tests of loading, resolving and rendering.
package fleetgen
