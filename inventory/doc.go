// Package inventory loads an intent repository (a folder of YAML files that
// declare devices, groups, credentials and defaults), checks it, and resolves
// it into one models.Device per device.
//
// Loading keeps the source position of every value, so each problem is
// reported as a diag.Diagnostic naming file:line:col. Load reports every
// problem it finds in one pass and never panics on input. Resolve applies
// group membership (explicit lists, label selectors, nested groups) and
// intent precedence: defaults < groups (by priority, then declared order) <
// the device itself.
package inventory
