// Package diag carries user-facing diagnostics: problems found in user input
// (intent YAML, daemon configuration, saved plans) with the source range they
// refer to. Loaders collect every problem they find and return them together,
// sorted by file, line and column, instead of stopping at the first one.
package diag
